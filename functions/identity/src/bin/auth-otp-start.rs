//! `POST /auth/otp/start`: sends a sign-in code to an address on file.

use portico_identity::handlers::auth;
use portico_identity::sign_in::CodeDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: CodeDeps = portico::wiring::init().await?;
    portico::http::run(|req| auth::otp_start(&deps, req)).await
}
