//! `GET /staff/patients/{id}/threads/{thread}`: a page of a thread with internal notes.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::StaffThreadsGet>(env!("CARGO_BIN_NAME")).await
}
