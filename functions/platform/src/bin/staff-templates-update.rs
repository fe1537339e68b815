//! `PUT /staff/templates/{kind}`: rewords a template.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_platform::endpoints::StaffTemplatesUpdate>(env!("CARGO_BIN_NAME")).await
}
