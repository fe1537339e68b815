//! Cognito create-auth-challenge trigger: binds the patient's pending challenge.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    portico::lambda::run::<portico_identity::triggers::CognitoCreateChallenge>(env!("CARGO_BIN_NAME")).await
}
