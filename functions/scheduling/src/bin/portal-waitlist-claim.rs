//! `POST /portal/waitlist/offers/{offer_id}/claim`: claims a freed time; the first claim wins.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::PortalWaitlistClaim>(env!("CARGO_BIN_NAME")).await
}
