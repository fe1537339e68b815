//! `POST /staff/patients`: enrols a patient.

use portico_practice::handlers::patients;
use portico_practice::patients::EnrolDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: EnrolDeps = portico::wiring::init().await?;
    portico::http::run(|req| patients::create(&deps, req)).await
}
