//! `PUT /staff/templates/{kind}`: rewords a template.

use portico_messaging::handlers::{ThreadDeps, staff};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let deps: ThreadDeps = portico::wiring::init().await?;
    portico::http::run(|req| staff::templates_update(&deps, req)).await
}
