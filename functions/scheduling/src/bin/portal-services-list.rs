//! `GET /portal/availability/services`: the services patients may book or ask for.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::PortalServicesList>(env!("CARGO_BIN_NAME")).await
}
