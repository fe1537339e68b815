//! `POST /staff/tasks/{id}/complete`: marks a task done.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_platform::endpoints::StaffTasksComplete>(env!("CARGO_BIN_NAME")).await
}
