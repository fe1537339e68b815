//! `POST /webhooks/stripe`: Stripe's events, verified and queued.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_billing::endpoints::WebhookStripe>(env!("CARGO_BIN_NAME")).await
}
