//! `POST /portal/appointments/{id}/join`: your seat in a video visit, inside its join window.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::PortalAppointmentsJoin>(env!("CARGO_BIN_NAME")).await
}
