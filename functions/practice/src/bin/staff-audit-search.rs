//! `GET /staff/audit`: a page of the practice's audit trail.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffAuditSearch>(env!("CARGO_BIN_NAME")).await
}
