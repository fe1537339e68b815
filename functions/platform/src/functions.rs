//! The platform's functions without a route: the notify and SES-events workers, the stream relay and
//! its sweep.

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use portico::events::{NOTIFY_QUEUE, relay};
use portico::lambda::Function;
use portico::queue::run_batch;
use serde_json::{Value, json};

use crate::deps::{NotifyWorkerDeps, RelayDeps, SES_EVENTS_QUEUE};
use crate::ses_events::SesEventDeps;

/// `worker-notify` (SQS `notify`): patient and staff notices, through the send gate, once each.
pub struct WorkerNotify;

impl Function for WorkerNotify {
    const NAME: &'static str = "worker-notify";
    type Deps = NotifyWorkerDeps;
    type Event = SqsEvent;
    type Output = SqsBatchResponse;

    async fn handle(d: &NotifyWorkerDeps, batch: SqsEvent) -> Result<SqsBatchResponse, lambda_runtime::Error> {
        let now = d.notifier.clock.now();
        Ok(run_batch(d.queue.as_ref(), NOTIFY_QUEUE, now, batch, |body| async move { d.notifier.handle(&body).await }).await)
    }
}

/// `worker-ses-events` (SQS `ses-events`, fed by SNS): bounces and complaints suppress addresses.
pub struct WorkerSesEvents;

impl Function for WorkerSesEvents {
    const NAME: &'static str = "worker-ses-events";
    type Deps = SesEventDeps;
    type Event = SqsEvent;
    type Output = SqsBatchResponse;

    async fn handle(d: &SesEventDeps, batch: SqsEvent) -> Result<SqsBatchResponse, lambda_runtime::Error> {
        let now = d.clock.now();
        Ok(run_batch(d.queue.as_ref(), SES_EVENTS_QUEUE, now, batch, |body| async move { d.handle(&body).await }).await)
    }
}

/// `relay-events` (the table's stream, filtered to inserted `EVENT#` items): hands outbox events to
/// their queues. A failure fails the batch, so the stream retries it; `relay-sweep` catches anything left.
pub struct RelayEvents;

impl Function for RelayEvents {
    const NAME: &'static str = "relay-events";
    type Deps = RelayDeps;
    type Event = Value;
    type Output = Value;

    async fn handle(d: &RelayDeps, batch: Value) -> Result<Value, lambda_runtime::Error> {
        let forwarded = relay::forward(d.table.as_ref(), d.queue.as_ref(), &relay::from_stream(&batch)).await?;
        Ok(json!({ "forwarded": forwarded }))
    }
}

/// How long the stream relay gets before the sweep forwards an event itself.
pub fn stream_head_start() -> chrono::Duration {
    chrono::Duration::minutes(1)
}

/// `relay-sweep` (every minute): forwards events the stream relay missed.
pub struct RelaySweep;

impl Function for RelaySweep {
    const NAME: &'static str = "relay-sweep";
    type Deps = RelayDeps;
    type Event = Value;
    type Output = Value;

    async fn handle(d: &RelayDeps, _schedule: Value) -> Result<Value, lambda_runtime::Error> {
        let forwarded = relay::sweep(d.table.as_ref(), d.queue.as_ref(), d.clock.now(), stream_head_start()).await?;
        Ok(json!({ "forwarded": forwarded }))
    }
}
