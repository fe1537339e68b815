//! `GET /portal/access-log`: the patient's sign-ins and who at the practice opened their record.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalAccessLogGet>(env!("CARGO_BIN_NAME")).await
}
