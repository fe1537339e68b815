//! Local-only routes beyond the API: the stand-ins for S3's browser uploads and presigned downloads, and
//! Twilio simulations that sign their requests exactly as Twilio does and send them through the gateway.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::body::Body;
use axum::response::Response;
use http::{HeaderMap, HeaderValue, StatusCode, header};
use portico::http::headers;
use serde::Deserialize;
use serde_json::json;

use crate::App;
use crate::gateway::{api, gateway_response};

/// The browser's form upload: fields first, then the file, checked against the signed policy.
pub async fn blob_upload(app: &App, request_headers: &HeaderMap, body: Body) -> Response {
    let Some(blobs) = &app.local_blobs else { return gateway_response(StatusCode::NOT_FOUND, json!({ "message": "Not Found" })) };
    let content_type = request_headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let Ok(boundary) = multer::parse_boundary(content_type) else {
        return gateway_response(StatusCode::BAD_REQUEST, json!({ "message": "send multipart/form-data" }));
    };
    let mut multipart = multer::Multipart::new(body.into_data_stream(), boundary);
    let mut fields = BTreeMap::new();
    let mut file = None;
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        // A little over the largest allowed file, so an oversize upload is refused by its policy.
        let Ok(bytes) = field.bytes().await else {
            return gateway_response(StatusCode::BAD_REQUEST, json!({ "message": "unreadable form" }));
        };
        if name == "file" {
            file = Some(bytes);
            break;
        }
        fields.insert(name, String::from_utf8_lossy(&bytes).into_owned());
    }
    let (Some(policy), Some(signature), Some(file)) = (fields.get("policy"), fields.get("signature"), file) else {
        return gateway_response(StatusCode::BAD_REQUEST, json!({ "message": "policy, signature and file are required" }));
    };
    match blobs.accept_upload(policy, signature, &fields, &file, app.clock.now()).await {
        Ok(()) => {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::NO_CONTENT;
            headers::secure(response.headers_mut());
            response
        }
        Err(reason) => gateway_response(StatusCode::FORBIDDEN, json!({ "message": reason })),
    }
}

/// A presigned download, served as an attachment that a browser will not render.
pub async fn blob_download(app: &App, query: Option<&str>) -> Response {
    let Some(blobs) = &app.local_blobs else { return gateway_response(StatusCode::NOT_FOUND, json!({ "message": "Not Found" })) };
    let params: BTreeMap<String, String> = url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect();
    match blobs.serve_download(&params, app.clock.now()).await {
        Some((bytes, stored)) => {
            let mut response = Response::new(Body::from(bytes));
            headers::secure(response.headers_mut());
            for (name, value) in [(header::CONTENT_DISPOSITION, stored.content_disposition), (header::CONTENT_TYPE, stored.content_type)] {
                if let Ok(value) = HeaderValue::from_str(&value) {
                    response.headers_mut().insert(name, value);
                }
            }
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
            response
        }
        None => gateway_response(StatusCode::FORBIDDEN, json!({ "message": "The link is invalid or has expired." })),
    }
}

/// Sends a form to a webhook route through the gateway, signed as Twilio signs it.
async fn signed_post(app: &App, path: &str, params: Vec<(String, String)>, peer: SocketAddr) -> (StatusCode, String) {
    let url = format!("{}{path}", app.ports.twilio.public_base);
    let signature = portico::notify::twilio::sign(&app.ports.twilio.auth_token, &url, &params);
    let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(params.iter()).finish();
    let mut request_headers = HeaderMap::new();
    request_headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"));
    request_headers.insert(header::USER_AGENT, HeaderValue::from_static("TwilioProxy/1.1"));
    if let Ok(host) = HeaderValue::from_str(app.ports.twilio.public_base.trim_start_matches("http://").trim_start_matches("https://")) {
        request_headers.insert(header::HOST, host);
    }
    if let Ok(value) = HeaderValue::from_str(&signature) {
        request_headers.insert("x-twilio-signature", value);
    }
    let uri: http::Uri = path.parse().unwrap_or_default();
    let response = api(app, "POST", &uri, &request_headers, body.as_bytes(), peer).await;
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 64 * 1024).await.unwrap_or_default();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SimulatedText {
    from: String,
    /// The practice's texting number; the demo practice's by default.
    to: Option<String>,
    body: String,
    /// Reuse a `MessageSid` to simulate Twilio delivering the same webhook again.
    message_sid: Option<String>,
}

/// Simulates a text arriving from a phone. Answers with the webhook's own status, and its TwiML.
pub async fn simulate_inbound(app: &App, body: &[u8], peer: SocketAddr) -> Response {
    let Ok(text) = serde_json::from_slice::<SimulatedText>(body) else {
        return gateway_response(
            StatusCode::BAD_REQUEST,
            json!({ "message": "send {\"from\": \"+1…\", \"body\": \"…\", \"to\"?: \"+1…\"}" }),
        );
    };
    let to = match text.to {
        Some(to) => to,
        None => {
            let demo = portico::directory::practices::find_by_slug(app.table.as_ref(), crate::seed::DEMO_SLUG).await.ok().flatten();
            demo.and_then(|p| p.settings.sms_numbers.first().cloned()).unwrap_or_default()
        }
    };
    let sid =
        text.message_sid.unwrap_or_else(|| format!("SM{}", portico::crypto::random_token(16).to_lowercase().replace(['-', '_'], "0")));
    let params = vec![
        ("AccountSid".to_string(), "AClocal".to_string()),
        ("MessageSid".to_string(), sid.clone()),
        ("From".to_string(), text.from),
        ("To".to_string(), to),
        ("Body".to_string(), text.body),
        ("NumMedia".to_string(), "0".to_string()),
    ];
    let (status, twiml) = signed_post(app, "/webhooks/twilio/inbound", params, peer).await;
    gateway_response(status, json!({ "message_sid": sid, "status": status.as_u16(), "twiml": twiml }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SimulatedStatus {
    message_sid: String,
    status: String,
    error_code: Option<String>,
}

/// Simulates Twilio reporting on a text it was given.
pub async fn simulate_status(app: &App, body: &[u8], peer: SocketAddr) -> Response {
    let Ok(update) = serde_json::from_slice::<SimulatedStatus>(body) else {
        return gateway_response(StatusCode::BAD_REQUEST, json!({ "message": "send {\"message_sid\": \"…\", \"status\": \"delivered\"}" }));
    };
    let mut params = vec![
        ("AccountSid".to_string(), "AClocal".to_string()),
        ("MessageSid".to_string(), update.message_sid),
        ("MessageStatus".to_string(), update.status),
    ];
    if let Some(code) = update.error_code {
        params.push(("ErrorCode".to_string(), code));
    }
    let (status, _) = signed_post(app, "/webhooks/twilio/status", params, peer).await;
    gateway_response(status, json!({ "status": status.as_u16() }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SimulatedBounce {
    email: String,
    kind: BounceKind,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum BounceKind {
    Bounce,
    Complaint,
}

/// What SES would report for an email to `email` of the `Host`'s practice: a permanent bounce or a
/// complaint, applied by the same code `worker-ses-events` runs on a verified notification (the SNS
/// signature is what the stand-in cannot make, and what the worker's own tests check).
pub(crate) async fn simulate_bounce(app: &App, host: &str, body: &[u8]) -> Response {
    let Ok(bounce) = serde_json::from_slice::<SimulatedBounce>(body) else {
        return gateway_response(
            StatusCode::BAD_REQUEST,
            json!({ "message": "send {\"email\": \"…\", \"kind\": \"bounce\" | \"complaint\"}" }),
        );
    };
    let practice = match app.ports.tenants().for_host(host).await {
        Ok(Some(practice)) => practice,
        _ => return gateway_response(StatusCode::NOT_FOUND, json!({ "message": "no practice answers on this host" })),
    };
    let recipient = json!([{ "emailAddress": bounce.email }]);
    let tags = json!({ "practice_id": [practice.id.as_str()] });
    let event = match bounce.kind {
        BounceKind::Bounce => {
            json!({ "eventType": "Bounce", "bounce": { "bounceType": "Permanent", "bouncedRecipients": recipient }, "mail": { "tags": tags } })
        }
        BounceKind::Complaint => {
            json!({ "eventType": "Complaint", "complaint": { "complainedRecipients": recipient }, "mail": { "tags": tags } })
        }
    };
    let now = app.ports.clock().now();
    match portico_platform::ses_events::apply(app.table.as_ref(), &app.ports.hasher, &event.to_string(), now).await {
        Ok(portico_platform::ses_events::Effect::Suppressed(n)) => gateway_response(StatusCode::ACCEPTED, json!({ "suppressed": n })),
        Ok(_) => gateway_response(StatusCode::BAD_REQUEST, json!({ "message": "not an address" })),
        Err(e) => gateway_response(StatusCode::INTERNAL_SERVER_ERROR, json!({ "message": e.to_string() })),
    }
}

/// The operator's onboarding on this machine: the same use-case the `operator-practices-create`
/// function runs in AWS (a practice, its claims, its first admin invited), for `make dev`.
pub(crate) async fn onboard(app: &App, body: &[u8]) -> Response {
    use portico::wiring::Wire as _;
    use portico_practice::onboarding::{NewPractice, OnboardDeps, OnboardError};
    let new: NewPractice = match serde_json::from_slice(body) {
        Ok(new) => new,
        Err(e) => return gateway_response(StatusCode::BAD_REQUEST, json!({ "message": format!("not a new practice: {e}") })),
    };
    match OnboardDeps::from_ports(&app.ports).onboard(&new, "local-operator").await {
        Ok(done) => gateway_response(StatusCode::CREATED, json!(done)),
        Err(e @ OnboardError::Invalid(_)) => gateway_response(StatusCode::BAD_REQUEST, json!({ "message": e.to_string() })),
        Err(e @ (OnboardError::Taken(_) | OnboardError::Identity(portico::identity::IdentityError::Taken))) => {
            gateway_response(StatusCode::CONFLICT, json!({ "message": e.to_string() }))
        }
        Err(e) => gateway_response(StatusCode::INTERNAL_SERVER_ERROR, json!({ "message": e.to_string() })),
    }
}

/// Stripe.js, as the stand-in provides it (see [`crate::stripe::STRIPE_JS`]).
pub fn stripe_js() -> Response {
    let mut response = Response::new(Body::from(crate::stripe::STRIPE_JS));
    headers::secure(response.headers_mut());
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8"));
    response
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Confirmation {
    key: String,
    #[serde(default)]
    account: Option<String>,
    client_secret: String,
    payment_method: String,
}

/// What Stripe.js's `confirmPayment` (or `confirmSetup`) does against Stripe: with the publishable key
/// and the client secret (the PaymentIntent or SetupIntent is named by the secret's prefix).
pub async fn stripe_confirm(app: &App, body: &[u8], setup: bool) -> Response {
    let Ok(confirm) = serde_json::from_slice::<Confirmation>(body) else {
        return gateway_response(StatusCode::BAD_REQUEST, json!({ "error": { "message": "send key, client_secret and payment_method" } }));
    };
    if confirm.key != crate::stripe::PUBLISHABLE_KEY || confirm.account.is_none() {
        return gateway_response(StatusCode::UNAUTHORIZED, json!({ "error": { "message": "Invalid API Key provided." } }));
    }
    let intent = confirm.client_secret.split("_secret_").next().unwrap_or_default().to_string();
    let (status, answer) = if setup {
        app.stripe.confirm_setup(&intent, &confirm.client_secret, &confirm.payment_method)
    } else {
        app.stripe.confirm(&intent, &confirm.client_secret, &confirm.payment_method).await
    };
    gateway_response(status, answer)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SimulatedStripeEvent {
    #[serde(rename = "type")]
    kind: String,
    account: String,
    object: serde_json::Value,
    #[serde(default)]
    livemode: bool,
}

/// Simulates an event from Stripe (a dispute, a late failure), signed as Stripe signs it and sent to
/// the gateway's webhook. Answers the webhook's status and the event.
pub async fn simulate_stripe_event(app: &App, body: &[u8]) -> Response {
    let Ok(simulated) = serde_json::from_slice::<SimulatedStripeEvent>(body) else {
        return gateway_response(
            StatusCode::BAD_REQUEST,
            json!({ "message": "send {\"type\": \"charge.dispute.created\", \"account\": \"acct_…\", \"object\": {…}}" }),
        );
    };
    let mut event = app.stripe.event(&simulated.kind, &simulated.account, simulated.object);
    event["livemode"] = json!(simulated.livemode);
    let status = app.stripe.deliver(&event).await;
    gateway_response(StatusCode::OK, json!({ "status": status, "event": event }))
}
