//! `POST /portal/threads/{id}/read`: marks a thread read.

use portico_messaging::handlers::{ThreadDeps, portal};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: ThreadDeps = portico::wiring::init().await?;
    portico::http::run(|req| portal::threads_read(&deps, req)).await
}
