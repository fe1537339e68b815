//! `worker-ses-events` (SQS `ses-events`, subscribed to the SES configuration set's SNS topic): verifies
//! each SNS signature, then suppresses addresses that bounced permanently or complained.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    portico::lambda::run::<portico_platform::functions::WorkerSesEvents>(env!("CARGO_BIN_NAME")).await
}
