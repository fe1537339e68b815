//! `POST /auth/open`: opens a notice's single-use link (and sends a code when asked).

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::AuthLinkOpen>(env!("CARGO_BIN_NAME")).await
}
