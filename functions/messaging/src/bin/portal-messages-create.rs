//! `POST /portal/threads/{id}/messages`: writes to the care team.

use portico_messaging::handlers::{ThreadDeps, portal};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: ThreadDeps = portico::wiring::init().await?;
    portico::http::run(|req| portal::messages_create(&deps, req)).await
}
