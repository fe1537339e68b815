//! `POST /webhooks/twilio/status`: Twilio's delivery status callbacks.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_platform::endpoints::WebhookTwilioStatus>(env!("CARGO_BIN_NAME")).await
}
