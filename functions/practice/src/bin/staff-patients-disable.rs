//! `POST /staff/patients/{id}/disable`: disables the patient's account.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffPatientsDisable>(env!("CARGO_BIN_NAME")).await
}
