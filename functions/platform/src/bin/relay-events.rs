//! `relay-events` (the table's stream, filtered to inserted `EVENT#` items): forwards outbox events to SQS.
//! A failure fails the batch, so the stream retries it; `relay-sweep` catches anything left pending.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    portico::lambda::run::<portico_platform::functions::RelayEvents>(env!("CARGO_BIN_NAME")).await
}
