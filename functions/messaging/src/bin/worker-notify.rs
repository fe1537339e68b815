//! `worker-notify` (SQS `notify`): tells patients, through the send gate, and care teams that a message is
//! waiting. Partial batch responses: only failed or deferred items come back.

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use lambda_runtime::{Error, LambdaEvent, service_fn};
use portico::wiring::FromEnv as _;
use portico_messaging::events::NOTIFY_QUEUE;
use portico_messaging::notify::NotifyDeps;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let (mut env, sdk) = portico::wiring::start().await;
    let deps = NotifyDeps::from_env(&mut env, &sdk);
    let queue = portico::wiring::queue(&mut env, &sdk, &[NOTIFY_QUEUE]);
    env.finish()?;
    let (deps, queue) = (&deps, &queue);
    lambda_runtime::run(service_fn(async |event: LambdaEvent<SqsEvent>| -> Result<SqsBatchResponse, Error> {
        Ok(portico::queue::run_batch(queue.as_ref(), NOTIFY_QUEUE, deps.clock.now(), event.payload, |body| async move {
            deps.handle(&body).await
        })
        .await)
    }))
    .await
}
