//! `POST /auth/logout`: ends the session now.

use portico_identity::handlers::auth;
use portico_identity::sign_in::SessionDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: SessionDeps = portico::wiring::init().await?;
    portico::http::run(|req| auth::logout(&deps, req)).await
}
