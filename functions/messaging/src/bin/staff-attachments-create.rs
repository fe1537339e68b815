//! `POST /staff/patients/{id}/attachments`: starts a staff upload for a patient.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::StaffAttachmentsCreate>(env!("CARGO_BIN_NAME")).await
}
