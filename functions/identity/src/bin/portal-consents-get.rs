//! `GET /portal/consents`: consent documents and decisions.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalConsentsGet>(env!("CARGO_BIN_NAME")).await
}
