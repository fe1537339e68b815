//! `GET /staff/patients/{id}/ledger`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_billing::endpoints::StaffLedgerGet>(env!("CARGO_BIN_NAME")).await
}
