//! `GET /auth/practice`: the practice's name, logo and contact details, before sign-in.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::AuthPracticeGet>(env!("CARGO_BIN_NAME")).await
}
