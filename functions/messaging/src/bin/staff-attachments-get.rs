//! `GET /staff/patients/{id}/attachments/{attachment}`: a download link.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::StaffAttachmentsGet>(env!("CARGO_BIN_NAME")).await
}
