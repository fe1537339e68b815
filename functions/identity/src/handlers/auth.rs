use std::time::Instant;

use http::header::SET_COOKIE;
use lambda_http::Request;
use portico::auth::session::SessionSubject;
use portico::domain::Address;
use portico::http::{ApiError, Exchange, Problem, Reply, headers};
use portico::ids::ChallengeId;
use secrecy::{ExposeSecret, SecretString};

use crate::api::{CodeSentResponse, RedeemLinkRequest, SessionResponse, StartCodeRequest, VerifyCodeRequest};
use crate::limits::refresh_cookie_max_age;
use crate::sign_in::{CodeDeps, SessionDeps, SignInDeps, SignedIn};

/// The session reply: the access token in the body, the refresh token only in the `__Host-` cookie.
fn session_reply(signed: SignedIn) -> Result<Reply, ApiError> {
    let body = SessionResponse {
        access_token: signed.tokens.access.expose_secret().to_string(),
        token_type: "Bearer",
        expires_in: signed.tokens.expires_in,
        patient_id: signed.patient.to_string(),
    };
    let mut reply = Reply::ok(&body);
    if let Some(refresh) = &signed.tokens.refresh {
        let cookie = headers::refresh_cookie(refresh.expose_secret(), refresh_cookie_max_age().num_seconds())
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
    let started = Instant::now();
    let practice = x.host_practice().await?;
    let body: StartCodeRequest = x.json()?;
    let address = Address::parse(body.channel, &body.address).map_err(|e| ApiError::field("address", e))?;
    let result = d.start_code(&practice, &address).await;
    // Known and unknown addresses answer in the same time.
    tokio::time::sleep(d.floor.saturating_sub(started.elapsed())).await;
    let sent = result?;
    if let Some(patient) = &sent.patient {
        x.concerning(patient);
    }
    let expires_in = sent.expires_at - x.now().timestamp();
    Ok(Reply::accepted(&CodeSentResponse { challenge_id: sent.challenge_id.to_string(), channel: body.channel, expires_in }))
}

/// Signs in with the code.
#[utoipa::path(post, path = "/auth/otp/verify", tag = "sign-in", request_body = VerifyCodeRequest,
    responses((status = 200, body = SessionResponse, description = "Also sets the __Host-portico_refresh cookie"),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 415, body = Problem)))]
pub async fn otp_verify(d: &SignInDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let practice = x.host_practice().await?;
    let body: VerifyCodeRequest = x.json()?;
    let id = ChallengeId::parse(&body.challenge_id).ok_or_else(|| ApiError::field("challenge_id", "is not a challenge id"))?;
    if !crate::limits::is_code(&body.code) {
        return Err(ApiError::field("code", "must be the 6 digits from your message"));
    }
    let signed = d.verify_code(&practice, &id, &body.code).await?;
    x.concerning(&signed.patient);
    session_reply(signed)
}

/// Signs in by redeeming an invitation link (once).
#[utoipa::path(post, path = "/auth/link", tag = "sign-in", request_body = RedeemLinkRequest,
    responses((status = 200, body = SessionResponse, description = "Also sets the __Host-portico_refresh cookie"),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 415, body = Problem)))]
pub async fn link_redeem(d: &SignInDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let practice = x.host_practice().await?;
    let body: RedeemLinkRequest = x.json()?;
    let signed = d.redeem_link(&practice, body.token.trim()).await?;
    x.concerning(&signed.patient);
    session_reply(signed)
}

/// A new access token for the session in the refresh cookie.
#[utoipa::path(post, path = "/auth/refresh", tag = "sign-in",
    responses((status = 200, body = SessionResponse), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn refresh(d: &SessionDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    x.require_same_site().await?;
    let practice = x.host_practice().await?;
    let token = refresh_cookie(x.request()).ok_or(ApiError::Unauthorized("Please sign in."))?;
    match d.refresh(&practice, &token).await {
        Ok(signed) => {
            x.concerning(&signed.patient);
            session_reply(signed)
        }
        Err(e) => Err(ApiError::from(e)),
    }
}

/// Ends the session now: the next request with this session's tokens is refused.
#[utoipa::path(post, path = "/auth/logout", tag = "sign-in", security(("patient" = [])),
    responses((status = 204, description = "Signed out; the refresh cookie is cleared"), (status = 401, body = Problem)))]
pub async fn logout(d: &SessionDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient().await?;
    let subject = SessionSubject::Patient(who.practice.clone(), who.patient.clone());
    d.logout(&subject, &who.session, refresh_cookie(x.request()).as_ref()).await?;
    Ok(Reply::no_content().header(SET_COOKIE, headers::clear_refresh_cookie()))
}
