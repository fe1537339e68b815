//! `POST /staff/patients/{id}/ledger/disputes/{dispute_id}/evidence`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_billing::endpoints::StaffDisputeEvidenceSubmit>(env!("CARGO_BIN_NAME")).await
}
