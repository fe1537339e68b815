//! `GET /portal/preferences`: communication preferences.

use portico::config::Env;
use portico_identity::handlers::PortalDeps;
use portico_identity::handlers::portal;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::telemetry::init();
    let sdk = portico::aws::sdk_config().await;
    let mut env = Env::from_process();
    let deps = PortalDeps::from_env(&mut env, &sdk);
    env.finish()?;
    portico::http::run(|req| portal::preferences_get(&deps, req)).await
}
