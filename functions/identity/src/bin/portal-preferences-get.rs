//! `GET /portal/preferences`: communication preferences.

use portico_identity::handlers::PortalDeps;
use portico_identity::handlers::portal;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: PortalDeps = portico::wiring::init().await?;
    portico::http::run(|req| portal::preferences_get(&deps, req)).await
}
