//! `POST /staff/patients/{id}/attachments/{attachment}/complete`: checks a staff upload.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::StaffAttachmentsComplete>(env!("CARGO_BIN_NAME")).await
}
