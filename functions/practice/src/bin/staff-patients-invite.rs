//! `POST /staff/patients/{id}/invite`: sends an invitation link.

use portico::config::Env;
use portico_practice::handlers::patients;
use portico_practice::patients::InviteDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::telemetry::init();
    let sdk = portico::aws::sdk_config().await;
    let mut env = Env::from_process();
    let deps = InviteDeps::from_env(&mut env, &sdk);
    env.finish()?;
    portico::http::run(|req| patients::invite(&deps, req)).await
}
