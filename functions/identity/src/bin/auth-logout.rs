//! `POST /auth/logout`: ends the session now.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::AuthLogout>(env!("CARGO_BIN_NAME")).await
}
