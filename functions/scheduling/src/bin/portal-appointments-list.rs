//! `GET /portal/appointments`: the patient's appointments.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::PortalAppointmentsList>(env!("CARGO_BIN_NAME")).await
}
