//! `GET /staff/audit/export`: a range of the audit trail as CSV or JSON lines.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffAuditExport>(env!("CARGO_BIN_NAME")).await
}
