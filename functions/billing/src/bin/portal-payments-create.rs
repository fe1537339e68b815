//! `POST /portal/billing/payments`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_billing::endpoints::PortalPaymentsCreate>(env!("CARGO_BIN_NAME")).await
}
