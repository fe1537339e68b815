//! `POST /staff/patients/{id}/email-suppression/clear`: lifts an email suppression, with why.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffPatientsSuppressionClear>(env!("CARGO_BIN_NAME")).await
}
