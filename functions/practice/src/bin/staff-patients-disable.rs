//! `POST /staff/patients/{id}/disable`: disables the patient's account.

use portico_practice::handlers::patients;
use portico_practice::patients::EnrolDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: EnrolDeps = portico::wiring::init().await?;
    portico::http::run(|req| patients::disable(&deps, req)).await
}
