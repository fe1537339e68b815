//! Autopay, opt-in only. A patient (or a proxy allowed billing) saves a card with Stripe (a SetupIntent
//! on the practice's account, for a customer that carries no name or email) and consents, with a cap,
//! to have finalized invoices paid with it. An hourly run charges, in each practice's early hours
//! (03:00-05:59 local, once a night), what finalized invoices owe, at most the cap, off-session; a decline is tried
//! again three days and seven days later (three tries over a week); a card that needs the patient
//! (authentication required) is never retried: the patient is sent a PHI-free notice to pay in the
//! portal. Autopay pauses while a dispute is open, and never charges while another payment is on its way.
//!
//! Exactly one charge per patient per night: a run first claims the night (the autopay item, under its
//! version, with the payment it is about to make, and the patient's pay lock) and only the run that won
//! the claim asks Stripe, with a key derived from that payment. A run that stopped after claiming is
//! finished by the next run from the claimed payment (the same key gives the same PaymentIntent).

use chrono::{DateTime, Datelike, Duration, DurationRound, NaiveDate, TimeZone, Timelike, Utc};
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

/// The consent a patient gives, by its version: the words below are what that version says, and the
/// portal shows them as the server keeps them. New words are a new version (and a new pair of texts);
/// an agreement to an older version is refused, so the record always names the words agreed to.
pub const CONSENT_VERSION: &str = "autopay-2026-11";

/// The current consent's words, in English and Spanish.
pub const CONSENT_EN: &str = "I agree: each month, in the early hours, you may charge my saved card for bills that are final, up to the limit I set, and never more than my limit. If a payment doesn’t go through you’ll tell me and I can pay here.";
pub const CONSENT_ES: &str = "Acepto: cada mes, de madrugada, pueden cobrar a mi tarjeta guardada las facturas que ya son definitivas, hasta el límite que fijé y nunca más que ese límite. Si un pago no se completa, me avisarán y podré pagar aquí.";
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
    /// The connected account the card was saved on (a practice that changes accounts asks again).
    pub stripe_account: String,
    /// Tries for the amount in `tries_for` (reset when what is owed changes).
    #[serde(default)]
    pub tries: u32,
    #[serde(default)]
    pub tries_for: i64,
    /// The local date of the first try for `tries_for`; retries are 3 and 7 days after it.
    #[serde(default)]
    pub first_try: Option<NaiveDate>,
    /// A night's charge claimed and not yet settled: the payment it made.
    #[serde(default)]
    pub in_flight: Option<PaymentId>,
    /// The practice's local date of the last run that decided something.
    #[serde(default)]
    pub last_run: Option<NaiveDate>,
    #[serde(default)]
    pub last_outcome: Option<RunOutcome>,
    /// When the last run that decided something did.
    #[serde(default)]
    pub last_run_at: Option<DateTime<Utc>>,
    /// What that run charged (minor units); `None` when it charged nothing.
    #[serde(default)]
    pub last_amount: Option<i64>,
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
    /// The payment method is still being confirmed (a bank account's verification): nothing is on.
    #[error("the payment method is still being confirmed")]
    Processing,
    #[error("consent is required")]
    NoConsent,
    #[error("the consent's words changed since they were shown")]
    ConsentChanged,
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
    let key = keys::customer(&account.practice_id, patient, &account.stripe_account);
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
    /// The version of the words the patient was shown.
    pub consent_version: &'a str,
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
    let Enrolment { setup_intent, cap, consent, consent_version, by } = asked;
    if !consent {
        return Err(AutopayError::NoConsent);
    }
    if consent_version != CONSENT_VERSION {
        return Err(AutopayError::ConsentChanged);
    }
    if !(1..=MAX_CAP).contains(&cap) {
        return Err(AutopayError::Cap);
    }
    let practice = &account.practice_id;
    let Some(ours) =
        table.get(&keys::customer(practice, patient, &account.stripe_account)).await?.map(|i| i.record::<Customer>()).transpose()?
    else {
        return Err(AutopayError::NotSaved);
    };
    let saved = match payments.setup_intent(&account.stripe_account, setup_intent).await {
        Ok(saved) => saved,
        Err(PaymentsError::NotFound) => return Err(AutopayError::NotSaved),
        Err(e) => return Err(e.into()),
    };
    if saved.customer.as_deref() != Some(ours.customer.as_str()) {
        return Err(AutopayError::NotSaved);
    }
    if saved.status == "processing" {
        return Err(AutopayError::Processing);
    }
    let Some(method) = saved.payment_method.filter(|_| saved.status == "succeeded") else {
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
        stripe_account: account.stripe_account.clone(),
        tries: 0,
        tries_for: 0,
        first_try: None,
        in_flight: None,
        last_run: current.as_ref().and_then(|c| c.last_run),
        last_outcome: None,
        last_run_at: None,
        last_amount: None,
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

/// Turns autopay off (the saved card stays with Stripe, unused), whatever a run is doing meanwhile.
pub async fn turn_off(table: &dyn Table, practice: &PracticeId, patient: &PatientId) -> Result<(), StoreError> {
    portico::store::retry::until_settled(|| async {
        let Some(current) = get(table, practice, patient).await? else { return Ok(portico::store::retry::Round::Done(())) };
        let off = Autopay { active: false, version: current.version + 1, ..current.clone() };
        let put = table.put(Item::from_record(keys::autopay(practice, patient), &off)?, Condition::VersionIs(current.version)).await;
        portico::store::retry::settle(put)
    })
    .await
}

/// What one run did.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct RunReport {
    pub failed: usize,
    pub looked_at: usize,
    pub charged: usize,
    pub declined: usize,
    pub needs_patient: usize,
}

/// What finalized invoices owe now, less unapplied credit, at most what is owed in all.
pub fn due(summary: &Summary) -> i64 {
    let finalized: i64 = summary.invoices.values().filter(|i| i.finalized && i.balance > 0).map(|i| i.balance).sum();
    (finalized - summary.unapplied.max(0)).clamp(0, summary.balance.max(0))
}

/// The hourly run: every active autopay whose practice is in its early hours. One patient's failure is
/// logged and counted, and the others still run; the run reports failure at the end (and alarms).
pub async fn run(table: &dyn Table, payments: &dyn Payments, now: DateTime<Utc>) -> Result<RunReport, StoreError> {
    let mut report = RunReport::default();
    let mut cursor = None;
    loop {
        let page = table.query(Query::partition(Index::Table, keys::AUTOPAY_POINTERS).after(cursor)).await?;
        for item in page.items {
            let pointer: Pointer = item.record()?;
            report.looked_at += 1;
            match run_one(table, payments, &pointer.practice_id, &pointer.patient_id, now).await {
                Ok(Some(RunOutcome::Charged)) => report.charged += 1,
                Ok(Some(RunOutcome::Declined | RunOutcome::GaveUp)) => report.declined += 1,
                Ok(Some(RunOutcome::NeedsPatient)) => report.needs_patient += 1,
                Ok(_) => {}
                Err(e) => {
                    tracing::error!(practice = %pointer.practice_id, error = %e, "autopay failed for a patient");
                    report.failed += 1;
                }
            }
        }
        cursor = page.next;
        if cursor.is_none() {
            break;
        }
    }
    if report.failed > 0 {
        return Err(StoreError::Unavailable(format!("autopay failed for {} patient(s)", report.failed)));
    }
    Ok(report)
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

/// Whether whoever consented may still: the patient always; a proxy while their grant allows billing.
async fn consenter_still_acts(
    table: &dyn Table,
    practice: &portico::directory::Practice,
    autopay: &Autopay,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let Some(person) = autopay.consented_by.strip_prefix("proxy:").and_then(PatientId::parse) else { return Ok(true) };
    let keys = [
        portico::keys::proxy_grant(&practice.id, &autopay.patient_id, &person),
        portico::keys::patient_profile(&practice.id, &autopay.patient_id),
    ];
    let mut found = table.get_many(&keys).await?.into_iter();
    let (grant, patient) = (found.next().flatten(), found.next().flatten());
    Ok(portico::proxies::admit(grant, patient, practice, Some(portico::auth::Scope::Billing), now).is_ok())
}

/// The minute past each hour the run starts (the template's `cron(5 * * * ? *)`).
pub const RUN_MINUTE: i64 = 5;

/// The first start of the hourly run at or after `at`.
fn next_tick(at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let tick = at.duration_trunc(Duration::hours(1)).ok()? + Duration::minutes(RUN_MINUTE);
    Some(if tick >= at { tick } else { tick + Duration::hours(1) })
}

/// When the run next looks at this autopay: its first start inside early hours (03:00-05:59 local)
/// of a night not decided yet, and not before a declined charge's retry day. None while it is off,
/// paused by a dispute, or waiting for the patient (tries used up, until what is owed changes).
pub fn next_run(autopay: &Autopay, paused: bool, zone: Tz, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if !autopay.active || paused || autopay.tries > RETRY_DAYS.len() as u32 {
        return None;
    }
    let today = now.with_timezone(&zone).date_naive();
    let mut first = today;
    if autopay.tries > 0
        && let Some(tried) = autopay.first_try
        && let Some(days) = RETRY_DAYS.get(autopay.tries as usize - 1)
    {
        first = first.max(tried + Duration::days(*days));
    }
    let local = |day: NaiveDate, hour: u32| {
        // The first valid hour from `hour` on (a night whose clocks skip it).
        (0..3).find_map(|extra| zone.with_ymd_and_hms(day.year(), day.month(), day.day(), hour + extra, 0, 0).earliest())
    };
    (0..=2).map(|offset| first + Duration::days(offset)).filter(|day| autopay.last_run != Some(*day)).find_map(|day| {
        let opens = local(day, RUN_HOUR)?.with_timezone(&Utc);
        let closes = local(day, RUN_HOUR + 3)?.with_timezone(&Utc);
        let tick = next_tick(opens.max(now))?;
        (tick < closes).then_some(tick)
    })
}

/// Whether tonight is a night to try: the first try for an amount, or 3 and 7 days after it.
fn try_tonight(autopay: &Autopay, today: NaiveDate) -> bool {
    match (autopay.first_try, autopay.tries.checked_sub(1)) {
        // Not tried yet for this amount (or a try that never reached the card): tonight.
        (None, _) | (_, None) => true,
        (Some(first), Some(retry)) => RETRY_DAYS.get(retry as usize).is_some_and(|days| today >= first + Duration::days(*days)),
    }
}

fn claim_payment(autopay: &Autopay, account: &Account, amount: i64, now: DateTime<Utc>) -> Payment {
    Payment {
        payment_id: PaymentId::generate(now),
        practice_id: autopay.practice_id.clone(),
        patient_id: autopay.patient_id.clone(),
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
        authorization: Some(crate::model::Authorization {
            consent_version: autopay.consent_version.clone(),
            consented_at: autopay.consented_at,
            consented_by: autopay.consented_by.clone(),
        }),
        created_at: now,
        succeeded_at: None,
        version: 1,
    }
}

async fn run_one(
    table: &dyn Table,
    payments: &dyn Payments,
    practice: &PracticeId,
    patient: &PatientId,
    now: DateTime<Utc>,
) -> Result<Option<RunOutcome>, StoreError> {
    let Some(autopay) = get(table, practice, patient).await?.filter(|a| a.active) else { return Ok(None) };
    // A claimed charge a run did not finish is finished first, whatever the hour.
    if let Some(claimed) = autopay.in_flight.clone() {
        return finish(table, payments, autopay, &claimed, now).await.map(Some);
    }
    let Some(found) = practices::get(table, practice).await? else { return Ok(None) };
    let zone: Tz = found.settings.default_time_zone.parse().unwrap_or(chrono_tz::UTC);
    let local = now.with_timezone(&zone);
    let today = local.date_naive();
    // The early hours: from 03:00 until 06:00, so a night whose 03:00 does not exist (a spring-forward
    // at 03:00) still runs, once.
    if !(RUN_HOUR..RUN_HOUR + 3).contains(&local.hour()) || autopay.last_run == Some(today) {
        return Ok(None);
    }
    let Some(account) = crate::accounts::get(table, practice).await? else { return Ok(None) };
    let mut next = Autopay { last_run: Some(today), last_run_at: Some(now), version: autopay.version + 1, ..autopay.clone() };
    if !consenter_still_acts(table, &found, &autopay, now).await? {
        // A proxy's consent lasts as long as their grant to handle the patient's billing: the patient
        // (or whoever acts for them now) turns autopay on again.
        next.active = false;
        return settle(table, &autopay, next, RunOutcome::NeedsPatient, vec![notice(&autopay, now)?]).await;
    }
    if account.stripe_account != autopay.stripe_account {
        // The card was saved on the practice's old account: the patient saves it again.
        next.active = false;
        return settle(table, &autopay, next, RunOutcome::NeedsPatient, vec![notice(&autopay, now)?]).await;
    }
    let Some(summary) = crate::screen::summary(table, practice, patient).await? else { return Ok(None) };
    if summary.autopay_paused {
        return Ok(None);
    }
    let amount = due(&summary);
    if amount != autopay.tries_for {
        next.tries = 0;
        next.tries_for = amount;
        next.first_try = None;
    }
    if amount <= 0 {
        return settle(table, &autopay, next, RunOutcome::NothingDue, Vec::new()).await;
    }
    if amount > autopay.cap {
        // Told once, the first night it is over (the patient pays the rest in the portal).
        let tell = if autopay.last_outcome == Some(RunOutcome::OverCap) { Vec::new() } else { vec![notice(&autopay, now)?] };
        return settle(table, &autopay, next, RunOutcome::OverCap, tell).await;
    }
    if next.tries > RETRY_DAYS.len() as u32 {
        // Already told to pay in the portal: nothing more until what is owed changes.
        let outcome = autopay.last_outcome.filter(|o| *o == RunOutcome::NeedsPatient).unwrap_or(RunOutcome::GaveUp);
        return settle(table, &autopay, next, outcome, Vec::new()).await;
    }
    if next.first_try.is_some() && !try_tonight(&next, today) {
        return Ok(None);
    }
    // Never beside another payment: unconfirmed portal payments are cancelled, ones on their way wait.
    if crate::pay::settle_others(table, payments, practice, patient, now).await.map_err(|e| StoreError::Unavailable(e.to_string()))? > 0 {
        return Ok(None);
    }
    // Claim the night: only the run that writes this charges.
    let payment = claim_payment(&autopay, &account, amount, now);
    next.in_flight = Some(payment.payment_id.clone());
    next.first_try = next.first_try.or(Some(today));
    let lock = table.get(&keys::pay_lock(practice, patient)).await?;
    let lock_condition = lock.as_ref().map_or(Condition::NotExists, |l| Condition::VersionIs(l.version()));
    let next_lock = Item::new(keys::pay_lock(practice, patient)).with("version", lock.as_ref().map_or(1, |l| l.version() + 1));
    let claim = vec![
        Write::put(Item::from_record(keys::autopay(practice, patient), &next)?, Condition::VersionIs(autopay.version)),
        Write::put(Item::from_record(keys::payment(practice, patient, &payment.payment_id), &payment)?, Condition::NotExists),
        Write::put(next_lock, lock_condition),
    ];
    match table.transact(claim).await {
        Ok(()) => {}
        // Another run (or a portal payment) got there first.
        Err(StoreError::ConditionFailed { .. } | StoreError::Conflict) => return Ok(None),
        Err(e) => return Err(e),
    }
    let claimed = payment.payment_id.clone();
    finish(table, payments, next, &claimed, now).await.map(Some)
}

/// Asks Stripe for the claimed charge (again, after a stop: the same key gives the same PaymentIntent)
/// and records what happened.
async fn finish(
    table: &dyn Table,
    payments: &dyn Payments,
    autopay: Autopay,
    claimed: &PaymentId,
    now: DateTime<Utc>,
) -> Result<RunOutcome, StoreError> {
    let (practice, patient) = (autopay.practice_id.clone(), autopay.patient_id.clone());
    let mut next = Autopay { in_flight: None, last_run_at: Some(now), version: autopay.version + 1, ..autopay.clone() };
    let Some(payment) = crate::pay::get(table, &practice, &patient, claimed).await? else {
        return settle(table, &autopay, next, RunOutcome::NothingDue, Vec::new()).await.map(|o| o.unwrap_or(RunOutcome::NothingDue));
    };
    if payment.status == PaymentStatus::Canceled && payment.payment_intent.is_none() {
        // Cancelled before Stripe ever had it (a portal payment replaced the claim): no try was made.
        return settle(table, &autopay, next, RunOutcome::Declined, Vec::new()).await.map(|o| o.unwrap_or(RunOutcome::Declined));
    }
    if matches!(payment.status, PaymentStatus::Failed | PaymentStatus::Canceled) {
        // Its event said the charge failed before the run came back to it: decided as the answer would have been.
        let (outcome, extra) = if payment.failure_code.as_deref() == Some("authentication_required") {
            next.tries = RETRY_DAYS.len() as u32 + 1;
            (RunOutcome::NeedsPatient, vec![notice(&autopay, now)?])
        } else {
            next.tries += 1;
            if next.tries as usize > RETRY_DAYS.len() {
                (RunOutcome::GaveUp, vec![notice(&autopay, now)?])
            } else {
                (RunOutcome::Declined, Vec::new())
            }
        };
        return settle(table, &autopay, next, outcome, extra).await.map(|o| o.unwrap_or(outcome));
    }
    next.last_amount = Some(payment.amount);
    if payment.payment_intent.is_some() || payment.status != PaymentStatus::RequiresPayment {
        // Stripe answered before the stop (named, or its event adopted it): nothing to ask again.
        return settle(table, &autopay, next, RunOutcome::Charged, Vec::new()).await.map(|o| o.unwrap_or(RunOutcome::Charged));
    }
    if now - payment.created_at > Duration::hours(23) {
        // Stripe has (nearly) forgotten the key: had it charged, its event would have named the payment.
        let mut update = portico::store::Update::new(keys::payment(&practice, &patient, claimed))
            .set("status", serde_json::to_value(PaymentStatus::Canceled).unwrap_or_default())
            .add("version", 1);
        update = update.when(Condition::VersionIs(payment.version).and(Condition::Missing("payment_intent".into())));
        if let Err(e) = table.update(update).await
            && !e.is_condition_failed()
        {
            return Err(e);
        }
        return settle(table, &autopay, next, RunOutcome::Declined, Vec::new()).await.map(|o| o.unwrap_or(RunOutcome::Declined));
    }
    let account = crate::accounts::get(table, &practice).await?.ok_or_else(|| StoreError::Invalid("no billing account".into()))?;
    let new = NewPaymentIntent {
        amount: payment.amount,
        currency: payment.currency.clone(),
        metadata: metadata(&practice, &patient, claimed.as_str()),
        statement_descriptor_suffix: Some(account.statement_descriptor.clone()),
        off_session: Some(OffSession { customer: autopay.customer.clone(), payment_method: autopay.payment_method.clone() }),
    };
    let mut extra = Vec::new();
    let outcome = match payments.create_payment_intent(&payment.stripe_account, &new, &crate::pay::intent_key(claimed)).await {
        Ok(intent) => {
            // Named now; a failure to name it is mended by its event (adopted through the metadata).
            let _ = table.transact(crate::pay::name_intent(&payment, &intent.id)?).await;
            next.tries = 0;
            next.first_try = None;
            RunOutcome::Charged
        }
        Err(PaymentsError::Declined(code)) if code == "authentication_required" => {
            extra.push(notice(&autopay, now)?);
            next.tries = RETRY_DAYS.len() as u32 + 1;
            RunOutcome::NeedsPatient
        }
        Err(PaymentsError::Declined(_)) => {
            next.tries += 1;
            if next.tries as usize > RETRY_DAYS.len() {
                extra.push(notice(&autopay, now)?);
                RunOutcome::GaveUp
            } else {
                RunOutcome::Declined
            }
        }
        // No answer, or a request Stripe refused (a configuration fault, not the patient's card): the
        // claim stays, and the next run asks again with the same key; the run's failure alarms.
        Err(e) => return Err(StoreError::Unavailable(e.to_string())),
    };
    settle(table, &autopay, next, outcome, extra).await.map(|o| o.unwrap_or(outcome))
}

/// Records a run's outcome under the version that was read: what it did, when, and what it charged.
async fn settle(
    table: &dyn Table,
    read: &Autopay,
    mut next: Autopay,
    outcome: RunOutcome,
    mut extra: Vec<Write>,
) -> Result<Option<RunOutcome>, StoreError> {
    next.last_outcome = Some(outcome);
    if outcome != RunOutcome::Charged {
        next.last_amount = None;
    }
    let mut writes =
        vec![Write::put(Item::from_record(keys::autopay(&read.practice_id, &read.patient_id), &next)?, Condition::VersionIs(read.version))];
    writes.append(&mut extra);
    match table.transact(writes).await {
        Ok(()) => Ok(Some(outcome)),
        // Another run recorded this night meanwhile.
        Err(StoreError::ConditionFailed { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Stops autopay after a lost dispute of a charge it made, or of any payment disputed as fraud: the
/// card's holder said no, and the patient consents again before it charges anything.
pub fn stop_after_lost_dispute(autopay: &Autopay) -> Result<Write, StoreError> {
    let off = Autopay { active: false, version: autopay.version + 1, ..autopay.clone() };
    Ok(Write::put(
        Item::from_record(keys::autopay(&autopay.practice_id, &autopay.patient_id), &off)?,
        Condition::VersionIs(autopay.version),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn autopay(last_run: Option<NaiveDate>, tries: u32, first_try: Option<NaiveDate>) -> Autopay {
        Autopay {
            practice_id: PracticeId::parse("pr_01JC00000000000000000000P1").unwrap_or_else(|| unreachable!()),
            patient_id: PatientId::parse("pt_01JC00000000000000000000A1").unwrap_or_else(|| unreachable!()),
            customer: "cus_1".into(),
            payment_method: "pm_1".into(),
            cap: 10_000,
            consent_version: CONSENT_VERSION.into(),
            consented_at: DateTime::UNIX_EPOCH,
            consented_by: "patient".into(),
            active: true,
            stripe_account: "acct_1".into(),
            tries,
            tries_for: 0,
            first_try,
            in_flight: None,
            last_run,
            last_outcome: None,
            last_run_at: None,
            last_amount: None,
            version: 1,
        }
    }

    fn at(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339).map(|t| t.with_timezone(&Utc)).unwrap_or_default()
    }

    #[test]
    fn the_next_run_is_the_next_undecided_early_hours_and_waits_for_a_retry_day() {
        let zone: Tz = chrono_tz::America::New_York;
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d);
        // 01:00 in New York: the run at 03:05 tonight.
        assert_eq!(next_run(&autopay(None, 0, None), false, zone, at("2026-11-19T06:00:00Z")), Some(at("2026-11-19T08:05:00Z")));
        // 04:20, not yet decided tonight: the next hourly run.
        assert_eq!(next_run(&autopay(None, 0, None), false, zone, at("2026-11-19T09:20:00Z")), Some(at("2026-11-19T10:05:00Z")));
        // 05:10: the next run (06:05) is past the early hours, so tomorrow's.
        assert_eq!(next_run(&autopay(None, 0, None), false, zone, at("2026-11-19T10:10:00Z")), Some(at("2026-11-20T08:05:00Z")));
        // Decided tonight, or past 06:00: tomorrow's.
        assert_eq!(next_run(&autopay(day(19), 0, None), false, zone, at("2026-11-19T09:20:00Z")), Some(at("2026-11-20T08:05:00Z")));
        assert_eq!(next_run(&autopay(None, 0, None), false, zone, at("2026-11-19T17:00:00Z")), Some(at("2026-11-20T08:05:00Z")));
        // Declined twice: the third try is seven days after the first; after it, nothing until the patient acts.
        assert_eq!(next_run(&autopay(day(19), 2, day(19)), false, zone, at("2026-11-22T17:00:00Z")), Some(at("2026-11-26T08:05:00Z")));
        assert_eq!(next_run(&autopay(day(26), 3, day(19)), false, zone, at("2026-11-26T17:00:00Z")), None);
        // Half-hour zones: 03:00 in Kolkata is 21:30 UTC; the first run inside is 22:05 UTC (03:35 there).
        let kolkata: Tz = chrono_tz::Asia::Kolkata;
        assert_eq!(next_run(&autopay(None, 0, None), false, kolkata, at("2026-11-19T12:00:00Z")), Some(at("2026-11-19T22:05:00Z")));
        // Off, or paused by a dispute: no next run.
        assert_eq!(next_run(&autopay(None, 0, None), true, zone, at("2026-11-19T06:00:00Z")), None);
        let off = Autopay { active: false, ..autopay(None, 0, None) };
        assert_eq!(next_run(&off, false, zone, at("2026-11-19T06:00:00Z")), None);
    }

    #[test]
    fn a_night_is_tried_first_then_three_and_seven_days_on_and_a_try_that_never_reached_the_card_is_no_try() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default();
        assert!(try_tonight(&autopay(None, 0, None), day(19)));
        // Claimed, but Stripe never had it (no try counted): tried again, not stuck.
        assert!(try_tonight(&autopay(Some(day(19)), 0, Some(day(19))), day(20)));
        assert!(!try_tonight(&autopay(Some(day(19)), 1, Some(day(19))), day(21)));
        assert!(try_tonight(&autopay(Some(day(21)), 1, Some(day(19))), day(22)));
        assert!(!try_tonight(&autopay(Some(day(22)), 2, Some(day(19))), day(25)));
        assert!(try_tonight(&autopay(Some(day(25)), 2, Some(day(19))), day(26)));
        assert!(!try_tonight(&autopay(Some(day(26)), 3, Some(day(19))), day(27)), "three tries: no more");
    }
}
