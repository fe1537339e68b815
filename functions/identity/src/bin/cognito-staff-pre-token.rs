//! Cognito pre-token-generation trigger (staff pool): adds practice_id for active staff.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    portico::lambda::run::<portico_identity::triggers::CognitoStaffPreToken>(env!("CARGO_BIN_NAME")).await
}
