//! `PATCH /staff/patients/{id}/threads/{thread}`: assigns, closes, reopens, marks read.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::StaffThreadsUpdate>(env!("CARGO_BIN_NAME")).await
}
