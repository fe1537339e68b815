//! `POST /staff/patients/{id}/disable`: disables the patient's account.

use portico::config::Env;
use portico_practice::handlers::patients;
use portico_practice::patients::EnrolDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::telemetry::init();
    let sdk = portico::aws::sdk_config().await;
    let mut env = Env::from_process();
    let deps = EnrolDeps::from_env(&mut env, &sdk);
    env.finish()?;
    portico::http::run(|req| patients::disable(&deps, req)).await
}
