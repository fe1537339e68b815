//! `POST /webhooks/twilio/inbound`: Twilio's inbound texts.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::WebhookTwilioInbound>(env!("CARGO_BIN_NAME")).await
}
