//! `GET /portal/threads`: the patient's threads.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::PortalThreadsList>(env!("CARGO_BIN_NAME")).await
}
