//! `POST /staff/services`: adds a service.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::StaffServicesCreate>(env!("CARGO_BIN_NAME")).await
}
