//! `GET /portal/me`: the signed-in patient's profile.

use portico_identity::handlers::PortalDeps;
use portico_identity::handlers::portal;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: PortalDeps = portico::wiring::init().await?;
    portico::http::run(|req| portal::me_get(&deps, req)).await
}
