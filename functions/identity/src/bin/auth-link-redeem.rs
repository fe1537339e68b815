//! `POST /auth/link`: signs in by redeeming an invitation link.

use portico_identity::handlers::auth;
use portico_identity::sign_in::SignInDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: SignInDeps = portico::wiring::init().await?;
    portico::http::run(|req| auth::link_redeem(&deps, req)).await
}
