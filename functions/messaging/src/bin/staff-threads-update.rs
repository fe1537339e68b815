//! `PATCH /staff/patients/{id}/threads/{thread}`: assigns, closes, reopens, marks read.

use portico_messaging::handlers::{ThreadDeps, staff};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: ThreadDeps = portico::wiring::init().await?;
    portico::http::run(|req| staff::threads_update(&deps, req)).await
}
