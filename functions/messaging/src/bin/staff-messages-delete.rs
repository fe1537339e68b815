//! `DELETE /staff/patients/{id}/threads/{thread}/messages/{message}`: soft-deletes a message.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::StaffMessagesDelete>(env!("CARGO_BIN_NAME")).await
}
