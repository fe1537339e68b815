//! Billing's functions without a route: the worker that applies Stripe's events, and the autopay run.

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use portico::events::BILLING_QUEUE;
use portico::lambda::Function;
use portico::queue::{Outcome, run_batch};

use crate::deps::{AutopayDeps, WorkerDeps};
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

/// `worker-billing-autopay` (hourly): charges active autopays in their practices' early hours.
pub struct AutopayRun;

impl Function for AutopayRun {
    const NAME: &'static str = "worker-billing-autopay";
    type Deps = AutopayDeps;
    type Event = serde_json::Value;
    type Output = serde_json::Value;

    async fn handle(d: &AutopayDeps, _schedule: serde_json::Value) -> Result<serde_json::Value, lambda_runtime::Error> {
        let report = crate::autopay::run(d.table.as_ref(), d.payments.as_ref(), d.clock.now()).await?;
        Ok(serde_json::to_value(report)?)
    }
}
