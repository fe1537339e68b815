//! `POST /portal/threads`: starts a thread with the care team.

use portico_messaging::handlers::{ThreadDeps, portal};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: ThreadDeps = portico::wiring::init().await?;
    portico::http::run(|req| portal::threads_create(&deps, req)).await
}
