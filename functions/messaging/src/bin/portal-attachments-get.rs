//! `GET /portal/attachments/{id}`: a download link.

use portico::config::Env;
use portico_messaging::handlers::{UploadDeps, portal};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::telemetry::init();
    let sdk = portico::aws::sdk_config().await;
    let mut env = Env::from_process();
    let deps = UploadDeps::from_env(&mut env, &sdk);
    env.finish()?;
    portico::http::run(|req| portal::attachments_get(&deps, req)).await
}
