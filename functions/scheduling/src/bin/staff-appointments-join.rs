//! `POST /staff/appointments/{id}/join`: the visit's clinician takes their seat.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::StaffAppointmentsJoin>(env!("CARGO_BIN_NAME")).await
}
