//! `GET /portal/timeline`: what happened in the patient's care, newest first.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalTimelineGet>(env!("CARGO_BIN_NAME")).await
}
