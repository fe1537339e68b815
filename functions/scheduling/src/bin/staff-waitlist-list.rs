//! `GET /staff/appointments/waitlist`: the waiting lines and the waitlist report.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::StaffWaitlistList>(env!("CARGO_BIN_NAME")).await
}
