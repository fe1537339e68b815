//! `PUT /staff/templates/{kind}`: rewords a template.

use portico::config::Env;
use portico_messaging::handlers::{ThreadDeps, staff};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::telemetry::init();
    let sdk = portico::aws::sdk_config().await;
    let mut env = Env::from_process();
    let deps = ThreadDeps::from_env(&mut env, &sdk);
    env.finish()?;
    portico::http::run(|req| staff::templates_update(&deps, req)).await
}
