//! `POST /email/unsubscribe`: one-click unsubscribe (RFC 8058).

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_platform::endpoints::PublicEmailUnsubscribe>(env!("CARGO_BIN_NAME")).await
}
