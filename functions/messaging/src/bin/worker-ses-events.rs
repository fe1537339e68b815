//! `worker-ses-events` (SQS `ses-events`, subscribed to the SES configuration set's SNS topic): verifies
//! each SNS signature, then suppresses addresses that bounced permanently or complained.

use aws_lambda_events::event::sqs::{SqsBatchResponse, SqsEvent};
use lambda_runtime::{Error, LambdaEvent, service_fn};
use portico::wiring::FromEnv as _;
use portico_messaging::ses_events::SesEventDeps;

const QUEUE: &str = "ses-events";

#[tokio::main]
async fn main() -> Result<(), Error> {
    let (mut env, sdk) = portico::wiring::start().await;
    let deps = SesEventDeps::from_env(&mut env, &sdk);
    let queue = portico::wiring::queue(&mut env, &sdk, &[QUEUE]);
    env.finish()?;
    let (deps, queue) = (&deps, &queue);
    lambda_runtime::run(service_fn(async |event: LambdaEvent<SqsEvent>| -> Result<SqsBatchResponse, Error> {
        Ok(portico::queue::run_batch(
            queue.as_ref(),
            QUEUE,
            deps.clock.now(),
            event.payload,
            |body| async move { deps.handle(&body).await },
        )
        .await)
    }))
    .await
}
