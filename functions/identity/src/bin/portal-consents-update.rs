//! `PUT /portal/consents`: accepts or revokes a consent.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalConsentsUpdate>(env!("CARGO_BIN_NAME")).await
}
