//! `POST /auth/otp/start`: sends a sign-in code to an address on file.

use portico::config::Env;
use portico_identity::handlers::auth;
use portico_identity::sign_in::CodeDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::telemetry::init();
    let sdk = portico::aws::sdk_config().await;
    let mut env = Env::from_process();
    let deps = CodeDeps::from_env(&mut env, &sdk);
    env.finish()?;
    portico::http::run(|req| auth::otp_start(&deps, req)).await
}
