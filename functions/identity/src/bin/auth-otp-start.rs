//! `POST /auth/otp/start`: sends a sign-in code to an address on file.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::AuthOtpStart>(env!("CARGO_BIN_NAME")).await
}
