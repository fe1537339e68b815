//! `POST /portal/notifications/{id}/read`: marks one notification read.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalNotificationsRead>(env!("CARGO_BIN_NAME")).await
}
