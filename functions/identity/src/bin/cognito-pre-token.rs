//! Cognito pre-token-generation trigger (patient pool): adds practice_id and patient_id.

use aws_lambda_events::event::cognito::CognitoEventUserPoolsPreTokenGenV2;
use lambda_runtime::{Error, LambdaEvent, service_fn};
use portico_identity::triggers;

#[tokio::main]
async fn main() -> Result<(), Error> {
    portico::telemetry::init();
    lambda_runtime::run(service_fn(async |event: LambdaEvent<CognitoEventUserPoolsPreTokenGenV2>| {
        triggers::pre_token_patient(event.payload).map_err(Error::from)
    }))
    .await
}
