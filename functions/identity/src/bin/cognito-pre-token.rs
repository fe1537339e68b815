//! Cognito pre-token-generation trigger (patient pool): adds practice_id and patient_id.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    portico::lambda::run::<portico_identity::triggers::CognitoPreToken>(env!("CARGO_BIN_NAME")).await
}
