//! `GET /portal/attachments/{id}`: a download link.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::PortalAttachmentsGet>(env!("CARGO_BIN_NAME")).await
}
