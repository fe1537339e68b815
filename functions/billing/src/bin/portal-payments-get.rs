//! `GET /portal/billing/payments/{id}`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_billing::endpoints::PortalPaymentsGet>(env!("CARGO_BIN_NAME")).await
}
