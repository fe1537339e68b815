//! Paying in the portal. The payment is recorded first (under the patient's Idempotency-Key), then its
//! PaymentIntent is created with an idempotency key derived from the payment, and its id stored under a
//! "not set yet" condition. A retry after a crash between the two gets the same PaymentIntent from
//! Stripe (which remembers keys for a day); a retry days later finds the stored id and creates nothing.
//! The amount is checked against the server's balance, never the browser's.

use chrono::{DateTime, Utc};
use portico::ids::{InvoiceId, PatientId, PaymentId, PracticeId};
use portico::keys::patient_partition;
use portico::payments::{Metadata, NewPaymentIntent, PaymentIntent, Payments, PaymentsError};
use portico::store::{Condition, Index, Item, Query, StoreError, Table, Update, Write};
use serde::{Deserialize, Serialize};

use crate::keys;
use crate::model::{Account, Payment, PaymentStatus, Summary};

#[derive(Debug, thiserror::Error)]
pub enum PayError {
    /// The balance changed since this payment was started (another payment posted): start again.
    #[error("the balance changed since the payment was started")]
    BalanceChanged,
    /// A newer payment (another tab, autopay) replaced this one: start again.
    #[error("the payment was replaced by a newer one")]
    Replaced,
    /// The amount is not one the patient may pay now: which rule, for the problem document.
    #[error("amount refused: {0}")]
    Amount(&'static str),
    #[error("no such invoice")]
    NoInvoice,
    #[error("the practice does not take payments online")]
    NotEnabled,
    #[error("the Idempotency-Key was used for another payment")]
    KeyReused,
    #[error("payment provider: {0}")]
    Provider(#[from] PaymentsError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Who is paying and what.
pub struct PayOrder<'a> {
    pub account: &'a Account,
    pub practice: &'a PracticeId,
    pub patient: &'a PatientId,
    pub invoice: Option<InvoiceId>,
    pub amount: i64,
    /// The patient's Idempotency-Key.
    pub key: &'a str,
    pub paid_by: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct KeyRecord {
    record_id: String,
    amount: i64,
    #[serde(default)]
    invoice_id: Option<InvoiceId>,
}

/// A stable digest of a caller's Idempotency-Key (the key itself is not kept).
pub fn key_digest(key: &str) -> String {
    let hash = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, key.as_bytes());
    hash.as_ref().iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Checks an amount against what the patient owes now.
/// `pending` is what other payments already on their way will take off (confirmed, not yet posted).
pub fn check_amount(
    summary: Option<&Summary>,
    account: &Account,
    invoice: Option<&InvoiceId>,
    amount: i64,
    pending: i64,
) -> Result<(), PayError> {
    if amount <= 0 {
        return Err(PayError::Amount("must be more than zero"));
    }
    let owed = match invoice {
        Some(id) => summary.and_then(|s| s.invoices.get(id)).ok_or(PayError::NoInvoice)?.balance,
        None => summary.map_or(0, |s| s.balance),
    };
    let total = summary.map_or(0, |s| s.balance);
    // A payment on its way lowers what is owed (on the invoice too, at most to what is owed in all).
    let owed = owed.min(total - pending);
    if pending > 0 && amount > owed && !account.allow_prepayment {
        return Err(PayError::Amount("is more than is owed once the payment already on its way posts"));
    }
    if amount > owed && !account.allow_prepayment {
        return Err(PayError::Amount("is more than is owed"));
    }
    if amount < account.minimum_payment && amount != owed {
        return Err(PayError::Amount("is less than the practice's minimum payment"));
    }
    Ok(())
}

async fn stored(table: &dyn Table, order: &PayOrder<'_>, key: &portico::store::Key) -> Result<Option<Payment>, PayError> {
    let Some(record) = table.get(key).await?.map(|i| i.record::<KeyRecord>()).transpose()? else { return Ok(None) };
    if record.amount != order.amount || record.invoice_id != order.invoice {
        return Err(PayError::KeyReused);
    }
    let id = PaymentId::parse(&record.record_id).ok_or_else(|| StoreError::Invalid("bad payment id".into()))?;
    Ok(table.get(&keys::payment(order.practice, order.patient, &id)).await?.map(|i| i.record()).transpose()?)
}

/// How long a payment may take to name its PaymentIntent before it counts as abandoned.
pub fn naming_grace() -> chrono::Duration {
    chrono::Duration::minutes(2)
}

fn canceled_write(practice: &PracticeId, patient: &PatientId, payment: &Payment, unnamed: bool) -> Update {
    let condition = if unnamed {
        Condition::VersionIs(payment.version).and(Condition::Missing("payment_intent".into()))
    } else {
        Condition::VersionIs(payment.version)
    };
    Update::new(keys::payment(practice, patient, &payment.payment_id))
        .set("status", serde_json::to_value(PaymentStatus::Canceled).unwrap_or_default())
        .add("version", 1)
        .when(condition)
}

/// The patient's payments that could still take money, settled before a new one starts: confirmed and
/// on their way (their amount is pending), being started right now (pending too), or started and never
/// confirmed (cancelled at Stripe now, so that only the newest attempt can be paid: two tabs, a double
/// click, or autopay beside a portal payment never pay the same balance twice). Returns what is pending.
pub(crate) async fn settle_others(
    table: &dyn Table,
    payments: &dyn Payments,
    practice: &PracticeId,
    patient: &PatientId,
    now: DateTime<Utc>,
) -> Result<i64, PayError> {
    let query = Query::partition(Index::Table, patient_partition(practice, patient)).begins_with(keys::PAYMENT_PREFIX);
    let mut pending = 0;
    let mut cursor = None;
    loop {
        let page = table.query(query.clone().after(cursor)).await?;
        for item in page.items {
            let payment: Payment = item.record()?;
            if !matches!(payment.status, PaymentStatus::Processing | PaymentStatus::RequiresPayment | PaymentStatus::Failed) {
                continue;
            }
            let Some(intent) = payment.payment_intent.clone() else {
                // Its PaymentIntent may be being created right now; one never named is abandoned (an
                // unconfirmed PaymentIntent sends no event to name it).
                if now - payment.created_at < naming_grace() {
                    pending += payment.amount;
                } else if let Err(e) = table.update(canceled_write(practice, patient, &payment, true)).await
                    && !e.is_condition_failed()
                {
                    return Err(e.into());
                }
                continue;
            };
            if payment.status == PaymentStatus::Processing {
                pending += payment.amount;
                continue;
            }
            let cancelled = match payments.cancel_payment_intent(&payment.stripe_account, &intent).await {
                Ok(_) => true,
                // Too late to cancel: paid or being paid (its event will post it), or cancelled already.
                Err(PaymentsError::Refused { .. }) => {
                    match payments.payment_intent(&payment.stripe_account, &intent).await?.status.as_str() {
                        "processing" | "succeeded" => {
                            pending += payment.amount;
                            false
                        }
                        "canceled" => true,
                        _ => false,
                    }
                }
                Err(PaymentsError::NotFound) => false,
                Err(e) => return Err(e.into()),
            };
            // An event that moved it meanwhile wins; the cancel event says the rest.
            if cancelled
                && let Err(e) = table.update(canceled_write(practice, patient, &payment, false)).await
                && !e.is_condition_failed()
            {
                return Err(e.into());
            }
        }
        cursor = page.next;
        if cursor.is_none() {
            return Ok(pending);
        }
    }
}

/// The payment for this order: the one its key made before, or a new one.
async fn payment_for(table: &dyn Table, payments: &dyn Payments, order: &PayOrder<'_>, now: DateTime<Utc>) -> Result<Payment, PayError> {
    let key = keys::request_key(order.practice, order.patient, "pay", &key_digest(order.key));
    for _ in 0..4 {
        if let Some(found) = stored(table, order, &key).await? {
            return Ok(found);
        }
        // One new payment at a time per patient: the lock's version orders them.
        let lock = table.get(&keys::pay_lock(order.practice, order.patient)).await?;
        let pending = settle_others(table, payments, order.practice, order.patient, now).await?;
        let summary = table.get(&keys::summary(order.practice, order.patient)).await?.map(|i| i.record::<Summary>()).transpose()?;
        check_amount(summary.as_ref(), order.account, order.invoice.as_ref(), order.amount, pending)?;
        let payment = Payment {
            payment_id: PaymentId::generate(now),
            practice_id: order.practice.clone(),
            patient_id: order.patient.clone(),
            amount: order.amount,
            currency: order.account.currency.clone(),
            invoice_id: order.invoice.clone(),
            stripe_account: order.account.stripe_account.clone(),
            payment_intent: None,
            status: PaymentStatus::RequiresPayment,
            status_at: None,
            failure_code: None,
            refunded: 0,
            paid_by: order.paid_by.clone(),
            authorization: None,
            created_at: now,
            succeeded_at: None,
            version: 1,
        };
        let record = KeyRecord { record_id: payment.payment_id.to_string(), amount: order.amount, invoice_id: order.invoice.clone() };
        let lock_condition = lock.as_ref().map_or(Condition::NotExists, |l| Condition::VersionIs(l.version()));
        let next_lock =
            Item::new(keys::pay_lock(order.practice, order.patient)).with("version", lock.as_ref().map_or(1, |l| l.version() + 1));
        let writes = vec![
            Write::put(Item::from_record(key.clone(), &record)?, Condition::NotExists),
            Write::put(
                Item::from_record(keys::payment(order.practice, order.patient, &payment.payment_id), &payment)?,
                Condition::NotExists,
            ),
            Write::put(next_lock, lock_condition),
        ];
        match table.transact(writes).await {
            Ok(()) => return Ok(payment),
            // The same key, or another new payment of this patient's, raced in: read again.
            Err(StoreError::ConditionFailed { .. } | StoreError::Conflict) => {
                tokio::time::sleep(portico::store::retry::backoff(2)).await;
                continue;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(StoreError::Conflict.into())
}

/// The idempotency key a payment's PaymentIntent is created with.
pub fn intent_key(payment: &PaymentId) -> String {
    format!("portico-payment-{payment}")
}

/// Who a PaymentIntent belongs to (the webhook's worker finds the payment by it).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IntentOwner {
    pub practice_id: PracticeId,
    pub patient_id: PatientId,
    pub payment_id: PaymentId,
}

/// The write that records whose payment a PaymentIntent is, once.
pub fn owner_write(payment: &Payment, intent: &str) -> Result<Write, StoreError> {
    let owner = IntentOwner {
        practice_id: payment.practice_id.clone(),
        patient_id: payment.patient_id.clone(),
        payment_id: payment.payment_id.clone(),
    };
    Ok(Write::put(Item::from_record(keys::payment_intent(intent), &owner)?, Condition::NotExists))
}

/// The writes that name a payment's PaymentIntent, once.
pub fn name_intent(payment: &Payment, intent: &str) -> Result<Vec<Write>, StoreError> {
    Ok(vec![
        Write::Update(
            Update::new(keys::payment(&payment.practice_id, &payment.patient_id, &payment.payment_id))
                .set("payment_intent", intent)
                .add("version", 1)
                .when(Condition::Exists.and(Condition::Missing("payment_intent".into()))),
        ),
        owner_write(payment, intent)?,
    ])
}

/// Starts (or resumes) a payment: the payment and its PaymentIntent, with the client secret the
/// browser confirms with.
pub async fn start(
    table: &dyn Table,
    payments: &dyn Payments,
    order: PayOrder<'_>,
    now: DateTime<Utc>,
) -> Result<(Payment, PaymentIntent), PayError> {
    let mut payment = payment_for(table, payments, &order, now).await?;
    if payment.status == PaymentStatus::Canceled {
        return Err(PayError::Replaced);
    }
    if let Some(id) = &payment.payment_intent {
        let intent = payments.payment_intent(&payment.stripe_account, id).await?;
        // Resumed after the balance fell (another payment posted): this one could now overpay.
        let unpaid = matches!(payment.status, PaymentStatus::RequiresPayment | PaymentStatus::Failed);
        if unpaid && !order.account.allow_prepayment && intent.status.starts_with("requires_") {
            let summary = table.get(&keys::summary(order.practice, order.patient)).await?.map(|i| i.record::<Summary>()).transpose()?;
            if payment.amount > summary.map_or(0, |s| s.balance) {
                payments.cancel_payment_intent(&payment.stripe_account, id).await?;
                return Err(PayError::BalanceChanged);
            }
        }
        return Ok((payment, intent));
    }
    let new = NewPaymentIntent {
        amount: payment.amount,
        currency: payment.currency.clone(),
        metadata: Metadata {
            practice_id: payment.practice_id.to_string(),
            patient_id: payment.patient_id.to_string(),
            record_id: payment.payment_id.to_string(),
        },
        statement_descriptor_suffix: Some(order.account.statement_descriptor.clone()),
        off_session: None,
    };
    let intent = payments.create_payment_intent(&payment.stripe_account, &new, &intent_key(&payment.payment_id)).await?;
    match table.transact(name_intent(&payment, &intent.id)?).await {
        Ok(()) => payment.payment_intent = Some(intent.id.clone()),
        Err(StoreError::ConditionFailed { .. }) => {
            // Named meanwhile (a concurrent retry, or the webhook adopting it): the stored id stands.
            let key = keys::payment(order.practice, order.patient, &payment.payment_id);
            payment = table.get(&key).await?.map(|i| i.record()).transpose()?.ok_or(StoreError::Conflict)?;
            if payment.payment_intent.as_deref() != Some(intent.id.as_str())
                && let Some(id) = &payment.payment_intent
            {
                let stored = payments.payment_intent(&payment.stripe_account, id).await?;
                return Ok((payment, stored));
            }
        }
        Err(e) => return Err(e.into()),
    }
    Ok((payment, intent))
}

pub async fn get(table: &dyn Table, practice: &PracticeId, patient: &PatientId, id: &PaymentId) -> Result<Option<Payment>, StoreError> {
    table.get(&keys::payment(practice, patient, id)).await?.map(|i| i.record()).transpose()
}
