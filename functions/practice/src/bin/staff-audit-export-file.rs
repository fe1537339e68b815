//! `POST /staff/audit/exports`: writes a range of the audit trail to a file and answers a short-lived link.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffAuditExportFile>(env!("CARGO_BIN_NAME")).await
}
