//! `GET /staff/patients/{id}`: one patient of the practice.

use portico_practice::handlers::patients;
use portico_practice::patients::LookupDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: LookupDeps = portico::wiring::init().await?;
    portico::http::run(|req| patients::get(&deps, req)).await
}
