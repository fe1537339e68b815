//! `POST /staff/team/{id}/disable`: disables a staff member at once.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffTeamDisable>(env!("CARGO_BIN_NAME")).await
}
