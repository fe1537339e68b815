//! `POST /staff/appointments`: books for a patient.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::StaffAppointmentsCreate>(env!("CARGO_BIN_NAME")).await
}
