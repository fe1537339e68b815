//! The bench's baseline: the smallest `lambda_runtime` function, echoing its event.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a measuring tool: a panic with a clear message is the point

use lambda_runtime::{Error, LambdaEvent, service_fn};
use serde_json::Value;

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(async |event: LambdaEvent<Value>| Ok::<_, Error>(event.payload))).await
}
