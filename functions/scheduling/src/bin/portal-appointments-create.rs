//! `POST /portal/appointments`: books (or requests) a time, race-free and idempotent.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::PortalAppointmentsCreate>(env!("CARGO_BIN_NAME")).await
}
