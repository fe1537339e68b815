//! `POST /portal/appointments/{id}/cancel`: cancels, late per the service's notice.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::PortalAppointmentsCancel>(env!("CARGO_BIN_NAME")).await
}
