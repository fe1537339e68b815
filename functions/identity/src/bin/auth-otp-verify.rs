//! `POST /auth/otp/verify`: signs in with a code.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::AuthOtpVerify>(env!("CARGO_BIN_NAME")).await
}
