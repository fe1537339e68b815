//! `POST /auth/refresh`: a new access token for the session in the refresh cookie.

use portico_identity::handlers::auth;
use portico_identity::sign_in::SessionDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: SessionDeps = portico::wiring::init().await?;
    portico::http::run(|req| auth::refresh(&deps, req)).await
}
