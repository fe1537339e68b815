//! `GET /staff/me`: the signed-in staff member.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffMeGet>(env!("CARGO_BIN_NAME")).await
}
