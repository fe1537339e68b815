//! `GET /portal/availability`: free times for a service.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::PortalAvailabilityGet>(env!("CARGO_BIN_NAME")).await
}
