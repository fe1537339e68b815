//! `POST /staff/patients/{id}/threads/{thread}/messages`: replies or adds an internal note.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::StaffMessagesCreate>(env!("CARGO_BIN_NAME")).await
}
