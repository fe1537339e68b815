//! `PUT /staff/team/{id}/roles`: sets a staff member's roles.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_practice::endpoints::StaffTeamRoles>(env!("CARGO_BIN_NAME")).await
}
