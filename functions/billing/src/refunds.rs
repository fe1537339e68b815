//! Refunds staff ask for. The request reserves its amount on the payment (so refunds never exceed what
//! was paid, however many are asked for at once) and is recorded under the caller's Idempotency-Key;
//! the Stripe refund is created with a key derived from the request, so ten identical clicks make one
//! refund. The ledger credit posts when Stripe's `refund.created` arrives, and is taken back on
//! `refund.failed` (the worker, [`crate::stripe_events`]).

use chrono::{DateTime, Utc};
use portico::ids::{PatientId, PaymentId, PracticeId, RefundId};
use portico::payments::{Metadata, NewRefund, Payments, PaymentsError};
use portico::store::{Condition, Item, StoreError, Table, Update, Write};
use serde::{Deserialize, Serialize};

use crate::keys;
use crate::model::{Account, Payment, PaymentStatus, RefundReason, RefundRequest, RefundStatus};
use crate::pay::key_digest;

#[derive(Debug, thiserror::Error)]
pub enum RefundError {
    #[error("amount refused: {0}")]
    Amount(&'static str),
    #[error("no such payment")]
    NoPayment,
    #[error("only a completed payment can be refunded")]
    NotRefundable,
    #[error("the Idempotency-Key was used for another refund")]
    KeyReused,
    #[error("payment provider: {0}")]
    Provider(#[from] PaymentsError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub struct RefundOrder<'a> {
    pub account: &'a Account,
    pub practice: &'a PracticeId,
    pub patient: &'a PatientId,
    pub payment: PaymentId,
    pub amount: i64,
    pub reason: RefundReason,
    pub adjust: bool,
    pub key: &'a str,
    pub by: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct KeyRecord {
    refund_id: RefundId,
    payment_id: PaymentId,
    amount: i64,
}

async fn get_refund(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    id: &RefundId,
) -> Result<Option<RefundRequest>, StoreError> {
    table.get(&keys::refund(practice, patient, id)).await?.map(|i| i.record()).transpose()
}

/// The request for this order: the one its key made before, or a new one reserving its amount.
async fn request_for(table: &dyn Table, order: &RefundOrder<'_>, now: DateTime<Utc>) -> Result<RefundRequest, RefundError> {
    let key = keys::request_key(order.practice, order.patient, "refund", &key_digest(order.key));
    for _ in 0..8 {
        if let Some(record) = table.get(&key).await?.map(|i| i.record::<KeyRecord>()).transpose()? {
            if record.amount != order.amount || record.payment_id != order.payment {
                return Err(RefundError::KeyReused);
            }
            let request = get_refund(table, order.practice, order.patient, &record.refund_id)
                .await?
                .ok_or(RefundError::Store(StoreError::Conflict))?;
            if request.status != RefundStatus::Unsent {
                return Ok(request);
            }
            // Asked again after Stripe did not answer: hold its amount again, then ask Stripe again.
            let payment: Payment =
                crate::pay::get(table, order.practice, order.patient, &order.payment).await?.ok_or(RefundError::NoPayment)?;
            check_amount(&payment, order.amount)?;
            let writes = vec![
                Write::Update(
                    Update::new(keys::refund(order.practice, order.patient, &request.refund_id))
                        .set("status", status_value(RefundStatus::Requested))
                        .add("version", 1)
                        .when(Condition::eq("status", status_value(RefundStatus::Unsent))),
                ),
                reserve(order.practice, order.patient, &payment, order.amount),
            ];
            match table.transact(writes).await {
                Ok(()) => return Ok(RefundRequest { status: RefundStatus::Requested, version: request.version + 1, ..request }),
                Err(StoreError::ConditionFailed { .. } | StoreError::Conflict) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        let payment: Payment =
            crate::pay::get(table, order.practice, order.patient, &order.payment).await?.ok_or(RefundError::NoPayment)?;
        if payment.status != PaymentStatus::Succeeded {
            return Err(RefundError::NotRefundable);
        }
        check_amount(&payment, order.amount)?;
        let request = RefundRequest {
            refund_id: RefundId::generate(now),
            payment_id: payment.payment_id.clone(),
            amount: order.amount,
            reason: order.reason,
            adjust: order.adjust,
            stripe_refund: None,
            status: RefundStatus::Requested,
            requested_by: order.by.clone(),
            created_at: now,
            version: 1,
        };
        let record = KeyRecord { refund_id: request.refund_id.clone(), payment_id: payment.payment_id.clone(), amount: order.amount };
        let writes = vec![
            Write::put(Item::from_record(key.clone(), &record)?, Condition::NotExists),
            Write::put(Item::from_record(keys::refund(order.practice, order.patient, &request.refund_id), &request)?, Condition::NotExists),
            reserve(order.practice, order.patient, &payment, order.amount),
        ];
        match table.transact(writes).await {
            Ok(()) => return Ok(request),
            // Another request for the same key, or another refund of the same payment: read again.
            Err(StoreError::ConditionFailed { .. } | StoreError::Conflict) => {
                tokio::time::sleep(portico::store::retry::backoff(2)).await;
                continue;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(StoreError::Conflict.into())
}

fn status_value(status: RefundStatus) -> serde_json::Value {
    serde_json::to_value(status).unwrap_or_default()
}

/// Holds `amount` of a payment for a refund, under the version its refundable amount was read at.
fn reserve(practice: &PracticeId, patient: &PatientId, payment: &Payment, amount: i64) -> Write {
    Write::Update(
        Update::new(keys::payment(practice, patient, &payment.payment_id))
            .add("refunded", amount)
            .add("version", 1)
            .when(Condition::VersionIs(payment.version)),
    )
}

/// Amounts are positive and at most what is left to refund.
pub fn check_amount(payment: &Payment, amount: i64) -> Result<(), RefundError> {
    if amount <= 0 {
        return Err(RefundError::Amount("must be more than zero"));
    }
    if amount > payment.amount - payment.refunded {
        return Err(RefundError::Amount("is more than is left to refund on this payment"));
    }
    Ok(())
}

/// The idempotency key a request's Stripe refund is created with.
pub fn refund_key(id: &RefundId) -> String {
    format!("portico-refund-{id}")
}

/// Asks for a refund: records the request, then creates the Stripe refund (again, for a retry of a
/// request Stripe has not confirmed: the same key gives the same refund).
pub async fn request(
    table: &dyn Table,
    payments: &dyn Payments,
    order: RefundOrder<'_>,
    now: DateTime<Utc>,
) -> Result<RefundRequest, RefundError> {
    let mut request = request_for(table, &order, now).await?;
    if request.stripe_refund.is_some() || request.status == RefundStatus::Failed {
        return Ok(request);
    }
    let payment = crate::pay::get(table, order.practice, order.patient, &request.payment_id).await?.ok_or(RefundError::NoPayment)?;
    let intent = payment.payment_intent.clone().ok_or(RefundError::NotRefundable)?;
    let new = NewRefund {
        payment_intent: intent,
        amount: request.amount,
        reason: request.reason.stripe(),
        metadata: Metadata {
            practice_id: order.practice.to_string(),
            patient_id: order.patient.to_string(),
            record_id: request.refund_id.to_string(),
        },
    };
    let created = match payments.create_refund(&payment.stripe_account, &new, &refund_key(&request.refund_id)).await {
        Ok(created) => created,
        // A click with the same key is asking Stripe right now: its answer names the refund.
        Err(PaymentsError::InFlight) => return Ok(request),
        Err(e) => {
            // Refused: no refund exists, the request fails. No answer: nothing is held for it while it is
            // unsent; if Stripe did make it, its event posts it and holds its amount then.
            let to = if matches!(e, PaymentsError::Unavailable(_)) { RefundStatus::Unsent } else { RefundStatus::Failed };
            release(table, order.practice, order.patient, &request, &payment, to).await?;
            return Err(e.into());
        }
    };
    let key = keys::refund(order.practice, order.patient, &request.refund_id);
    let update = Update::new(key.clone())
        .set("stripe_refund", created.id.clone())
        .when(Condition::Exists.and(Condition::Missing("stripe_refund".into())));
    match table.update(update).await {
        Ok(item) => request = item.record()?,
        Err(StoreError::ConditionFailed { .. }) => {
            request = get_refund(table, order.practice, order.patient, &request.refund_id).await?.ok_or(StoreError::Conflict)?;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(request)
}

/// A refund Stripe refused or did not answer: the request is failed (or unsent) and its amount is
/// refundable again, unless an event got to it first.
async fn release(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    request: &RefundRequest,
    payment: &Payment,
    to: RefundStatus,
) -> Result<(), StoreError> {
    let writes = vec![
        Write::Update(
            Update::new(keys::refund(practice, patient, &request.refund_id))
                .set("status", status_value(to))
                .add("version", 1)
                .when(Condition::eq("status", status_value(RefundStatus::Requested)).and(Condition::Missing("stripe_refund".into()))),
        ),
        Write::Update(
            Update::new(keys::payment(practice, patient, &payment.payment_id)).add("refunded", -request.amount).add("version", 1),
        ),
    ];
    portico::store::retry::on_conflict(|| table.transact(writes.clone()))
        .await
        .or_else(|e| if e.is_condition_failed() { Ok(()) } else { Err(e) })
}
