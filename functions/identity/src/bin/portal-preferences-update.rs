//! `PUT /portal/preferences`: replaces communication preferences.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalPreferencesUpdate>(env!("CARGO_BIN_NAME")).await
}
