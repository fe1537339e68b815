//! `OPTIONS /{proxy+}`: answers CORS preflights from the practice's allowlist.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::HttpCorsPreflight>(env!("CARGO_BIN_NAME")).await
}
