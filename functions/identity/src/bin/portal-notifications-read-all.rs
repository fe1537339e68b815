//! `POST /portal/notifications/read-all`: marks every notification read.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalNotificationsReadAll>(env!("CARGO_BIN_NAME")).await
}
