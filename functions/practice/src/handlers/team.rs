//! The signed-in staff member, the practice's team, and turning a team member's account off and on.

use portico::http::{ApiError, Exchange, Problem, Reply, page_size};
use portico::ids::StaffId;
use portico::store::Cursor;

use crate::api::{StaffInviteRequest, StaffMemberView, StaffRolesRequest, StaffSelfView, TeamList};
use crate::team::TeamDeps;
use portico::domain::Email;

/// Who is signed in: name, email and roles (what the console shows and which screens it offers), and
/// the idle limit of their session.
#[utoipa::path(get, path = "/staff/me", tag = "staff-team", security(("staff" = [])),
    responses((status = 200, body = StaffSelfView), (status = 401, body = Problem)))]
pub async fn me(d: &TeamDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let member = d.member(&who.practice, &who.staff).await?;
    let idle_timeout_seconds = portico::auth::limits::staff_idle().num_seconds();
    Ok(Reply::ok(&StaffSelfView { member: StaffMemberView::from(&member), idle_timeout_seconds }))
}

/// The practice's staff, one page at a time: names and roles, for every staff member.
#[utoipa::path(get, path = "/staff/team", tag = "staff-team", security(("staff" = [])),
    params(("limit" = Option<u32>, Query, description = "How many on a page"), ("cursor" = Option<String>, Query)),
    responses((status = 200, body = TeamList), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn list(d: &TeamDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let limit = page_size(x.query("limit").as_deref()).map_err(|why| ApiError::field("limit", why))?;
    let cursor = x.query("cursor").map(|c| Cursor::parse(&c)).transpose()?;
    let (members, next) = d.list(&who.practice, cursor, limit).await?;
    Ok(Reply::ok(&TeamList {
        staff: members.iter().map(StaffMemberView::from).collect(),
        next_cursor: next.map(|c| c.as_str().to_string()),
    }))
}

/// Disables a staff member at once: every session ends on its next request, and they cannot sign in.
#[utoipa::path(post, path = "/staff/team/{id}/disable", tag = "staff-team", security(("staff" = [])),
    params(("id" = String, Path, description = "Staff id")),
    responses((status = 200, body = StaffMemberView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "Your own account")))]
pub async fn disable(d: &TeamDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", StaffId::parse)?;
    x.object(id.to_string());
    let saved = d.disable(&who.practice, &id, &who.staff).await?;
    Ok(Reply::ok(&StaffMemberView::from(&saved)))
}

/// Turns a disabled staff member's account back on, with the roles it had; they sign in again.
#[utoipa::path(post, path = "/staff/team/{id}/enable", tag = "staff-team", security(("staff" = [])),
    params(("id" = String, Path, description = "Staff id")),
    responses((status = 200, body = StaffMemberView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "Your own account")))]
pub async fn enable(d: &TeamDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", StaffId::parse)?;
    x.object(id.to_string());
    let saved = d.enable(&who.practice, &id, &who.staff).await?;
    Ok(Reply::ok(&StaffMemberView::from(&saved)))
}

/// Invites a staff member (admins): the staff pool emails a temporary password (MFA is set up at first
/// sign-in), and their record exists from now, so care-team notices reach them before they sign in.
#[utoipa::path(post, path = "/staff/team", tag = "staff-team", security(("staff" = [])), request_body = StaffInviteRequest,
    responses((status = 201, body = StaffMemberView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem, description = "The email has a staff account"), (status = 413, body = Problem), (status = 415, body = Problem)))]
pub async fn invite(d: &TeamDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let body: StaffInviteRequest = x.json()?;
    let email = Email::parse(&body.email).map_err(|why| ApiError::field("email", why))?;
    let member = d.invite(&who.practice, email.as_str(), &body.display_name, dedupe(body.roles), x.now()).await?;
    x.object(member.staff_id.to_string());
    Ok(Reply::created(&StaffMemberView::from(&member), &format!("/staff/team/{}", member.staff_id)))
}

/// Sets a staff member's roles (admins); they apply to the console at once and to tokens from the
/// member's next sign-in. An administrator keeps their own admin role.
#[utoipa::path(put, path = "/staff/team/{id}/roles", tag = "staff-team", security(("staff" = [])), request_body = StaffRolesRequest,
    params(("id" = String, Path, description = "Staff id")),
    responses((status = 200, body = StaffMemberView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "Your own admin role"), (status = 413, body = Problem), (status = 415, body = Problem)))]
pub async fn roles(d: &TeamDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", StaffId::parse)?;
    x.object(id.to_string());
    let body: StaffRolesRequest = x.json()?;
    let saved = d.set_roles(&who.practice, &id, &who.staff, dedupe(body.roles)).await?;
    Ok(Reply::ok(&StaffMemberView::from(&saved)))
}

/// The roles in their canonical order, each once.
fn dedupe(roles: Vec<portico::directory::Role>) -> Vec<portico::directory::Role> {
    portico::directory::Role::ALL.into_iter().filter(|r| roles.contains(r)).collect()
}
