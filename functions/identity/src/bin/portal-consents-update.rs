//! `PUT /portal/consents`: accepts or revokes a consent.

use portico_identity::handlers::PortalDeps;
use portico_identity::handlers::portal;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: PortalDeps = portico::wiring::init().await?;
    portico::http::run(|req| portal::consents_update(&deps, req)).await
}
