//! `OPTIONS /{proxy+}`: answers CORS preflights from the practice's allowlist.

use portico_practice::handlers::cors;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    let edge: std::sync::Arc<portico::http::Edge> = portico::wiring::init().await?;
    portico::http::run(|req| cors::preflight(&edge, req)).await
}
