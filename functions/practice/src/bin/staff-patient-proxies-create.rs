//! `POST /staff/patients/{id}/proxies`: staff let a person act for the patient (a child's parent, a guarantor).

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffPatientProxiesCreate>(env!("CARGO_BIN_NAME")).await
}
