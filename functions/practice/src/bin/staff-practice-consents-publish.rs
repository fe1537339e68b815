//! `POST /staff/practice/consents`: publishes a new version of a consent document.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffPracticeConsentsPublish>(env!("CARGO_BIN_NAME")).await
}
