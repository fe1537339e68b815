//! `GET /portal/home`: the home screen in one read.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalHomeGet>(env!("CARGO_BIN_NAME")).await
}
