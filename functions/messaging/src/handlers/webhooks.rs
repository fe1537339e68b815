use std::sync::Arc;

use http::StatusCode;
use lambda_http::{Body, Request, Response};
use portico::auth::Actor;
use portico::crypto::Hasher;
use portico::http::{ApiError, Edge, Problem, Reply, parse};

use crate::routes;
use crate::twilio::inbound::InboundText;
use crate::twilio::status::StatusUpdate;
use crate::twilio::{TwilioDeps, signature, twiml};
use crate::unsubscribe;

/// What the Twilio webhooks use.
pub struct WebhookDeps {
    pub edge: Arc<Edge>,
    pub twilio: TwilioDeps,
}

/// Checks the Twilio signature over the public URL and the body, and reads the parameters. Nothing
/// else happens for a request that fails here.
fn signed_params(d: &WebhookDeps, req: &Request) -> Result<Vec<(String, String)>, ApiError> {
    let body = parse::body_bytes(req);
    if body.len() > 64 * 1024 {
        return Err(ApiError::PayloadTooLarge { limit: 64 * 1024 });
    }
    let form = parse::has_content_type(req, "application/x-www-form-urlencoded");
    if !form && !parse::has_content_type(req, "application/json") {
        return Err(ApiError::UnsupportedMediaType { expected: "application/x-www-form-urlencoded" });
    }
    // The path as API Gateway received it (before any rewriting), under the public origin Twilio called.
    use lambda_http::RequestExt as _;
    let path = match req.raw_http_path() {
        "" => req.uri().path(),
        raw => raw,
    };
    let base = d.twilio.public_base.trim_end_matches('/');
    let url = match req.uri().query().filter(|q| !q.is_empty()) {
        Some(query) => format!("{base}{path}?{query}"),
        None => format!("{base}{path}"),
    };
    let header = req.headers().get("x-twilio-signature").and_then(|v| v.to_str().ok());
    signature::verify(&d.twilio.auth_token, &url, body, form, header)
        .map_err(|_| ApiError::Forbidden("The request is not signed by Twilio."))?;
    if form {
        return Ok(signature::form_pairs(body));
    }
    let json: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(body).map_err(|_| ApiError::field("body", "is not a JSON object"))?;
    Ok(json.into_iter().map(|(k, v)| (k, v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))).collect())
}

fn xml(body: String) -> Reply {
    Reply { status: StatusCode::OK, body: Some(body.into_bytes()), content_type: Some("text/xml"), headers: Vec::new() }
}

/// An inbound text: keywords (STOP, START, HELP and their synonyms), or a message for the patient's
/// thread. Answers with TwiML.
#[utoipa::path(post, path = "/webhooks/twilio/inbound", tag = "webhooks",
    params(("X-Twilio-Signature" = String, Header, description = "Twilio's HMAC-SHA1 signature")),
    responses((status = 200, description = "TwiML", content_type = "text/xml"), (status = 400, body = Problem), (status = 403, body = Problem), (status = 415, body = Problem)))]
pub async fn twilio_inbound(d: &WebhookDeps, req: Request) -> Response<Body> {
    d.edge
        .serve(req, &routes::WEBHOOK_TWILIO_INBOUND, async |x| {
            let params = signed_params(d, x.request())?;
            let text = InboundText::from_params(&params).map_err(|e| ApiError::field("body", e))?;
            x.object(text.message_sid.clone());
            let received = d.twilio.receive(&text).await.map_err(ApiError::internal)?;
            if let Some(practice) = &received.practice {
                x.acting(practice, Actor::System("twilio"));
            }
            if let Some(patient) = &received.patient {
                x.concerning(patient);
                x.object(text.message_sid.clone());
            }
            Ok(xml(twiml(received.reply.as_deref())))
        })
        .await
}

/// A delivery status callback; status only moves forward.
#[utoipa::path(post, path = "/webhooks/twilio/status", tag = "webhooks",
    params(("X-Twilio-Signature" = String, Header, description = "Twilio's HMAC-SHA1 signature")),
    responses((status = 204, description = "Applied or ignored"), (status = 400, body = Problem), (status = 403, body = Problem)))]
pub async fn twilio_status(d: &WebhookDeps, req: Request) -> Response<Body> {
    d.edge
        .serve(req, &routes::WEBHOOK_TWILIO_STATUS, async |x| {
            let params = signed_params(d, x.request())?;
            let update = StatusUpdate::from_params(&params).map_err(|e| ApiError::field("body", e))?;
            x.object(update.message_sid.clone());
            let (_, notification) = d.twilio.status(&update).await?;
            if let Some(notification) = notification {
                x.acting(&notification.practice_id, Actor::System("twilio"));
                x.concerning(&notification.patient_id);
                x.object(update.message_sid.clone());
            }
            Ok(Reply::no_content())
        })
        .await
}

/// What the unsubscribe route uses.
pub struct UnsubscribeDeps {
    pub edge: Arc<Edge>,
    pub hasher: Hasher,
}

/// Whether the request carries `List-Unsubscribe=One-Click`, in either encoding RFC 8058 allows
/// (`multipart/form-data`, which it prefers, or `application/x-www-form-urlencoded`).
async fn one_click(request: &Request) -> Result<bool, ApiError> {
    let body = parse::body_bytes(request);
    if parse::has_content_type(request, "application/x-www-form-urlencoded") {
        return Ok(signature::form_pairs(body).iter().any(|(k, v)| k == "List-Unsubscribe" && v == "One-Click"));
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
    responses((status = 200, description = "Unsubscribed", content_type = "text/plain"), (status = 400, body = Problem), (status = 404, body = Problem), (status = 415, body = Problem)))]
pub async fn unsubscribe(d: &UnsubscribeDeps, req: Request) -> Response<Body> {
    d.edge
        .serve(req, &routes::PUBLIC_EMAIL_UNSUBSCRIBE, async |x| {
            let practice = x.host_practice().await?;
            if !one_click(x.request()).await? {
                return Err(ApiError::field("List-Unsubscribe", "must be One-Click"));
            }
            let token = x.query("token").unwrap_or_default();
            let (token_practice, patient, category) = unsubscribe::verify(&d.hasher, &token).ok_or(ApiError::NotFound)?;
            if token_practice != practice.id {
                return Err(ApiError::NotFound);
            }
            x.acting(&practice.id, Actor::Patient(patient.clone()));
            x.concerning(&patient);
            unsubscribe::apply(d.edge.table.as_ref(), &practice.id, &patient, category, x.now()).await?;
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
        })
        .await
}
