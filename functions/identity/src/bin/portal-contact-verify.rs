//! `POST /portal/me/contact/verify`: confirms a new email or phone.

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
    portico::http::run(|req| portal::contact_verify(&deps, req)).await
}
