//! `GET /staff/patients/{id}/threads/{thread}`: a page of a thread with internal notes.

use portico_messaging::handlers::{ThreadDeps, staff};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: ThreadDeps = portico::wiring::init().await?;
    portico::http::run(|req| staff::threads_get(&deps, req)).await
}
