//! Cognito pre-token-generation trigger (staff pool): adds practice_id for active staff.

use aws_lambda_events::event::cognito::CognitoEventUserPoolsPreTokenGenV2;
use lambda_runtime::{Error, LambdaEvent, service_fn};
use portico_identity::triggers::{self, TriggerDeps};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let deps: TriggerDeps = portico::wiring::init().await?;
    lambda_runtime::run(service_fn(async |event: LambdaEvent<CognitoEventUserPoolsPreTokenGenV2>| {
        triggers::pre_token_staff(&deps, event.payload).await.map_err(Error::from)
    }))
    .await
}
