//! The relay: hands outbox events to their queues. In AWS it is fed by the table's stream
//! (`relay-events`), and a scheduled sweep (`relay-sweep`) forwards any event the stream relay missed;
//! locally the sweep runs continuously. An event leaves the pending index only after every queue it is
//! routed to accepted it, so none is lost; a queue may see one twice, and the workers' idempotency
//! records absorb that.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use super::{Event, queues};
use crate::keys;
use crate::queue::{Queue, QueueError, QueueMessage};
use crate::store::{Condition, Index, Query, StoreError, Table, Update, attr};

#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    #[error(transparent)]
    Queue(#[from] QueueError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Forwards events to their queues, then takes them out of the pending index. Returns how many went.
pub async fn forward(table: &dyn Table, queue: &dyn Queue, events: &[Event]) -> Result<usize, RelayError> {
    let mut by_queue: BTreeMap<&str, Vec<QueueMessage>> = BTreeMap::new();
    for event in events {
        let Ok(message) = event.to_message() else { continue };
        for name in queues(&event.kind) {
            by_queue.entry(name).or_default().push(message.clone());
        }
    }
    for (name, messages) in by_queue {
        for chunk in messages.chunks(10) {
            queue.send(name, chunk.to_vec()).await?;
        }
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

/// Forwards every pending event older than `settle` (the stream relay's head start; zero locally). An
/// item of the pending index that is not an event this code can read is taken out of the index and
/// logged, so it can never hold the sweep up.
pub async fn sweep(table: &dyn Table, queue: &dyn Queue, now: DateTime<Utc>, settle: Duration) -> Result<usize, RelayError> {
    let cutoff = crate::time::sortable_upper(now - settle);
    let (mut total, mut position) = (0, None);
    // Bounded per run: a backlog larger than this is the next run's (every minute in AWS).
    for _ in 0..20 {
        let query = Query::partition(Index::Gsi1, keys::PENDING_EVENTS).between("0", cutoff.clone()).limit(50).after(position.take());
        let page = table.query(query).await?;
        let mut events = Vec::new();
        for item in &page.items {
            match item.record::<Event>() {
                Ok(event) => events.push(event),
                Err(e) => {
                    tracing::warn!(pk = %item.key.pk, sk = %item.key.sk, error = %e, "unreadable outbox item taken out of the pending index");
                    let unlisted = Update::new(item.key.clone()).remove(attr::GSI1PK).remove(attr::GSI1SK).when(Condition::Exists);
                    match table.update(unlisted).await {
                        Ok(_) | Err(StoreError::ConditionFailed { .. }) => {}
                        Err(e) => return Err(e.into()),
                    }
                }
            }
        }
        total += forward(table, queue, &events).await?;
        // Follow the cursor: a page can be empty (expired items filtered out) with more after it.
        match page.next {
            Some(next) => position = Some(next),
            None => break,
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
            serde_json::from_value(crate::store::from_dynamodb_json(image)).ok()
        })
        .collect()
}
