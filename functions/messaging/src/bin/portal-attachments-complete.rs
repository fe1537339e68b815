//! `POST /portal/attachments/{id}/complete`: checks an uploaded file.

use portico_messaging::handlers::{UploadDeps, portal};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: UploadDeps = portico::wiring::init().await?;
    portico::http::run(|req| portal::attachments_complete(&deps, req)).await
}
