//! `GET /staff/patients/{id}/attachments/{attachment}`: a download link.

use portico_messaging::handlers::{UploadDeps, staff};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: UploadDeps = portico::wiring::init().await?;
    portico::http::run(|req| staff::attachments_get(&deps, req)).await
}
