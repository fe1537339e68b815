//! `GET /staff/services`: the practice's services.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::StaffServicesList>(env!("CARGO_BIN_NAME")).await
}
