//! `POST /auth/link`: signs in by redeeming an invitation link.

use portico::config::Env;
use portico_identity::handlers::auth;
use portico_identity::sign_in::SignInDeps;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::telemetry::init();
    let sdk = portico::aws::sdk_config().await;
    let mut env = Env::from_process();
    let deps = SignInDeps::from_env(&mut env, &sdk);
    env.finish()?;
    portico::http::run(|req| auth::link_redeem(&deps, req)).await
}
