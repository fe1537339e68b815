//! `POST /staff/patients/{id}/enable`: turns a disabled patient account back on.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffPatientsEnable>(env!("CARGO_BIN_NAME")).await
}
