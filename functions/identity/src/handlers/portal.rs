use lambda_http::{Body, Request, Response};
use portico::auth::Actor;
use portico::http::{ApiError, Problem, Reply};
use portico::ids::ChallengeId;

use super::PortalDeps;
use crate::api::{
    ConsentDecisionRequest, ConsentsView, PendingVerification, PreferencesUpdate, PreferencesView, ProfilePatch, ProfileUpdated,
    ProfileView, VerifyContactRequest,
};
use crate::consents::{self, Choice, Provenance};
use crate::profile::{self, ContactDeps, ProfileChange};
use crate::routes;

/// The signed-in patient's profile.
#[utoipa::path(get, path = "/portal/me", tag = "portal", security(("patient" = [])),
    responses((status = 200, body = ProfileView), (status = 401, body = Problem)))]
pub async fn me_get(d: &PortalDeps, req: Request) -> Response<Body> {
    d.edge
        .serve(req, &routes::PORTAL_ME_GET, async |x| {
            let who = x.patient().await?;
            let patient = profile::load(d.edge.table.as_ref(), &who.practice, &who.patient).await?;
            Ok(Reply::ok(&ProfileView::from(&patient)))
        })
        .await
}

/// Changes names, language or time zone; a new email or phone is sent a code first.
#[utoipa::path(patch, path = "/portal/me", tag = "portal", security(("patient" = [])), request_body = ProfilePatch,
    responses((status = 200, body = ProfileUpdated), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 409, body = Problem), (status = 415, body = Problem), (status = 429, body = Problem)))]
pub async fn me_update(d: &ContactDeps, req: Request) -> Response<Body> {
    d.edge
        .serve(req, &routes::PORTAL_ME_UPDATE, async |x| {
            let who = x.patient().await?;
            let change = ProfileChange::parse(x.json::<ProfilePatch>()?)?;
            let practice = x.practice(&who.practice).await?;
            let (saved, pending) = d.update(&practice, &who.patient, change).await?;
            let verification = pending.map(|(sent, address)| PendingVerification {
                challenge_id: sent.challenge_id.to_string(),
                channel: address.channel(),
                destination: address.masked(),
                expires_in: sent.expires_at - x.now().timestamp(),
            });
            Ok(Reply::ok(&ProfileUpdated { profile: ProfileView::from(&saved), verification }))
        })
        .await
}

/// Confirms a new email or phone with the code sent to it.
#[utoipa::path(post, path = "/portal/me/contact/verify", tag = "portal", security(("patient" = [])), request_body = VerifyContactRequest,
    responses((status = 200, body = ProfileView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 409, body = Problem)))]
pub async fn contact_verify(d: &ContactDeps, req: Request) -> Response<Body> {
    d.edge
        .serve(req, &routes::PORTAL_CONTACT_VERIFY, async |x| {
            let who = x.patient().await?;
            let body: VerifyContactRequest = x.json()?;
            let id = ChallengeId::parse(&body.challenge_id).ok_or_else(|| ApiError::field("challenge_id", "is not a challenge id"))?;
            let practice = x.practice(&who.practice).await?;
            let saved = d.confirm_contact(&practice, &who.patient, &id, body.code.trim()).await?;
            Ok(Reply::ok(&ProfileView::from(&saved)))
        })
        .await
}

/// The practice's consent documents and the patient's decisions.
#[utoipa::path(get, path = "/portal/consents", tag = "portal", security(("patient" = [])),
    responses((status = 200, body = ConsentsView), (status = 401, body = Problem)))]
pub async fn consents_get(d: &PortalDeps, req: Request) -> Response<Body> {
    d.edge
        .serve(req, &routes::PORTAL_CONSENTS_GET, async |x| {
            let who = x.patient().await?;
            let practice = x.practice(&who.practice).await?;
            Ok(Reply::ok(&consents::view(d.edge.table.as_ref(), &practice, &who.patient).await?))
        })
        .await
}

/// Accepts the current version of a document, or revokes an acceptance.
#[utoipa::path(put, path = "/portal/consents", tag = "portal", security(("patient" = [])), request_body = ConsentDecisionRequest,
    responses((status = 200, body = ConsentsView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn consents_update(d: &PortalDeps, req: Request) -> Response<Body> {
    d.edge
        .serve(req, &routes::PORTAL_CONSENTS_UPDATE, async |x| {
            let who = x.patient().await?;
            let body: ConsentDecisionRequest = x.json()?;
            let practice = x.practice(&who.practice).await?;
            let provenance = Provenance {
                actor: Actor::Patient(who.patient.clone()),
                ip: x.client_ip(),
                user_agent: x.user_agent(),
                request_id: x.request_id().to_string(),
            };
            let table = d.edge.table.as_ref();
            let choice = Choice { kind: body.kind, version: body.version, decision: body.decision };
            consents::decide(table, &practice, &who.patient, choice, &provenance, x.now()).await?;
            Ok(Reply::ok(&consents::view(table, &practice, &who.patient).await?))
        })
        .await
}

/// How and when the patient may be contacted.
#[utoipa::path(get, path = "/portal/preferences", tag = "portal", security(("patient" = [])),
    responses((status = 200, body = PreferencesView), (status = 401, body = Problem)))]
pub async fn preferences_get(d: &PortalDeps, req: Request) -> Response<Body> {
    d.edge
        .serve(req, &routes::PORTAL_PREFERENCES_GET, async |x| {
            let who = x.patient().await?;
            let patient = profile::load(d.edge.table.as_ref(), &who.practice, &who.patient).await?;
            Ok(Reply::ok(&PreferencesView::from(&patient)))
        })
        .await
}

/// Replaces the preferences.
#[utoipa::path(put, path = "/portal/preferences", tag = "portal", security(("patient" = [])), request_body = PreferencesUpdate,
    responses((status = 200, body = PreferencesView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 409, body = Problem)))]
pub async fn preferences_update(d: &PortalDeps, req: Request) -> Response<Body> {
    d.edge
        .serve(req, &routes::PORTAL_PREFERENCES_UPDATE, async |x| {
            let who = x.patient().await?;
            let body: PreferencesUpdate = x.json()?;
            let practice = x.practice(&who.practice).await?;
            let saved = profile::update_preferences(&d.edge, &practice, &who.patient, body).await?;
            Ok(Reply::ok(&PreferencesView::from(&saved)))
        })
        .await
}
