//! Stripe's events, applied exactly once and in any order (the billing worker).
//!
//! Each event is routed by its `account` to the practice that owns that connected account; an unknown
//! account, or a live/test mode that is not the practice's, changes nothing and is logged as a security
//! event. An event applies in one transaction with the record of its id (kept 15 days, past Stripe's 3
//! days of retries), so a redelivery changes nothing. State only moves forward, and every fact posts
//! under its own source id, so deliveries in any order converge on the same ledger: a refund or a
//! dispute implies its payment succeeded (and posts it if its own event is still on the way), a failed
//! refund is taken back whether its failure or its creation arrives first, and a won dispute releases
//! its hold whenever the hold posts.

use chrono::{DateTime, Duration, Utc};
use portico::directory::{PatientNames, patients};
use portico::events::{Event, EventKind};
use portico::idempotency::{self, Claimed};
use portico::ids::{PatientId, PracticeId, RefundId, TaskId};
use portico::notify::gate::Category;
use portico::notify::wording::TemplateKind;
use portico::store::retry::{Round, settle, until_settled};
use portico::store::{Condition, Item, StoreError, Table, Write};
use portico::tasks::{self, Task, TaskKind};
use serde::Deserialize;
use serde_json::Value;

use crate::keys;
use crate::ledger::{self, Draft};
use crate::model::{Dispute, DisputeStatus, EntryKind, Payment, PaymentStatus, RefundRequest, RefundStatus};
use crate::pay::IntentOwner;

/// The scope of Stripe event ids among handled business ids.
pub const SCOPE: &str = "stripe";

#[derive(Debug, Deserialize)]
pub struct StripeEvent {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub account: Option<String>,
    #[serde(default)]
    pub livemode: bool,
    #[serde(default)]
    pub created: i64,
    pub data: EventData,
}

#[derive(Debug, Deserialize)]
pub struct EventData {
    pub object: Value,
}

/// What an event did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    Applied,
    /// Applied before: nothing changed.
    Duplicate,
    /// Not for Portico, or refused (why, for the log).
    Ignored(&'static str),
}

/// A refund as an event shows it.
#[derive(Debug, Clone, Deserialize)]
struct StripeRefund {
    id: String,
    amount: i64,
    #[serde(default)]
    status: String,
    #[serde(default)]
    metadata: Value,
}

enum Change {
    Status {
        status: PaymentStatus,
        failure: Option<String>,
    },
    Refunds(Vec<StripeRefund>),
    Dispute {
        id: String,
        amount: i64,
        reason: String,
        status: String,
        due_by: Option<DateTime<Utc>>,
        reinstated: bool,
        /// Evidence reached the card network (from Portico or Stripe's dashboard).
        submitted: bool,
    },
}

fn text(value: &Value, path: &[&str]) -> Option<String> {
    let mut v = value;
    for p in path {
        v = v.get(p)?;
    }
    v.as_str().map(str::to_string)
}

/// What the event means for a payment, and which PaymentIntent it is about.
fn change_of(kind: &str, object: &Value) -> Option<(String, Change)> {
    let status = |status| Some(Change::Status { status, failure: None });
    let (intent, change) = match kind {
        "payment_intent.processing" => (text(object, &["id"]), status(PaymentStatus::Processing)),
        "payment_intent.succeeded" => (text(object, &["id"]), status(PaymentStatus::Succeeded)),
        "payment_intent.canceled" => (text(object, &["id"]), status(PaymentStatus::Canceled)),
        "payment_intent.payment_failed" => {
            let code = text(object, &["last_payment_error", "decline_code"]).or_else(|| text(object, &["last_payment_error", "code"]));
            (text(object, &["id"]), Some(Change::Status { status: PaymentStatus::Failed, failure: code }))
        }
        "checkout.session.completed" if text(object, &["payment_status"]).as_deref() == Some("paid") => {
            (text(object, &["payment_intent"]), status(PaymentStatus::Succeeded))
        }
        "checkout.session.async_payment_succeeded" => (text(object, &["payment_intent"]), status(PaymentStatus::Succeeded)),
        "checkout.session.async_payment_failed" => (text(object, &["payment_intent"]), status(PaymentStatus::Failed)),
        "charge.refunded" => {
            let refunds = object.pointer("/refunds/data").cloned().and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default();
            (text(object, &["payment_intent"]), Some(Change::Refunds(refunds)))
        }
        "refund.created" | "refund.updated" | "refund.failed" | "charge.refund.updated" => {
            let refund = serde_json::from_value::<StripeRefund>(object.clone()).ok()?;
            (text(object, &["payment_intent"]), Some(Change::Refunds(vec![refund])))
        }
        "charge.dispute.created"
        | "charge.dispute.updated"
        | "charge.dispute.closed"
        | "charge.dispute.funds_withdrawn"
        | "charge.dispute.funds_reinstated" => {
            let due_by = object.pointer("/evidence_details/due_by").and_then(Value::as_i64).and_then(|t| DateTime::from_timestamp(t, 0));
            let change = Change::Dispute {
                id: text(object, &["id"])?,
                amount: object.get("amount").and_then(Value::as_i64)?,
                reason: text(object, &["reason"]).unwrap_or_default(),
                status: text(object, &["status"]).unwrap_or_default(),
                due_by,
                reinstated: kind == "charge.dispute.funds_reinstated",
                submitted: object.pointer("/evidence_details/submission_count").and_then(Value::as_i64).unwrap_or(0) > 0,
            };
            (text(object, &["payment_intent"]), Some(change))
        }
        _ => return None,
    };
    Some((intent?, change?))
}

/// Applies one queued event.
pub async fn apply(table: &dyn Table, body: &str, now: DateTime<Utc>) -> Result<Applied, StoreError> {
    let Ok(event) = serde_json::from_str::<StripeEvent>(body) else { return Ok(Applied::Ignored("unreadable event")) };
    let Some(account_id) = event.account.as_deref() else {
        tracing::warn!(security = true, event_id = %event.id, kind = %event.kind, "stripe event without a connected account");
        return Ok(Applied::Ignored("no connected account"));
    };
    let Some(claim) = crate::accounts::claim_of(table, account_id).await? else {
        tracing::warn!(security = true, event_id = %event.id, kind = %event.kind, "stripe event for an unknown account");
        return Ok(Applied::Ignored("unknown account"));
    };
    let practice = claim.practice_id;
    if event.livemode != claim.livemode {
        tracing::warn!(security = true, event_id = %event.id, kind = %event.kind, practice = %practice, "stripe event in the wrong mode");
        return Ok(Applied::Ignored("mode does not match the account's"));
    }
    let Some(account) = crate::accounts::get(table, &practice).await? else { return Ok(Applied::Ignored("no billing account")) };
    let claimed = Claimed::new(&practice, SCOPE, &event.id);
    if idempotency::seen(table, &claimed).await? {
        return Ok(Applied::Duplicate);
    }
    let Some((intent, change)) = change_of(&event.kind, &event.data.object) else {
        idempotency::record_unclaimed(table, &claimed, &"ignored", now).await?;
        return Ok(Applied::Ignored("not a kind billing acts on"));
    };
    let at = DateTime::from_timestamp(event.created, 0).unwrap_or(now);
    until_settled(|| async {
        if idempotency::seen(table, &claimed).await? {
            return Ok(Round::Done(Applied::Duplicate));
        }
        // Read in the round: a payment whose PaymentIntent the portal names meanwhile is no longer adopted.
        let Some((owner, adopt)) = owner_of(table, &practice, &intent, &event.data.object).await? else {
            idempotency::record_unclaimed(table, &claimed, &"not a Portico payment", now).await?;
            return Ok(Round::Done(Applied::Ignored("not a Portico payment")));
        };
        let Some(mut payment) = crate::pay::get(table, &practice, &owner.patient_id, &owner.payment_id).await? else {
            return Ok(Round::Done(Applied::Ignored("payment not found")));
        };
        if let Some(why) = mismatch(&payment, &event.data.object) {
            tracing::warn!(security = true, event_id = %event.id, kind = %event.kind, practice = %practice, why, "stripe event does not match its payment");
            idempotency::record_unclaimed(table, &claimed, &why, now).await?;
            return Ok(Round::Done(Applied::Ignored("does not match its payment")));
        }
        let context = Context { practice: &practice, patient: &owner.patient_id, currency: &account.currency, intent: &intent, at, now };
        let mut extra = Vec::new();
        if adopt {
            // The payment is put whole below (under its version) with the id set; its owner is claimed once.
            payment.payment_intent = Some(intent.clone());
            extra.push(crate::pay::owner_write(&payment, &intent)?);
        }
        let mut writes = apply_change(table, &context, &payment, adopt, &change).await?;
        writes.append(&mut extra);
        writes.push(idempotency::once(&claimed, &event.kind, now)?);
        Ok::<_, StoreError>(settle(table.transact(writes).await)?.map(|()| Applied::Applied))
    })
    .await
}

/// Why a PaymentIntent event cannot be about this payment: another amount or currency.
fn mismatch(payment: &Payment, object: &Value) -> Option<&'static str> {
    if text(object, &["object"]).as_deref() != Some("payment_intent") {
        return None;
    }
    if object.get("amount").and_then(Value::as_i64).is_some_and(|a| a != payment.amount) {
        return Some("amount");
    }
    if text(object, &["currency"]).is_some_and(|c| !c.eq_ignore_ascii_case(&payment.currency)) {
        return Some("currency");
    }
    None
}

/// Whose payment a PaymentIntent is: the stored owner, or (when the PaymentIntent's id was never stored
/// because the function stopped after creating it) the payment its metadata names, adopted.
async fn owner_of(
    table: &dyn Table,
    practice: &PracticeId,
    intent: &str,
    object: &Value,
) -> Result<Option<(IntentOwner, bool)>, StoreError> {
    if let Some(owner) = table.get(&keys::payment_intent(intent)).await?.map(|i| i.record::<IntentOwner>()).transpose()? {
        return Ok((&owner.practice_id == practice).then_some((owner, false)));
    }
    if text(object, &["object"]).as_deref() != Some("payment_intent") || text(object, &["id"]).as_deref() != Some(intent) {
        return Ok(None);
    }
    let meta = |name: &str| text(object, &["metadata", name]);
    let (Some(patient), Some(payment)) =
        (meta("patient_id").and_then(|p| PatientId::parse(&p)), meta("record_id").and_then(|p| portico::ids::PaymentId::parse(&p)))
    else {
        return Ok(None);
    };
    if meta("practice_id").as_deref() != Some(practice.as_str()) {
        return Ok(None);
    }
    let found = crate::pay::get(table, practice, &patient, &payment).await?;
    Ok(found
        .filter(|p| p.payment_intent.is_none())
        .map(|p| (IntentOwner { practice_id: practice.clone(), patient_id: p.patient_id, payment_id: p.payment_id }, true)))
}

struct Context<'a> {
    practice: &'a PracticeId,
    patient: &'a PatientId,
    currency: &'a str,
    intent: &'a str,
    /// When Stripe made the event (the order of statuses).
    at: DateTime<Utc>,
    now: DateTime<Utc>,
}

/// Moves a payment's status forward: `succeeded` and `canceled` are final; otherwise a status from a
/// later event replaces one from an earlier event.
fn advance(payment: &mut Payment, status: PaymentStatus, failure: Option<String>, at: DateTime<Utc>) {
    if payment.status.is_final() && payment.status != status {
        return;
    }
    let later = payment.status_at.is_none_or(|seen| at > seen || (at == seen && status > payment.status));
    if status == PaymentStatus::Succeeded || later {
        if payment.status != status {
            payment.failure_code = if status == PaymentStatus::Failed { failure } else { None };
        }
        payment.status = status;
        payment.status_at = Some(at);
    }
}

/// The payment's entry, posted if it was not (a refund or a dispute proves the payment succeeded), with
/// a PHI-free receipt through the send gate.
fn ensure_paid(draft: &mut Draft, payment: &mut Payment, ctx: &Context<'_>, writes: &mut Vec<Write>) -> Result<(), StoreError> {
    advance(payment, PaymentStatus::Succeeded, None, ctx.at);
    if payment.succeeded_at.is_none() {
        payment.succeeded_at = Some(ctx.at);
    }
    if !draft.posted(ctx.intent) {
        draft.payment(ctx.intent, payment);
        let receipt = EventKind::PatientNotice {
            category: Category::Billing,
            template: TemplateKind::PaymentReceived,
            urgent: false,
            item: None,
            when: None,
            still: None,
            answers_text: false,
        };
        writes.push(Event::new(ctx.practice, ctx.patient, receipt, ctx.now).write()?);
    }
    Ok(())
}

fn sources_for(intent: &str, change: &Change) -> Vec<String> {
    let mut sources = vec![intent.to_string()];
    match change {
        Change::Status { .. } => {}
        Change::Refunds(refunds) => {
            for r in refunds {
                sources.extend([r.id.clone(), format!("{}:adjust", r.id), format!("{}:failed", r.id), format!("{}:adjust:failed", r.id)]);
            }
        }
        Change::Dispute { id, .. } => sources.extend([format!("{id}:hold"), format!("{id}:release")]),
    }
    sources
}

async fn apply_change(
    table: &dyn Table,
    ctx: &Context<'_>,
    payment: &Payment,
    adopted: bool,
    change: &Change,
) -> Result<Vec<Write>, StoreError> {
    let sources = sources_for(ctx.intent, change);
    let owner = ledger::Owner { practice: ctx.practice, patient: ctx.patient, currency: ctx.currency };
    let mut draft = ledger::load(table, owner, &sources, ctx.now).await?;
    let mut updated = payment.clone();
    let mut writes = Vec::new();
    match change {
        Change::Status { status, failure } => {
            if *status == PaymentStatus::Succeeded {
                ensure_paid(&mut draft, &mut updated, ctx, &mut writes)?;
            } else {
                advance(&mut updated, *status, failure.clone(), ctx.at);
            }
        }
        Change::Refunds(refunds) => {
            ensure_paid(&mut draft, &mut updated, ctx, &mut writes)?;
            for refund in refunds {
                writes.extend(apply_refund(table, ctx, &mut draft, &mut updated, refund).await?);
            }
        }
        Change::Dispute { id, amount, reason, status, due_by, reinstated, submitted } => {
            ensure_paid(&mut draft, &mut updated, ctx, &mut writes)?;
            // An inquiry (`warning_*`) withdraws no funds: it is answered like a dispute but holds nothing.
            let inquiry = status.starts_with("warning_");
            let hold = format!("{id}:hold");
            let won = status == "won" || *reinstated;
            let seen = Seen { status, due_by: *due_by, won, submitted: *submitted };
            let (record, now_status) = dispute_record(table, ctx, &updated, id, *amount, reason, seen).await?;
            // While it is open and unanswered, billing answers it before the deadline (one task); once
            // evidence reached the network or the dispute closed, the task is done. Decided from the
            // dispute's state, so any order of its events ends the same.
            let open = matches!(now_status, DisputeStatus::NeedsResponse | DisputeStatus::UnderReview);
            let task_id = TaskId::for_source("dispute", id);
            let task = tasks::get(table, ctx.practice, &task_id).await?;
            if now_status == DisputeStatus::NeedsResponse && !*submitted && task.is_none() {
                writes.push(dispute_task(table, ctx, task_id, id, *due_by).await?);
            }
            if (!open || *submitted)
                && let Some(done) = tasks::settle_write(task.as_ref(), &system_staff(), ctx.now)?
            {
                writes.push(done);
            }
            if now_status == DisputeStatus::Lost
                && (reason == "fraudulent" || updated.paid_by == "autopay")
                && let Some(autopay) = crate::autopay::get(table, ctx.practice, ctx.patient).await?.filter(|a| a.active)
            {
                writes.push(crate::autopay::stop_after_lost_dispute(&autopay)?);
            }
            // Autopay stops while any of the patient's disputes is open.
            let paused = open || open_disputes(table, ctx, id).await? > 0;
            draft.pause_autopay(paused);
            if !inquiry && !draft.posted(&hold) {
                let Some(paid) = draft.entry(ctx.intent).cloned() else { return Err(StoreError::Invalid("payment entry missing".into())) };
                draft.give_back(&hold, EntryKind::DisputeHold, &paid, *amount, "stripe");
            }
            let release = format!("{id}:release");
            if won
                && !draft.posted(&release)
                && let Some(held) = draft.entry(&hold).cloned()
            {
                draft.reverse(&release, EntryKind::DisputeRelease, &held, "stripe");
            }
            writes.push(record);
        }
    }
    let mut all = if draft.changed() { draft.writes()? } else { Vec::new() };
    if updated != *payment || adopted {
        let version = payment.version;
        updated.version = version + 1;
        let key = keys::payment(ctx.practice, ctx.patient, &payment.payment_id);
        all.push(Write::put(Item::from_record(key, &updated)?, Condition::VersionIs(version)));
    }
    all.append(&mut writes);
    Ok(all)
}

fn refund_status(status: &str) -> RefundStatus {
    match status {
        "succeeded" => RefundStatus::Succeeded,
        "failed" | "canceled" => RefundStatus::Failed,
        _ => RefundStatus::Pending,
    }
}

async fn apply_refund(
    table: &dyn Table,
    ctx: &Context<'_>,
    draft: &mut Draft,
    payment: &mut Payment,
    refund: &StripeRefund,
) -> Result<Vec<Write>, StoreError> {
    let mut writes = Vec::new();
    // A refund the practice asked for in Portico reserved its amount then; one made in Stripe's
    // dashboard reserves it as it posts.
    let request_id = refund.metadata.get("record_id").and_then(Value::as_str).and_then(RefundId::parse);
    let request: Option<RefundRequest> = match &request_id {
        Some(id) => table.get(&keys::refund(ctx.practice, ctx.patient, id)).await?.map(|i| i.record()).transpose()?,
        None => None,
    };
    // Metadata naming a request of another payment, or one already matched to another refund, is not
    // this refund's: it posts as a refund made in Stripe's dashboard.
    let request = request.filter(|r| {
        r.payment_id == payment.payment_id && r.amount == refund.amount && r.stripe_refund.as_deref().is_none_or(|s| s == refund.id)
    });
    let request_id = request.as_ref().map(|r| r.refund_id.clone());
    let failed = refund_status(&refund.status) == RefundStatus::Failed;
    if !draft.posted(&refund.id) {
        let Some(paid) = draft.entry(ctx.intent).cloned() else { return Err(StoreError::Invalid("payment entry missing".into())) };
        let posted = draft.give_back(&refund.id, EntryKind::Refund, &paid, refund.amount, "stripe");
        if let Some(entry) = draft.added.iter_mut().find(|e| e.source == refund.id) {
            entry.refund_id = request_id.clone();
        }
        if request.as_ref().is_some_and(|r| r.adjust) {
            draft.offset(&format!("{}:adjust", refund.id), &posted, "stripe");
        }
        // Held since it was asked for, unless it was never asked in Portico or Stripe did not answer then.
        let held =
            request.as_ref().is_some_and(|r| matches!(r.status, RefundStatus::Requested | RefundStatus::Pending | RefundStatus::Succeeded));
        if !held {
            payment.refunded += refund.amount;
        }
    }
    if failed && !draft.posted(&format!("{}:failed", refund.id)) {
        if let Some(posted) = draft.entry(&refund.id).cloned() {
            draft.reverse(&format!("{}:failed", refund.id), EntryKind::RefundReversal, &posted, "stripe");
        }
        if let Some(adjusted) = draft.entry(&format!("{}:adjust", refund.id)).cloned() {
            draft.reverse(&format!("{}:adjust:failed", refund.id), EntryKind::Adjustment, &adjusted, "stripe");
        }
        payment.refunded -= refund.amount;
    }
    if let Some(mut request) = request {
        let version = request.version;
        let status = refund_status(&refund.status);
        // Forward only: a failed or succeeded refund stays so.
        let next = match (request.status, status) {
            (RefundStatus::Failed, _) => RefundStatus::Failed,
            (RefundStatus::Succeeded, RefundStatus::Failed) => RefundStatus::Failed,
            (RefundStatus::Succeeded, _) => RefundStatus::Succeeded,
            (_, s) => s,
        };
        if next != request.status || request.stripe_refund.is_none() {
            request.status = next;
            request.stripe_refund.get_or_insert_with(|| refund.id.clone());
            request.version = version + 1;
            let key = keys::refund(ctx.practice, ctx.patient, &request.refund_id);
            writes.push(Write::put(Item::from_record(key, &request)?, Condition::VersionIs(version)));
        }
    }
    Ok(writes)
}

/// Who closes a dispute's task when Stripe reports the dispute over.
fn system_staff() -> portico::ids::StaffId {
    portico::ids::StaffId::parse("system-stripe").unwrap_or_else(|| unreachable!("a valid staff id"))
}

/// The staff task a dispute opens: billing answers it a day before the card network's deadline.
async fn dispute_task(
    table: &dyn Table,
    ctx: &Context<'_>,
    id: TaskId,
    dispute: &str,
    due_by: Option<DateTime<Utc>>,
) -> Result<Write, StoreError> {
    let names = patients::get(table, ctx.practice, ctx.patient).await?.map(|p| PatientNames::of(&p));
    let mut task = Task::raise(id, ctx.practice, TaskKind::PaymentDispute, ctx.now);
    task.patient_id = Some(ctx.patient.clone());
    task.patient_names = names;
    task.subject = Some(dispute.to_string());
    task.team = Some(portico::auth::access::Topic::Billing);
    task.source = Some(dispute.to_string());
    if let Some(due) = due_by {
        task.due_at = (due - Duration::days(1)).max(ctx.now);
    }
    tasks::ensure_open_write(None, &task)
}

/// What one dispute event says of its dispute.
struct Seen<'a> {
    status: &'a str,
    due_by: Option<DateTime<Utc>>,
    won: bool,
    /// Evidence reached the card network.
    submitted: bool,
}

async fn dispute_record(
    table: &dyn Table,
    ctx: &Context<'_>,
    payment: &Payment,
    id: &str,
    amount: i64,
    reason: &str,
    Seen { status, due_by, won, submitted }: Seen<'_>,
) -> Result<(Write, DisputeStatus), StoreError> {
    let key = keys::dispute(ctx.practice, ctx.patient, id);
    let current = table.get(&key).await?;
    let condition = current.as_ref().map_or(Condition::NotExists, |i| Condition::VersionIs(i.version()));
    let version = current.as_ref().map_or(0, Item::version);
    let mut record: Dispute = match current.map(|i| i.record::<Dispute>()).transpose()? {
        Some(record) => record,
        None => Dispute {
            dispute_id: id.to_string(),
            payment_id: payment.payment_id.clone(),
            amount,
            reason: reason.to_string(),
            status: DisputeStatus::NeedsResponse,
            evidence_due_by: due_by,
            opened_at: ctx.at,
            status_at: None,
            evidence: None,
        },
    };
    let next = match status {
        _ if won => DisputeStatus::Won,
        "lost" => DisputeStatus::Lost,
        "warning_closed" => DisputeStatus::Closed,
        "under_review" | "warning_under_review" => DisputeStatus::UnderReview,
        _ => DisputeStatus::NeedsResponse,
    };
    let final_ = matches!(record.status, DisputeStatus::Won | DisputeStatus::Lost | DisputeStatus::Closed);
    if !final_
        && (record.status_at.is_none_or(|seen| ctx.at >= seen)
            || matches!(next, DisputeStatus::Won | DisputeStatus::Lost | DisputeStatus::Closed))
    {
        record.status = next;
        record.status_at = Some(ctx.at);
    }
    record.evidence_due_by = record.evidence_due_by.or(due_by);
    // Stripe has the evidence: a send whose answer was lost (or cut short) was sent after all.
    if submitted && let Some(sent) = record.evidence.as_mut() {
        sent.state = crate::model::EvidenceState::Sent;
    }
    let status = record.status;
    Ok((Write::put(Item::from_record(key, &record)?.with("version", version + 1), condition), status))
}

/// The patient's disputes still open, besides `except`.
async fn open_disputes(table: &dyn Table, ctx: &Context<'_>, except: &str) -> Result<usize, StoreError> {
    let query = portico::store::Query::partition(portico::store::Index::Table, portico::keys::patient_partition(ctx.practice, ctx.patient))
        .begins_with(keys::DISPUTE_PREFIX);
    let page = table.query(query).await?;
    let open = page
        .items
        .iter()
        .filter_map(|i| i.record::<Dispute>().ok())
        .filter(|d| d.dispute_id != except && matches!(d.status, DisputeStatus::NeedsResponse | DisputeStatus::UnderReview))
        .count();
    Ok(open)
}
