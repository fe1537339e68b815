//! `POST /staff/patients/{id}/threads`: starts a thread with a patient.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::StaffThreadsCreate>(env!("CARGO_BIN_NAME")).await
}
