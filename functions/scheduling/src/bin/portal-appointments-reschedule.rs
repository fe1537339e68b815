//! `POST /portal/appointments/{id}/reschedule`: moves an appointment in one transaction.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::PortalAppointmentsReschedule>(env!("CARGO_BIN_NAME")).await
}
