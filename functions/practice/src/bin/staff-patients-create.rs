//! `POST /staff/patients`: enrols a patient.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffPatientsCreate>(env!("CARGO_BIN_NAME")).await
}
