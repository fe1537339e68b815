//! `POST /portal/appointments/{id}/confirm`: the patient confirms they will come.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::PortalAppointmentsConfirm>(env!("CARGO_BIN_NAME")).await
}
