//! `POST /email/unsubscribe`: one-click unsubscribe (RFC 8058).

use portico::config::Env;
use portico_messaging::handlers::webhooks::{self, UnsubscribeDeps};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::telemetry::init();
    let sdk = portico::aws::sdk_config().await;
    let mut env = Env::from_process();
    let deps = UnsubscribeDeps::from_env(&mut env, &sdk);
    env.finish()?;
    portico::http::run(|req| webhooks::unsubscribe(&deps, req)).await
}
