//! Billing's function without a route: the worker that applies Stripe's events.

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use portico::events::BILLING_QUEUE;
use portico::lambda::Function;
use portico::queue::{Outcome, run_batch};

use crate::deps::WorkerDeps;
use crate::stripe_events::Applied;

/// `worker-billing` (SQS `billing`): each Stripe event the webhook verified changes the ledger once,
/// in whatever order and however often it arrives. A failure retries that message alone.
pub struct WorkerBilling;

impl Function for WorkerBilling {
    const NAME: &'static str = "worker-billing";
    type Deps = WorkerDeps;
    type Event = SqsEvent;
    type Output = SqsBatchResponse;

    async fn handle(d: &WorkerDeps, batch: SqsEvent) -> Result<SqsBatchResponse, lambda_runtime::Error> {
        let now = d.clock.now();
        Ok(run_batch(d.queue.as_ref(), BILLING_QUEUE, now, batch, |body| async move {
            match crate::stripe_events::apply(d.table.as_ref(), &body, now).await {
                Ok(Applied::Ignored(why)) => {
                    tracing::info!(reason = why, "stripe event ignored");
                    Outcome::Done
                }
                Ok(_) => Outcome::Done,
                Err(e) => Outcome::Retry(e.to_string()),
            }
        })
        .await)
    }
}
