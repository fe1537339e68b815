//! Autopay, opt-in only. A patient (or a proxy allowed billing) saves a card with Stripe (a SetupIntent
//! on the practice's account, for a customer that carries no name or email) and consents, with a cap,
//! to have finalized invoices paid with it. An hourly run charges, in each practice's early hours
//! (03:00-03:59 local), what finalized invoices owe, at most the cap, off-session; a decline is tried
//! again three days and seven days later (three tries over a week); a card that needs the patient
//! (authentication required) is never retried: the patient is sent a PHI-free notice to pay in the
//! portal. Autopay pauses while a dispute is open, and never charges while another payment is on its way.

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use portico::directory::practices;
use portico::events::{Event, EventKind};
use portico::ids::{PatientId, PaymentId, PracticeId};
use portico::notify::gate::Category;
use portico::notify::wording::TemplateKind;
use portico::payments::{Metadata, NewPaymentIntent, OffSession, Payments, PaymentsError, SetupIntent};
use portico::store::{Condition, Index, Item, Query, StoreError, Table, Write};
use serde::{Deserialize, Serialize};

use crate::keys;
use crate::model::{Account, Payment, PaymentStatus, Summary};

/// The consent a patient gives, by its version (the portal shows its words).
pub const CONSENT_VERSION: &str = "autopay-2026-11";
/// The largest cap a patient may set (minor units).
pub const MAX_CAP: i64 = 10_000_000;
/// The local hour the run charges in.
pub const RUN_HOUR: u32 = 3;
/// Days after the first try that it is tried again.
pub const RETRY_DAYS: [i64; 2] = [3, 7];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RunOutcome {
    /// Charged (its payment posts when Stripe's event arrives).
    Charged,
    /// Nothing final was owed.
    NothingDue,
    /// More was owed than the cap allows: the patient pays in the portal.
    OverCap,
    /// Declined; tried again later.
    Declined,
    /// Declined three times this week: the patient pays in the portal.
    GaveUp,
    /// The card needs the patient (authentication): the patient pays in the portal.
    NeedsPatient,
}

/// A patient's autopay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Autopay {
    pub practice_id: PracticeId,
    pub patient_id: PatientId,
    pub customer: String,
    pub payment_method: String,
    /// The most it charges at once (minor units).
    pub cap: i64,
    pub consent_version: String,
    pub consented_at: DateTime<Utc>,
    /// `patient`, or `proxy:<person>`.
    pub consented_by: String,
    pub active: bool,
    /// Tries for the amount in `tries_for` (reset when what is owed changes).
    #[serde(default)]
    pub tries: u32,
    #[serde(default)]
    pub tries_for: i64,
    #[serde(default)]
    pub next_try: Option<DateTime<Utc>>,
    /// The practice's local date of the last run that decided something.
    #[serde(default)]
    pub last_run: Option<NaiveDate>,
    #[serde(default)]
    pub last_outcome: Option<RunOutcome>,
    #[serde(default)]
    pub version: u64,
}

#[derive(Debug, Serialize, Deserialize)]
struct Customer {
    customer: String,
}

/// Where the run finds every autopay.
#[derive(Debug, Serialize, Deserialize)]
struct Pointer {
    practice_id: PracticeId,
    patient_id: PatientId,
}

#[derive(Debug, thiserror::Error)]
pub enum AutopayError {
    #[error("the card was not saved")]
    NotSaved,
    #[error("consent is required")]
    NoConsent,
    #[error("the cap is out of range")]
    Cap,
    #[error("payment provider: {0}")]
    Provider(#[from] PaymentsError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn metadata(practice: &PracticeId, patient: &PatientId, record: &str) -> Metadata {
    Metadata { practice_id: practice.to_string(), patient_id: patient.to_string(), record_id: record.to_string() }
}

pub async fn get(table: &dyn Table, practice: &PracticeId, patient: &PatientId) -> Result<Option<Autopay>, StoreError> {
    table.get(&keys::autopay(practice, patient)).await?.map(|i| i.record()).transpose()
}

/// The patient's Stripe customer on the practice's account, made once.
async fn customer(table: &dyn Table, payments: &dyn Payments, account: &Account, patient: &PatientId) -> Result<String, AutopayError> {
    let key = keys::customer(&account.practice_id, patient);
    if let Some(found) = table.get(&key).await?.map(|i| i.record::<Customer>()).transpose()? {
        return Ok(found.customer);
    }
    let meta = metadata(&account.practice_id, patient, patient.as_str());
    let id = payments.create_customer(&account.stripe_account, &meta, &format!("portico-customer-{patient}")).await?;
    match table.put(Item::from_record(key.clone(), &Customer { customer: id.clone() })?, Condition::NotExists).await {
        Ok(()) => Ok(id),
        Err(e) if e.is_condition_failed() => {
            Ok(table.get(&key).await?.map(|i| i.record::<Customer>()).transpose()?.map_or(id, |c| c.customer))
        }
        Err(e) => Err(e.into()),
    }
}

/// Starts saving a card: the SetupIntent the browser confirms (one per Idempotency-Key).
pub async fn setup(
    table: &dyn Table,
    payments: &dyn Payments,
    account: &Account,
    patient: &PatientId,
    key: &str,
) -> Result<SetupIntent, AutopayError> {
    let customer = customer(table, payments, account, patient).await?;
    let meta = metadata(&account.practice_id, patient, patient.as_str());
    let key = format!("portico-setup-{}", crate::pay::key_digest(&format!("{patient}:{key}")));
    Ok(payments.create_setup_intent(&account.stripe_account, &customer, &meta, &key).await?)
}

/// What the patient asks for: the card a confirmed SetupIntent saved, the cap, their consent.
pub struct Enrolment<'a> {
    pub setup_intent: &'a str,
    pub cap: i64,
    pub consent: bool,
    /// `patient`, or `proxy:<person>`.
    pub by: String,
}

/// Turns autopay on with the card a confirmed SetupIntent saved, the cap and the patient's consent.
pub async fn enroll(
    table: &dyn Table,
    payments: &dyn Payments,
    account: &Account,
    patient: &PatientId,
    asked: Enrolment<'_>,
    now: DateTime<Utc>,
) -> Result<Autopay, AutopayError> {
    let Enrolment { setup_intent, cap, consent, by } = asked;
    if !consent {
        return Err(AutopayError::NoConsent);
    }
    if !(1..=MAX_CAP).contains(&cap) {
        return Err(AutopayError::Cap);
    }
    let practice = &account.practice_id;
    let Some(ours) = table.get(&keys::customer(practice, patient)).await?.map(|i| i.record::<Customer>()).transpose()? else {
        return Err(AutopayError::NotSaved);
    };
    let saved = match payments.setup_intent(&account.stripe_account, setup_intent).await {
        Ok(saved) => saved,
        Err(PaymentsError::NotFound) => return Err(AutopayError::NotSaved),
        Err(e) => return Err(e.into()),
    };
    let Some(method) =
        saved.payment_method.filter(|_| saved.status == "succeeded" && saved.customer.as_deref() == Some(ours.customer.as_str()))
    else {
        return Err(AutopayError::NotSaved);
    };
    let current = get(table, practice, patient).await?;
    let autopay = Autopay {
        practice_id: practice.clone(),
        patient_id: patient.clone(),
        customer: ours.customer,
        payment_method: method,
        cap,
        consent_version: CONSENT_VERSION.into(),
        consented_at: now,
        consented_by: by,
        active: true,
        tries: 0,
        tries_for: 0,
        next_try: None,
        last_run: current.as_ref().and_then(|c| c.last_run),
        last_outcome: None,
        version: current.as_ref().map_or(1, |c| c.version + 1),
    };
    let condition = current.as_ref().map_or(Condition::NotExists, |c| Condition::VersionIs(c.version));
    let pointer = Pointer { practice_id: practice.clone(), patient_id: patient.clone() };
    let writes = vec![
        Write::put(Item::from_record(keys::autopay(practice, patient), &autopay)?, condition),
        Write::put(Item::from_record(keys::autopay_pointer(practice, patient), &pointer)?, Condition::Always),
    ];
    table.transact(writes).await?;
    Ok(autopay)
}

/// Turns autopay off (the saved card stays with Stripe, unused).
pub async fn turn_off(table: &dyn Table, practice: &PracticeId, patient: &PatientId) -> Result<(), StoreError> {
    let Some(current) = get(table, practice, patient).await? else { return Ok(()) };
    let off = Autopay { active: false, version: current.version + 1, ..current.clone() };
    table.put(Item::from_record(keys::autopay(practice, patient), &off)?, Condition::VersionIs(current.version)).await
}

/// What one run did.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct RunReport {
    pub looked_at: usize,
    pub charged: usize,
    pub declined: usize,
    pub needs_patient: usize,
}

/// What finalized invoices owe now, at most what is owed in all.
pub fn due(summary: &Summary) -> i64 {
    let finalized: i64 = summary.invoices.values().filter(|i| i.finalized && i.balance > 0).map(|i| i.balance).sum();
    finalized.min(summary.balance).max(0)
}

/// The hourly run: every active autopay whose practice is in its early hours.
pub async fn run(table: &dyn Table, payments: &dyn Payments, now: DateTime<Utc>) -> Result<RunReport, StoreError> {
    let mut report = RunReport::default();
    let mut cursor = None;
    loop {
        let page = table.query(Query::partition(Index::Table, keys::AUTOPAY_POINTERS).after(cursor)).await?;
        for item in page.items {
            let pointer: Pointer = item.record()?;
            report.looked_at += 1;
            if let Some(outcome) = run_one(table, payments, &pointer.practice_id, &pointer.patient_id, now).await? {
                match outcome {
                    RunOutcome::Charged => report.charged += 1,
                    RunOutcome::Declined | RunOutcome::GaveUp => report.declined += 1,
                    RunOutcome::NeedsPatient => report.needs_patient += 1,
                    RunOutcome::NothingDue | RunOutcome::OverCap => {}
                }
            }
        }
        cursor = page.next;
        if cursor.is_none() {
            return Ok(report);
        }
    }
}

fn notice(autopay: &Autopay, now: DateTime<Utc>) -> Result<Write, StoreError> {
    let kind = EventKind::PatientNotice {
        category: Category::Billing,
        template: TemplateKind::PaymentActionNeeded,
        urgent: false,
        item: None,
        when: None,
        still: None,
        answers_text: false,
    };
    Event::new(&autopay.practice_id, &autopay.patient_id, kind, now).write()
}

async fn run_one(
    table: &dyn Table,
    payments: &dyn Payments,
    practice: &PracticeId,
    patient: &PatientId,
    now: DateTime<Utc>,
) -> Result<Option<RunOutcome>, StoreError> {
    let Some(autopay) = get(table, practice, patient).await?.filter(|a| a.active) else { return Ok(None) };
    let Some(found) = practices::get(table, practice).await? else { return Ok(None) };
    let zone: Tz = found.settings.default_time_zone.parse().unwrap_or(chrono_tz::UTC);
    let local = now.with_timezone(&zone);
    if local.hour() != RUN_HOUR || autopay.last_run == Some(local.date_naive()) || autopay.next_try.is_some_and(|t| t > now) {
        return Ok(None);
    }
    let Some(account) = crate::accounts::get(table, practice).await? else { return Ok(None) };
    let Some(summary) = crate::screen::summary(table, practice, patient).await? else { return Ok(None) };
    if summary.autopay_paused {
        return Ok(None);
    }
    // Never beside another payment on its way (the portal's, or yesterday's autopay still processing).
    let open = table
        .query(Query::partition(Index::Table, portico::keys::patient_partition(practice, patient)).begins_with(keys::PAYMENT_PREFIX))
        .await?;
    if open.items.iter().filter_map(|i| i.record::<Payment>().ok()).any(|p| p.status == PaymentStatus::Processing) {
        return Ok(None);
    }
    let amount = due(&summary);
    let mut next = Autopay { last_run: Some(local.date_naive()), version: autopay.version + 1, ..autopay.clone() };
    if amount != autopay.tries_for {
        next.tries = 0;
        next.tries_for = amount;
        next.next_try = None;
    }
    let mut extra = Vec::new();
    let outcome = if amount <= 0 {
        RunOutcome::NothingDue
    } else if amount > autopay.cap {
        RunOutcome::OverCap
    } else if next.tries > RETRY_DAYS.len() as u32 {
        // Already told to pay in the portal: nothing more until what is owed changes.
        autopay.last_outcome.filter(|o| *o == RunOutcome::NeedsPatient).unwrap_or(RunOutcome::GaveUp)
    } else {
        let payment = Payment {
            payment_id: PaymentId::generate(now),
            practice_id: practice.clone(),
            patient_id: patient.clone(),
            amount,
            currency: account.currency.clone(),
            invoice_id: None,
            stripe_account: account.stripe_account.clone(),
            payment_intent: None,
            status: PaymentStatus::RequiresPayment,
            status_at: None,
            failure_code: None,
            refunded: 0,
            paid_by: "autopay".into(),
            created_at: now,
            succeeded_at: None,
            version: 1,
        };
        table.put(Item::from_record(keys::payment(practice, patient, &payment.payment_id), &payment)?, Condition::NotExists).await?;
        let new = NewPaymentIntent {
            amount,
            currency: account.currency.clone(),
            metadata: metadata(practice, patient, payment.payment_id.as_str()),
            statement_descriptor_suffix: Some(account.statement_descriptor.clone()),
            off_session: Some(OffSession { customer: autopay.customer.clone(), payment_method: autopay.payment_method.clone() }),
        };
        match payments.create_payment_intent(&account.stripe_account, &new, &crate::pay::intent_key(&payment.payment_id)).await {
            Ok(intent) => {
                // Named now; a failure to name it is mended by its event (adopted through the metadata).
                let _ = table.transact(crate::pay::name_intent(&payment, &intent.id)?).await;
                next.tries = 0;
                next.next_try = None;
                RunOutcome::Charged
            }
            Err(PaymentsError::Declined(code)) if code == "authentication_required" => {
                extra.push(notice(&autopay, now)?);
                next.tries = RETRY_DAYS.len() as u32 + 1;
                RunOutcome::NeedsPatient
            }
            Err(PaymentsError::Declined(_) | PaymentsError::Refused { .. }) => {
                next.tries += 1;
                match RETRY_DAYS.get(next.tries as usize - 1) {
                    Some(days) => {
                        let first = now - Duration::days(RETRY_DAYS[..next.tries as usize - 1].last().copied().unwrap_or(0));
                        next.next_try = Some(first + Duration::days(*days) - Duration::hours(1));
                        RunOutcome::Declined
                    }
                    None => {
                        extra.push(notice(&autopay, now)?);
                        RunOutcome::GaveUp
                    }
                }
            }
            // No answer: the next hour's run is another day's; try again tomorrow without counting it.
            Err(e) => return Err(StoreError::Unavailable(e.to_string())),
        }
    };
    next.last_outcome = Some(outcome);
    let mut writes = vec![Write::put(Item::from_record(keys::autopay(practice, patient), &next)?, Condition::VersionIs(autopay.version))];
    writes.append(&mut extra);
    match table.transact(writes).await {
        Ok(()) | Err(StoreError::ConditionFailed { .. }) => Ok(Some(outcome)),
        Err(e) => Err(e),
    }
}
