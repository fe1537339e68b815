//! Cognito define-auth-challenge trigger: the next step of passwordless sign-in.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    portico::lambda::run::<portico_identity::triggers::CognitoDefineChallenge>(env!("CARGO_BIN_NAME")).await
}
