//! `worker-scheduling-sweep` (every minute): sends the appointment reminders that are due, each once, and
//! starts the waitlist rounds whose claim windows ended.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    portico::lambda::run::<portico_scheduling::functions::SchedulingSweep>(env!("CARGO_BIN_NAME")).await
}
