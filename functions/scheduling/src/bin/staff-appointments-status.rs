//! `POST /staff/appointments/{id}/status`: confirm a request, arrived, fulfilled, no-show, cancelled.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::StaffAppointmentsStatus>(env!("CARGO_BIN_NAME")).await
}
