//! `GET /portal/waitlist`: your waitlist places and the times offered to you.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::PortalWaitlistList>(env!("CARGO_BIN_NAME")).await
}
