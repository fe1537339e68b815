//! Idempotency by business id (ARCHITECTURE §6). Queues deliver at least once and webhooks are retried,
//! so whatever acts on a message or a callback first claims its business id (an event id, a Twilio
//! `MessageSid`, a Stripe event id) in a scope, then records what it did. A second delivery finds the
//! record and does nothing; a delivery that finds a claim still being worked on comes back later; a
//! claim whose worker died is taken over after its lease. Records outlive the longest upstream retry.

use chrono::{DateTime, Duration, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::ids::PracticeId;
use crate::keys;
use crate::store::{Condition, Item, Key, StoreError, Table, Write};

/// How long a handled business id is remembered: longer than any upstream retries (SQS's retention
/// here; Stripe retries for three days, so at least four).
pub fn window() -> Duration {
    Duration::days(5)
}

/// One business id in one scope (`notify`, `sms-in`, `stripe`…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    key: Key,
}

impl Claimed {
    pub fn new(practice: &PracticeId, scope: &str, id: &str) -> Self {
        Claimed { key: keys::handled(practice, scope, id) }
    }

    pub fn key(&self) -> &Key {
        &self.key
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
enum Record<T> {
    /// Claimed by a delivery that has not finished.
    Working { since: DateTime<Utc> },
    /// Handled; `outcome` says how.
    Done { at: DateTime<Utc>, outcome: T },
}

/// What a claim found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim<T> {
    /// This delivery holds the claim: do the work, then [`record`] (or [`release`] on failure).
    Mine,
    /// Handled before, with this outcome: do nothing.
    Done(T),
    /// Another delivery is working on it now: come back later.
    Busy,
}

fn item<T: Serialize>(id: &Claimed, record: &Record<T>, now: DateTime<Utc>) -> Result<Item, StoreError> {
    Ok(Item::from_record(id.key.clone(), record)?.expiring_at((now + window()).timestamp()))
}

/// Claims `id` for this delivery. A claim older than `lease` belongs to a delivery that died: it is taken
/// over, on condition that nobody else took it over first.
pub async fn claim<T: Serialize + DeserializeOwned>(
    table: &dyn Table,
    id: &Claimed,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<Claim<T>, StoreError> {
    let working = item(id, &Record::<T>::Working { since: now }, now)?;
    let current = match table.put(working.clone(), Condition::NotExists).await {
        Ok(()) => return Ok(Claim::Mine),
        Err(StoreError::ConditionFailed { current: Some(current), .. }) => current,
        // Gone again between the write and the read: the next delivery will claim it.
        Err(StoreError::ConditionFailed { current: None, .. }) => return Ok(Claim::Busy),
        Err(e) => return Err(e),
    };
    match current.record::<Record<T>>()? {
        Record::Done { outcome, .. } => Ok(Claim::Done(outcome)),
        Record::Working { since } if now - since > lease => {
            let unchanged = Condition::eq("state", "working").and(Condition::eq("since", current.str("since").unwrap_or_default()));
            match table.put(working, unchanged).await {
                Ok(()) => Ok(Claim::Mine),
                Err(StoreError::ConditionFailed { .. }) => Ok(Claim::Busy),
                Err(e) => Err(e),
            }
        }
        Record::Working { .. } => Ok(Claim::Busy),
    }
}

/// Records the outcome of a claimed id, for every later delivery to find.
pub async fn record<T: Serialize>(table: &dyn Table, id: &Claimed, outcome: &T, now: DateTime<Utc>) -> Result<(), StoreError> {
    table.put(item(id, &Record::Done { at: now, outcome }, now)?, Condition::Always).await
}

/// Records an outcome only if nobody has claimed the id: for deciding not to act at all.
pub async fn record_unclaimed<T: Serialize>(table: &dyn Table, id: &Claimed, outcome: &T, now: DateTime<Utc>) -> Result<(), StoreError> {
    match table.put(item(id, &Record::Done { at: now, outcome }, now)?, Condition::NotExists).await {
        Ok(()) | Err(StoreError::ConditionFailed { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}

/// The write that marks `id` handled inside the transaction that handles it; the transaction fails (with
/// this write's condition) if the id was handled before. For work that is one transaction.
pub fn once<T: Serialize>(id: &Claimed, outcome: &T, now: DateTime<Utc>) -> Result<Write, StoreError> {
    Ok(Write::put(item(id, &Record::Done { at: now, outcome }, now)?, Condition::NotExists))
}

/// Gives a claim up, so the next delivery does the work.
pub async fn release(table: &dyn Table, id: &Claimed) -> Result<(), StoreError> {
    table.delete(&id.key, Condition::eq("state", "working")).await.or_else(|e| if e.is_condition_failed() { Ok(()) } else { Err(e) })
}

/// Whether `id` was handled (or is being handled).
pub async fn seen(table: &dyn Table, id: &Claimed) -> Result<bool, StoreError> {
    Ok(table.get(&id.key).await?.is_some())
}
