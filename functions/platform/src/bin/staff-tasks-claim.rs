//! `POST /staff/tasks/{id}/claim`: takes a task on.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_platform::endpoints::StaffTasksClaim>(env!("CARGO_BIN_NAME")).await
}
