//! `GET /staff/appointments`: the schedule view, one query.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::StaffAppointmentsView>(env!("CARGO_BIN_NAME")).await
}
