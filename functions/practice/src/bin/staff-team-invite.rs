//! `POST /staff/team`: invites a staff member.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffTeamInvite>(env!("CARGO_BIN_NAME")).await
}
