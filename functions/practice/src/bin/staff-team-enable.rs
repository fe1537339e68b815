//! `POST /staff/team/{id}/enable`: turns a disabled staff member back on.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffTeamEnable>(env!("CARGO_BIN_NAME")).await
}
