//! `POST /portal/sessions/end-others`: signs out every other session of the patient.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalSessionsEndOthers>(env!("CARGO_BIN_NAME")).await
}
