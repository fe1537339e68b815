//! Billing over HTTP: a patient pays what they owe through the Stripe stand-in, Stripe's signed event
//! reaches the queue and the worker, and the ledger and the receipt change exactly once however often
//! and in whatever order events arrive; staff refund part of it (ten identical clicks, one refund);
//! forged, altered, stale and early webhooks change nothing; a test-mode event for a live practice is
//! ignored; nothing about care reaches Stripe. The same journey runs on the emulator's SQS and DynamoDB.

use std::sync::Arc;

use async_trait::async_trait;
use portico::payments::{
    DisputeAnswer, DisputeEvidence, Metadata, NewPaymentIntent, NewRefund, PaymentIntent, Payments, PaymentsError, Refund, SetupIntent,
};
use portico_tests::{Session, TestApp, spawn_app, spawn_on_emulator};
use reqwest::Method;
use serde_json::{Value, json};

const PK: &str = portico_local::stripe::PUBLISHABLE_KEY;

fn billing_email(app: &TestApp) -> String {
    app.demo().billing_email.clone()
}

async fn pay(app: &TestApp, who: &Session, key: &str, body: Value) -> reqwest::Response {
    app.request(Method::POST, "/portal/billing/payments")
        .bearer_auth(&who.access)
        .header("Idempotency-Key", key)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// What Stripe.js does when the patient presses Pay: confirm with the publishable key and the secret.
async fn confirm(app: &TestApp, started: &Value, method: &str) -> Value {
    let body =
        json!({ "key": PK, "account": started["stripe_account"], "client_secret": started["client_secret"], "payment_method": method });
    let response = app.post_json("/_local/stripe/confirm", body).await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn billing(app: &TestApp, who: &Session) -> Value {
    app.call_ok(&who.access, Method::GET, "/portal/billing", None, 200).await
}

async fn ledger(app: &TestApp, staff: &str, patient: &str) -> Value {
    app.call_ok(staff, Method::GET, &format!("/staff/patients/{patient}/ledger"), None, 200).await
}

fn receipts(app: &TestApp, email: &str) -> usize {
    app.emails_to(email).iter().filter(|m| m.subject.as_deref().is_some_and(|s| s.contains("received your payment"))).count()
}

async fn refund(app: &TestApp, staff: &str, patient: &str, key: &str, body: Value) -> reqwest::Response {
    app.request(Method::POST, &format!("/staff/patients/{patient}/ledger/refunds"))
        .bearer_auth(staff)
        .header("Idempotency-Key", key)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// The "Done when" journey: a balance, paid with the stand-in, posted once; staff refund part of it.
async fn pay_and_refund(app: &TestApp) {
    let ann = app.sign_in("ann@example.com").await;
    let ann_id = app.ann().patient_id.to_string();
    let owed = billing(app, &ann).await;
    assert_eq!(owed["balance"], 12_000, "{owed}");
    assert_eq!(owed["invoices"].as_array().unwrap().len(), 1);
    assert_eq!(owed["pay"]["enabled"], true);

    let started = pay(app, &ann, "pay-1", json!({ "amount": 12_000 })).await;
    assert_eq!(started.status(), 201);
    let started: Value = started.json().await.unwrap();
    assert!(started["client_secret"].as_str().unwrap().contains("_secret_"));
    assert_eq!(started["publishable_key"], PK);
    assert_eq!(started["stripe_account"], portico_local::seed::DEMO_STRIPE_ACCOUNT);
    let payment = started["payment"]["payment_id"].as_str().unwrap().to_string();
    let status_path = format!("/portal/billing/payments/{payment}");
    assert_eq!(app.call_ok(&ann.access, Method::GET, &status_path, None, 200).await["status"], "requires_payment");

    // The browser confirms; Stripe's signed event reaches the webhook and waits on the queue.
    assert_eq!(confirm(app, &started, "pm_card_visa").await["status"], "succeeded");
    assert_eq!(billing(app, &ann).await["balance"], 12_000, "nothing posts before the worker applies the event");
    app.pump().await;
    let paid = app.call_ok(&ann.access, Method::GET, &status_path, None, 200).await;
    assert_eq!(paid["status"], "succeeded", "{paid}");
    let after = billing(app, &ann).await;
    assert_eq!(after["balance"], 0, "{after}");
    assert_eq!(after["invoices"][0]["balance"], 0);
    assert_eq!(receipts(app, "ann@example.com"), 1, "one PHI-free receipt");

    // Stripe retries: every event again, five times over, changes nothing.
    let entries = after["entries"].as_array().unwrap().len();
    for _ in 0..5 {
        for event in app.gateway.app.stripe.events() {
            assert_eq!(app.gateway.app.stripe.deliver(&event).await, Some(200));
        }
    }
    app.pump().await;
    let replayed = billing(app, &ann).await;
    assert_eq!(replayed["balance"], 0);
    assert_eq!(replayed["entries"].as_array().unwrap().len(), entries);
    assert_eq!(receipts(app, "ann@example.com"), 1);

    // Billing staff refund 30.00 of it because the charge was too high: the patient does not owe it again.
    let biller = app.staff_token(&billing_email(app)).await;
    let body = json!({ "payment_id": payment, "amount": 3_000, "reason": "charge_reduced", "adjust": true });
    let asked = refund(app, &biller, &ann_id, "refund-1", body).await;
    assert_eq!(asked.status(), 202);
    app.pump().await;
    let book = ledger(app, &biller, &ann_id).await;
    assert_eq!(book["balance"], 0, "{book}");
    let kinds: Vec<&str> = book["entries"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "refund").count(), 1, "{kinds:?}");
    assert_eq!(kinds.iter().filter(|k| **k == "payment").count(), 1, "{kinds:?}");
    assert_eq!(book["refunds"][0]["status"], "succeeded", "{book}");
    assert_eq!(book["payments"][0]["refunded"], 3_000);
    assert_eq!(app.gateway.app.stripe.refunds_created(), 1);

    // Only billing staff and administrators see or move money.
    let clinician = app.staff_token(&app.demo().clinician_email.clone()).await;
    app.call_ok(&clinician, Method::GET, &format!("/staff/patients/{ann_id}/ledger"), None, 403).await;
    let desk = app.staff_token(&app.demo().front_desk_email.clone()).await;
    app.call_ok(&desk, Method::GET, &format!("/staff/patients/{ann_id}/ledger"), None, 403).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_patient_pays_their_balance_once_and_staff_refund_part_of_it() {
    pay_and_refund(&spawn_app().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_payment_and_refund_work_on_the_emulators_queue_and_table() {
    pay_and_refund(&spawn_on_emulator().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn amounts_the_patient_cannot_pay_are_refused_and_create_nothing() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    for (amount, why) in [
        (json!(-3000), "negative"),
        (json!(0), "zero"),
        (json!(12_001), "above the balance"),
        (json!(1.5), "fractional"),
        (json!(50), "below the minimum"),
    ] {
        let response = pay(&app, &ann, &format!("bad-{}", why.replace(' ', "-")), json!({ "amount": amount })).await;
        let problem = portico_tests::problem(response, 422).await;
        assert_eq!(problem["errors"][0]["field"], "amount", "{why}: {problem}");
    }
    let other = portico::ids::InvoiceId::generate(chrono::Utc::now()).to_string();
    let response = pay(&app, &ann, "bad-invoice", json!({ "amount": 100, "invoice_id": other })).await;
    assert_eq!(portico_tests::problem(response, 422).await["errors"][0]["field"], "invoice_id");
    let response = app
        .request(Method::POST, "/portal/billing/payments")
        .bearer_auth(&ann.access)
        .json(&json!({ "amount": 100 }))
        .send()
        .await
        .unwrap();
    assert_eq!(portico_tests::problem(response, 400).await["errors"][0]["field"], "Idempotency-Key");
    let response = pay(&app, &ann, "unknown-field", json!({ "amount": 100, "tip": 5 })).await;
    portico_tests::problem(response, 400).await;
    let response = app
        .request(Method::POST, "/portal/billing/payments")
        .bearer_auth(&ann.access)
        .header("Idempotency-Key", "wrong-type")
        .header("content-type", "text/plain")
        .body("amount=100")
        .send()
        .await
        .unwrap();
    portico_tests::problem(response, 415).await;
    assert_eq!(app.gateway.app.stripe.intents_created(), 0, "nothing reached Stripe");
    // The whole balance is always payable, even below the minimum; the same key with another body is not.
    assert_eq!(pay(&app, &ann, "ok", json!({ "amount": 12_000 })).await.status(), 201);
    let reused = pay(&app, &ann, "ok", json!({ "amount": 11_000 })).await;
    assert_eq!(portico_tests::problem(reused, 422).await["errors"][0]["field"], "Idempotency-Key");
    // Ben's ledger is his own: Ann's payment names no invoice of his, and his screen shows nothing of hers.
    let ben = app.sign_in("ben@example.com").await;
    assert_eq!(billing(&app, &ben).await["balance"], 0);
    let payment_path = format!("/portal/billing/payments/{}", "pa_01JC00000000000000000000P1");
    app.call_ok(&ben.access, Method::GET, &payment_path, None, 404).await;
}

/// Stripe's client with one fault: the first PaymentIntent is made and then not answered (the process
/// stopped between Stripe's answer and storing it), or refunds are never answered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fault {
    StopAfterFirstCreate,
    RefundsUnanswered,
    EvidenceUnanswered,
    /// Stripe takes the evidence, and its answer never arrives.
    EvidenceAnswerLost,
}

struct Faulty {
    inner: Arc<dyn Payments>,
    fault: Fault,
    tripped: std::sync::atomic::AtomicBool,
}

impl Faulty {
    fn new(app: &TestApp, fault: Fault) -> Self {
        Faulty { inner: Arc::clone(&app.gateway.app.ports.payments), fault, tripped: Default::default() }
    }
}

#[async_trait]
impl Payments for Faulty {
    async fn create_payment_intent(&self, account: &str, new: &NewPaymentIntent, key: &str) -> Result<PaymentIntent, PaymentsError> {
        let made = self.inner.create_payment_intent(account, new, key).await?;
        if self.fault == Fault::StopAfterFirstCreate && !self.tripped.swap(true, std::sync::atomic::Ordering::SeqCst) {
            return Err(PaymentsError::Unavailable("stopped before answering".into()));
        }
        Ok(made)
    }
    async fn payment_intent(&self, account: &str, id: &str) -> Result<PaymentIntent, PaymentsError> {
        self.inner.payment_intent(account, id).await
    }
    async fn cancel_payment_intent(&self, account: &str, id: &str) -> Result<PaymentIntent, PaymentsError> {
        self.inner.cancel_payment_intent(account, id).await
    }
    async fn create_customer(&self, account: &str, metadata: &Metadata, key: &str) -> Result<String, PaymentsError> {
        self.inner.create_customer(account, metadata, key).await
    }
    async fn create_setup_intent(
        &self,
        account: &str,
        customer: &str,
        metadata: &Metadata,
        key: &str,
    ) -> Result<SetupIntent, PaymentsError> {
        self.inner.create_setup_intent(account, customer, metadata, key).await
    }
    async fn setup_intent(&self, account: &str, id: &str) -> Result<SetupIntent, PaymentsError> {
        self.inner.setup_intent(account, id).await
    }
    async fn create_refund(&self, account: &str, new: &NewRefund, key: &str) -> Result<Refund, PaymentsError> {
        if self.fault == Fault::RefundsUnanswered {
            return Err(PaymentsError::Unavailable("timed out".into()));
        }
        self.inner.create_refund(account, new, key).await
    }
    async fn submit_dispute_evidence(
        &self,
        account: &str,
        dispute: &str,
        evidence: &DisputeEvidence,
        key: &str,
    ) -> Result<DisputeAnswer, PaymentsError> {
        match self.fault {
            Fault::EvidenceUnanswered => Err(PaymentsError::Unavailable("timed out".into())),
            Fault::EvidenceAnswerLost => {
                self.inner.submit_dispute_evidence(account, dispute, evidence, key).await?;
                Err(PaymentsError::Unavailable("stopped before answering".into()))
            }
            _ => self.inner.submit_dispute_evidence(account, dispute, evidence, key).await,
        }
    }
    async fn dispute(&self, account: &str, id: &str) -> Result<DisputeAnswer, PaymentsError> {
        self.inner.dispute(account, id).await
    }
    fn publishable_key(&self) -> &str {
        self.inner.publishable_key()
    }
    fn js_url(&self) -> &str {
        self.inner.js_url()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_a_crash_gets_the_same_payment_intent_even_days_later() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let table = app.gateway.app.table.as_ref();
    let practice = app.practice().id.clone();
    let patient = app.ann().patient_id.clone();
    let account = portico_billing::accounts::get(table, &practice).await.unwrap().unwrap();
    let crashing = Faulty::new(&app, Fault::StopAfterFirstCreate);
    let order = |key| portico_billing::pay::PayOrder {
        account: &account,
        practice: &practice,
        patient: &patient,
        invoice: None,
        amount: 12_000,
        key,
        paid_by: "patient".into(),
    };
    let now = portico::clock::Clock::now(app.clock.as_ref());
    let crashed = portico_billing::pay::start(table, &crashing, order("crash-key"), now).await;
    assert!(crashed.is_err());
    assert_eq!(app.gateway.app.stripe.intents_created(), 1);

    // The patient's retry (same Idempotency-Key) gets the same PaymentIntent: Stripe replays the key.
    let retried: Value = pay(&app, &ann, "crash-key", json!({ "amount": 12_000 })).await.json().await.unwrap();
    assert_eq!(app.gateway.app.stripe.intents_created(), 1, "one PaymentIntent");
    let first = retried["client_secret"].as_str().unwrap().split("_secret_").next().unwrap().to_string();

    // Days later Stripe has forgotten the key: the stored id is found, nothing new is created.
    app.advance(chrono::Duration::days(3));
    app.gateway.app.stripe.forget_keys();
    let ann = app.sign_in("ann@example.com").await;
    let later: Value = pay(&app, &ann, "crash-key", json!({ "amount": 12_000 })).await.json().await.unwrap();
    assert_eq!(later["client_secret"].as_str().unwrap().split("_secret_").next().unwrap(), first);
    assert_eq!(app.gateway.app.stripe.intents_created(), 1);
    assert_eq!(later["payment"]["payment_id"], retried["payment"]["payment_id"]);
}

async fn paid(app: &TestApp, who: &Session, key: &str, amount: i64) -> String {
    let started: Value = pay(app, who, key, json!({ "amount": amount })).await.json().await.unwrap();
    confirm(app, &started, "pm_card_visa").await;
    app.pump().await;
    started["payment"]["payment_id"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_identical_refund_clicks_make_one_refund_and_bad_amounts_are_refused() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let ann_id = app.ann().patient_id.to_string();
    let payment = paid(&app, &ann, "pay", 12_000).await;
    let biller = app.staff_token(&billing_email(&app)).await;
    for (amount, why) in
        [(json!(-3000), "negative"), (json!(0), "zero"), (json!(12_001), "above what was paid"), (json!(1.5), "fractional")]
    {
        let body = json!({ "payment_id": payment, "amount": amount, "reason": "overpayment" });
        let response = refund(&app, &biller, &ann_id, &format!("bad-{}", why.replace(' ', "-")), body).await;
        assert_eq!(portico_tests::problem(response, 422).await["errors"][0]["field"], "amount", "{why}");
    }
    let body = json!({ "payment_id": payment, "amount": 2_500, "reason": "overpayment" });
    let clicks = (0..10).map(|_| refund(&app, &biller, &ann_id, "same-click", body.clone()));
    let answers = futures::future::join_all(clicks).await;
    let mut ids = std::collections::BTreeSet::new();
    for answer in answers {
        assert_eq!(answer.status(), 202);
        let view: Value = answer.json().await.unwrap();
        ids.insert(view["refund_id"].as_str().unwrap().to_string());
    }
    assert_eq!(ids.len(), 1, "one refund request");
    assert_eq!(app.gateway.app.stripe.refunds_created(), 1, "one Stripe refund");
    app.pump().await;
    let book = ledger(&app, &biller, &ann_id).await;
    assert_eq!(book["balance"], 2_500, "the refund reopens what it gave back: {book}");
    // What is left to refund is what was paid less what was refunded.
    let more = refund(&app, &biller, &ann_id, "rest", json!({ "payment_id": payment, "amount": 9_501, "reason": "overpayment" })).await;
    portico_tests::problem(more, 422).await;
    let rest = refund(&app, &biller, &ann_id, "rest", json!({ "payment_id": payment, "amount": 9_500, "reason": "overpayment" })).await;
    assert_eq!(rest.status(), 202);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_refund_is_taken_back() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let ann_id = app.ann().patient_id.to_string();
    let started: Value = pay(&app, &ann, "pay", json!({ "amount": 12_000 })).await.json().await.unwrap();
    confirm(&app, &started, "pm_card_refundFail").await;
    app.pump().await;
    let biller = app.staff_token(&billing_email(&app)).await;
    let body = json!({ "payment_id": started["payment"]["payment_id"], "amount": 4_000, "reason": "requested_by_patient" });
    assert_eq!(refund(&app, &biller, &ann_id, "r", body).await.status(), 202);
    app.pump().await;
    let book = ledger(&app, &biller, &ann_id).await;
    assert_eq!(book["balance"], 0, "{book}");
    assert_eq!(book["refunds"][0]["status"], "failed");
    assert_eq!(book["payments"][0]["refunded"], 0, "refundable again");
}

/// Signs `body` as Stripe would at `at` (seconds from now) with the gateway's secret.
fn signature(app: &TestApp, body: &str, offset_seconds: i64) -> String {
    let secret = app.gateway.app.ports.stripe.signing_secret().unwrap().clone();
    let at = portico::clock::Clock::now(app.clock.as_ref()).timestamp() + offset_seconds;
    portico::payments::signature::header(&secret, at, body.as_bytes())
}

async fn webhook(app: &TestApp, body: &str, signature: Option<String>) -> u16 {
    let mut request = app.request(Method::POST, "/webhooks/stripe").header("content-type", "application/json").body(body.to_string());
    if let Some(signature) = signature {
        request = request.header("Stripe-Signature", signature);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_altered_stale_early_and_unsigned_webhooks_change_nothing() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let started: Value = pay(&app, &ann, "pay", json!({ "amount": 12_000 })).await.json().await.unwrap();
    let intent = app
        .gateway
        .app
        .ports
        .payments
        .payment_intent(
            portico_local::seed::DEMO_STRIPE_ACCOUNT,
            started["client_secret"].as_str().unwrap().split("_secret_").next().unwrap(),
        )
        .await
        .unwrap();
    let mut object = serde_json::to_value(&intent).unwrap();
    object["object"] = json!("payment_intent");
    object["status"] = json!("succeeded");
    let event = app.gateway.app.stripe.event("payment_intent.succeeded", portico_local::seed::DEMO_STRIPE_ACCOUNT, object);
    let body = event.to_string();
    let forged = portico::payments::signature::header(
        &secrecy::SecretString::from("whsec_not_ours".to_string()),
        portico::clock::Clock::now(app.clock.as_ref()).timestamp(),
        body.as_bytes(),
    );
    let altered = body.replacen("12000", "12001", 1);
    assert_ne!(altered, body);
    assert_eq!(webhook(&app, &body, Some(forged)).await, 403);
    assert_eq!(webhook(&app, &altered, Some(signature(&app, &body, 0))).await, 403);
    assert_eq!(webhook(&app, &body, Some(signature(&app, &body, -360))).await, 403);
    assert_eq!(webhook(&app, &body, Some(signature(&app, &body, 360))).await, 403);
    assert_eq!(webhook(&app, &body, None).await, 400);
    assert_eq!(webhook(&app, &body, Some("t=1,v1=zz".into())).await, 400);
    // A body larger than one queued event, signed or not, is refused before anything else (413); one of
    // exactly that size is read (and refused here for its signature).
    let max = portico_billing::handlers::webhook::MAX_EVENT_BODY;
    let padded = |len: usize| {
        let head = "{\"id\":\"evt_big\",\"type\":\"customer.created\",\"pad\":\"";
        format!("{head}{}\"}}", "a".repeat(len - head.len() - 2))
    };
    let (at_limit, over) = (padded(max), padded(max + 1));
    assert_eq!((at_limit.len(), over.len()), (max, max + 1));
    assert_eq!(webhook(&app, &over, Some(signature(&app, &over, 0))).await, 413);
    assert_eq!(webhook(&app, &at_limit, Some(signature(&app, &body, 0))).await, 403);
    assert_eq!(app.pump().await, 0, "nothing was queued");
    assert_eq!(billing(&app, &ann).await["balance"], 12_000);
    // Within five minutes either way, and an unknown kind: accepted (200).
    assert_eq!(webhook(&app, &body, Some(signature(&app, &body, -240))).await, 200);
    let unknown =
        app.gateway.app.stripe.event("customer.created", portico_local::seed::DEMO_STRIPE_ACCOUNT, json!({ "id": "cus_1" })).to_string();
    assert_eq!(webhook(&app, &unknown, Some(signature(&app, &unknown, 0))).await, 200);
    app.pump().await;
    assert_eq!(billing(&app, &ann).await["balance"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_for_an_unknown_account_or_the_other_mode_are_ignored() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let admin = app.admin_token().await;
    let started: Value = pay(&app, &ann, "pay", json!({ "amount": 12_000 })).await.json().await.unwrap();
    let id = started["client_secret"].as_str().unwrap().split("_secret_").next().unwrap().to_string();
    let mut object =
        serde_json::to_value(app.gateway.app.ports.payments.payment_intent(portico_local::seed::DEMO_STRIPE_ACCOUNT, &id).await.unwrap())
            .unwrap();
    object["object"] = json!("payment_intent");
    object["status"] = json!("succeeded");
    // The practice goes live: a test-mode event for it changes nothing.
    let live = json!({ "stripe_account": portico_local::seed::DEMO_STRIPE_ACCOUNT, "livemode": true, "currency": "usd", "minimum_payment": 100,
        "allow_prepayment": false, "statement_descriptor": "RIVERSIDE FP" });
    app.call_ok(&admin, Method::PUT, "/staff/billing/account", Some(live), 200).await;
    let test_mode = app.gateway.app.stripe.event("payment_intent.succeeded", portico_local::seed::DEMO_STRIPE_ACCOUNT, object.clone());
    assert_eq!(app.gateway.app.stripe.deliver(&test_mode).await, Some(200));
    let stranger = app.gateway.app.stripe.event("payment_intent.succeeded", "acct_1Unknown", object);
    assert_eq!(app.gateway.app.stripe.deliver(&stranger).await, Some(200));
    app.pump().await;
    assert_eq!(billing(&app, &ann).await["balance"], 12_000);
    // Billing staff may read the account but only administrators change it; another practice cannot claim it.
    let biller = app.staff_token(&billing_email(&app)).await;
    app.call_ok(&biller, Method::GET, "/staff/billing/account", None, 200).await;
    let (_, _, other_admin) = app.other_practice().await;
    let claim = json!({ "stripe_account": portico_local::seed::DEMO_STRIPE_ACCOUNT, "livemode": false, "currency": "usd", "minimum_payment": 100,
        "allow_prepayment": false, "statement_descriptor": "LAKESIDE" });
    let taken =
        app.request_on("lakeside", Method::PUT, "/staff/billing/account").bearer_auth(&other_admin).json(&claim).send().await.unwrap();
    assert_eq!(portico_tests::problem(taken, 422).await["errors"][0]["field"], "stripe_account");
}

/// A small deterministic shuffle (the seed is printed, so a failure can be replayed).
fn shuffle<T>(items: &mut [T], seed: &mut u64) {
    for i in (1..items.len()).rev() {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let j = (*seed >> 33) as usize % (i + 1);
        items.swap(i, j);
    }
}

/// One patient's story as Stripe tells it: processing, a decline that came late, success, a dashboard
/// refund (as `refund.created` and `charge.refunded`), a refund that failed, a dispute won.
async fn story(app: &TestApp, who: &Session, key: &str) -> Vec<Value> {
    let started: Value = pay(app, who, key, json!({ "amount": 12_000 })).await.json().await.unwrap();
    let id = started["client_secret"].as_str().unwrap().split("_secret_").next().unwrap().to_string();
    let account = portico_local::seed::DEMO_STRIPE_ACCOUNT;
    let stripe = &app.gateway.app.stripe;
    let mut intent = serde_json::to_value(app.gateway.app.ports.payments.payment_intent(account, &id).await.unwrap()).unwrap();
    intent["object"] = json!("payment_intent");
    let with = |status: &str| {
        let mut object = intent.clone();
        object["status"] = json!(status);
        object
    };
    let mut failed = with("requires_payment_method");
    failed["last_payment_error"] = json!({ "code": "card_declined", "decline_code": "insufficient_funds" });
    let refund = |id: &str, amount: i64, status: &str| json!({ "id": id, "object": "refund", "amount": amount, "payment_intent": intent["id"], "status": status, "metadata": {} });
    let suffix = key.replace('-', "");
    let (r1, r2, dp) = (format!("re_{suffix}1"), format!("re_{suffix}2"), format!("dp_{suffix}"));
    let dispute = |status: &str| {
        json!({ "id": dp, "object": "dispute", "amount": 2_000, "payment_intent": intent["id"], "reason": "fraudulent",
        "status": status, "evidence_details": { "due_by": 1_900_000_000 } })
    };
    vec![
        stripe.event("payment_intent.processing", account, with("processing")),
        stripe.event("payment_intent.payment_failed", account, failed),
        stripe.event("payment_intent.succeeded", account, with("succeeded")),
        stripe.event("refund.created", account, refund(&r1, 1_000, "succeeded")),
        stripe.event("charge.refunded", account, json!({ "id": "ch_1", "object": "charge", "payment_intent": intent["id"], "refunds": { "data": [refund(&r1, 1_000, "succeeded")] } })),
        stripe.event("refund.created", account, refund(&r2, 500, "pending")),
        stripe.event("refund.failed", account, refund(&r2, 500, "failed")),
        stripe.event("charge.dispute.created", account, dispute("needs_response")),
        stripe.event("charge.dispute.closed", account, dispute("won")),
        stripe.event("customer.updated", account, json!({ "id": "cus_1" })),
    ]
}

/// What a ledger says, without its ids: the balance, and each entry's kind and amount.
fn shape(book: &Value) -> (i64, Vec<(String, i64)>, String, String) {
    let mut entries: Vec<(String, i64)> = book["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap().to_string(), e["amount"].as_i64().unwrap()))
        .collect();
    entries.sort();
    let payment = book["payments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["status"] != "requires_payment")
        .map(|p| p["status"].to_string())
        .unwrap_or_default();
    (book["balance"].as_i64().unwrap(), entries, payment, book["disputes"][0]["status"].to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_delivered_three_times_in_any_order_converge_on_the_ledger_of_one_delivery() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let biller = app.staff_token(&billing_email(&app)).await;
    let ben_id = app.ben().patient_id.to_string();
    let ann_id = app.ann().patient_id.to_string();
    // Ben owes the same as Ann.
    let charge = json!({ "amount": 12_000, "description": "Office visit" });
    app.call_ok(&biller, Method::POST, &format!("/staff/patients/{ben_id}/ledger/charges"), Some(charge), 201).await;
    let _ = admin;
    let ann = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;

    // Ann's story once, in order.
    for event in story(&app, &ann, "ann-story").await {
        app.gateway.app.stripe.deliver(&event).await;
    }
    app.pump().await;
    let once = shape(&ledger(&app, &biller, &ann_id).await);
    assert_eq!(once.0, 1_000, "paid in full, 10.00 refunded, the failed refund and the won dispute back to nothing: {once:?}");
    assert_eq!(once.2, "\"succeeded\"");
    assert_eq!(once.3, "\"won\"");

    // Ben's story: every event three times, shuffled.
    let mut events: Vec<Value> = story(&app, &ben, "ben-story").await.into_iter().flat_map(|e| [e.clone(), e.clone(), e]).collect();
    let mut seed = portico::crypto::random_u64();
    println!("shuffle seed {seed}");
    shuffle(&mut events, &mut seed);
    for event in &events {
        app.gateway.app.stripe.deliver(event).await;
    }
    app.pump().await;
    let shuffled = shape(&ledger(&app, &biller, &ben_id).await);
    assert_eq!(shuffled, once, "seed {seed}");

    // The dispute is over (won): no task is left open for it, and autopay runs again, whatever the order.
    for patient in [&ann_id, &ben_id] {
        assert!(!autopay_paused(&app, patient).await);
    }
    let tasks = app.call_ok(&biller, Method::GET, "/staff/tasks", None, 200).await;
    assert!(!tasks["tasks"].as_array().unwrap().iter().any(|t| t["kind"] == "payment_dispute"), "{tasks}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_about_care_reaches_stripe() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let ann_id = app.ann().patient_id.to_string();
    let payment = paid(&app, &ann, "pay", 12_000).await;
    let biller = app.staff_token(&billing_email(&app)).await;
    let body = json!({ "payment_id": payment, "amount": 1_000, "reason": "requested_by_patient" });
    assert_eq!(refund(&app, &biller, &ann_id, "r", body).await.status(), 202);
    let requests = app.gateway.app.stripe.requests();
    assert!(requests.len() >= 2);
    for request in &requests {
        assert_eq!(request.version.as_deref(), Some(portico::payments::STRIPE_API_VERSION), "{request:?}");
        assert_eq!(request.account.as_deref(), Some(portico_local::seed::DEMO_STRIPE_ACCOUNT), "{request:?}");
        if request.method == "POST" {
            assert!(request.idempotency_key.is_some(), "{request:?}");
        }
        for (name, value) in &request.form {
            for word in NOT_FOR_STRIPE {
                assert!(!value.to_lowercase().contains(&word.to_lowercase()), "{name}={value} carries {word}");
            }
            if let Some(key) = name.strip_prefix("metadata[") {
                assert!(["practice_id]", "patient_id]", "record_id]"].contains(&key), "{name}");
            }
            assert_ne!(name, "receipt_email", "Stripe's receipts stay off");
            if name == "description" {
                assert_eq!(value, portico::payments::DESCRIPTION);
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_months_statement_is_a_page_and_a_pdf() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    paid(&app, &ann, "pay", 5_000).await;
    let view = billing(&app, &ann).await;
    let month = view["statement_months"][0].as_str().unwrap().to_string();
    assert_eq!(month, "2026-11", "{view}");
    let statement = app.call_ok(&ann.access, Method::GET, &format!("/portal/billing/statements/{month}"), None, 200).await;
    assert_eq!(statement["opening_balance"], 0);
    assert_eq!(statement["closing_balance"], 7_000, "{statement}");
    assert_eq!(statement["patient_name"], "Ann Lee");
    assert_eq!(statement["entries"].as_array().unwrap().len(), 2);
    let pdf = app.call(&ann.access, Method::GET, &format!("/portal/billing/statements/{month}?format=pdf"), None).await;
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.headers()["content-disposition"].to_str().unwrap().contains("statement-2026-11.pdf"));
    let bytes = pdf.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-1.4"));
    assert!(String::from_utf8_lossy(&bytes).contains("$70.00"));
    // Another month, another patient, another format: nothing.
    app.call_ok(&ann.access, Method::GET, "/portal/billing/statements/2025-01", None, 404).await;
    app.call_ok(&ann.access, Method::GET, &format!("/portal/billing/statements/{month}?format=docx"), None, 400).await;
    let ben = app.sign_in("ben@example.com").await;
    app.call_ok(&ben.access, Method::GET, &format!("/portal/billing/statements/{month}"), None, 404).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newer_payment_cancels_an_unconfirmed_one_and_money_on_its_way_is_not_owed_twice() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    // Two tabs: the first attempt is never confirmed before the second starts; only the second can pay.
    let first: Value = pay(&app, &ann, "tab-1", json!({ "amount": 12_000 })).await.json().await.unwrap();
    let second: Value = pay(&app, &ann, "tab-2", json!({ "amount": 12_000 })).await.json().await.unwrap();
    let body =
        json!({ "key": PK, "account": first["stripe_account"], "client_secret": first["client_secret"], "payment_method": "pm_card_visa" });
    let late = app.post_json("/_local/stripe/confirm", body).await;
    assert_eq!(late.status(), 400, "the first tab's payment was cancelled");
    assert_eq!(confirm(&app, &second, "pm_usBankAccount").await["status"], "processing");
    app.pump().await;
    // The bank payment is on its way: the balance it will pay cannot be paid again meanwhile.
    let third = pay(&app, &ann, "tab-3", json!({ "amount": 12_000 })).await;
    assert_eq!(portico_tests::problem(third, 422).await["errors"][0]["field"], "amount");
    let book = billing(&app, &ann).await;
    let statuses: Vec<&str> = book["payments"].as_array().unwrap().iter().map(|p| p["status"].as_str().unwrap()).collect();
    assert!(statuses.contains(&"processing") && statuses.contains(&"canceled"), "{statuses:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refund_stripe_never_answered_holds_nothing_and_the_same_request_asks_again() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let ann_id = app.ann().patient_id.clone();
    let payment = paid(&app, &ann, "pay", 12_000).await;
    let table = app.gateway.app.table.as_ref();
    let practice = app.practice().id.clone();
    let account = portico_billing::accounts::get(table, &practice).await.unwrap().unwrap();
    let order = || portico_billing::refunds::RefundOrder {
        account: &account,
        practice: &practice,
        patient: &ann_id,
        payment: portico::ids::PaymentId::parse(&payment).unwrap(),
        amount: 4_000,
        reason: portico_billing::model::RefundReason::RequestedByPatient,
        adjust: false,
        key: "refund-once",
        by: "staff:test".into(),
    };
    let now = portico::clock::Clock::now(app.clock.as_ref());
    let timing_out = Faulty::new(&app, Fault::RefundsUnanswered);
    let failed = portico_billing::refunds::request(table, &timing_out, order(), now).await;
    assert!(matches!(failed, Err(portico_billing::refunds::RefundError::Provider(PaymentsError::Unavailable(_)))));
    let biller = app.staff_token(&billing_email(&app)).await;
    let book = ledger(&app, &biller, ann_id.as_str()).await;
    assert_eq!(book["refunds"][0]["status"], "unsent", "{book}");
    assert_eq!(book["payments"][0]["refunded"], 0, "nothing is held for a refund Stripe never saw");
    // The same request again, Stripe answering this time: one refund, posted once.
    let again = portico_billing::refunds::request(table, app.gateway.app.ports.payments.as_ref(), order(), now).await.unwrap();
    assert_eq!(again.status, portico_billing::model::RefundStatus::Requested);
    app.pump().await;
    let book = ledger(&app, &biller, ann_id.as_str()).await;
    assert_eq!(book["refunds"][0]["status"], "succeeded", "{book}");
    assert_eq!(book["payments"][0]["refunded"], 4_000);
    assert_eq!(book["balance"], 4_000);
    assert_eq!(app.gateway.app.stripe.refunds_created(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payment_whose_intent_was_never_stored_is_adopted_by_its_event() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let table = app.gateway.app.table.as_ref();
    let practice = app.practice().id.clone();
    let patient = app.ann().patient_id.clone();
    let account = portico_billing::accounts::get(table, &practice).await.unwrap().unwrap();
    let crashing = Faulty::new(&app, Fault::StopAfterFirstCreate);
    let order = portico_billing::pay::PayOrder {
        account: &account,
        practice: &practice,
        patient: &patient,
        invoice: None,
        amount: 12_000,
        key: "adopt",
        paid_by: "patient".into(),
    };
    let now = portico::clock::Clock::now(app.clock.as_ref());
    assert!(portico_billing::pay::start(table, &crashing, order, now).await.is_err());
    // Paid anyway (the browser had what it needed in this story): the event names a payment Portico
    // never linked to its PaymentIntent, and the worker adopts it through the metadata.
    let intent = app.gateway.app.stripe.intents().pop().unwrap();
    let started = json!({ "stripe_account": account.stripe_account, "client_secret": intent["client_secret"] });
    confirm(&app, &started, "pm_card_visa").await;
    app.pump().await;
    assert_eq!(billing(&app, &ann).await["balance"], 0);
    let retried: Value = pay(&app, &ann, "adopt", json!({ "amount": 12_000 })).await.json().await.unwrap();
    assert_eq!(retried["payment"]["status"], "succeeded");
    assert!(retried["client_secret"].is_null(), "nothing left to confirm");
    assert_eq!(app.gateway.app.stripe.intents_created(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inquiry_holds_nothing_and_a_closed_dispute_resumes_autopay() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let ann_id = app.ann().patient_id.to_string();
    let started: Value = pay(&app, &ann, "pay", json!({ "amount": 12_000 })).await.json().await.unwrap();
    confirm(&app, &started, "pm_card_visa").await;
    app.pump().await;
    let intent = started["client_secret"].as_str().unwrap().split("_secret_").next().unwrap().to_string();
    let account = portico_local::seed::DEMO_STRIPE_ACCOUNT;
    let inquiry = |status: &str| {
        json!({ "id": "dp_inquiry1", "object": "dispute", "amount": 12_000, "payment_intent": intent,
        "reason": "general", "status": status, "evidence_details": { "due_by": 1_900_000_000 } })
    };
    for (kind, status) in [("charge.dispute.created", "warning_needs_response"), ("charge.dispute.closed", "warning_closed")] {
        let body = json!({ "type": kind, "account": account, "object": inquiry(status) });
        let simulated: Value = app.post_json("/_local/stripe/events", body).await.json().await.unwrap();
        assert_eq!(simulated["status"], 200);
        app.pump().await;
        let biller = app.staff_token(&billing_email(&app)).await;
        let book = ledger(&app, &biller, &ann_id).await;
        assert_eq!(book["balance"], 0, "an inquiry withdraws nothing: {book}");
        if status == "warning_needs_response" {
            assert!(autopay_paused(&app, &ann_id).await);
            let tasks = app.call_ok(&biller, Method::GET, "/staff/tasks", None, 200).await;
            assert!(tasks["tasks"].as_array().unwrap().iter().any(|t| t["kind"] == "payment_dispute"), "{tasks}");
        } else {
            assert!(!autopay_paused(&app, &ann_id).await, "{book}");
            assert_eq!(book["disputes"][0]["status"], "closed");
        }
    }
}

/// Sets up autopay for `who` with a card that behaves as `method` (one of Stripe's test cards).
async fn autopay_with(app: &TestApp, who: &Session, key: &str, method: &str, cap: i64) -> Value {
    let setup = app
        .request(Method::POST, "/portal/billing/autopay/setup")
        .bearer_auth(&who.access)
        .header("Idempotency-Key", key)
        .send()
        .await
        .unwrap();
    assert_eq!(setup.status(), 201);
    let setup: Value = setup.json().await.unwrap();
    let secret = setup["client_secret"].as_str().unwrap().to_string();
    let body = json!({ "key": PK, "account": setup["stripe_account"], "client_secret": secret, "payment_method": method });
    assert_eq!(app.post_json("/_local/stripe/confirm-setup", body).await.status(), 200);
    let seti = secret.split("_secret_").next().unwrap().to_string();
    app.call_ok(
        &who.access,
        Method::PUT,
        "/portal/billing/autopay",
        Some(json!({ "setup_intent_id": seti, "cap": cap, "consent": true, "consent_version": setup["consent_version"] })),
        200,
    )
    .await
}

/// Moves the clock to 03:10 in New York (the demo practice's zone) `days` days after the test's start.
fn early_hours(app: &TestApp, days: i64) {
    let start =
        chrono::DateTime::parse_from_rfc3339("2026-11-19T08:10:00Z").unwrap().with_timezone(&chrono::Utc) + chrono::Duration::days(days);
    let now = portico::clock::Clock::now(app.clock.as_ref());
    if start > now {
        app.advance(start - now);
    }
}

/// Whether a patient's autopay is paused for an open dispute (kept whether or not autopay is set up;
/// the ledger shows it as `autopay.paused`).
async fn autopay_paused(app: &TestApp, patient: &str) -> bool {
    let patient = portico::ids::PatientId::parse(patient).unwrap();
    let summary = portico_billing::screen::summary(app.gateway.app.table.as_ref(), &app.practice().id, &patient).await.unwrap();
    summary.is_some_and(|s| s.autopay_paused)
}

async fn autopay_of(app: &TestApp) -> portico_billing::autopay::Autopay {
    portico_billing::autopay::get(app.gateway.app.table.as_ref(), &app.practice().id, &app.ann().patient_id).await.unwrap().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autopay_is_opt_in_and_pays_finalized_invoices_in_the_practices_early_hours() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let ann_id = app.ann().patient_id.to_string();
    // Opt-in only: consent, a cap, and a card Stripe actually saved.
    let setup: Value = app
        .request(Method::POST, "/portal/billing/autopay/setup")
        .bearer_auth(&ann.access)
        .header("Idempotency-Key", "s0")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let unsaved = setup["client_secret"].as_str().unwrap().split("_secret_").next().unwrap().to_string();
    // The words the patient agrees to are the server's, in both languages, by version.
    let version = setup["consent_version"].clone();
    assert_eq!(version, portico_billing::autopay::CONSENT_VERSION);
    assert!(setup["consent_text"]["en"].as_str().unwrap().starts_with("I agree: each month"), "{setup}");
    assert!(setup["consent_text"]["es"].as_str().unwrap().starts_with("Acepto: cada mes"), "{setup}");
    for (body, field) in [
        (json!({ "setup_intent_id": unsaved, "cap": 50_000, "consent": true, "consent_version": version }), "setup_intent_id"),
        (json!({ "setup_intent_id": unsaved, "cap": 50_000, "consent": false, "consent_version": version }), "consent"),
        (json!({ "setup_intent_id": unsaved, "cap": 0, "consent": true, "consent_version": version }), "cap"),
    ] {
        let refused = app.call(&ann.access, Method::PUT, "/portal/billing/autopay", Some(body)).await;
        assert_eq!(portico_tests::problem(refused, 422).await["errors"][0]["field"], field);
    }
    // A bank account the bank has not confirmed yet: nothing is on, and the code says why.
    let pending = app
        .request(Method::POST, "/portal/billing/autopay/setup")
        .bearer_auth(&ann.access)
        .header("Idempotency-Key", "s-bank")
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    let secret = pending["client_secret"].as_str().unwrap().to_string();
    let confirm = json!({ "key": PK, "account": pending["stripe_account"], "client_secret": secret, "payment_method": "pm_usBankAccount" });
    assert_eq!(app.post_json("/_local/stripe/confirm-setup", confirm).await.status(), 200);
    let bank =
        json!({ "setup_intent_id": secret.split("_secret_").next().unwrap(), "cap": 50_000, "consent": true, "consent_version": version });
    let refused = portico_tests::problem(app.call(&ann.access, Method::PUT, "/portal/billing/autopay", Some(bank)).await, 422).await;
    assert_eq!(refused["errors"][0]["code"], "processing", "{refused}");
    let unsaved_code = json!({ "setup_intent_id": unsaved, "cap": 50_000, "consent": true, "consent_version": version });
    let refused =
        portico_tests::problem(app.call(&ann.access, Method::PUT, "/portal/billing/autopay", Some(unsaved_code)).await, 422).await;
    assert_eq!(refused["errors"][0]["code"], "not_saved", "{refused}");
    // Agreeing to words that are no longer current (or without saying which) turns nothing on.
    let stale = json!({ "setup_intent_id": unsaved, "cap": 50_000, "consent": true, "consent_version": "autopay-2020-01" });
    let refused = portico_tests::problem(app.call(&ann.access, Method::PUT, "/portal/billing/autopay", Some(stale)).await, 422).await;
    assert_eq!(
        (refused["errors"][0]["field"].as_str(), refused["errors"][0]["code"].as_str()),
        (Some("consent_version"), Some("not_current"))
    );
    let unsaid = json!({ "setup_intent_id": unsaved, "cap": 50_000, "consent": true });
    portico_tests::problem(app.call(&ann.access, Method::PUT, "/portal/billing/autopay", Some(unsaid)).await, 400).await;
    assert!(
        portico_billing::autopay::get(app.gateway.app.table.as_ref(), &app.practice().id, &app.ann().patient_id).await.unwrap().is_none()
    );
    let on = autopay_with(&app, &ann, "s1", "pm_card_visa", 50_000).await;
    assert_eq!(on["active"], true);
    // A charge still being added to is not final: autopay leaves it.
    let biller = app.staff_token(&billing_email(&app)).await;
    let open = json!({ "amount": 3_000, "description": "Lab work", "finalize": false });
    app.call_ok(&biller, Method::POST, &format!("/staff/patients/{ann_id}/ledger/charges"), Some(open), 201).await;

    // Noon: nothing. 03:10 the next night: the finalized 120.00, once, whatever the hour's runs.
    app.pump().await;
    assert_eq!(app.gateway.app.stripe.intents_created(), 0);
    early_hours(&app, 0);
    app.pump().await;
    app.pump().await;
    assert_eq!(app.gateway.app.stripe.intents_created(), 1);
    let book = ledger(&app, &app.staff_token(&billing_email(&app)).await, &ann_id).await;
    assert_eq!(book["balance"], 3_000, "{book}");
    assert_eq!(autopay_of(&app).await.last_outcome, Some(portico_billing::autopay::RunOutcome::Charged));
    // Ann sees when it ran, what it took, and when it next looks (03:05 New York, the next night).
    let view = billing(&app, &app.sign_in("ann@example.com").await).await;
    assert_eq!(view["autopay"]["last_amount"], 12_000, "{view}");
    assert!(view["autopay"]["last_run_at"].as_str().is_some_and(|at| at.starts_with("2026-11-19T08:1")), "{view}");
    assert_eq!(view["autopay"]["next_run_at"], "2026-11-20T08:05:00Z", "{view}");
    // The charge keeps the authorization it was made under (a dispute's evidence reads it there).
    let screen = portico_billing::screen::read(app.gateway.app.table.as_ref(), &app.practice().id, &app.ann().patient_id).await.unwrap();
    let charged = screen.payments.iter().find(|p| p.paid_by == "autopay").unwrap();
    let authorization = charged.authorization.clone().unwrap();
    assert_eq!(
        (authorization.consent_version.as_str(), authorization.consented_by.as_str()),
        (portico_billing::autopay::CONSENT_VERSION, "patient")
    );
    let requests = app.gateway.app.stripe.requests();
    let charge = requests.iter().rev().find(|r| r.path == "/v1/payment_intents").unwrap();
    assert!(charge.form.contains(&("off_session".into(), "true".into())), "{charge:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declined_autopay_is_tried_three_times_over_a_week_and_one_needing_the_patient_never_again() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    autopay_with(&app, &ann, "s1", "pm_card_chargeDeclined", 50_000).await;
    let tries = |app: &TestApp| app.gateway.app.stripe.requests().iter().filter(|r| r.path == "/v1/payment_intents").count();
    early_hours(&app, 0);
    app.pump().await;
    assert_eq!(tries(&app), 1);
    // Declined: nothing taken, and the next look is the retry three days on.
    let view = billing(&app, &app.sign_in("ann@example.com").await).await;
    assert_eq!((view["autopay"]["last_amount"].clone(), view["autopay"]["last_outcome"].clone()), (Value::Null, json!("declined")));
    assert_eq!(view["autopay"]["next_run_at"], "2026-11-22T08:05:00Z", "{view}");
    for day in 1..=9 {
        early_hours(&app, day);
        app.pump().await;
    }
    assert_eq!(tries(&app), 3, "day 0, day 3 and day 7");
    assert_eq!(autopay_of(&app).await.last_outcome, Some(portico_billing::autopay::RunOutcome::GaveUp));
    // The notice waits out Ann's quiet hours (21:00-08:00): by 09:10 it has gone.
    app.advance(chrono::Duration::hours(6));
    app.pump().await;
    let told =
        app.emails_to("ann@example.com").iter().filter(|m| m.subject.as_deref().is_some_and(|s| s.contains("automatic payment"))).count();
    assert_eq!(told, 1, "asked to pay in the portal, once");
    assert_eq!(billing(&app, &app.sign_in("ann@example.com").await).await["balance"], 12_000);

    // A card that needs the patient: one try, a notice, and no retries.
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    autopay_with(&app, &ann, "s1", "pm_card_authenticationRequired", 50_000).await;
    early_hours(&app, 0);
    app.pump().await;
    app.advance(chrono::Duration::hours(6));
    app.pump().await;
    let told =
        app.emails_to("ann@example.com").iter().filter(|m| m.subject.as_deref().is_some_and(|s| s.contains("automatic payment"))).count();
    assert_eq!(told, 1, "asked to pay in the portal (after quiet hours)");
    for day in 1..=8 {
        early_hours(&app, day);
        app.pump().await;
    }
    assert_eq!(tries(&app), 1);
    assert_eq!(autopay_of(&app).await.last_outcome, Some(portico_billing::autopay::RunOutcome::NeedsPatient));
    // Turned off, it never runs again.
    let ann = app.sign_in("ann@example.com").await;
    assert_eq!(app.call(&ann.access, Method::DELETE, "/portal/billing/autopay", None).await.status(), 204);
    assert_eq!(billing(&app, &ann).await["autopay"]["active"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overlapping_or_interrupted_autopay_runs_charge_once() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    autopay_with(&app, &ann, "s1", "pm_card_visa", 50_000).await;
    early_hours(&app, 0);
    let table = app.gateway.app.table.as_ref();
    let now = portico::clock::Clock::now(app.clock.as_ref());
    // A run that made the charge and stopped before hearing back: the claim stays, and the next run
    // finishes it with the same key (the same PaymentIntent), never a second charge.
    let stopping = Faulty::new(&app, Fault::StopAfterFirstCreate);
    assert!(portico_billing::autopay::run(table, &stopping, now).await.is_err(), "the run reports the stop");
    assert_eq!(app.gateway.app.stripe.intents_created(), 1);
    // Two runs at once (EventBridge delivering twice): one finishes the claim, neither charges again.
    let payments = app.gateway.app.ports.payments.as_ref();
    let (a, b) = futures::join!(portico_billing::autopay::run(table, payments, now), portico_billing::autopay::run(table, payments, now));
    a.unwrap();
    b.unwrap();
    assert_eq!(app.gateway.app.stripe.intents_created(), 1, "one charge");
    app.pump().await;
    let ann = app.sign_in("ann@example.com").await;
    assert_eq!(billing(&app, &ann).await["balance"], 0);
    app.advance(chrono::Duration::minutes(30));
    app.pump().await;
    assert_eq!(app.gateway.app.stripe.intents_created(), 1, "not again the same night");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_postings_retried_with_their_key_post_once() {
    let app = spawn_app().await;
    let biller = app.staff_token(&billing_email(&app)).await;
    let ann_id = app.ann().patient_id.to_string();
    let post = |path: &'static str, key: &'static str, body: Value| {
        let (app, biller, ann_id) = (&app, biller.clone(), ann_id.clone());
        async move {
            app.request(Method::POST, &format!("/staff/patients/{ann_id}/ledger/{path}"))
                .bearer_auth(&biller)
                .header("Idempotency-Key", key)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let charge = json!({ "amount": 2_000, "description": "Copay" });
    assert_eq!(post("charges", "c1", charge.clone()).await.status(), 201);
    assert_eq!(post("charges", "c1", charge).await.status(), 200, "the retry is answered, not posted");
    let other = post("charges", "c1", json!({ "amount": 2_500, "description": "Copay" })).await;
    assert_eq!(portico_tests::problem(other, 422).await["errors"][0]["field"], "Idempotency-Key");
    let book = ledger(&app, &biller, &ann_id).await;
    let invoice = book["invoices"][0]["invoice_id"].as_str().unwrap().to_string();
    let write_off = json!({ "invoice_id": invoice, "kind": "write_off", "amount": -500, "description": "Hardship" });
    assert_eq!(post("adjustments", "w1", write_off.clone()).await.status(), 201);
    assert_eq!(post("adjustments", "w1", write_off).await.status(), 200);
    assert_eq!(ledger(&app, &biller, &ann_id).await["balance"], 12_000 + 2_000 - 500);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proxys_autopay_consent_ends_with_their_grant() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let (ann_id, ben_id) = (app.ann().patient_id.to_string(), app.ben().patient_id.to_string());
    let body = json!({ "proxy_id": ben_id, "relationship": "guarantor", "legal_basis": "financial_responsibility", "scopes": ["billing"] });
    let grant = app.call_ok(&admin, Method::POST, &format!("/staff/patients/{ann_id}/proxies"), Some(body), 201).await;
    // Ben, who pays Ann's bills, saves his card and consents for her.
    let ben = app.sign_in("ben@example.com").await;
    let acting =
        |method: Method, path: &str| app.request(method, path).bearer_auth(&ben.access).header("portico-acting-for", ann_id.as_str());
    let setup: Value =
        acting(Method::POST, "/portal/billing/autopay/setup").header("Idempotency-Key", "b1").send().await.unwrap().json().await.unwrap();
    let secret = setup["client_secret"].as_str().unwrap().to_string();
    let confirm = json!({ "key": PK, "account": setup["stripe_account"], "client_secret": secret, "payment_method": "pm_card_visa" });
    assert_eq!(app.post_json("/_local/stripe/confirm-setup", confirm).await.status(), 200);
    let seti = secret.split("_secret_").next().unwrap().to_string();
    let on = acting(Method::PUT, "/portal/billing/autopay")
        .json(&json!({ "setup_intent_id": seti, "cap": 50_000, "consent": true, "consent_version": setup["consent_version"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(on.status(), 200);
    assert_eq!(autopay_of(&app).await.consented_by, format!("proxy:{ben_id}"));
    // Ann ends the grant: her autopay stops before it charges Ben's card again.
    let ann = app.sign_in("ann@example.com").await;
    let revoked = app.call(&ann.access, Method::DELETE, &format!("/portal/proxies/{}", grant["grant_id"].as_str().unwrap()), None).await;
    assert_eq!(revoked.status(), 204);
    early_hours(&app, 0);
    app.pump().await;
    assert_eq!(app.gateway.app.stripe.intents_created(), 0, "no charge on a card whose holder no longer acts for her");
    let stopped = autopay_of(&app).await;
    assert!(!stopped.active);
    assert_eq!(stopped.last_outcome, Some(portico_billing::autopay::RunOutcome::NeedsPatient));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_charge_refused_on_its_invoice_says_which_reason_by_code() {
    let app = spawn_app().await;
    let biller = app.staff_token(&billing_email(&app)).await;
    let (ann_id, ben_id) = (app.ann().patient_id.to_string(), app.ben().patient_id.to_string());
    // Ann's seeded bill is final; a bill of Ben's is not hers.
    let final_bill = ledger(&app, &biller, &ann_id).await["invoices"][0]["invoice_id"].as_str().unwrap().to_string();
    let opened = json!({ "amount": 1_000, "description": "Copay", "finalize": false });
    app.call_ok(&biller, Method::POST, &format!("/staff/patients/{ben_id}/ledger/charges"), Some(opened), 201).await;
    let bens = ledger(&app, &biller, &ben_id).await["invoices"][0]["invoice_id"].as_str().unwrap().to_string();
    for (invoice, code) in [(final_bill, "final"), (bens, "not_found")] {
        let charge = json!({ "amount": 500, "description": "Lab work", "invoice_id": invoice });
        let refused = app.call(&biller, Method::POST, &format!("/staff/patients/{ann_id}/ledger/charges"), Some(charge)).await;
        let problem = portico_tests::problem(refused, 422).await;
        assert_eq!(
            (problem["errors"][0]["field"].as_str(), problem["errors"][0]["code"].as_str()),
            (Some("invoice_id"), Some(code)),
            "{problem}"
        );
    }
    assert_eq!(ledger(&app, &biller, &ann_id).await["balance"], 12_000, "nothing was posted");
}

/// Words nothing Portico tells Stripe may hold: Ann's names, birth date, email and phone, the charge's
/// description, a service's name and clinical words and codes.
const NOT_FOR_STRIPE: [&str; 14] = [
    "Ann",
    "Lee",
    "1984",
    "07-02",
    "Office visit",
    "visit",
    "diagnos",
    "therapy",
    "ICD",
    "CPT",
    "99213",
    "ann@example.com",
    "5555550101",
    "clinician",
];

/// A dispute of `intent` for the whole 120.00, due in a week from the test's clock.
fn dispute_of(app: &TestApp, id: &str, intent: &str, due_in: chrono::Duration) -> Value {
    let due = (portico::clock::Clock::now(app.clock.as_ref()) + due_in).timestamp();
    json!({ "id": id, "object": "dispute", "amount": 12_000, "payment_intent": intent, "reason": "fraudulent",
        "status": "needs_response", "evidence_details": { "due_by": due, "submission_count": 0 } })
}

fn evidence_path(patient: &str, dispute: &str) -> String {
    format!("/staff/patients/{patient}/ledger/disputes/{dispute}/evidence")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disputes_evidence_is_non_clinical_shown_before_it_is_sent_and_sent_once() {
    let app = spawn_app().await;
    let service = crate::scheduling::setup(&app, "patients", 30).await;
    let ann = app.sign_in("ann@example.com").await;
    let ann_id = app.ann().patient_id.to_string();
    // A confidential service too (counseling): its appointments never leave Portico.
    let admin = app.admin_token().await;
    let counseling = json!({
        "name": "Counseling", "duration_minutes": 30, "buffer_before_minutes": 0, "buffer_after_minutes": 10, "mode": "in_person",
        "booking": "patients", "min_notice_minutes": 60, "horizon_days": 60, "cancel_notice_hours": 24, "reschedule_notice_hours": 2,
        "late_cancel": "allow_as_late", "waitlist": false, "clinicians": [crate::scheduling::CLINICIAN], "active": true, "confidential": true,
    });
    let counseling =
        app.call_ok(&admin, Method::POST, "/staff/services", Some(counseling), 201).await["service_id"].as_str().unwrap().to_string();
    // Ann comes to both: the practice checks her in and marks each completed.
    let at = |raw: &str| chrono::DateTime::parse_from_rfc3339(raw).unwrap().with_timezone(&chrono::Utc);
    let start = crate::scheduling::slots(&app, &ann, &service).await[0].clone();
    let booked: Value = crate::scheduling::book(&app, &ann, &service, &start, None).await.json().await.unwrap();
    let later = crate::scheduling::slots(&app, &ann, &counseling)
        .await
        .into_iter()
        .find(|s| at(s) >= at(&start) + chrono::Duration::hours(2))
        .unwrap();
    let private: Value = crate::scheduling::book(&app, &ann, &counseling, &later, None).await.json().await.unwrap();
    for (appointment, begins) in [(&booked, &start), (&private, &later)] {
        let now = portico::clock::Clock::now(app.clock.as_ref());
        app.advance(at(begins) - now + chrono::Duration::minutes(3));
        let admin = app.admin_token().await;
        let status_path = format!("/staff/appointments/{}/status", appointment["appointment_id"].as_str().unwrap());
        app.call_ok(&admin, Method::POST, &status_path, Some(json!({ "patient_id": ann_id, "status": "arrived" })), 200).await;
        app.advance(chrono::Duration::minutes(35));
        let admin = app.admin_token().await;
        app.call_ok(&admin, Method::POST, &status_path, Some(json!({ "patient_id": ann_id, "status": "fulfilled" })), 200).await;
    }
    let ann = app.sign_in("ann@example.com").await;
    let timeline = app.call_ok(&ann.access, Method::GET, "/portal/timeline", None, 200).await;
    let kinds: Vec<&str> = timeline["entries"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(&kinds[1..3], ["appointment_completed", "appointment_arrived"], "her attendance is on her timeline: {kinds:?}");
    // She accepts the financial policy, writes to the practice and pays.
    let policy = json!({ "kind": "financial_policy", "version": 1, "decision": "accept" });
    app.call_ok(&ann.access, Method::PUT, "/portal/consents", Some(policy), 200).await;
    let thread = json!({ "topic": "billing", "subject": "My therapy bill", "body": "Is my visit covered?" });
    app.call_ok(&ann.access, Method::POST, "/portal/threads", Some(thread), 201).await;
    let started: Value = pay(&app, &ann, "pay", json!({ "amount": 12_000 })).await.json().await.unwrap();
    confirm(&app, &started, "pm_card_visa").await;
    app.pump().await;
    let intent = started["client_secret"].as_str().unwrap().split("_secret_").next().unwrap().to_string();
    // Her bank disputes the payment.
    let account = portico_local::seed::DEMO_STRIPE_ACCOUNT;
    let stripe = &app.gateway.app.stripe;
    stripe
        .deliver(&stripe.event("charge.dispute.created", account, dispute_of(&app, "dp_evidence1", &intent, chrono::Duration::days(7))))
        .await;
    app.pump().await;

    // Billing staff see what may be offered, and the exact text, before anything is sent.
    let biller = app.staff_token(&billing_email(&app)).await;
    let path = evidence_path(&ann_id, "dp_evidence1");
    let view = app.call_ok(&biller, Method::GET, &path, None, 200).await;
    assert_eq!((view["can_send"].as_bool(), view["paid_by"].as_str()), (Some(true), Some("patient")), "{view}");
    assert_eq!(view["visits"].as_array().map(Vec::len), Some(1), "the confidential appointment is not offered: {view}");
    assert_eq!(view["visits"][0]["starts_at"].as_str().map(at), Some(at(&start)), "{view}");
    assert!(view["visits"][0]["arrived_at"].is_string() && view["visits"][0]["completed_at"].is_string(), "{view}");
    assert_eq!(view["financial_policy"]["version"], "1");
    assert_eq!((view["messages"]["from_patient"].as_u64(), view["messages"]["from_practice"].as_u64()), (Some(1), Some(0)));
    assert!(!view["sign_ins"].as_array().unwrap().is_empty(), "{view}");
    let sections: Vec<(&str, bool)> =
        view["sections"].as_array().unwrap().iter().map(|s| (s["section"].as_str().unwrap(), s["available"].as_bool().unwrap())).collect();
    assert_eq!(sections, [("attendance", true), ("financial_policy", true), ("communication", true), ("portal_activity", true)]);
    for word in NOT_FOR_STRIPE.iter().chain(&["Counseling"]) {
        let text = format!("{} {}", view["always"], view["sections"]);
        assert!(!text.to_lowercase().contains(&word.to_lowercase()), "the preview's text carries {word}: {text}");
    }
    // Clinicians and the front desk never see it; another patient's path finds nothing; a bad id is no dispute.
    let clinician = app.staff_token(&app.demo().clinician_email.clone()).await;
    app.call_ok(&clinician, Method::GET, &path, None, 403).await;
    let ben_id = app.ben().patient_id.to_string();
    app.call_ok(&biller, Method::GET, &evidence_path(&ben_id, "dp_evidence1"), None, 404).await;
    app.call_ok(&biller, Method::GET, &evidence_path(&ann_id, "dp_none"), None, 404).await;
    app.call_ok(&biller, Method::GET, &evidence_path(&ann_id, "ch_1"), None, 404).await;
    app.call_ok(&biller, Method::POST, &evidence_path(&ben_id, "dp_evidence1"), Some(json!({ "sections": ["attendance"] })), 404).await;
    // Another practice's billing staff find nothing, with Ann's real path.
    let (_, _, other_admin) = app.other_practice().await;
    let foreign = app.request_on("lakeside", Method::GET, &path).bearer_auth(&other_admin).send().await.unwrap();
    portico_tests::problem(foreign, 404).await;
    // Bad bodies change nothing.
    for bad in
        [json!({ "sections": [] }), json!({ "sections": ["diagnosis"] }), json!({ "sections": ["attendance"], "note": "x" }), json!({})]
    {
        app.call_ok(&biller, Method::POST, &path, Some(bad), 400).await;
    }
    assert!(stripe.requests().iter().all(|r| !r.path.starts_with("/v1/disputes")), "nothing reached Stripe");

    // Five clicks at once: one send, the others told it is under way or sent.
    let body = json!({ "sections": ["attendance", "financial_policy", "communication", "portal_activity"] });
    let clicks = (0..5).map(|_| app.call(&biller, Method::POST, &path, Some(body.clone())));
    let statuses: Vec<u16> = futures::future::join_all(clicks).await.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 409), "{statuses:?}");
    let sent: Vec<_> = stripe.requests().into_iter().filter(|r| r.path == "/v1/disputes/dp_evidence1").collect();
    assert_eq!(sent.len(), 1, "one request to Stripe");
    let form: std::collections::HashMap<_, _> = sent[0].form.iter().cloned().collect();
    assert_eq!(form["submit"], "true");
    assert_eq!(form["evidence[product_description]"], portico::payments::PRODUCT_DESCRIPTION);
    assert!(
        form["evidence[uncategorized_text]"].contains("checked in") && form["evidence[uncategorized_text]"].contains("1 from the patient")
    );
    assert!(form["evidence[refund_policy_disclosure]"].contains("financial policy (version 1)"));
    assert!(form["evidence[access_activity_log]"].contains("signed-in account holder"));
    assert!(form.contains_key("evidence[service_date]"));
    assert_eq!(sent[0].account.as_deref(), Some(account));
    assert!(sent[0].idempotency_key.is_some());
    // The preview said exactly this: each field's parts, a blank line apart.
    let previewed: Vec<(String, String)> = view["always"]
        .as_array()
        .unwrap()
        .iter()
        .chain(view["sections"].as_array().unwrap().iter().flat_map(|s| s["fields"].as_array().unwrap()))
        .map(|f| (f["name"].as_str().unwrap().to_string(), f["value"].as_str().unwrap().to_string()))
        .collect();
    for (name, value) in &form {
        if let Some(field) = name.strip_prefix("evidence[").and_then(|n| n.strip_suffix(']')) {
            let parts: Vec<&str> = previewed.iter().filter(|(n, _)| n == field).map(|(_, v)| v.as_str()).collect();
            assert_eq!(value, &parts.join("\n\n"), "{field}");
        }
    }
    for (name, value) in &sent[0].form {
        for word in NOT_FOR_STRIPE.iter().chain(&["Counseling"]) {
            assert!(!value.to_lowercase().contains(&word.to_lowercase()), "{name}={value} carries {word}");
        }
        assert!(name == "submit" || name.starts_with("evidence["), "{name}");
    }
    assert_eq!(stripe.dispute("dp_evidence1").unwrap()["status"], "under_review");
    // Stripe's own event for it changes nothing more; the dispute's task is answered; a second send is refused.
    app.pump().await;
    let book = ledger(&app, &biller, &ann_id).await;
    assert_eq!(
        (book["disputes"][0]["status"].as_str(), book["disputes"][0]["evidence"]["state"].as_str()),
        (Some("under_review"), Some("sent"))
    );
    let tasks = app.call_ok(&biller, Method::GET, "/staff/tasks", None, 200).await;
    assert!(!tasks["tasks"].as_array().unwrap().iter().any(|t| t["kind"] == "payment_dispute" && t["status"] != "done"), "{tasks}");
    let again = app.call(&biller, Method::POST, &path, Some(body)).await;
    portico_tests::problem(again, 409).await;
    let view = app.call_ok(&biller, Method::GET, &path, None, 200).await;
    assert_eq!((view["can_send"].as_bool(), view["blocked"].as_str()), (Some(false), Some("sent")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evidence_stripe_never_answered_is_unsent_and_late_or_empty_evidence_is_refused() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let ann_id = app.ann().patient_id.clone();
    let started: Value = pay(&app, &ann, "pay", json!({ "amount": 12_000 })).await.json().await.unwrap();
    confirm(&app, &started, "pm_card_visa").await;
    app.pump().await;
    let intent = started["client_secret"].as_str().unwrap().split("_secret_").next().unwrap().to_string();
    let account = portico_local::seed::DEMO_STRIPE_ACCOUNT;
    let stripe = &app.gateway.app.stripe;
    for (id, due) in [("dp_unanswered", chrono::Duration::days(7)), ("dp_late", chrono::Duration::hours(2))] {
        stripe.deliver(&stripe.event("charge.dispute.created", account, dispute_of(&app, id, &intent, due))).await;
    }
    app.pump().await;
    // Ann agrees to the financial policy only after paying: not what she had agreed to when she paid.
    let ann = app.sign_in("ann@example.com").await;
    let policy = json!({ "kind": "financial_policy", "version": 1, "decision": "accept" });
    app.call_ok(&ann.access, Method::PUT, "/portal/consents", Some(policy), 200).await;
    let biller = app.staff_token(&billing_email(&app)).await;
    // Ann never came to an appointment here: attendance has nothing to send.
    let path = evidence_path(ann_id.as_str(), "dp_unanswered");
    let view = app.call_ok(&biller, Method::GET, &path, None, 200).await;
    assert_eq!(view["sections"][0]["available"], false, "{view}");
    assert_eq!((view["financial_policy"].clone(), view["sections"][1]["available"].clone()), (Value::Null, json!(false)), "{view}");
    let empty = app.call(&biller, Method::POST, &path, Some(json!({ "sections": ["attendance"] }))).await;
    assert_eq!(portico_tests::problem(empty, 422).await["errors"][0]["code"], "empty");
    // Stripe does not answer: nothing is submitted and the same send asks again.
    let table = app.gateway.app.table.as_ref();
    let practice = app.practice();
    let staff = portico::ids::StaffId::parse("staff-riverside-billing").unwrap();
    let timing_out = Faulty::new(&app, Fault::EvidenceUnanswered);
    let order = |dispute| portico_billing::evidence::Send {
        practice,
        patient: &ann_id,
        dispute,
        sections: vec![portico_billing::model::EvidenceSection::PortalActivity],
        by: &staff,
    };
    let now = portico::clock::Clock::now(app.clock.as_ref());
    portico_billing::evidence::send(table, &timing_out, order("dp_unanswered"), now).await.unwrap();
    let book = ledger(&app, &biller, ann_id.as_str()).await;
    let unsent = book["disputes"].as_array().unwrap().iter().find(|d| d["dispute_id"] == "dp_unanswered").unwrap().clone();
    assert_eq!((unsent["status"].as_str(), unsent["evidence"]["state"].as_str()), (Some("needs_response"), Some("unsent")), "{unsent}");
    let sent = app.call_ok(&biller, Method::POST, &path, Some(json!({ "sections": ["portal_activity"] })), 200).await;
    assert_eq!(sent["dispute"]["evidence"]["state"], "sent");
    let keys: Vec<_> = stripe
        .requests()
        .into_iter()
        .filter(|r| r.path == "/v1/disputes/dp_unanswered" && r.method == "POST")
        .map(|r| r.idempotency_key)
        .collect();
    assert_eq!(
        keys,
        [Some("portico-evidence-dp_unanswered-2".to_string())],
        "a new attempt, a new key (the unsent one never reached Stripe)"
    );
    // Stripe takes the evidence and its answer is lost: asked again, Stripe has it, so it is sent.
    stripe.deliver(&stripe.event("charge.dispute.created", account, dispute_of(&app, "dp_lost", &intent, chrono::Duration::days(7)))).await;
    app.pump().await;
    let losing = Faulty::new(&app, Fault::EvidenceAnswerLost);
    let (found, _) = portico_billing::evidence::send(table, &losing, order("dp_lost"), now).await.unwrap();
    assert_eq!(found.dispute.evidence.map(|e| e.state), Some(portico_billing::model::EvidenceState::Sent));
    let tasks = app.call_ok(&biller, Method::GET, "/staff/tasks", None, 200).await;
    assert!(!tasks["tasks"].as_array().unwrap().iter().any(|t| t["source"] == "dp_lost" && t["status"] != "done"), "{tasks}");
    // Past Stripe's deadline: refused, and said so before anyone tries.
    app.advance(chrono::Duration::hours(3));
    let biller = app.staff_token(&billing_email(&app)).await;
    let late = evidence_path(ann_id.as_str(), "dp_late");
    let view = app.call_ok(&biller, Method::GET, &late, None, 200).await;
    assert_eq!((view["can_send"].as_bool(), view["blocked"].as_str()), (Some(false), Some("past_due")));
    app.call_ok(&biller, Method::POST, &late, Some(json!({ "sections": ["portal_activity"] })), 409).await;
    assert_eq!(stripe.requests().iter().filter(|r| r.path.starts_with("/v1/disputes") && r.method == "POST").count(), 2);
}
