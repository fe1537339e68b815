//! `POST /portal/threads/{id}/read`: marks a thread read.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::PortalThreadsRead>(env!("CARGO_BIN_NAME")).await
}
