//! `GET /staff/team`: the practice's staff.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffTeamList>(env!("CARGO_BIN_NAME")).await
}
