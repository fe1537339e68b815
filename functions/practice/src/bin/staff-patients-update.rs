//! `PATCH /staff/patients/{id}`: staff correct a patient's demographics and contact details.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffPatientsUpdate>(env!("CARGO_BIN_NAME")).await
}
