//! The relay and the workers, in process. Each round forwards pending outbox events to their queues,
//! then hands every visible message to the function that consumes its queue as SQS-shaped batches,
//! exactly as Lambda's event source mapping would: partial batch failures come back, deferrals change
//! visibility, and messages received too often go to the dead-letter list. On the emulator the queue is
//! SQS itself.

use std::sync::Arc;

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use portico::clock::Clock;
use portico::lambda::Consumer;
use portico::queue::{LocalQueue, Queue};
use portico::store::Table;
use serde_json::json;

/// Where messages wait.
pub enum Backlog {
    Local(Arc<LocalQueue>),
    /// SQS queue URLs by name, received with the SDK as Lambda's poller would.
    Sqs {
        client: aws_sdk_sqs::Client,
        urls: Vec<(String, String)>,
    },
}

pub struct Workers {
    pub queue: Arc<dyn Queue>,
    pub backlog: Backlog,
    /// Each queue and the function that consumes it, from the capability list.
    pub consumers: Vec<(&'static str, Consumer)>,
    /// The scheduled functions (the reminder sweep), run at the start of every round.
    pub ticks: Vec<portico::lambda::Tick>,
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
}

impl Workers {
    /// Takes the visible messages of a queue as one SQS batch, as Lambda's poller would.
    pub async fn receive(&self, name: &str) -> Option<SqsEvent> {
        match &self.backlog {
            Backlog::Local(queue) => queue.receive(name),
            Backlog::Sqs { client, urls } => {
                let url = urls.iter().find(|(n, _)| n == name).map(|(_, u)| u.clone())?;
                let out = client.receive_message().queue_url(&url).max_number_of_messages(10).wait_time_seconds(0).send().await.ok()?;
                let records: Vec<serde_json::Value> = out
                    .messages()
                    .iter()
                    .map(|m| {
                        json!({
                            "messageId": m.message_id(),
                            "receiptHandle": m.receipt_handle(),
                            "body": m.body(),
                            "attributes": {},
                            "messageAttributes": {},
                            "eventSource": "aws:sqs",
                        })
                    })
                    .collect();
                if records.is_empty() {
                    return None;
                }
                serde_json::from_value(json!({ "Records": records })).ok()
            }
        }
    }

    /// Deletes what a worker handled and leaves its failures for their next turn, as Lambda would.
    pub async fn settle(&self, name: &str, batch: &SqsEvent, response: &SqsBatchResponse) {
        match &self.backlog {
            Backlog::Local(queue) => queue.settle(name, batch, response),
            Backlog::Sqs { client, urls } => {
                let Some(url) = urls.iter().find(|(n, _)| n == name).map(|(_, u)| u.clone()) else { return };
                let failed: Vec<&str> = response.batch_item_failures.iter().map(|f| f.item_identifier.as_str()).collect();
                for record in &batch.records {
                    if failed.contains(&record.message_id.as_deref().unwrap_or_default()) {
                        continue;
                    }
                    if let Some(receipt) = &record.receipt_handle {
                        let _ = client.delete_message().queue_url(&url).receipt_handle(receipt).send().await;
                    }
                }
            }
        }
    }

    /// One round of relay and workers. Returns how many messages the workers saw.
    pub async fn pump(&self) -> usize {
        for tick in &self.ticks {
            tick().await;
        }
        // Locally the sweep is the relay: no stream to give a head start to.
        let swept =
            portico::events::relay::sweep(self.table.as_ref(), self.queue.as_ref(), self.clock.now(), chrono::Duration::zero()).await;
        if let Err(e) = swept {
            tracing::warn!(error = %e, "relay sweep failed");
        }
        let mut seen = 0;
        for (name, consumer) in &self.consumers {
            // A few batches per round; messages that failed wait for their visibility timeout.
            for _ in 0..10 {
                let Some(batch) = self.receive(name).await else { break };
                seen += batch.records.len();
                let response = consumer(batch.clone()).await;
                self.settle(name, &batch, &response).await;
                if !response.batch_item_failures.is_empty() {
                    break;
                }
            }
        }
        seen
    }
}
