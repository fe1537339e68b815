//! The queue port: SQS in AWS (with a dead-letter queue after five receives), and locally an in-process
//! queue that delivers the same SQS-shaped batches to the same worker handlers, with the same visibility,
//! deferral and dead-letter rules, on the gateway's clock. [`run_batch`] runs a worker over a batch
//! with partial batch responses, the same way in both.

#[cfg(feature = "local")]
mod local;
mod sqs;

use async_trait::async_trait;
use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent};
use chrono::{DateTime, Duration, Utc};

#[cfg(feature = "local")]
pub use local::{Held, LocalQueue, LocalQueueState};
pub use sqs::SqsQueue;

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
    /// The message was deleted, or its receipt has been superseded by a later receive.
    #[error("the receipt handle does not name a message in flight")]
    StaleReceipt,
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
