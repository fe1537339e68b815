//! `GET /portal/billing`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_billing::endpoints::PortalBillingGet>(env!("CARGO_BIN_NAME")).await
}
