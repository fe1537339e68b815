//! `POST /staff/patients/{id}/threads/{thread}/messages`: replies or adds an internal note.

use portico_messaging::handlers::{ThreadDeps, staff};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: ThreadDeps = portico::wiring::init().await?;
    portico::http::run(|req| staff::messages_create(&deps, req)).await
}
