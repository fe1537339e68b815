//! Twilio's delivery callbacks and one-click unsubscribe from notification emails.

use http::StatusCode;
use lambda_http::Request;
use portico::auth::Actor;
use portico::http::{ApiError, Exchange, Problem, Reply, parse};
use portico::notify::deliveries::{self, StatusUpdate};
use portico::notify::{twilio, unsubscribe};
use portico::throttle;

use crate::deps::{StatusWebhookDeps, UnsubscribeDeps};

/// A delivery status callback; status only moves forward.
#[utoipa::path(post, path = "/webhooks/twilio/status", tag = "webhooks",
    params(("X-Twilio-Signature" = String, Header, description = "Twilio's HMAC-SHA1 signature")),
    responses((status = 204, description = "Applied or ignored"), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub async fn twilio_status(d: &StatusWebhookDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let params = d.twilio.verified_params(x.request())?;
    let update = StatusUpdate::from_params(&params).map_err(|e| ApiError::field("body", e))?;
    x.object(update.message_sid.clone());
    let (_, notification) = deliveries::apply_status(d.table.as_ref(), &update).await?;
    if let Some(notification) = notification {
        x.acting(&notification.practice_id, Actor::System("twilio"));
        x.concerning(&notification.patient_id);
        x.object(update.message_sid.clone());
    }
    Ok(Reply::no_content())
}

/// Whether the request carries `List-Unsubscribe=One-Click`, in either encoding RFC 8058 allows
/// (`multipart/form-data`, which it prefers, or `application/x-www-form-urlencoded`).
async fn one_click(request: &Request) -> Result<bool, ApiError> {
    let body = parse::body_bytes(request);
    if parse::has_content_type(request, "application/x-www-form-urlencoded") {
        return Ok(twilio::form_pairs(body).iter().any(|(k, v)| k == "List-Unsubscribe" && v == "One-Click"));
    }
    let content_type = request.headers().get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let boundary = match multer::parse_boundary(content_type) {
        Ok(boundary) if parse::has_content_type(request, "multipart/form-data") => boundary,
        _ => return Err(ApiError::UnsupportedMediaType { expected: "multipart/form-data or application/x-www-form-urlencoded" }),
    };
    let body = body.to_vec();
    let mut form = multer::Multipart::new(futures::stream::once(async move { Ok::<_, std::convert::Infallible>(body) }), boundary);
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("List-Unsubscribe") {
            return Ok(field.text().await.is_ok_and(|value| value.trim() == "One-Click"));
        }
    }
    Ok(false)
}

/// One-click unsubscribe (RFC 8058): a mail client posts `List-Unsubscribe=One-Click` to the link in
/// the email's `List-Unsubscribe` header.
#[utoipa::path(post, path = "/email/unsubscribe", tag = "webhooks",
    params(("token" = String, Query, description = "From the email's List-Unsubscribe link")),
    responses((status = 200, description = "Unsubscribed", content_type = "text/plain"), (status = 400, body = Problem), (status = 404, body = Problem, description = "Unknown or expired link"), (status = 415, body = Problem),
        (status = 429, body = Problem)))]
pub async fn unsubscribe(d: &UnsubscribeDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let practice = x.host_practice().await?;
    if !one_click(x.request()).await? {
        return Err(ApiError::field("List-Unsubscribe", "must be One-Click"));
    }
    x.throttle(&d.hasher, &practice.id, throttle::UNSUBSCRIBES).await?;
    let token = x.query("token").unwrap_or_default();
    let (patient, category) =
        unsubscribe::redeem(d.table.as_ref(), &d.hasher, &practice.id, &token, x.now()).await?.ok_or(ApiError::NotFound)?;
    x.acting(&practice.id, Actor::Patient(patient.clone()));
    x.concerning(&patient);
    unsubscribe::apply(d.table.as_ref(), &practice.id, &patient, category, x.now()).await?;
    let text = format!(
        "You will no longer receive {} emails from {}. You can change this in the portal at any time.",
        category.as_str().replace('_', " "),
        practice.name
    );
    Ok(Reply {
        status: StatusCode::OK,
        body: Some(text.into_bytes()),
        content_type: Some("text/plain; charset=utf-8"),
        headers: Vec::new(),
    })
}
