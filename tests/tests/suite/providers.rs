//! The providers' edges: the Twilio adapter against a local stand-in of Twilio's REST API, SES events
//! with real SNS signatures, and partial batch failures when a provider is down.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use aws_lambda_events::event::sqs::SqsEvent;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use portico::notify::{OutgoingSms, SendError, SmsSender, TwilioConfig, TwilioSms};
use portico::queue::{LocalQueue, QueueMessage};
use portico_tests::{spawn_app, spawn_with};
use reqwest::Method;
use serde_json::json;

type Seen = Arc<Mutex<Vec<(String, Vec<(String, String)>)>>>;

async fn twilio_messages(State(seen): State<Seen>, Path(account): Path<String>, headers: HeaderMap, body: String) -> (StatusCode, String) {
    let authorization = headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    seen.lock().map(|mut s| s.push((format!("{account} {authorization}"), form.clone()))).ok();
    let to = form.iter().find(|(k, _)| k == "To").map(|(_, v)| v.as_str()).unwrap_or_default();
    match to {
        "+15550000400" => (
            StatusCode::BAD_REQUEST,
            // Twilio quotes the number it refused.
            json!({ "code": 21211, "message": "The 'To' number +15550000400 is not a valid phone number.", "status": 400 }).to_string(),
        ),
        "+15550000500" => {
            (StatusCode::SERVICE_UNAVAILABLE, json!({ "code": 20500, "message": "Internal error", "status": 503 }).to_string())
        }
        _ => (StatusCode::CREATED, json!({ "sid": "SM0123456789abcdef0123456789abcdef", "status": "queued" }).to_string()),
    }
}

#[tokio::test]
async fn the_twilio_adapter_speaks_twilios_rest_api() {
    let seen: Seen = Arc::default();
    let router = axum::Router::new()
        .route("/2010-04-01/Accounts/{account}/Messages.json", axum::routing::post(twilio_messages))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let sms = TwilioSms::new(TwilioConfig {
        account_sid: "AC1234".into(),
        auth_token: secrecy::SecretString::from("token-token-token-token".to_string()),
        messaging_service_sid: "MG5678".into(),
        api_base: format!("http://{addr}"),
        status_callback: Some("https://api.example.com/webhooks/twilio/status".into()),
    })
    .unwrap();
    let phone = |p: &str| portico::domain::Phone::parse(p).unwrap();
    let sid = sms.send(&OutgoingSms { to: phone("+15555550101"), body: "Riverside: a message is waiting".into() }).await.unwrap();
    assert_eq!(sid, "SM0123456789abcdef0123456789abcdef");
    let (who, form) = seen.lock().map(|s| s[0].clone()).unwrap_or_default();
    assert_eq!(who, format!("AC1234 Basic {}", base64_of("AC1234:token-token-token-token")));
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    assert_eq!(field("To").as_deref(), Some("+15555550101"));
    assert_eq!(field("MessagingServiceSid").as_deref(), Some("MG5678"), "sent through the Messaging Service");
    assert_eq!(field("StatusCallback").as_deref(), Some("https://api.example.com/webhooks/twilio/status"));
    match sms.send(&OutgoingSms { to: phone("+15550000400"), body: "x".into() }).await {
        Err(e @ SendError::Rejected(_)) => {
            let text = e.to_string();
            assert!(text.contains("21211"), "the provider's code is kept: {text}");
            assert!(!text.contains("5550000400"), "the number the provider quoted is not: {text}");
        }
        other => panic!("a bad number is refused for good: {other:?}"),
    }
    assert!(
        matches!(sms.send(&OutgoingSms { to: phone("+15550000500"), body: "x".into() }).await, Err(SendError::Unavailable(_))),
        "a provider outage is worth retrying"
    );
}

fn base64_of(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// A text provider that is down for one number.
struct FlakySms(Arc<dyn SmsSender>);

#[async_trait]
impl SmsSender for FlakySms {
    async fn send(&self, sms: &OutgoingSms) -> Result<String, SendError> {
        if sms.to.as_str() == "+15555550102" {
            return Err(SendError::Unavailable(portico::notify::ProviderText::new("503 from the provider")));
        }
        self.0.send(sms).await
    }
}

#[tokio::test]
async fn a_batch_with_failures_retries_only_the_failed_items() {
    let app = spawn_app().await;
    for email in ["ann@example.com", "ben@example.com"] {
        let session = app.sign_in(email).await;
        app.consent(&session, "sms_messages").await;
    }
    let staff = app.admin_token().await;
    for patient in [app.ann().patient_id.to_string(), app.ben().patient_id.to_string(), app.ann().patient_id.to_string()] {
        app.call_ok(
            &staff,
            Method::POST,
            &format!("/staff/patients/{patient}/threads"),
            Some(json!({ "topic": "other", "subject": "Hi", "body": "Hello", "urgent": true })),
            201,
        )
        .await;
    }
    // Take the three events off the outbox into a queue of our own, then work them with a flaky provider.
    let local = Arc::new(LocalQueue::new(app.gateway.app.clock.clone()));
    portico::events::relay::sweep(
        app.gateway.app.table.as_ref(),
        local.as_ref(),
        portico::clock::Clock::now(app.clock.as_ref()),
        chrono::Duration::zero(),
    )
    .await
    .unwrap();
    let mut notify = app.notifier();
    notify.sms = Arc::new(FlakySms(notify.sms.clone()));
    let batch: SqsEvent = local.receive("notify").unwrap_or_else(|| panic!("three messages are queued"));
    assert_eq!(batch.records.len(), 3);
    let now = portico::clock::Clock::now(app.clock.as_ref());
    let notify = &notify;
    let response =
        portico::queue::run_batch(local.as_ref(), "notify", now, batch.clone(), |body| async move { notify.handle(&body).await }).await;
    assert_eq!(response.batch_item_failures.len(), 1, "only Ben's notification failed");
    local.settle("notify", &batch, &response);
    assert_eq!(local.pending("notify"), 1, "the two that went are deleted; the failed one stays");
    assert!(local.receive("notify").is_none(), "hidden until its visibility timeout");
    app.advance(portico::queue::visibility() + chrono::Duration::seconds(1));
    let again = local.receive("notify").unwrap_or_else(|| panic!("the failed message comes back"));
    assert_eq!(again.records.len(), 1);
    assert_eq!(again.records[0].message_id, response.batch_item_failures.first().map(|f| f.item_identifier.clone()));
    assert_eq!(app.texts_to("+15555550101").len(), 2, "Ann's two notifications went once each");
    // Received twice so far; three more receives make five, and then it goes to the dead-letter list.
    let mut comebacks = 0;
    for _ in 0..5 {
        app.advance(portico::queue::visibility() + chrono::Duration::seconds(1));
        comebacks += usize::from(local.receive("notify").is_some());
    }
    assert_eq!(comebacks, 3, "a failing message is received five times in all");
    let snapshot = local.snapshot();
    assert_eq!(snapshot.get("notify").map(|q| q.dead.len()), Some(1), "after five receives the message is dead-lettered");
}

/// An RSA key and a certificate for it, as SNS signs with.
fn signing_identity() -> (aws_lc_rs::rsa::KeyPair, String) {
    use aws_lc_rs::encoding::AsDer;
    let pair = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap();
    let der = pair.as_der().unwrap();
    let key = rcgen::KeyPair::from_pkcs8_der_and_sign_algo(
        &rustls_pki_types::PrivatePkcs8KeyDer::from(der.as_ref().to_vec()),
        &rcgen::PKCS_RSA_SHA256,
    )
    .unwrap();
    let cert = rcgen::CertificateParams::new(vec!["sns.test".to_string()]).and_then(|p| p.self_signed(&key)).unwrap();
    (pair, cert.pem())
}

fn signed_envelope(pair: &aws_lc_rs::rsa::KeyPair, cert_url: &str, message: &str) -> serde_json::Value {
    signed_for_topic(pair, cert_url, message, portico_platform::ses_events::LOCAL_SES_EVENTS_TOPIC)
}

fn signed_for_topic(pair: &aws_lc_rs::rsa::KeyPair, cert_url: &str, message: &str, topic: &str) -> serde_json::Value {
    use base64::Engine as _;
    let mut envelope = portico_platform::ses_events::SnsEnvelope {
        kind: "Notification".into(),
        message_id: "4b5f-sns-1".into(),
        topic_arn: topic.into(),
        subject: None,
        message: message.into(),
        timestamp: "2026-11-18T17:05:00.000Z".into(),
        signature_version: "2".into(),
        signature: String::new(),
        signing_cert_url: cert_url.into(),
        subscribe_url: None,
        token: None,
    };
    let to_sign = portico_platform::ses_events::string_to_sign(&envelope);
    let mut signature = vec![0u8; pair.public_modulus_len()];
    pair.sign(&aws_lc_rs::signature::RSA_PKCS1_SHA256, &aws_lc_rs::rand::SystemRandom::new(), to_sign.as_bytes(), &mut signature).unwrap();
    envelope.signature = base64::engine::general_purpose::STANDARD.encode(signature);
    json!({
        "Type": envelope.kind, "MessageId": envelope.message_id, "TopicArn": envelope.topic_arn, "Message": envelope.message,
        "Timestamp": envelope.timestamp, "SignatureVersion": envelope.signature_version, "Signature": envelope.signature,
        "SigningCertURL": envelope.signing_cert_url,
    })
}

#[tokio::test]
async fn ses_bounces_with_a_valid_sns_signature_suppress_the_address() {
    let (pair, pem) = signing_identity();
    let router = axum::Router::new().route("/SimpleNotificationService-test.pem", axum::routing::get(move || async move { pem }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let app = spawn_with(portico_tests::app::Spawn { sns_cert_prefixes: vec![format!("http://{addr}/")], ..Default::default() }).await;
    app.sign_in("ann@example.com").await;
    let practice = app.practice().id.to_string();
    let bounce = json!({
        "eventType": "Bounce",
        "mail": { "tags": { "practice_id": [practice] }, "destination": ["ann@example.com"] },
        "bounce": { "bounceType": "Permanent", "bouncedRecipients": [{ "emailAddress": "ann@example.com" }] },
    })
    .to_string();
    let cert_url = format!("http://{addr}/SimpleNotificationService-test.pem");
    let mut forged = signed_envelope(&pair, &cert_url, &bounce);
    forged["Message"] = json!(bounce.replace("Permanent", "Permanent "));
    let elsewhere = signed_envelope(&pair, "https://evil.example/SimpleNotificationService-test.pem", &bounce);
    // Genuinely signed by SNS, but for someone else's topic subscribed to our endpoint.
    let foreign_topic = signed_for_topic(&pair, &cert_url, &bounce, "arn:aws:sns:us-east-1:999999999999:not-ours");
    let queue = app.gateway.app.workers.queue.clone();
    let send = |body: serde_json::Value| {
        let queue = queue.clone();
        async move { queue.send("ses-events", vec![QueueMessage { id: "x".into(), body: body.to_string(), delay_seconds: 0 }]).await.unwrap() }
    };
    send(forged).await;
    send(elsewhere).await;
    send(foreign_topic).await;
    app.pump().await;
    let staff = app.admin_token().await;
    let ann_id = app.ann().patient_id.to_string();
    let before = app.emails_to("ann@example.com").len();
    app.call_ok(
        &staff,
        Method::POST,
        &format!("/staff/patients/{ann_id}/threads"),
        Some(json!({ "topic": "other", "subject": "Hi", "body": "One" })),
        201,
    )
    .await;
    app.pump().await;
    assert_eq!(app.emails_to("ann@example.com").len(), before + 1, "forged, foreign-signed or foreign-topic bounces change nothing");
    send(signed_envelope(&pair, &cert_url, &bounce)).await;
    app.pump().await;
    app.advance(chrono::Duration::days(1));
    let staff = app.admin_token().await;
    app.call_ok(
        &staff,
        Method::POST,
        &format!("/staff/patients/{ann_id}/threads"),
        Some(json!({ "topic": "other", "subject": "Hi", "body": "Two" })),
        201,
    )
    .await;
    app.pump().await;
    assert_eq!(app.emails_to("ann@example.com").len(), before + 1, "a verified permanent bounce suppresses the address");
}
