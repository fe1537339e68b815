//! `OPTIONS /{proxy+}`: answers CORS preflights from the practice's allowlist.

use portico::config::Env;
use portico_practice::handlers::cors;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::telemetry::init();
    let sdk = portico::aws::sdk_config().await;
    let mut env = Env::from_process();
    let edge = portico::wiring::edge(&mut env, &sdk);
    env.finish()?;
    portico::http::run(|req| cors::preflight(&edge, req)).await
}
