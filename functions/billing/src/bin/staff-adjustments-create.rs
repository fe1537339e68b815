//! `POST /staff/patients/{id}/ledger/adjustments`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_billing::endpoints::StaffAdjustmentsCreate>(env!("CARGO_BIN_NAME")).await
}
