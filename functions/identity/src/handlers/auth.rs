use http::header::SET_COOKIE;
use lambda_http::Request;
use portico::auth::Actor;
use portico::domain::Address;
use portico::http::{ApiError, Exchange, Problem, Reply, headers};
use portico::ids::{ChallengeId, PatientId, PracticeId};
use portico::throttle;
use secrecy::{ExposeSecret, SecretString};

use crate::api::{
    CodeSentResponse, LinkCode, OpenLinkRequest, OpenedLink, RedeemLinkRequest, SessionResponse, StartCodeRequest, VerifyCodeRequest,
};
use crate::sign_in::{CodeDeps, SessionDeps, SignInDeps, SignedIn};

/// The session reply: the access token in the body, the refresh token only in the `__Host-` cookie.
fn session_reply(signed: SignedIn) -> Result<Reply, ApiError> {
    let body = SessionResponse {
        access_token: signed.tokens.access.expose_secret().to_string(),
        token_type: "Bearer",
        expires_in: signed.tokens.expires_in,
        patient_id: signed.patient.to_string(),
        idle_timeout_seconds: portico::auth::limits::patient_idle().num_seconds(),
        language: signed.language.as_str().to_string(),
    };
    let mut reply = Reply::ok(&body);
    if let Some(refresh) = &signed.tokens.refresh {
        let cookie = headers::refresh_cookie(refresh.expose_secret())
            .ok_or_else(|| ApiError::Internal("refresh token cannot be a cookie".into()))?;
        reply = reply.header(SET_COOKIE, cookie);
    }
    Ok(reply)
}

fn refresh_cookie(req: &Request) -> Option<SecretString> {
    headers::cookie(req.headers(), headers::REFRESH_COOKIE).map(SecretString::from)
}

/// Sends a sign-in code to an address on file. Unknown addresses get the same answer, in similar time.
#[utoipa::path(post, path = "/auth/otp/start", tag = "sign-in", request_body = StartCodeRequest,
    responses((status = 202, body = CodeSentResponse), (status = 400, body = Problem), (status = 404, body = Problem),
        (status = 413, body = Problem), (status = 415, body = Problem), (status = 429, body = Problem, description = "Wait Retry-After seconds")))]
pub async fn otp_start(d: &CodeDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    // Known and unknown addresses answer in the same time.
    x.hold_for(d.sign_in.floor);
    let practice = x.host_practice().await?;
    let body: StartCodeRequest = x.json()?;
    let address = Address::parse(body.channel, &body.address).map_err(|e| ApiError::field("address", e))?;
    x.throttle(&d.sign_in.hasher, &practice.id, throttle::CODE_REQUESTS).await?;
    let sent = d.start_code(&practice, &address).await?;
    if let Some(patient) = &sent.patient {
        x.concerning(patient);
    }
    let expires_in = sent.expires_at - x.now().timestamp();
    Ok(Reply::accepted(&CodeSentResponse {
        challenge_id: sent.challenge_id.to_string(),
        channel: body.channel,
        expires_in,
        resend_after: crate::limits::resend_cooldown().num_seconds(),
    }))
}

/// Signs in with the code.
#[utoipa::path(post, path = "/auth/otp/verify", tag = "sign-in", request_body = VerifyCodeRequest,
    responses((status = 200, body = SessionResponse, description = "Also sets the __Host-portico_refresh cookie"),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 415, body = Problem),
        (status = 429, body = Problem, description = "Too many answers from this client; wait Retry-After seconds")))]
pub async fn otp_verify(d: &SignInDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    // An answer for a known address (checked through the identity provider) and for an unknown one
    // (checked here) take the same time.
    x.hold_for(d.floor);
    let practice = x.host_practice().await?;
    let body: VerifyCodeRequest = x.json()?;
    let id = ChallengeId::parse(&body.challenge_id).ok_or_else(|| ApiError::field("challenge_id", "is not a challenge id"))?;
    if !crate::limits::is_code(&body.code) {
        return Err(ApiError::field("code", "must be the 6 digits from your message"));
    }
    x.throttle(&d.hasher, &practice.id, throttle::ANSWERS).await?;
    let signed = d.verify_code(&practice, &id, &body.code).await?;
    signed_in_as(x, &practice.id, &signed.patient);
    session_reply(signed)
}

/// From here on the request is the patient's own: their sign-in (or sign-out) is audited as theirs and
/// shows in their access log.
fn signed_in_as(x: &Exchange<'_>, practice: &PracticeId, patient: &PatientId) {
    x.acting(practice, Actor::Patient(patient.clone()));
    x.concerning(patient);
}

/// Signs in by redeeming an invitation link (once).
#[utoipa::path(post, path = "/auth/link", tag = "sign-in", request_body = RedeemLinkRequest,
    responses((status = 200, body = SessionResponse, description = "Also sets the __Host-portico_refresh cookie"),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 415, body = Problem),
        (status = 429, body = Problem, description = "Too many answers from this client; wait Retry-After seconds")))]
pub async fn link_redeem(d: &SignInDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let practice = x.host_practice().await?;
    let body: RedeemLinkRequest = x.json()?;
    x.throttle(&d.hasher, &practice.id, throttle::ANSWERS).await?;
    let signed = d.redeem_link(&practice, body.token.trim()).await?;
    signed_in_as(x, &practice.id, &signed.patient);
    session_reply(signed)
}

/// A new access token for the session in the refresh cookie.
#[utoipa::path(post, path = "/auth/refresh", tag = "sign-in",
    responses((status = 200, body = SessionResponse), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn refresh(d: &SessionDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    x.require_portal_origin().await?;
    let practice = x.host_practice().await?;
    let token = refresh_cookie(x.request()).ok_or(ApiError::Unauthorized("Please sign in."))?;
    match d.refresh(&practice, &token, x.idle_for()).await {
        Ok(signed) => {
            x.concerning(&signed.patient);
            session_reply(signed)
        }
        Err(e) => Err(ApiError::from(e)),
    }
}

/// Ends the session of the refresh cookie: revoked here (the next request with any of its access tokens is
/// refused) and its refresh token revoked at the identity provider. It needs no access token, so it works
/// after the access token has expired, and it answers 204 with the cookie cleared whether or not there was
/// a live session to end. A failure answers 5xx and keeps the cookie, so the sign-out can be tried again.
#[utoipa::path(post, path = "/auth/logout", tag = "sign-in",
    responses((status = 204, description = "Signed out, or nothing was signed in; the refresh cookie is cleared"),
        (status = 403, body = Problem, description = "Sent from a page that is not the practice's portal")))]
pub async fn logout(d: &SessionDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    x.require_portal_origin().await?;
    // The host's practice, for the audit trail; unknown hosts answer 404.
    let practice = x.host_practice().await?;
    if let Some(token) = refresh_cookie(x.request())
        && let Some(ended) = d.logout(&practice.id, &token).await?
    {
        signed_in_as(x, &practice.id, &ended);
        // The links in the patient's notices stop working with the sign-out.
        portico::links::retire_all(d.table.as_ref(), &practice.id, &ended, x.now()).await?;
    }
    Ok(Reply::no_content().header(SET_COOKIE, headers::clear_refresh_cookie()))
}

/// Opens the single-use link of a notice: says what it leads to (never what it says) and, when asked,
/// sends a code to the address on file, by the channel the notice went by. The portal shows the item
/// after a live session of the same patient, or after that code. A used, expired, superseded or
/// signed-out link answers 401.
#[utoipa::path(post, path = "/auth/open", tag = "sign-in", request_body = OpenLinkRequest,
    responses((status = 200, body = OpenedLink), (status = 400, body = Problem),
        (status = 401, body = Problem, description = "The link was used, expired, replaced by a newer one, or the patient signed out since"),
        (status = 404, body = Problem, description = "No practice at this host"),
        (status = 415, body = Problem), (status = 429, body = Problem, description = "Too many answers from this client; wait Retry-After seconds")))]
pub async fn link_open(d: &CodeDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let practice = x.host_practice().await?;
    let body: OpenLinkRequest = x.json()?;
    x.throttle(&d.sign_in.hasher, &practice.id, throttle::ANSWERS).await?;
    let table = d.sign_in.table.as_ref();
    let expired = || ApiError::BadCredentials("This link has expired or was already used. Sign in to see what is waiting.".into());
    let live = portico::links::check(table, &d.sign_in.hasher, &practice.id, body.token.trim(), x.now()).await?.ok_or_else(expired)?;
    let opened = live.opened.clone();
    x.concerning(&opened.patient);
    // The code goes first: a code that must wait (sent a moment ago) leaves the link for the next try.
    let challenge = match body.send_code {
        false => None,
        true => {
            let patient = portico::directory::patients::get(table, &practice.id, &opened.patient).await?;
            match patient.and_then(|p| p.address(opened.channel)) {
                Some(address) => {
                    let sent = d.start_code(&practice, &address).await?;
                    Some(LinkCode {
                        challenge_id: sent.challenge_id.to_string(),
                        channel: address.channel(),
                        destination: address.masked(),
                        expires_in: sent.expires_at - x.now().timestamp(),
                        resend_after: crate::limits::resend_cooldown().num_seconds(),
                    })
                }
                // The address changed since the notice: the patient signs in the usual way.
                None => None,
            }
        }
    };
    if !portico::links::spend(table, &practice.id, &live, x.now()).await? {
        return Err(expired());
    }
    Ok(Reply::ok(&OpenedLink { item: opened.item, patient_id: opened.patient.to_string(), challenge }))
}
