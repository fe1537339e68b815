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

/// How long a handled business id is remembered: longer than anything can come back. Queues keep a
/// message 4 days and their dead-letter queues 14 (a redrive may come on the last day); Stripe retries
/// for 3 days and Twilio for hours.
pub fn window() -> Duration {
    Duration::days(15)
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
    /// Claimed by a delivery that has not finished, since this instant (in sortable form, so the
    /// condition that fences the claim compares it exactly).
    Working { since: String },
    /// Handled; `outcome` says how.
    Done { at: DateTime<Utc>, outcome: T },
}

/// A claim this delivery holds: [`record`] and [`release`] act only while it is still this one, so a
/// delivery whose lease was taken over cannot undo or overwrite the new holder's work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    since: String,
}

/// What a claim found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim<T> {
    /// This delivery holds the claim: do the work, then [`record`] (or [`release`] on failure).
    Mine(Held),
    /// Handled before, with this outcome (none when an earlier version recorded it): do nothing.
    Done(Option<T>),
    /// Another delivery is working on it now: come back later.
    Busy,
}

fn item<T: Serialize>(id: &Claimed, record: &Record<T>, now: DateTime<Utc>) -> Result<Item, StoreError> {
    Ok(Item::from_record(id.key.clone(), record)?.expiring_at((now + window()).timestamp()))
}

fn since(at: DateTime<Utc>) -> String {
    crate::time::sortable(at)
}

fn holding(held: &Held) -> Condition {
    Condition::eq("state", "working").and(Condition::eq("since", held.since.as_str()))
}

/// Claims `id` for this delivery. A claim older than `lease` belongs to a delivery that died: it is taken
/// over, on condition that nobody else took it over first. A record this code cannot read (written by an
/// earlier version) counts as handled.
pub async fn claim<T: Serialize + DeserializeOwned>(
    table: &dyn Table,
    id: &Claimed,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<Claim<T>, StoreError> {
    let held = Held { since: since(now) };
    let working = item(id, &Record::<T>::Working { since: held.since.clone() }, now)?;
    let current = match table.put(working.clone(), Condition::NotExists).await {
        Ok(()) => return Ok(Claim::Mine(held)),
        Err(StoreError::ConditionFailed { current: Some(current), .. }) => current,
        // Gone again between the write and the read: the next delivery will claim it.
        Err(StoreError::ConditionFailed { current: None, .. }) => return Ok(Claim::Busy),
        Err(e) => return Err(e),
    };
    let Ok(record) = current.record::<Record<T>>() else { return Ok(Claim::Done(None)) };
    match record {
        Record::Done { outcome, .. } => Ok(Claim::Done(Some(outcome))),
        Record::Working { since: started } if started < since(now - lease) => {
            let unchanged = Condition::eq("state", "working").and(Condition::eq("since", started.as_str()));
            match table.put(working, unchanged).await {
                Ok(()) => Ok(Claim::Mine(held)),
                Err(StoreError::ConditionFailed { .. }) => Ok(Claim::Busy),
                Err(e) => Err(e),
            }
        }
        Record::Working { .. } => Ok(Claim::Busy),
    }
}

/// Records the outcome of a claim this delivery still holds, for every later delivery to find. A claim
/// taken over meanwhile is left to its new holder (`Ok(false)`).
pub async fn record<T: Serialize>(
    table: &dyn Table,
    id: &Claimed,
    held: &Held,
    outcome: &T,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    match table.put(item(id, &Record::Done { at: now, outcome }, now)?, holding(held)).await {
        Ok(()) => Ok(true),
        Err(StoreError::ConditionFailed { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Records that `id` was handled, without a claim: for work that cannot run twice at once (a step of a
/// delivery that holds a claim on the whole).
pub async fn mark<T: Serialize>(table: &dyn Table, id: &Claimed, outcome: &T, now: DateTime<Utc>) -> Result<(), StoreError> {
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

/// The write that marks `id` handled for `window` only (an API's `Idempotency-Key`, remembered for a
/// day): after that the key is free again, whether or not the table has deleted the record yet.
pub fn once_for<T: Serialize>(id: &Claimed, outcome: &T, now: DateTime<Utc>, window: Duration) -> Result<Write, StoreError> {
    let item = Item::from_record(id.key.clone(), &Record::Done { at: now, outcome })?.expiring_at((now + window).timestamp());
    Ok(Write::put(item, Condition::NotExists))
}

/// The outcome recorded for `id`, while its record lives.
pub async fn outcome<T: DeserializeOwned>(table: &dyn Table, id: &Claimed, now: DateTime<Utc>) -> Result<Option<T>, StoreError> {
    let Some(item) = table.get(&id.key).await? else { return Ok(None) };
    if item.expired(now.timestamp()) {
        return Ok(None);
    }
    match item.record::<Record<T>>() {
        Ok(Record::Done { outcome, .. }) => Ok(Some(outcome)),
        _ => Ok(None),
    }
}

/// Gives a claim this delivery still holds up, so the next delivery does the work.
pub async fn release(table: &dyn Table, id: &Claimed, held: &Held) -> Result<(), StoreError> {
    table.delete(&id.key, holding(held)).await.or_else(|e| if e.is_condition_failed() { Ok(()) } else { Err(e) })
}

/// Whether `id` was handled (or is being handled).
pub async fn seen(table: &dyn Table, id: &Claimed) -> Result<bool, StoreError> {
    Ok(table.get(&id.key).await?.is_some())
}
