//! `POST /portal/attachments/{id}/complete`: checks an uploaded file.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::PortalAttachmentsComplete>(env!("CARGO_BIN_NAME")).await
}
