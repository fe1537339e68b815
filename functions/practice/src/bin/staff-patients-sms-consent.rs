//! `POST /staff/patients/{id}/sms-consent`: records a text-message consent given by phone or on paper.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffPatientsSmsConsent>(env!("CARGO_BIN_NAME")).await
}
