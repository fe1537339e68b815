//! `PUT /staff/services/{id}`: changes a service.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::StaffServicesUpdate>(env!("CARGO_BIN_NAME")).await
}
