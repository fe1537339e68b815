//! `POST /auth/link`: signs in by redeeming an invitation link.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::AuthLinkRedeem>(env!("CARGO_BIN_NAME")).await
}
