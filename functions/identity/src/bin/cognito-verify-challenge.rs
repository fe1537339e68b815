//! Cognito verify-auth-challenge trigger: checks the answer, counting the attempt.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    portico::lambda::run::<portico_identity::triggers::CognitoVerifyChallenge>(env!("CARGO_BIN_NAME")).await
}
