//! Failures part-way through, and deliveries again: an inbound text whose effect failed is applied when
//! Twilio retries; a worker that died holding a claim is replaced exactly once, on DynamoDB too; a care
//! team member already told is not told again when the email to another fails.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use async_trait::async_trait;
use portico::clock::Clock as _;
use portico::idempotency::{self, Claimed};
use portico::notify::notices::Notifier;
use portico::notify::{Mailer, OutgoingEmail, SendError};
use portico::queue::{LocalQueue, Outcome};
use portico::store::{Condition, Item, Key, Page, Query, StoreError, Table, Update, Write};
use portico_tests::{TestApp, spawn_app, spawn_on_emulator};
use reqwest::Method;
use serde_json::{Value, json};

const ANN_PHONE: &str = "+15555550101";

/// The table, except that the next transaction fails as if the store were unavailable.
struct FailingOnce {
    inner: Arc<dyn Table>,
    armed: AtomicBool,
}

#[async_trait]
impl Table for FailingOnce {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        self.inner.get(key).await
    }
    async fn put(&self, item: Item, condition: Condition) -> Result<(), StoreError> {
        self.inner.put(item, condition).await
    }
    async fn update(&self, update: Update) -> Result<Item, StoreError> {
        self.inner.update(update).await
    }
    async fn delete(&self, key: &Key, condition: Condition) -> Result<(), StoreError> {
        self.inner.delete(key, condition).await
    }
    async fn query(&self, query: Query) -> Result<Page, StoreError> {
        self.inner.query(query).await
    }
    async fn transact(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        if self.armed.swap(false, Ordering::SeqCst) {
            return Err(StoreError::Unavailable("injected failure".into()));
        }
        self.inner.transact(writes).await
    }
}

#[tokio::test]
async fn an_inbound_text_whose_effect_failed_is_applied_when_twilio_retries() {
    use portico_messaging::inbound::{InboundDeps, InboundText};
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    app.consent(&ann, "sms_messages").await;
    let ports = &app.gateway.app.ports;
    let twilio = InboundDeps {
        table: Arc::new(FailingOnce { inner: app.gateway.app.table.clone(), armed: AtomicBool::new(true) }),
        clock: app.gateway.app.clock.clone(),
        tenants: ports.tenants(),
        hasher: ports.hasher.clone(),
    };
    let stop = InboundText {
        message_sid: "SMretried0001".into(),
        from: portico::domain::Phone::parse(ANN_PHONE).unwrap(),
        to: portico::domain::Phone::parse(&app.practice().settings.sms_numbers[0]).unwrap(),
        body: "STOP".into(),
    };
    assert!(twilio.receive(&stop).await.is_err(), "the consent transaction failed, so the webhook answers an error");
    let retried = twilio.receive(&stop).await.unwrap();
    assert!(!retried.duplicate, "Twilio's retry is not mistaken for a duplicate");
    assert!(retried.reply.is_some_and(|r| r.contains("no longer receive texts")));
    let consents = app.call_ok(&ann.access, Method::GET, "/portal/consents", None, 200).await;
    let sms = consents["consents"].as_array().into_iter().flatten().find(|c| c["kind"] == "sms_messages").cloned().unwrap_or_default();
    assert_eq!(sms["status"], "revoked", "the STOP took effect on the retry");
    let third = twilio.receive(&stop).await.unwrap();
    assert!(third.duplicate && third.reply.is_none(), "once applied, a repeat changes nothing");
}

/// Staff write to Ann; returns the queued event's body, taken off the outbox into a queue of our own.
async fn queued_notification(app: &TestApp) -> String {
    let ann = app.sign_in("ann@example.com").await;
    app.consent(&ann, "sms_messages").await;
    let staff = app.admin_token().await;
    let ann_id = app.ann().patient_id.to_string();
    app.call_ok(
        &staff,
        Method::POST,
        &format!("/staff/patients/{ann_id}/threads"),
        Some(json!({ "topic": "clinical", "subject": "Results", "body": "All normal" })),
        201,
    )
    .await;
    let queue = LocalQueue::new(app.gateway.app.clock.clone());
    portico::events::relay::sweep(app.gateway.app.table.as_ref(), &queue, app.clock.now(), chrono::Duration::zero()).await.unwrap();
    let batch = queue.receive("notify").unwrap_or_else(|| panic!("the event is queued"));
    batch.records[0].body.clone().unwrap_or_default()
}

fn notify_deps(app: &TestApp) -> Notifier {
    app.notifier()
}

async fn a_dead_workers_claim_is_taken_over_once(app: &TestApp) {
    let body = queued_notification(app).await;
    let event: Value = serde_json::from_str(&body).unwrap_or_default();
    let event_id = event["event_id"].as_str().unwrap_or_default().to_string();
    // A worker claimed the event four minutes ago and died before sending.
    let id = Claimed::new(&app.practice().id, "notify", &event_id);
    let four_minutes_ago = app.clock.now() - chrono::Duration::minutes(4);
    let claimed = idempotency::claim::<Value>(app.gateway.app.table.as_ref(), &id, four_minutes_ago, chrono::Duration::minutes(3)).await;
    assert!(matches!(claimed.unwrap(), idempotency::Claim::Mine(_)));
    let texts = app.texts_to(ANN_PHONE).len();
    let notify = notify_deps(app);
    assert_eq!(notify.handle(&body).await, Outcome::Done, "the stale claim is taken over and the text sent");
    assert_eq!(app.texts_to(ANN_PHONE).len(), texts + 1);
    assert_eq!(notify.handle(&body).await, Outcome::Done, "a later delivery finds it sent");
    assert_eq!(app.texts_to(ANN_PHONE).len(), texts + 1, "and sends nothing");
}

#[tokio::test]
async fn a_claim_left_by_a_worker_that_died_is_taken_over_once() {
    a_dead_workers_claim_is_taken_over_once(&spawn_app().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_left_by_a_worker_that_died_is_taken_over_once_on_dynamodb() {
    a_dead_workers_claim_is_taken_over_once(&spawn_on_emulator().await).await;
}

/// A mailer whose second email fails once, as SES would when throttled.
struct SecondFailsOnce {
    inner: Arc<dyn Mailer>,
    calls: AtomicUsize,
}

#[async_trait]
impl Mailer for SecondFailsOnce {
    async fn send(&self, email: &OutgoingEmail) -> Result<String, SendError> {
        if self.calls.fetch_add(1, Ordering::SeqCst) == 1 {
            return Err(SendError::Unavailable(portico::notify::ProviderText::new("throttled")));
        }
        self.inner.send(email).await
    }
}

#[tokio::test]
async fn a_care_team_member_already_told_is_not_told_again_when_another_email_fails() {
    let app = spawn_app().await;
    let practice = app.practice().clone();
    portico_local::seed::staff(&app.gateway.app, &practice, "staff-riverside-desk-2", "desk2@riverside.example", &["front-desk"])
        .await
        .unwrap();
    // Signing in provisions each staff record, as the staff pool's pre-token trigger does.
    for email in ["frontdesk@riverside.example", "desk2@riverside.example"] {
        app.staff_token(email).await;
    }
    let ann = app.sign_in("ann@example.com").await;
    app.call_ok(
        &ann.access,
        Method::POST,
        "/portal/threads",
        Some(json!({ "topic": "other", "subject": "Parking", "body": "Where do I park?" })),
        201,
    )
    .await;
    let queue = LocalQueue::new(app.gateway.app.clock.clone());
    portico::events::relay::sweep(app.gateway.app.table.as_ref(), &queue, app.clock.now(), chrono::Duration::zero()).await.unwrap();
    let body = queue.receive("notify").and_then(|b| b.records[0].body.clone()).unwrap_or_default();
    let mut notify = notify_deps(&app);
    notify.mail = Arc::new(SecondFailsOnce { inner: notify.mail.clone(), calls: AtomicUsize::new(0) });
    let told = |app: &TestApp| ["frontdesk@riverside.example", "desk2@riverside.example"].map(|to| app.emails_to(to).len());
    let first = notify.handle(&body).await;
    assert!(matches!(first, Outcome::Retry(_)), "the failed email sends the event back: {first:?}");
    assert_eq!(told(&app).iter().sum::<usize>(), 1, "one of the two was told before the failure");
    assert_eq!(notify.handle(&body).await, Outcome::Done);
    assert_eq!(told(&app), [1, 1], "each member is told exactly once");
}
