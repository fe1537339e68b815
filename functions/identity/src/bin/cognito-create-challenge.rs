//! Cognito create-auth-challenge trigger: binds the patient's pending challenge.

use aws_lambda_events::event::cognito::CognitoEventUserPoolsCreateAuthChallenge;
use lambda_runtime::{Error, LambdaEvent, service_fn};
use portico::config::Env;
use portico_identity::triggers::{self, TriggerDeps};

#[tokio::main]
async fn main() -> Result<(), Error> {
    portico::telemetry::init();
    let sdk = portico::aws::sdk_config().await;
    let mut env = Env::from_process();
    let deps = TriggerDeps::from_env(&mut env, &sdk);
    env.finish()?;
    lambda_runtime::run(service_fn(async |event: LambdaEvent<CognitoEventUserPoolsCreateAuthChallenge>| {
        triggers::create(&deps, event.payload).await.map_err(Error::from)
    }))
    .await
}
