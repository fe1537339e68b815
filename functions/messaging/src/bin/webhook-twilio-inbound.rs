//! `POST /webhooks/twilio/inbound`: Twilio's inbound texts.

use portico_messaging::handlers::webhooks::{self, WebhookDeps};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: WebhookDeps = portico::wiring::init().await?;
    portico::http::run(|req| webhooks::twilio_inbound(&deps, req)).await
}
