//! `PUT /staff/practice`: saves the practice's settings.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffPracticeUpdate>(env!("CARGO_BIN_NAME")).await
}
