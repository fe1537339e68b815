//! `GET /portal/me`: the signed-in patient's profile.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalMeGet>(env!("CARGO_BIN_NAME")).await
}
