//! `POST /portal/attachments`: starts an upload with a presigned POST.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::PortalAttachmentsCreate>(env!("CARGO_BIN_NAME")).await
}
