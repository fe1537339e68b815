//! `POST /auth/refresh`: a new access token for the session in the refresh cookie.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::AuthRefresh>(env!("CARGO_BIN_NAME")).await
}
