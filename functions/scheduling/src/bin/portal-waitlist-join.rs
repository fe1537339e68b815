//! `POST /portal/waitlist`: joins a service's waitlist.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::PortalWaitlistJoin>(env!("CARGO_BIN_NAME")).await
}
