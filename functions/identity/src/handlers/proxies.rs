//! Proxy access from the patient's side: the list, invitations, accepting one, revoking.

use chrono::NaiveDate;
use portico::domain::{Address, Channel, DateOfBirth, PersonName};
use portico::http::{ApiError, Exchange, Fields, Problem, Reply};
use portico::ids::GrantId;
use portico::proxies::{self, GrantView};
use portico::throttle;

use crate::api::{ProxyAcceptRequest, ProxyAccepted, ProxyInvitationSent, ProxyInviteRequest, ProxyList};
use crate::deps::PortalDeps;
use crate::proxies::{AcceptDeps, InviteDeps, NewInvitation};

fn date(raw: &str) -> Result<NaiveDate, &'static str> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| "must be a date as YYYY-MM-DD")
}

/// Who can act for you, with what and when they last did; and whom you can act for.
#[utoipa::path(get, path = "/portal/proxies", tag = "proxies", security(("patient" = [])),
    responses((status = 200, body = ProxyList), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Only the account's owner sees its proxies")))]
pub async fn list(d: &PortalDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_self().await?;
    let table = d.table.as_ref();
    let practice = x.practice(&who.practice).await?;
    let now = x.now();
    let (grants, pending) = futures::try_join!(
        proxies::of_person(table, &who.practice, &who.patient),
        proxies::pending(table, &who.practice, &who.patient, now)
    )?;
    let (for_me, mine) = futures::try_join!(
        proxies::with_standing(table, &practice, grants.for_me, now),
        proxies::with_standing(table, &practice, grants.mine, now)
    )?;
    Ok(Reply::ok(&ProxyList {
        acting_for_you: for_me.into_iter().map(GrantView::of).collect(),
        // An ended grant is like one that never was, for the person who held it.
        you_act_for: mine.into_iter().filter(|(_, s)| *s != proxies::Standing::Ended).map(GrantView::of).collect(),
        pending_invitations: pending,
    }))
}

/// Invites someone to act for you (adults only). The link goes to their address; the code is shown to
/// you once, to pass on; they also need your date of birth.
#[utoipa::path(post, path = "/portal/proxies/invitations", tag = "proxies", security(("patient" = [])), request_body = ProxyInviteRequest,
    responses((status = 201, body = ProxyInvitationSent), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Only an adult account's owner invites"), (status = 404, body = Problem), (status = 415, body = Problem),
        (status = 422, body = Problem, description = "The practice cannot reach that address"),
        (status = 429, body = Problem, description = "Too many invitations today (from you, or to that address)")))]
pub async fn invite(d: &InviteDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_self().await?;
    let body: ProxyInviteRequest = x.json()?;
    let mut fields = Fields::default();
    let given_name = fields.check("given_name", PersonName::parse(&body.given_name));
    let family_name = fields.check("family_name", PersonName::parse(&body.family_name));
    let address = match (&body.email, &body.phone) {
        (Some(email), None) => fields.check("email", Address::parse(Channel::Email, email)),
        (None, Some(phone)) => fields.check("phone", Address::parse(Channel::Sms, phone)),
        _ => {
            fields.error("email", "give exactly one of email and phone");
            None
        }
    };
    let scopes = fields.check("scopes", proxies::scopes_for(body.relationship, body.scopes));
    let practice = x.practice(&who.practice).await?;
    // "Today" where the practice is: an evening invitation in New York is still today there.
    let today = proxies::local_today(&practice, x.now());
    let expires_on = match body.expires_on.as_deref().map(date) {
        Some(Ok(d)) if d < today => {
            fields.error("expires_on", "must be today or later");
            None
        }
        Some(parsed) => fields.check("expires_on", parsed),
        None => None,
    };
    fields.done()?;
    let (Some(given_name), Some(family_name), Some(address), Some(scopes)) = (given_name, family_name, address, scopes) else {
        return Err(ApiError::invalid(vec![]));
    };
    let new = NewInvitation { given_name, family_name, address, relationship: body.relationship, scopes, expires_on };
    let sent = d.invite(&practice, &who, new).await?;
    x.under_grant(&sent.grant_id);
    x.object(sent.grant_id.to_string());
    let view = ProxyInvitationSent {
        grant_id: sent.grant_id.to_string(),
        code: sent.code,
        channel: sent.address.channel(),
        destination: sent.address.masked(),
        expires_at: sent.expires_at,
    };
    Ok(Reply::created(&view, "/portal/proxies"))
}

/// Accepts an invitation to act for someone: the link's token, their code and their date of birth.
/// Someone new to the practice also gives their own date of birth, and an account is made for the
/// invited address. Then they sign in with it.
#[utoipa::path(post, path = "/portal/proxies/accept", tag = "proxies", request_body = ProxyAcceptRequest,
    responses((status = 200, body = ProxyAccepted), (status = 400, body = Problem),
        (status = 401, body = Problem, description = "The invitation is not valid, or the code or date of birth does not match"),
        (status = 404, body = Problem, description = "No practice at this host"),
        (status = 409, body = Problem, description = "You can already act for them"), (status = 415, body = Problem), (status = 429, body = Problem)))]
pub async fn accept(d: &AcceptDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let practice = x.host_practice().await?;
    let body: ProxyAcceptRequest = x.json()?;
    x.throttle(&d.hasher, &practice.id, throttle::ANSWERS).await?;
    let mut fields = Fields::default();
    if !crate::limits::is_code(&body.code) {
        fields.error("code", "must be the 6 digits you were given");
    }
    let patient_birth = fields.check("patient_date_of_birth", date(&body.patient_date_of_birth));
    let own_birth = body
        .your_date_of_birth
        .as_deref()
        .and_then(|raw| fields.check("your_date_of_birth", DateOfBirth::parse(raw, x.now().date_naive())));
    fields.done()?;
    let patient_birth = patient_birth.ok_or_else(|| ApiError::invalid(vec![]))?;
    let accepted = d.accept(&practice, body.token.trim(), &body.code, patient_birth, own_birth).await?;
    x.acting(&practice.id, portico::auth::Actor::Proxy(accepted.proxy.patient_id.clone()));
    x.concerning(&accepted.grant.patient_id);
    x.under_grant(&accepted.grant.grant_id);
    x.object(accepted.grant.grant_id.to_string());
    let address = accepted.proxy.email.clone().map(Address::Email).or_else(|| accepted.proxy.phone.clone().map(Address::Sms));
    let address = address.ok_or_else(|| ApiError::Internal("a proxy without an address".into()))?;
    Ok(Reply::ok(&ProxyAccepted {
        patient_given_name: accepted.patient.preferred_name.unwrap_or(accepted.patient.given_name),
        new_account: accepted.new_account,
        channel: address.channel(),
        destination: address.masked(),
    }))
}

/// Ends a grant you are part of (someone's access to your account, or yours to someone else's; it stops
/// working on the very next request), or cancels an invitation you sent that is not accepted yet.
#[utoipa::path(delete, path = "/portal/proxies/{id}", tag = "proxies", security(("patient" = [])),
    params(("id" = String, Path, description = "The grant's id")),
    responses((status = 204, description = "Revoked"), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Only the account's owner revokes; a grant the practice made for a child is the practice's to end"), (status = 404, body = Problem)))]
pub async fn revoke(d: &PortalDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_self().await?;
    let id = x.path_id("id", GrantId::parse)?;
    match crate::proxies::revoke(d.table.as_ref(), &who, &id, x.now()).await? {
        crate::proxies::Revoked::Grant(grant) => x.concerning(&grant.patient_id),
        crate::proxies::Revoked::Invitation => {}
    }
    x.under_grant(&id);
    x.object(id.to_string());
    Ok(Reply::no_content())
}
