//! `POST /portal/threads`: starts a thread with the care team.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::PortalThreadsCreate>(env!("CARGO_BIN_NAME")).await
}
