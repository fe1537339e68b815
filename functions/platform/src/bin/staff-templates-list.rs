//! `GET /staff/templates`: the practice's notification templates.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_platform::endpoints::StaffTemplatesList>(env!("CARGO_BIN_NAME")).await
}
