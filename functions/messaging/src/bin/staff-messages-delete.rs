//! `DELETE /staff/patients/{id}/threads/{thread}/messages/{message}`: soft-deletes a message.

use portico_messaging::handlers::{ThreadDeps, staff};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: ThreadDeps = portico::wiring::init().await?;
    portico::http::run(|req| staff::messages_delete(&deps, req)).await
}
