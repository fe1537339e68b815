//! Cognito define-auth-challenge trigger: the next step of passwordless sign-in.

use aws_lambda_events::event::cognito::CognitoEventUserPoolsDefineAuthChallenge;
use lambda_runtime::{Error, LambdaEvent, service_fn};
use portico_identity::triggers;

#[tokio::main]
async fn main() -> Result<(), Error> {
    portico::telemetry::init();
    lambda_runtime::run(service_fn(async |event: LambdaEvent<CognitoEventUserPoolsDefineAuthChallenge>| {
        Ok::<_, Error>(triggers::define(event.payload))
    }))
    .await
}
