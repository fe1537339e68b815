//! `GET /portal/billing/statements/{month}`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_billing::endpoints::PortalStatementsGet>(env!("CARGO_BIN_NAME")).await
}
