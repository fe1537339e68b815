//! `operator-practices-create`: an operator puts a practice on Portico and invites its first admin.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    portico::lambda::run::<portico_practice::onboarding::OperatorPracticesCreate>(env!("CARGO_BIN_NAME")).await
}
