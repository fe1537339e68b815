//! `DELETE /portal/holds/{service_id}`: gives up a hold.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::PortalHoldsRelease>(env!("CARGO_BIN_NAME")).await
}
