//! `PATCH /portal/me`: changes the profile; new contact addresses are confirmed by code.

use portico::config::Env;
use portico_identity::handlers::portal;
use portico_identity::profile::ContactDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::telemetry::init();
    let sdk = portico::aws::sdk_config().await;
    let mut env = Env::from_process();
    let deps = ContactDeps::from_env(&mut env, &sdk);
    env.finish()?;
    portico::http::run(|req| portal::me_update(&deps, req)).await
}
