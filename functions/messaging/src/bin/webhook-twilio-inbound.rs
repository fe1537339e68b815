//! `POST /webhooks/twilio/inbound`: Twilio's inbound texts.

use portico::config::Env;
use portico_messaging::handlers::webhooks::{self, WebhookDeps};

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::telemetry::init();
    let sdk = portico::aws::sdk_config().await;
    let mut env = Env::from_process();
    let deps = WebhookDeps::from_env(&mut env, &sdk);
    env.finish()?;
    portico::http::run(|req| webhooks::twilio_inbound(&deps, req)).await
}
