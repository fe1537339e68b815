//! The queue port: SQS in AWS (with a dead-letter queue after five receives), and locally an in-process
//! queue that delivers the same SQS-shaped batches to the same worker handlers, with the same visibility,
//! deferral and dead-letter rules, on the gateway's clock.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent};
use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use crate::clock::Clock;

/// Receives before a message goes to the dead-letter queue (the template's `maxReceiveCount`).
pub const MAX_RECEIVES: u32 = 5;
/// How long a received message stays invisible before it is delivered again (the template's
/// visibility timeout, 6 × the worker's 30-second timeout).
pub fn visibility() -> Duration {
    Duration::seconds(180)
}
/// SQS's limit for a deferral (`ChangeMessageVisibility`): 12 hours.
pub const MAX_DEFER_SECONDS: i64 = 12 * 3600 - 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueMessage {
    /// The business id (event id): SQS deduplication for FIFO queues, and the idempotency key.
    pub id: String,
    pub body: String,
    pub delay_seconds: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum QueueError {
    #[error("no queue named {0}")]
    Unknown(String),
    #[error("queue unavailable: {0}")]
    Unavailable(String),
}

#[async_trait]
pub trait Queue: Send + Sync {
    async fn send(&self, queue: &str, messages: Vec<QueueMessage>) -> Result<(), QueueError>;
    /// Makes a received message visible again only after `seconds` (a deferral, not a failure).
    async fn defer(&self, queue: &str, receipt: &str, seconds: i64) -> Result<(), QueueError>;
}

/// What a worker made of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// Deliver again after the visibility timeout.
    Retry(String),
    /// Deliver again at this time (quiet hours); capped at SQS's 12 hours.
    Defer(DateTime<Utc>),
}

/// Runs a worker over an SQS batch: returns only the failed and deferred items, so SQS deletes the rest
/// and retries just those (partial batch responses).
pub async fn run_batch<F, Fut>(queue: &dyn Queue, name: &str, now: DateTime<Utc>, event: SqsEvent, handle: F) -> SqsBatchResponse
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = Outcome>,
{
    let mut response = SqsBatchResponse::default();
    for record in event.records {
        let id = record.message_id.clone().unwrap_or_default();
        let outcome = handle(record.body.clone().unwrap_or_default()).await;
        let failed = match &outcome {
            Outcome::Done => false,
            Outcome::Retry(reason) => {
                tracing::warn!(message_id = %id, reason = %reason, "will retry");
                true
            }
            Outcome::Defer(until) => {
                let seconds = (*until - now).num_seconds().clamp(1, MAX_DEFER_SECONDS);
                if let Some(receipt) = &record.receipt_handle
                    && let Err(e) = queue.defer(name, receipt, seconds).await
                {
                    tracing::warn!(message_id = %id, error = %e, "deferral not recorded; the message returns after the visibility timeout");
                }
                tracing::info!(message_id = %id, seconds, "deferred");
                true
            }
        };
        if failed {
            let mut failure = BatchItemFailure::default();
            failure.item_identifier = id;
            response.batch_item_failures.push(failure);
        }
    }
    response
}

/// SQS. Queue URLs come from the environment (`<NAME>_QUEUE_URL`), endpoints from the SDK's variables.
pub struct SqsQueue {
    client: aws_sdk_sqs::Client,
    urls: HashMap<String, String>,
}

impl SqsQueue {
    pub fn new(sdk: &aws_config::SdkConfig, urls: HashMap<String, String>) -> Self {
        SqsQueue { client: aws_sdk_sqs::Client::new(sdk), urls }
    }

    fn url(&self, queue: &str) -> Result<&str, QueueError> {
        self.urls.get(queue).map(String::as_str).ok_or_else(|| QueueError::Unknown(queue.to_string()))
    }
}

fn sqs_error<E: std::error::Error + 'static, R: std::fmt::Debug>(e: aws_sdk_sqs::error::SdkError<E, R>) -> QueueError {
    QueueError::Unavailable(aws_sdk_sqs::error::DisplayErrorContext(e).to_string())
}

#[async_trait]
impl Queue for SqsQueue {
    async fn send(&self, queue: &str, messages: Vec<QueueMessage>) -> Result<(), QueueError> {
        let url = self.url(queue)?;
        for chunk in messages.chunks(10) {
            let mut batch = self.client.send_message_batch().queue_url(url);
            for (i, message) in chunk.iter().enumerate() {
                let entry = aws_sdk_sqs::types::SendMessageBatchRequestEntry::builder()
                    .id(format!("m{i}"))
                    .message_body(&message.body)
                    .delay_seconds(i32::try_from(message.delay_seconds.min(900)).unwrap_or(0))
                    .build()
                    .map_err(|e| QueueError::Unavailable(e.to_string()))?;
                batch = batch.entries(entry);
            }
            let out = batch.send().await.map_err(sqs_error)?;
            if !out.failed().is_empty() {
                return Err(QueueError::Unavailable(format!("{} message(s) refused by SQS", out.failed().len())));
            }
        }
        Ok(())
    }

    async fn defer(&self, queue: &str, receipt: &str, seconds: i64) -> Result<(), QueueError> {
        let url = self.url(queue)?;
        let seconds = i32::try_from(seconds.clamp(0, MAX_DEFER_SECONDS)).unwrap_or(0);
        self.client
            .change_message_visibility()
            .queue_url(url)
            .receipt_handle(receipt)
            .visibility_timeout(seconds)
            .send()
            .await
            .map_err(sqs_error)?;
        Ok(())
    }
}

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
        if let Some(held) = entry.ready.iter_mut().find(|m| m.receipt == receipt) {
            // As in SQS, the receive still counts towards the dead-letter limit.
            held.visible_at = now + Duration::seconds(seconds.clamp(0, MAX_DEFER_SECONDS));
        }
        Ok(())
    }
}
