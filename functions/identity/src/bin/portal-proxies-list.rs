//! `GET /portal/proxies`: who can act for the patient, and whom they act for.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalProxiesList>(env!("CARGO_BIN_NAME")).await
}
