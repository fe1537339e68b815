//! `POST /staff/tasks/{id}/release`: gives a task back to the team.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_platform::endpoints::StaffTasksRelease>(env!("CARGO_BIN_NAME")).await
}
