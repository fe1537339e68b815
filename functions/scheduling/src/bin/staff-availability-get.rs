//! `GET /staff/availability`: free times for staff booking.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::StaffAvailabilityGet>(env!("CARGO_BIN_NAME")).await
}
