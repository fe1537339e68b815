//! `relay-sweep` (every minute): forwards outbox events still pending a minute after they were written,
//! so an event the stream relay missed is delayed, never lost.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    portico::lambda::run::<portico_platform::functions::RelaySweep>(env!("CARGO_BIN_NAME")).await
}
