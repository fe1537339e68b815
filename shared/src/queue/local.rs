//! The in-process queue: the same SQS-shaped batches, visibility, deferrals and dead letters, on the
//! gateway's clock.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use super::{MAX_DEFER_SECONDS, MAX_RECEIVES, Queue, QueueError, QueueMessage, visibility};
use crate::clock::Clock;

/// One message held by the local queue.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Held {
    pub message_id: String,
    pub id: String,
    pub body: String,
    pub visible_at: DateTime<Utc>,
    pub receives: u32,
    #[serde(skip)]
    receipt: String,
}

#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct LocalQueueState {
    pub ready: Vec<Held>,
    pub dead: Vec<Held>,
}

/// The in-process queue. `deliver` hands every visible message to its worker as SQS would; the local
/// gateway calls it in a loop, tests call it when they want the workers to run.
pub struct LocalQueue {
    clock: Arc<dyn Clock>,
    state: Mutex<BTreeMap<String, LocalQueueState>>,
}

impl LocalQueue {
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        LocalQueue { clock, state: Mutex::new(BTreeMap::new()) }
    }

    pub fn snapshot(&self) -> BTreeMap<String, LocalQueueState> {
        self.state.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Takes the visible messages of `queue` (at most ten, as one SQS batch), counting the receive and
    /// hiding them for the visibility timeout; messages received too often go to the dead-letter list.
    pub fn receive(&self, queue: &str) -> Option<SqsEvent> {
        let now = self.clock.now();
        let mut state = self.state.lock().ok()?;
        let entry = state.entry(queue.to_string()).or_default();
        let (dead, live): (Vec<Held>, Vec<Held>) =
            std::mem::take(&mut entry.ready).into_iter().partition(|m| m.visible_at <= now && m.receives >= MAX_RECEIVES);
        entry.ready = live;
        entry.dead.extend(dead);
        let mut records = Vec::new();
        for held in entry.ready.iter_mut().filter(|m| m.visible_at <= now).take(10) {
            held.receives += 1;
            held.receipt = crate::crypto::random_token(12);
            held.visible_at = now + visibility();
            records.push(json!({
                "messageId": held.message_id,
                "receiptHandle": held.receipt,
                "body": held.body,
                "attributes": { "ApproximateReceiveCount": held.receives.to_string(), "SentTimestamp": now.timestamp_millis().to_string() },
                "messageAttributes": {},
                "eventSource": "aws:sqs",
                "eventSourceARN": format!("arn:aws:sqs:local:000000000000:{queue}"),
                "awsRegion": "local",
            }));
        }
        if records.is_empty() {
            return None;
        }
        serde_json::from_value(json!({ "Records": records })).ok()
    }

    /// Applies a worker's answer: succeeded messages are deleted; failed ones stay for their next turn.
    pub fn settle(&self, queue: &str, batch: &SqsEvent, response: &SqsBatchResponse) {
        let failed: Vec<&str> = response.batch_item_failures.iter().map(|f| f.item_identifier.as_str()).collect();
        let delivered: Vec<&str> = batch.records.iter().filter_map(|r| r.message_id.as_deref()).collect();
        if let Ok(mut state) = self.state.lock() {
            let entry = state.entry(queue.to_string()).or_default();
            entry.ready.retain(|m| !delivered.contains(&m.message_id.as_str()) || failed.contains(&m.message_id.as_str()));
        }
    }

    pub fn pending(&self, queue: &str) -> usize {
        self.state.lock().map(|s| s.get(queue).map(|q| q.ready.len()).unwrap_or(0)).unwrap_or(0)
    }
}

#[async_trait]
impl Queue for LocalQueue {
    async fn send(&self, queue: &str, messages: Vec<QueueMessage>) -> Result<(), QueueError> {
        let now = self.clock.now();
        let mut state = self.state.lock().map_err(|_| QueueError::Unavailable("poisoned".into()))?;
        let entry = state.entry(queue.to_string()).or_default();
        for message in messages {
            entry.ready.push(Held {
                message_id: crate::crypto::random_token(12),
                id: message.id,
                body: message.body,
                visible_at: now + Duration::seconds(i64::from(message.delay_seconds)),
                receives: 0,
                receipt: String::new(),
            });
        }
        Ok(())
    }

    async fn defer(&self, queue: &str, receipt: &str, seconds: i64) -> Result<(), QueueError> {
        let now = self.clock.now();
        let mut state = self.state.lock().map_err(|_| QueueError::Unavailable("poisoned".into()))?;
        let entry = state.get_mut(queue).ok_or_else(|| QueueError::Unknown(queue.to_string()))?;
        let held = entry.ready.iter_mut().find(|m| m.receipt == receipt).ok_or(QueueError::StaleReceipt)?;
        // As in SQS, the receive still counts towards the dead-letter limit.
        held.visible_at = now + Duration::seconds(seconds.clamp(0, MAX_DEFER_SECONDS));
        Ok(())
    }
}
