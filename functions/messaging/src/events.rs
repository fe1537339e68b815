//! Outbox events: written in the same transaction as the change they announce, then forwarded to the
//! queue by the relay. In AWS the relay is fed by the table's stream, and a scheduled sweep forwards any
//! event the stream relay missed; locally the sweep runs continuously. An event leaves the pending index
//! only after the queue accepted it, so none is lost; the queue may see one twice, and the workers'
//! idempotency records absorb that.

use chrono::{DateTime, Duration, Utc};
use portico::ids::{EventId, MessageId, PatientId, PracticeId, StaffId, ThreadId};
use portico::queue::{Queue, QueueError, QueueMessage};
use portico::store::{Condition, Index, Item, Query, StoreError, Table, Update, attr};
use serde::{Deserialize, Serialize};

use crate::keys;
use crate::threads::Topic;

/// The queue notifications go through.
pub const NOTIFY_QUEUE: &str = "notify";

/// Events stay in the table this long, well past any relay retry.
pub fn retention() -> Duration {
    Duration::days(7)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    MessageCreated {
        thread_id: ThreadId,
        message_id: MessageId,
        topic: Topic,
        from_patient: bool,
        urgent: bool,
        #[serde(default)]
        care_team: Vec<StaffId>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub event_id: EventId,
    pub practice_id: PracticeId,
    pub patient_id: PatientId,
    pub created_at: DateTime<Utc>,
    #[serde(flatten)]
    pub kind: EventKind,
}

impl Event {
    pub fn item(&self) -> Result<Item, StoreError> {
        let sort = format!("{}#{}", self.created_at.format("%Y-%m-%dT%H:%M:%S%.6fZ"), self.event_id);
        Ok(Item::from_record(keys::event(&self.practice_id, &self.patient_id, &self.event_id), self)?
            .indexed(Index::Gsi1, keys::PENDING_EVENTS, sort)
            .expiring_at((self.created_at + retention()).timestamp()))
    }

    pub fn to_message(&self) -> Result<QueueMessage, serde_json::Error> {
        Ok(QueueMessage { id: self.event_id.to_string(), body: serde_json::to_string(self)?, delay_seconds: 0 })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    #[error(transparent)]
    Queue(#[from] QueueError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Forwards events to the queue, then takes them out of the pending index. Returns how many went.
pub async fn forward(table: &dyn Table, queue: &dyn Queue, events: &[Event]) -> Result<usize, RelayError> {
    let messages: Vec<QueueMessage> = events.iter().filter_map(|e| e.to_message().ok()).collect();
    for chunk in messages.chunks(10) {
        queue.send(NOTIFY_QUEUE, chunk.to_vec()).await?;
    }
    for event in events {
        let relayed = Update::new(keys::event(&event.practice_id, &event.patient_id, &event.event_id))
            .remove(attr::GSI1PK)
            .remove(attr::GSI1SK)
            .when(Condition::Exists);
        match table.update(relayed).await {
            Ok(_) | Err(StoreError::ConditionFailed { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(events.len())
}

/// Forwards every pending event older than `settle` (the stream relay's head start; zero locally).
pub async fn sweep(table: &dyn Table, queue: &dyn Queue, now: DateTime<Utc>, settle: Duration) -> Result<usize, RelayError> {
    let cutoff = (now - settle).format("%Y-%m-%dT%H:%M:%S%.6fZ~").to_string();
    let mut total = 0;
    // Bounded: the index is eventually consistent, so a page may repeat events just forwarded.
    for _ in 0..20 {
        let page = table.query(Query::partition(Index::Gsi1, keys::PENDING_EVENTS).between("0", cutoff.clone()).limit(50)).await?;
        let events: Vec<Event> = page.items.iter().filter_map(|i| i.record().ok()).collect();
        if events.is_empty() {
            break;
        }
        total += forward(table, queue, &events).await?;
        if page.next.is_none() {
            break;
        }
    }
    Ok(total)
}

/// Reads the events out of a DynamoDB stream batch (inserts of `EVENT#` items), in DynamoDB's JSON.
pub fn from_stream(batch: &serde_json::Value) -> Vec<Event> {
    batch["Records"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|record| record["eventName"] == "INSERT")
        .filter_map(|record| {
            let image = &record["dynamodb"]["NewImage"];
            let sk = image["SK"]["S"].as_str()?;
            if !sk.starts_with("EVENT#") {
                return None;
            }
            serde_json::from_value(portico::store::from_dynamodb_json(image)).ok()
        })
        .collect()
}
