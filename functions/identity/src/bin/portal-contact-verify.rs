//! `POST /portal/me/contact/verify`: confirms a new email or phone.

use portico_identity::handlers::portal;
use portico_identity::profile::ContactDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: ContactDeps = portico::wiring::init().await?;
    portico::http::run(|req| portal::contact_verify(&deps, req)).await
}
