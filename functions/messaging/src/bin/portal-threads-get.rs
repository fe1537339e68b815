//! `GET /portal/threads/{id}`: a page of a thread.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::PortalThreadsGet>(env!("CARGO_BIN_NAME")).await
}
