//! `GET /staff/patients/{id}`: one patient of the practice.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffPatientsGet>(env!("CARGO_BIN_NAME")).await
}
