//! `POST /portal/attachments`: starts an upload with a presigned POST.

use portico_messaging::handlers::{UploadDeps, portal};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: UploadDeps = portico::wiring::init().await?;
    portico::http::run(|req| portal::attachments_create(&deps, req)).await
}
