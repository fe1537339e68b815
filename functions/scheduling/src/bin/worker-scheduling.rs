//! `worker-scheduling` (SQS `scheduling`): a patient's "C" confirms their appointment, and a freed time is
//! offered to the waitlist. Partial batch responses: only failed items come back.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    portico::lambda::run::<portico_scheduling::functions::WorkerScheduling>(env!("CARGO_BIN_NAME")).await
}
