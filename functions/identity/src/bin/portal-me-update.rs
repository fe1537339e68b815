//! `PATCH /portal/me`: changes the profile; new contact addresses are confirmed by code.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalMeUpdate>(env!("CARGO_BIN_NAME")).await
}
