//! Cognito verify-auth-challenge trigger: checks the answer, counting the attempt.

use aws_lambda_events::event::cognito::CognitoEventUserPoolsVerifyAuthChallenge;
use lambda_runtime::{Error, LambdaEvent, service_fn};
use portico_identity::triggers::{self, TriggerDeps};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let deps: TriggerDeps = portico::wiring::init().await?;
    lambda_runtime::run(service_fn(async |event: LambdaEvent<CognitoEventUserPoolsVerifyAuthChallenge>| {
        triggers::verify(&deps, event.payload).await.map_err(Error::from)
    }))
    .await
}
