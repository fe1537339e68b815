//! `POST /portal/threads/{id}/close`: the patient closes a thread they started.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::PortalThreadsClose>(env!("CARGO_BIN_NAME")).await
}
