//! Scheduling's functions without a route.

use portico::lambda::Function;
use serde_json::{Value, json};

use crate::deps::SweepDeps;

/// `worker-reminders-sweep` (every minute): sends the appointment reminders that are due.
pub struct SweepReminders;

impl Function for SweepReminders {
    const NAME: &'static str = "worker-reminders-sweep";
    type Deps = SweepDeps;
    type Event = Value;
    type Output = Value;

    async fn handle(d: &SweepDeps, _schedule: Value) -> Result<Value, lambda_runtime::Error> {
        let swept = crate::reminders::sweep(d.table.as_ref(), d.clock.now()).await?;
        Ok(json!({ "sent": swept.sent, "skipped": swept.skipped }))
    }
}
