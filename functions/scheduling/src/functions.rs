//! Scheduling's functions without a route.

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use chrono::{DateTime, Utc};
use portico::directory::practices;
use portico::events::{Event, EventKind, SCHEDULING_QUEUE};
use portico::lambda::Function;
use portico::queue::{Outcome, run_batch};
use portico::store::{StoreError, Table};
use serde_json::{Value, json};

use crate::deps::{SweepDeps, WorkerDeps};

/// `worker-scheduling-sweep` (every minute): sends the appointment reminders that are due, starts the
/// waitlist rounds whose claim windows have ended, and ends the video meetings whose windows closed.
pub struct SchedulingSweep;

impl Function for SchedulingSweep {
    const NAME: &'static str = "worker-scheduling-sweep";
    type Deps = SweepDeps;
    type Event = Value;
    type Output = Value;

    async fn handle(d: &SweepDeps, _schedule: Value) -> Result<Value, lambda_runtime::Error> {
        let now = d.clock.now();
        let table = d.table.as_ref();
        // Each runs whatever the others do; a failure is reported (and alarmed) once all three ran.
        let (swept, rounds, ended) = futures::join!(
            crate::reminders::sweep(table, now),
            crate::waitlist::sweep(table, now),
            crate::telehealth::sweep(table, d.video.as_ref(), now)
        );
        let failed: Vec<String> =
            [swept.as_ref().err(), rounds.as_ref().err(), ended.as_ref().err()].into_iter().flatten().map(ToString::to_string).collect();
        if !failed.is_empty() {
            return Err(failed.join("; ").into());
        }
        let (swept, rounds, ended) = (swept?, rounds?, ended?);
        Ok(json!({ "sent": swept.sent, "skipped": swept.skipped, "rounds": rounds, "meetings_ended": ended }))
    }
}

/// `worker-scheduling` (SQS `scheduling`): a patient's "C" confirms their appointment; a freed time is
/// offered to the waitlist. Each event applies once, however often it is delivered.
pub struct WorkerScheduling;

impl Function for WorkerScheduling {
    const NAME: &'static str = "worker-scheduling";
    type Deps = WorkerDeps;
    type Event = SqsEvent;
    type Output = SqsBatchResponse;

    async fn handle(d: &WorkerDeps, batch: SqsEvent) -> Result<SqsBatchResponse, lambda_runtime::Error> {
        let now = d.clock.now();
        Ok(run_batch(d.queue.as_ref(), SCHEDULING_QUEUE, now, batch, |body| async move {
            match apply(d.table.as_ref(), &body, now).await {
                Ok(()) => Outcome::Done,
                Err(e) => Outcome::Retry(e.to_string()),
            }
        })
        .await)
    }
}

/// One event from the queue.
pub async fn apply(table: &dyn Table, body: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
    let event: Event = serde_json::from_str(body).map_err(|e| StoreError::Invalid(format!("unreadable event: {e}")))?;
    match &event.kind {
        EventKind::ConfirmByText { message_sid } => {
            crate::replies::confirm_by_text(table, &event.practice_id, &event.patient_id, message_sid, now).await?;
        }
        EventKind::SlotFreed { clinician_id, service_id, start } => {
            let Some(practice) = practices::get(table, &event.practice_id).await? else { return Ok(()) };
            crate::waitlist::opened(table, &practice, event.event_id.as_str(), (service_id, clinician_id, *start), now).await?;
        }
        // Not scheduling's to handle: routed here by mistake, it changes nothing.
        _ => {}
    }
    Ok(())
}
