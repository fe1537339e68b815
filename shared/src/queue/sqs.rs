//! SQS. Queue URLs come from the environment (`<NAME>_QUEUE_URL`), endpoints from the SDK's variables.

use std::collections::HashMap;

use async_trait::async_trait;

use super::{MAX_DEFER_SECONDS, Queue, QueueError, QueueMessage};

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
        self.client.change_message_visibility().queue_url(url).receipt_handle(receipt).visibility_timeout(seconds).send().await.map_err(
            |e| {
                let stale = e.as_service_error().is_some_and(|s| s.is_receipt_handle_is_invalid() || s.is_message_not_inflight());
                if stale { QueueError::StaleReceipt } else { sqs_error(e) }
            },
        )?;
        Ok(())
    }
}
