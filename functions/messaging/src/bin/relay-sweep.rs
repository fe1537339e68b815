//! `relay-sweep` (every minute): forwards outbox events still pending a minute after they were written,
//! so an event the stream relay missed is delayed, never lost.

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
    lambda_runtime::run(service_fn(async |_: LambdaEvent<Value>| -> Result<Value, Error> {
        let forwarded = events::sweep(table.as_ref(), queue.as_ref(), clock.now(), chrono::Duration::minutes(1)).await?;
        Ok(serde_json::json!({ "forwarded": forwarded }))
    }))
    .await
}
