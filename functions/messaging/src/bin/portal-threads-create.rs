//! `POST /portal/threads`: starts a thread with the care team.

use portico::config::Env;
use portico_messaging::handlers::{ThreadDeps, portal};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::telemetry::init();
    let sdk = portico::aws::sdk_config().await;
    let mut env = Env::from_process();
    let deps = ThreadDeps::from_env(&mut env, &sdk);
    env.finish()?;
    portico::http::run(|req| portal::threads_create(&deps, req)).await
}
