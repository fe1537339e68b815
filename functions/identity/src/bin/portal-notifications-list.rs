//! `GET /portal/notifications`: the portal's bell.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalNotificationsList>(env!("CARGO_BIN_NAME")).await
}
