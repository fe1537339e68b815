//! `worker-reminders-sweep` (every minute): sends the appointment reminders that are due, each once.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    portico::lambda::run::<portico_scheduling::functions::SweepReminders>(env!("CARGO_BIN_NAME")).await
}
