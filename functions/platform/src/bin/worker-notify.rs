//! `worker-notify` (SQS `notify`): tells patients, through the send gate, and care teams that a message is
//! waiting. Partial batch responses: only failed or deferred items come back.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    portico::lambda::run::<portico_platform::functions::WorkerNotify>(env!("CARGO_BIN_NAME")).await
}
