//! `DELETE /portal/billing/autopay`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_billing::endpoints::PortalAutopayDelete>(env!("CARGO_BIN_NAME")).await
}
