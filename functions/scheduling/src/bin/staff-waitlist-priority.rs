//! `POST /staff/appointments/waitlist/{entry_id}/priority`: sets a place's priority.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::StaffWaitlistPriority>(env!("CARGO_BIN_NAME")).await
}
