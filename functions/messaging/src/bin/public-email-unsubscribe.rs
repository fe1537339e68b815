//! `POST /email/unsubscribe`: one-click unsubscribe (RFC 8058).

use portico_messaging::handlers::webhooks::{self, UnsubscribeDeps};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: UnsubscribeDeps = portico::wiring::init().await?;
    portico::http::run(|req| webhooks::unsubscribe(&deps, req)).await
}
