//! `POST /portal/threads/{id}/messages`: writes to the care team.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::PortalMessagesCreate>(env!("CARGO_BIN_NAME")).await
}
