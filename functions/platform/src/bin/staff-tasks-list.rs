//! `GET /staff/tasks`: the practice's staff work items.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_platform::endpoints::StaffTasksList>(env!("CARGO_BIN_NAME")).await
}
