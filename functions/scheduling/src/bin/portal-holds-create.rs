//! `POST /portal/holds`: holds a time for five minutes.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::PortalHoldsCreate>(env!("CARGO_BIN_NAME")).await
}
