//! `DELETE /staff/patients/{id}/proxies/{grant_id}`: ends a grant, effective on the next request.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffPatientProxiesRevoke>(env!("CARGO_BIN_NAME")).await
}
