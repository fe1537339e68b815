//! Twilio's inbound-text webhook.

use portico::auth::Actor;
use portico::http::{ApiError, Exchange, Problem, Reply};
use portico::notify::twilio::twiml_reply;

use crate::deps::InboundWebhookDeps;
use crate::inbound::{InboundError, InboundText};

/// An inbound text: keywords (STOP, START, HELP and their synonyms), or a message for the patient's
/// thread. Answers with TwiML.
#[utoipa::path(post, path = "/webhooks/twilio/inbound", tag = "webhooks",
    params(("X-Twilio-Signature" = String, Header, description = "Twilio's HMAC-SHA1 signature")),
    responses((status = 200, description = "TwiML", content_type = "text/xml"), (status = 400, body = Problem), (status = 403, body = Problem), (status = 409, body = Problem), (status = 415, body = Problem)))]
pub async fn twilio_inbound(d: &InboundWebhookDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let params = d.twilio.verified_params(x.request())?;
    let text = InboundText::from_params(&params).map_err(|e| ApiError::field("body", e))?;
    x.object(text.message_sid.clone());
    let received = d.inbound.receive(&text).await.map_err(|e| match e {
        InboundError::InProgress => ApiError::Conflict("This text is being applied; try again."),
        other => ApiError::internal(other),
    })?;
    if let Some(practice) = &received.practice {
        x.acting(practice, Actor::System("twilio"));
    }
    if let Some(patient) = &received.patient {
        x.concerning(patient);
        x.object(text.message_sid.clone());
    }
    Ok(twiml_reply(received.reply.as_deref()))
}
