//! Putting a practice on Portico: an operator creates it (name, slug, time zone, country, contact
//! details, texting numbers, its own domains) and its first administrator is invited by email. Slugs,
//! domains and numbers are claimed globally, so a second practice cannot take any of them. One use-case,
//! reached by the `operator-practices-create` function (invoked with IAM permission, never through the
//! public API) and, locally, by the gateway's loopback-only operator route.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use portico::audit::{AuditEvent, AuditLog, Outcome};
use portico::clock::Clock;
use portico::directory::practices::{self, CreateError};
use portico::directory::{ConsentDocument, ConsentKind, Practice, PracticeSettings, Role, StaffMember};
use portico::domain::{Email, Phone, TimeZoneName};
use portico::identity::IdentityError;
use portico::ids::PracticeId;
use portico::lambda::Function;
use portico::store::{StoreError, Table};
use serde::{Deserialize, Serialize};

use crate::team::{TeamDeps, TeamError};

/// What the operator gives.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPractice {
    pub name: String,
    /// `<slug>.<portal domain>` is the practice's portal.
    pub slug: String,
    pub time_zone: String,
    /// ISO 3166 alpha-2.
    pub country: String,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    /// The practice's texting numbers (E.164) in its Twilio Messaging Service.
    #[serde(default)]
    pub sms_numbers: Vec<String>,
    /// The practice's own portal hosts, besides its slug's.
    #[serde(default)]
    pub custom_domains: Vec<String>,
    /// Where the practice publishes its terms, privacy notice and consents (`<site>/legal/<document>`).
    pub legal_site: String,
    pub admin_email: String,
    pub admin_name: String,
}

/// The practice created and its first administrator, invited.
#[derive(Debug, Serialize)]
pub struct Onboarded {
    pub practice_id: String,
    pub slug: String,
    pub admin_staff_id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum OnboardError {
    #[error("{0}")]
    Invalid(String),
    #[error("{0}")]
    Taken(String),
    #[error(transparent)]
    Identity(#[from] IdentityError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub struct OnboardDeps {
    pub table: Arc<dyn Table>,
    pub team: TeamDeps,
    pub audit: AuditLog,
    pub clock: Arc<dyn Clock>,
}

/// The consent documents every practice starts with, published on its own site.
pub fn default_documents(site: &str) -> Vec<ConsentDocument> {
    let doc = |kind, title: &str, summary: &str, path: &str, required| ConsentDocument {
        kind,
        version: 1,
        title: title.into(),
        summary: summary.into(),
        url: format!("{}/legal/{path}", site.trim_end_matches('/')),
        required,
    };
    vec![
        doc(ConsentKind::TermsOfUse, "Portal terms of use", "How the portal may be used.", "terms", true),
        doc(ConsentKind::PrivacyNotice, "Notice of privacy practices", "How we use and protect your health information.", "privacy", true),
        doc(
            ConsentKind::SmsMessages,
            "Text messages",
            "We may text you that something is waiting in the portal. Reply STOP to end.",
            "sms",
            false,
        ),
        doc(ConsentKind::Telehealth, "Telehealth", "Care by secure video when you and your clinician choose it.", "telehealth", false),
        doc(
            ConsentKind::FinancialPolicy,
            "Financial policy",
            "What you pay and when, fees for missed visits, and how refunds work.",
            "financial-policy",
            false,
        ),
    ]
}

fn invalid(why: impl Into<String>) -> OnboardError {
    OnboardError::Invalid(why.into())
}

/// The practice record the operator's request describes, checked field by field.
pub fn practice_record(id: PracticeId, new: &NewPractice) -> Result<Practice, OnboardError> {
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(invalid("name must be 1 to 120 characters"));
    }
    if !practices::is_valid_slug(&new.slug) {
        return Err(invalid("slug must be 2 to 40 lower-case letters, digits and hyphens, and not a reserved name (signin, www, api, …)"));
    }
    TimeZoneName::parse(&new.time_zone).map_err(|_| invalid("time_zone must be an IANA zone such as America/Chicago"))?;
    if new.country.len() != 2 || !new.country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(invalid("country must be an ISO 3166 alpha-2 code such as US"));
    }
    let phone =
        |raw: &str| Phone::parse(raw).map(|p| p.as_str().to_string()).map_err(|_| invalid(format!("{raw} is not a phone number in E.164")));
    let contact_phone = new.contact_phone.as_deref().map(phone).transpose()?;
    let sms_numbers = new.sms_numbers.iter().map(|n| phone(n)).collect::<Result<Vec<_>, _>>()?;
    let contact_email = new
        .contact_email
        .as_deref()
        .map(|e| Email::parse(e).map(|e| e.as_str().to_string()).map_err(|_| invalid("contact_email is not an email address")))
        .transpose()?;
    if !new.legal_site.starts_with("https://") {
        return Err(invalid("legal_site must be an https URL"));
    }
    Ok(Practice {
        id,
        slug: new.slug.clone(),
        name: name.to_string(),
        custom_domains: new.custom_domains.clone(),
        settings: PracticeSettings {
            contact_phone,
            contact_email,
            sms_numbers,
            consent_documents: default_documents(&new.legal_site),
            default_time_zone: new.time_zone.clone(),
            country: new.country.clone(),
            ..PracticeSettings::default()
        },
        version: 1,
    })
}

impl OnboardDeps {
    /// The operator's request, carried out and audited: `by` names how it came (the audit event's actor),
    /// and its request id is the Lambda invocation's, which CloudTrail's Invoke record joins to the
    /// operator's IAM identity.
    pub async fn onboard(&self, new: &NewPractice, by: &str) -> Result<Onboarded, OnboardError> {
        let now = self.clock.now();
        let (practice, admin) = self.create(new, now).await?;
        let event = AuditEvent {
            at: now,
            practice_id: practice.id.clone(),
            actor_kind: "operator".into(),
            actor_id: Some(by.to_string()),
            actor_roles: Vec::new(),
            action: "practice.create".into(),
            object_kind: "practice".into(),
            object_id: Some(practice.id.to_string()),
            patient_id: None,
            grant_id: None,
            outcome: Outcome::Success,
            status: 201,
            ip: None,
            user_agent: None,
            request_id: portico::lambda::invocation_id()
                .unwrap_or_else(|| PracticeId::generate(now).as_str().trim_start_matches(PracticeId::PREFIX).to_string()),
            function: OperatorPracticesCreate::NAME.into(),
        };
        self.audit.record(&event).await?;
        Ok(Onboarded { practice_id: practice.id.to_string(), slug: practice.slug, admin_staff_id: admin.staff_id.to_string() })
    }

    /// Creates the practice (claiming its slug, domains and numbers) and invites its first admin.
    pub async fn create(&self, new: &NewPractice, now: DateTime<Utc>) -> Result<(Practice, StaffMember), OnboardError> {
        let admin_email = Email::parse(&new.admin_email).map_err(|_| invalid("admin_email is not an email address"))?;
        let practice = practice_record(PracticeId::generate(now), new)?;
        let practice = match practices::create(self.table.as_ref(), &practice).await {
            Ok(practice) => practice,
            Err(CreateError::Store(e)) => return Err(e.into()),
            Err(e @ CreateError::Taken(_)) => self.unfinished(new).await?.ok_or_else(|| OnboardError::Taken(e.to_string()))?,
            Err(e) => return Err(OnboardError::Taken(e.to_string())),
        };
        let admin =
            self.team.invite(&practice.id, admin_email.as_str(), &new.admin_name, vec![Role::Admin], now).await.map_err(|e| match e {
                TeamError::Identity(e) => OnboardError::Identity(e),
                TeamError::Store(e) => OnboardError::Store(e),
                e => invalid(e.to_string()),
            })?;
        Ok((practice, admin))
    }

    /// The practice an earlier attempt of this same request created before its admin's invitation
    /// failed: same slug, and everything else the request says, and nobody on its staff yet. The retry
    /// goes on from there; any other practice holding the slug keeps it.
    async fn unfinished(&self, new: &NewPractice) -> Result<Option<Practice>, OnboardError> {
        let table = self.table.as_ref();
        let Some(existing) = practices::find_by_slug(table, &new.slug).await? else { return Ok(None) };
        let asked = practices::normalized(&practice_record(existing.id.clone(), new)?).map_err(|e| invalid(e.to_string()))?;
        let same = |p: &Practice| serde_json::to_value((&p.name, &p.slug, &p.custom_domains, &p.settings)).ok();
        if same(&asked) != same(&existing) {
            return Ok(None);
        }
        let (staff, _) = portico::directory::staff::list(table, &existing.id, None, 1).await?;
        Ok(staff.is_empty().then_some(existing))
    }
}

/// `operator-practices-create`: the operator's request (a [`NewPractice`]) in, the practice and its
/// invited admin out. Invoked with `aws lambda invoke` by an operator allowed to; the invocation's
/// request id is the audit event's, and CloudTrail's Invoke record names the operator.
pub struct OperatorPracticesCreate;

impl Function for OperatorPracticesCreate {
    const NAME: &'static str = "operator-practices-create";
    type Deps = OnboardDeps;
    type Event = NewPractice;
    type Output = Onboarded;

    async fn handle(deps: &OnboardDeps, event: NewPractice) -> Result<Onboarded, lambda_runtime::Error> {
        Ok(deps.onboard(&event, "lambda-invoke").await?)
    }
}
