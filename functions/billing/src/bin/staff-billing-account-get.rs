//! `GET /staff/billing/account`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_billing::endpoints::StaffBillingAccountGet>(env!("CARGO_BIN_NAME")).await
}
