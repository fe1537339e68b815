//! `POST /auth/refresh`: a new access token for the session in the refresh cookie.

use portico::config::Env;
use portico_identity::handlers::auth;
use portico_identity::sign_in::SessionDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::telemetry::init();
    let sdk = portico::aws::sdk_config().await;
    let mut env = Env::from_process();
    let deps = SessionDeps::from_env(&mut env, &sdk);
    env.finish()?;
    portico::http::run(|req| auth::refresh(&deps, req)).await
}
