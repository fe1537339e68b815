//! `PUT /staff/billing/account`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_billing::endpoints::StaffBillingAccountPut>(env!("CARGO_BIN_NAME")).await
}
