//! `GET /staff/patients?query=`: finds patients by name, email or phone.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffPatientsSearch>(env!("CARGO_BIN_NAME")).await
}
