//! `PUT /portal/billing/autopay`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_billing::endpoints::PortalAutopayPut>(env!("CARGO_BIN_NAME")).await
}
