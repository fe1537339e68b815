//! `GET /staff/practice/history`: who changed the settings, when, and what.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffPracticeHistory>(env!("CARGO_BIN_NAME")).await
}
