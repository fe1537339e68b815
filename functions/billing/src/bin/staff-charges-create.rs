//! `POST /staff/patients/{id}/ledger/charges`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_billing::endpoints::StaffChargesCreate>(env!("CARGO_BIN_NAME")).await
}
