//! `PATCH /portal/me`: changes the profile; new contact addresses are confirmed by code.

use portico_identity::handlers::portal;
use portico_identity::profile::ContactDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: ContactDeps = portico::wiring::init().await?;
    portico::http::run(|req| portal::me_update(&deps, req)).await
}
