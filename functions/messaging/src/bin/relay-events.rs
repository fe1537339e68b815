//! `relay-events` (the table's stream, filtered to inserted `EVENT#` items): forwards outbox events to SQS.
//! A failure fails the batch, so the stream retries it; `relay-sweep` catches anything left pending.

use lambda_runtime::{Error, LambdaEvent, service_fn};
use portico_messaging::events::{self, NOTIFY_QUEUE};
use serde_json::Value;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let (mut env, sdk) = portico::wiring::start().await;
    let clock = portico::wiring::clock();
    let table = portico::wiring::table(&mut env, &sdk, &clock);
    let queue = portico::wiring::queue(&mut env, &sdk, &[NOTIFY_QUEUE]);
    env.finish()?;
    lambda_runtime::run(service_fn(async |event: LambdaEvent<Value>| -> Result<Value, Error> {
        let forwarded = events::forward(table.as_ref(), queue.as_ref(), &events::from_stream(&event.payload)).await?;
        Ok(serde_json::json!({ "forwarded": forwarded }))
    }))
    .await
}
