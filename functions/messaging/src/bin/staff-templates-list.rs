//! `GET /staff/templates`: the practice's notification templates.

use portico_messaging::handlers::{ThreadDeps, staff};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: ThreadDeps = portico::wiring::init().await?;
    portico::http::run(|req| staff::templates_list(&deps, req)).await
}
