//! Cognito create-auth-challenge trigger: binds the patient's pending challenge.

use aws_lambda_events::event::cognito::CognitoEventUserPoolsCreateAuthChallenge;
use lambda_runtime::{Error, LambdaEvent, service_fn};
use portico_identity::triggers::{self, TriggerDeps};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let deps: TriggerDeps = portico::wiring::init().await?;
    lambda_runtime::run(service_fn(async |event: LambdaEvent<CognitoEventUserPoolsCreateAuthChallenge>| {
        triggers::create(&deps, event.payload).await.map_err(Error::from)
    }))
    .await
}
