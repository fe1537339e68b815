//! `GET /portal/appointments/{id}/calendar`: the appointment as an iCalendar file, without PHI.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::PortalAppointmentsCalendar>(env!("CARGO_BIN_NAME")).await
}
