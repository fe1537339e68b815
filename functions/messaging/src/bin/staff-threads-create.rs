//! `POST /staff/patients/{id}/threads`: starts a thread with a patient.

use portico_messaging::handlers::{ThreadDeps, staff};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: ThreadDeps = portico::wiring::init().await?;
    portico::http::run(|req| staff::threads_create(&deps, req)).await
}
