//! `POST /webhooks/twilio/status`: Twilio's delivery status callbacks.

use portico_messaging::handlers::webhooks::{self, WebhookDeps};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: WebhookDeps = portico::wiring::init().await?;
    portico::http::run(|req| webhooks::twilio_status(&deps, req)).await
}
