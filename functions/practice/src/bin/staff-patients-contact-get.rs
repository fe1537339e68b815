//! `GET /staff/patients/{id}/contact`: what the chart shows about reaching a patient.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffPatientsContactGet>(env!("CARGO_BIN_NAME")).await
}
