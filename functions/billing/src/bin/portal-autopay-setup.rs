//! `POST /portal/billing/autopay/setup`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_billing::endpoints::PortalAutopaySetup>(env!("CARGO_BIN_NAME")).await
}
