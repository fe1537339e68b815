//! `POST /staff/patients/{id}/invite`: sends an invitation link.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffPatientsInvite>(env!("CARGO_BIN_NAME")).await
}
