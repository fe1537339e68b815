//! Stripe's webhook: verify, queue, answer. Nothing is applied here; the billing worker applies each
//! event once, in any order ([`crate::stripe_events`]).

use portico::http::parse::{body_bytes, has_content_type};
use portico::http::{ApiError, Exchange, Problem, Reply};
use portico::payments::signature::{self, Refused};
use portico::queue::QueueMessage;
use serde::{Deserialize, Serialize};

use crate::deps::StripeWebhookDeps;

#[derive(Deserialize)]
struct Envelope {
    id: String,
    #[serde(rename = "type")]
    kind: String,
}

/// What the webhook answers Stripe.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Received {
    pub received: bool,
}

/// The largest event the webhook takes: what one queue message carries (SQS's 256 KiB). Stripe's events
/// are far smaller; a larger body is refused before its signature is even computed.
pub const MAX_EVENT_BODY: usize = 256 * 1024;

/// An event from Stripe, for any practice's connected account. A valid `Stripe-Signature` (any current
/// secret, any of its `v1`s, a timestamp within five minutes either way) is checked before anything
/// else; the event is then queued whole and answered at once. Unknown kinds are answered 200 too.
#[utoipa::path(post, path = "/webhooks/stripe", tag = "webhooks",
    params(("Stripe-Signature" = String, Header, description = "t=<unix time>,v1=<HMAC-SHA256 of \"t.body\">[,v1=…]")),
    request_body(content = Object, content_type = "application/json", description = "A Stripe event"),
    responses((status = 200, body = Received), (status = 400, body = Problem, description = "No or a malformed Stripe-Signature, or not an event"),
        (status = 403, body = Problem, description = "The signature does not match, or its timestamp is more than five minutes away"),
        (status = 413, body = Problem, description = "The body is larger than one queued event (256 KiB)"), (status = 415, body = Problem)))]
pub async fn stripe(d: &StripeWebhookDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let req = x.request();
    let body = body_bytes(req);
    if body.len() > MAX_EVENT_BODY {
        return Err(ApiError::PayloadTooLarge { limit: MAX_EVENT_BODY });
    }
    if !has_content_type(req, "application/json") {
        return Err(ApiError::UnsupportedMediaType { expected: "application/json" });
    }
    let header = req.headers().get("stripe-signature").and_then(|v| v.to_str().ok());
    match signature::verify(&d.stripe.secrets, header, body, x.now()) {
        Ok(()) => {}
        Err(Refused::Missing | Refused::Malformed) => return Err(ApiError::field("Stripe-Signature", "is missing or malformed")),
        Err(Refused::Stale | Refused::Mismatch) => return Err(ApiError::Forbidden("The signature is not valid.")),
    }
    let event: Envelope = serde_json::from_slice(body).map_err(|_| ApiError::field("body", "is not a Stripe event"))?;
    if !event.id.starts_with("evt_") || event.id.len() > 255 || event.kind.is_empty() {
        return Err(ApiError::field("id", "is not a Stripe event id"));
    }
    x.object(event.id.clone());
    let text = String::from_utf8(body.to_vec()).map_err(|_| ApiError::field("body", "is not UTF-8"))?;
    let message = QueueMessage { id: event.id.clone(), body: text, delay_seconds: 0 };
    d.queue.send(portico::events::BILLING_QUEUE, vec![message]).await.map_err(ApiError::internal)?;
    tracing::info!(event_id = %event.id, kind = %event.kind, "stripe event queued");
    Ok(Reply::ok(&Received { received: true }))
}
