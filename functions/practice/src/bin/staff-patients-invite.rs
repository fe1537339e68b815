//! `POST /staff/patients/{id}/invite`: sends an invitation link.

use portico_practice::handlers::patients;
use portico_practice::patients::InviteDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: InviteDeps = portico::wiring::init().await?;
    portico::http::run(|req| patients::invite(&deps, req)).await
}
