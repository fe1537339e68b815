//! `POST /portal/me/contact/verify`: confirms a new email or phone.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalContactVerify>(env!("CARGO_BIN_NAME")).await
}
