//! The demo practice a newcomer signs in to, created on first start; and the helpers tests use to add
//! practices, staff and patients the same way.

use chrono::NaiveDate;
use portico::directory::{AccountStatus, Patient, Practice, PracticeSettings, Preferences, patients, practices};
use portico::domain::{DateOfBirth, Email, LanguageTag, PersonName, Phone, TimeZoneName};
use portico::identity::IdentityProvider as _;

use portico::ids::{PatientId, PracticeId};

use crate::{App, LocalError};

#[derive(Debug, Clone)]
pub struct Demo {
    pub practice: Practice,
    pub admin_email: String,
    pub front_desk_email: String,
    pub clinician_email: String,
    pub billing_email: String,
    pub patients: Vec<Patient>,
}

fn seed_error(e: impl std::fmt::Display) -> LocalError {
    LocalError::Seed(e.to_string())
}

/// A practice record with the demo's settings (consent documents, a CRM origin, contact details).
pub fn practice_record(id: PracticeId, slug: &str, name: &str) -> Practice {
    // Each practice texts from its own number (555 numbers are fictional), derived from its slug.
    let number = format!("+1555555{:04}", slug.bytes().fold(100u32, |n, b| (n * 31 + u32::from(b)) % 9000) + 100);
    Practice {
        id,
        slug: slug.to_string(),
        name: name.to_string(),
        custom_domains: Vec::new(),
        settings: PracticeSettings {
            contact_phone: Some(number.clone()),
            sms_numbers: vec![number],
            contact_email: Some(format!("frontdesk@{slug}.example")),
            consent_documents: portico_practice::onboarding::default_documents(&format!("https://{slug}.example")),
            allowed_origins: vec![format!("http://crm.{slug}.localhost:5173")],
            ..PracticeSettings::default()
        },
        version: 1,
    }
}

/// A practice with the given slug, created if it does not exist.
pub async fn practice(app: &App, slug: &str, name: &str) -> Result<Practice, LocalError> {
    let table = app.table.as_ref();
    if let Some(existing) = practices::find_by_slug(table, slug).await? {
        return Ok(existing);
    }
    let practice = practice_record(PracticeId::generate(app.clock.now()), slug, name);
    practices::create(table, &practice).await.map_err(|e| LocalError::Seed(e.to_string()))
}

/// A staff account in the local issuer; the staff record is created at first sign-in, as in AWS.
pub async fn staff(app: &App, practice: &Practice, id: &str, email: &str, groups: &[&str]) -> Result<(), LocalError> {
    app.identity.add_staff_user(id, email, &practice.id, groups).await?;
    Ok(())
}

/// A patient record as staff would enrol it.
pub fn patient_record(
    practice: &Practice,
    id: PatientId,
    name: (&str, &str),
    contact: (&str, &str),
    born: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Patient, LocalError> {
    Ok(Patient {
        practice_id: practice.id.clone(),
        patient_id: id,
        given_name: PersonName::parse(name.0).map_err(seed_error)?,
        family_name: PersonName::parse(name.1).map_err(seed_error)?,
        preferred_name: None,
        pronouns: None,
        language: LanguageTag::parse("en").map_err(seed_error)?,
        time_zone: TimeZoneName::parse(&practice.settings.default_time_zone).map_err(seed_error)?,
        date_of_birth: DateOfBirth::parse(&born.to_string(), now.date_naive()).map_err(seed_error)?,
        email: Some(Email::parse(contact.0).map_err(seed_error)?),
        phone: Some(Phone::parse(contact.1).map_err(seed_error)?),
        status: AccountStatus::Active,
        preferences: Preferences::default(),
        sms: Default::default(),
        invitation: None,
        sessions_from: None,
        proxy_only: false,
        created_at: now,
        updated_at: now,
        version: 0,
    })
}

/// Enrols a patient record: the sign-in account, then the profile and its address claims.
pub async fn enrol(app: &App, patient: &Patient) -> Result<(), LocalError> {
    app.identity.create_patient_user(&patient.practice_id, &patient.patient_id).await?;
    patients::create(app.table.as_ref(), &app.ports.hasher, patient).await.map_err(seed_error)
}

/// A patient with a sign-in account, created if the email is not yet on file.
pub async fn patient(
    app: &App,
    practice: &Practice,
    given: &str,
    family: &str,
    email: &str,
    phone: &str,
    born: NaiveDate,
) -> Result<Patient, LocalError> {
    let table = app.table.as_ref();
    let address = portico::domain::Address::Email(Email::parse(email).map_err(seed_error)?);
    if let Some(id) = patients::find_by_address(table, &app.ports.hasher, &practice.id, &address).await?
        && let Some(existing) = patients::get(table, &practice.id, &id).await?
    {
        return Ok(existing);
    }
    let now = app.clock.now();
    let patient = patient_record(practice, PatientId::generate(now), (given, family), (email, phone), born, now)?;
    enrol(app, &patient).await?;
    Ok(patient)
}

pub const DEMO_SLUG: &str = "riverside";

/// The demo: Riverside Family Practice, a member of staff in each role, and two patients.
pub async fn demo(app: &App) -> Result<Demo, LocalError> {
    let practice = practice(app, DEMO_SLUG, "Riverside Family Practice").await?;
    let admin_email = "admin@riverside.example".to_string();
    let front_desk_email = "frontdesk@riverside.example".to_string();
    let clinician_email = "clinician@riverside.example".to_string();
    let billing_email = "billing@riverside.example".to_string();
    staff(app, &practice, "staff-riverside-admin", &admin_email, &["admin"]).await?;
    staff(app, &practice, "staff-riverside-desk", &front_desk_email, &["front-desk"]).await?;
    staff(app, &practice, "staff-riverside-clinician", &clinician_email, &["clinician"]).await?;
    staff(app, &practice, "staff-riverside-billing", &billing_email, &["billing"]).await?;
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let ann = patient(app, &practice, "Ann", "Lee", "ann@example.com", "+15555550101", date(1984, 7, 2)).await?;
    let ben = patient(app, &practice, "Ben", "Ortiz", "ben@example.com", "+15555550102", date(1979, 11, 23)).await?;
    billing(app, &practice, &ann).await?;
    Ok(Demo { practice, admin_email, front_desk_email, clinician_email, billing_email, patients: vec![ann, ben] })
}

/// The demo practice's connected account on the Stripe stand-in.
pub const DEMO_STRIPE_ACCOUNT: &str = "acct_1RiversideDemo";

/// A billing account for `practice` on the Stripe stand-in (test mode, US dollars), if it has none.
pub async fn billing_account(app: &App, practice: &Practice, stripe_account: &str) -> Result<portico_billing::model::Account, LocalError> {
    let table = app.table.as_ref();
    if let Some(account) = portico_billing::accounts::get(table, &practice.id).await? {
        return Ok(account);
    }
    let account = portico_billing::model::Account {
        practice_id: practice.id.clone(),
        stripe_account: stripe_account.to_string(),
        livemode: false,
        currency: "usd".into(),
        minimum_payment: 100,
        allow_prepayment: false,
        statement_descriptor: "RIVERSIDE FP".into(),
        updated_at: app.clock.now(),
        version: 0,
    };
    portico_billing::accounts::put(table, account, None, app.clock.now()).await.map_err(seed_error)
}

/// The demo's billing: the practice's account, and one visit charged to Ann on first start.
async fn billing(app: &App, practice: &Practice, ann: &Patient) -> Result<(), LocalError> {
    let account = billing_account(app, practice, DEMO_STRIPE_ACCOUNT).await?;
    let table = app.table.as_ref();
    let source = "seed-ann-visit".to_string();
    portico_billing::ledger::post(
        table,
        portico_billing::ledger::Owner { practice: &practice.id, patient: &ann.patient_id, currency: &account.currency },
        std::slice::from_ref(&source),
        app.clock.now(),
        |draft| if draft.posted(&source) { Ok(()) } else { draft.charge(&source, None, 12_000, "Office visit", "seed", true).map(|_| ()) },
        |_, _| Ok(Vec::new()),
    )
    .await
    .map_err(seed_error)
}
