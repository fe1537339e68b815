//! `POST /staff/patients/{id}/ledger/refunds`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_billing::endpoints::StaffRefundsCreate>(env!("CARGO_BIN_NAME")).await
}
