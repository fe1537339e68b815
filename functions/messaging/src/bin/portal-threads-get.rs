//! `GET /portal/threads/{id}`: a page of a thread.

use portico_messaging::handlers::{ThreadDeps, portal};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: ThreadDeps = portico::wiring::init().await?;
    portico::http::run(|req| portal::threads_get(&deps, req)).await
}
