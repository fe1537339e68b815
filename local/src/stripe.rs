//! A stand-in for Stripe on loopback: the REST calls Portico makes (PaymentIntents, Refunds, customers,
//! SetupIntents and dispute evidence, form-encoded, on a connected account named by `Stripe-Account`, with `Idempotency-Key` replay and
//! Stripe's error shapes), the same PaymentIntent and Refund state machines, and Stripe's events,
//! signed exactly as Stripe signs them and delivered to the gateway's `/webhooks/stripe`. The gateway
//! runs the real adapter ([`portico::payments::StripePayments`]) against it.
//!
//! The browser's part (Stripe.js and its Payment Element) is [`STRIPE_JS`], served by the gateway at
//! `/_local/stripe/v3.js`: it confirms through [`StandIn::confirm`] with the publishable key and the
//! client secret, as Stripe.js does. Test cards are Stripe's own test payment methods.
//!
//! Every request is recorded ([`StandIn::requests`]), so a test can read everything Portico ever
//! told Stripe.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use portico::clock::Clock;
use secrecy::SecretString;
use serde::Serialize;
use serde_json::{Value, json};

pub const SECRET_KEY: &str = "sk_test_portico_local_standin";
pub const PUBLISHABLE_KEY: &str = "pk_test_portico_local_standin";

/// One request as the stand-in received it.
#[derive(Debug, Clone, Serialize)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub account: Option<String>,
    pub idempotency_key: Option<String>,
    pub version: Option<String>,
    pub form: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
struct Intent {
    account: String,
    object: Value,
    payment_method: Option<String>,
    refunded: i64,
}

/// A remembered Idempotency-Key: the request's form and the answer it got.
type Remembered = (Vec<(String, String)>, StatusCode, Value);

#[derive(Default)]
struct Books {
    intents: HashMap<String, Intent>,
    /// Customers by id: their account.
    customers: HashMap<String, String>,
    /// SetupIntents by id: their account and object.
    setups: HashMap<String, (String, Value)>,
    refunds: HashMap<String, (String, Value)>,
    /// Disputes by id, from the dispute events the stand-in made: their account and object.
    disputes: HashMap<String, (String, Value)>,
    /// (account, key) → (the request's form, the answer).
    keys: HashMap<(String, String), Remembered>,
    requests: Vec<Recorded>,
    events: Vec<Value>,
    /// Events a request made, to be sent once it is answered: (kind, account, object).
    pending: Vec<(String, String, Value)>,
}

/// The stand-in: its state, where it delivers events, and the clock its events are dated by.
pub struct StandIn {
    books: Mutex<Books>,
    clock: Arc<dyn Clock>,
    webhook_url: String,
    webhook_secret: SecretString,
    http: reqwest::Client,
}

fn id(prefix: &str) -> String {
    format!("{prefix}_{}", portico::crypto::random_token(18).replace(['-', '_'], "x"))
}

fn error(status: StatusCode, kind: &str, code: &str, message: &str) -> (StatusCode, Value) {
    (status, json!({ "error": { "type": kind, "code": code, "message": message } }))
}

fn form_map(form: &[(String, String)]) -> HashMap<&str, &str> {
    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn metadata(form: &[(String, String)]) -> Value {
    let mut meta = serde_json::Map::new();
    for (k, v) in form {
        if let Some(name) = k.strip_prefix("metadata[").and_then(|r| r.strip_suffix(']')) {
            meta.insert(name.to_string(), json!(v));
        }
    }
    Value::Object(meta)
}

const INTENT_PARAMS: &[&str] = &[
    "amount",
    "currency",
    "description",
    "automatic_payment_methods[enabled]",
    "statement_descriptor_suffix",
    "payment_method_types[]",
    "customer",
    "payment_method",
    "off_session",
    "confirm",
];
const SETUP_PARAMS: &[&str] = &["customer", "usage", "automatic_payment_methods[enabled]"];
const REFUND_PARAMS: &[&str] = &["payment_intent", "amount", "reason"];

impl StandIn {
    pub fn new(clock: Arc<dyn Clock>, webhook_url: String, webhook_secret: SecretString) -> Arc<Self> {
        let http = reqwest::Client::builder().timeout(std::time::Duration::from_secs(10)).build().unwrap_or_default();
        Arc::new(StandIn { books: Mutex::default(), clock, webhook_url, webhook_secret, http })
    }

    fn books(&self) -> std::sync::MutexGuard<'_, Books> {
        self.books.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Everything Portico sent Stripe, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.books().requests.clone()
    }

    /// Every event the stand-in made, in order.
    pub fn events(&self) -> Vec<Value> {
        self.books().events.clone()
    }

    /// PaymentIntents created (replays of a remembered key are not new ones).
    pub fn intents_created(&self) -> usize {
        self.books().intents.len()
    }

    /// Every PaymentIntent as it stands (tests confirm one whose id Portico never stored).
    pub fn intents(&self) -> Vec<Value> {
        self.books().intents.values().map(|i| i.object.clone()).collect()
    }

    pub fn refunds_created(&self) -> usize {
        self.books().refunds.len()
    }

    /// Stripe forgets idempotency keys after 24 hours.
    pub fn forget_keys(&self) {
        self.books().keys.clear();
    }

    /// Evidence submitted for a dispute, as the stand-in keeps it (tests read what Stripe got).
    pub fn dispute(&self, id: &str) -> Option<Value> {
        self.books().disputes.get(id).map(|(_, object)| object.clone())
    }

    /// An event as Stripe makes it, for a connected account. A dispute's event also makes the dispute
    /// known to the stand-in, as Stripe knows it, so evidence can be submitted for it.
    pub fn event(&self, kind: &str, account: &str, object: Value) -> Value {
        if kind.starts_with("charge.dispute.")
            && let Some(id) = object["id"].as_str()
        {
            let mut books = self.books();
            let known = books.disputes.entry(id.to_string()).or_insert_with(|| (account.to_string(), object.clone()));
            // Stripe's own state wins over a simulated event's once evidence was submitted.
            if known.1["evidence_details"]["submission_count"].as_i64().unwrap_or(0) == 0 {
                let evidence = known.1["evidence"].clone();
                known.1 = object.clone();
                if !evidence.is_null() {
                    known.1["evidence"] = evidence;
                }
            }
        }
        json!({
            "id": id("evt"), "object": "event", "api_version": portico::payments::STRIPE_API_VERSION,
            "created": self.clock.now().timestamp(), "livemode": false, "account": account, "type": kind,
            "pending_webhooks": 1, "data": { "object": object },
        })
    }

    /// Signs and delivers an event to the gateway's webhook, as Stripe does; answers the status.
    pub async fn deliver(&self, event: &Value) -> Option<u16> {
        let body = event.to_string();
        let header = portico::payments::signature::header(&self.webhook_secret, self.clock.now().timestamp(), body.as_bytes());
        let sent = self
            .http
            .post(&self.webhook_url)
            .header("content-type", "application/json; charset=utf-8")
            .header("user-agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
            .header("stripe-signature", header)
            .body(body)
            .send()
            .await;
        match sent {
            Ok(response) => Some(response.status().as_u16()),
            Err(e) => {
                tracing::warn!(error = %e, "the Stripe stand-in could not deliver an event");
                None
            }
        }
    }

    async fn emit(&self, events: Vec<Value>) {
        {
            let mut books = self.books();
            books.events.extend(events.iter().cloned());
        }
        for event in &events {
            self.deliver(event).await;
        }
    }

    fn record(&self, method: &str, path: &str, headers: &HeaderMap, form: &[(String, String)]) {
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        self.books().requests.push(Recorded {
            method: method.into(),
            path: path.into(),
            account: header("stripe-account"),
            idempotency_key: header("idempotency-key"),
            version: header("stripe-version"),
            form: form.to_vec(),
        });
    }

    /// Replays a remembered key, refuses it with other parameters, or runs `create` and remembers it.
    fn idempotent(
        &self,
        account: &str,
        key: Option<&str>,
        form: &[(String, String)],
        create: impl FnOnce(&mut Books) -> (StatusCode, Value),
    ) -> (StatusCode, Value) {
        let mut books = self.books();
        if let Some(key) = key
            && let Some((seen, status, answer)) = books.keys.get(&(account.to_string(), key.to_string()))
        {
            return if seen == form {
                (*status, answer.clone())
            } else {
                error(
                    StatusCode::BAD_REQUEST,
                    "idempotency_error",
                    "",
                    "Keys for idempotent requests can only be used with the same parameters they were first used with.",
                )
            };
        }
        let (status, answer) = create(&mut books);
        if let Some(key) = key {
            books.keys.insert((account.to_string(), key.to_string()), (form.to_vec(), status, answer.clone()));
        }
        (status, answer)
    }

    fn create_intent(&self, account: &str, key: Option<&str>, form: &[(String, String)]) -> (StatusCode, Value) {
        let fields = form_map(form);
        if let Some((unknown, _)) = form.iter().find(|(k, _)| !INTENT_PARAMS.contains(&k.as_str()) && !k.starts_with("metadata[")) {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "parameter_unknown",
                &format!("Received unknown parameter: {unknown}"),
            );
        }
        let amount = fields.get("amount").and_then(|a| a.parse::<i64>().ok()).filter(|a| *a >= 50);
        let (Some(amount), Some(currency)) = (amount, fields.get("currency")) else {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "parameter_invalid_integer",
                "Amount must be at least 50 cents.",
            );
        };
        let currency = currency.to_string();
        let meta = metadata(form);
        let suffix = fields.get("statement_descriptor_suffix").map(|s| s.to_string());
        let description = fields.get("description").map(|s| s.to_string());
        let off_session = fields.get("off_session") == Some(&"true") && fields.get("confirm") == Some(&"true");
        if fields.get("confirm") == Some(&"true") && fields.get("automatic_payment_methods[enabled]") == Some(&"true") {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "parameter_missing",
                "A return_url is required to confirm with automatic payment methods that may redirect.",
            );
        }
        let saved = (fields.get("customer").map(|c| c.to_string()), fields.get("payment_method").map(|p| p.to_string()));
        self.idempotent(account, key, form, |books| {
            let pi = id("pi");
            let object = json!({
                "id": pi, "object": "payment_intent", "amount": amount, "amount_received": 0, "currency": currency,
                "status": "requires_payment_method", "client_secret": format!("{pi}_secret_{}", portico::crypto::random_token(12).replace(['-', '_'], "x")),
                "description": description, "metadata": meta, "statement_descriptor_suffix": suffix, "livemode": false,
                "receipt_email": null, "latest_charge": null, "last_payment_error": null,
            });
            if !off_session {
                books.intents.insert(pi, Intent { account: account.to_string(), object: object.clone(), payment_method: None, refunded: 0 });
                return (StatusCode::OK, object);
            }
            // A saved card charged without the customer: it must be this customer's, on this account.
            let (Some(customer), Some(method)) = saved.clone() else {
                return error(StatusCode::BAD_REQUEST, "invalid_request_error", "parameter_missing", "Off-session payments name a customer and a payment method.");
            };
            if books.customers.get(&customer).map(String::as_str) != Some(account) {
                return error(StatusCode::BAD_REQUEST, "invalid_request_error", "resource_missing", "No such customer.");
            }
            let mut object = object;
            object["customer"] = json!(customer);
            object["payment_method"] = json!(method);
            let declined = match method.as_str() {
                "pm_card_chargeDeclined" => Some("card_declined"),
                "pm_card_authenticationRequired" => Some("authentication_required"),
                _ => None,
            };
            match declined {
                Some(code) => {
                    object["last_payment_error"] = json!({ "type": "card_error", "code": code, "decline_code": code });
                    books.intents.insert(pi, Intent { account: account.to_string(), object: object.clone(), payment_method: Some(method), refunded: 0 });
                    books.pending.push(("payment_intent.payment_failed".into(), account.to_string(), object.clone()));
                    // Stripe says `authentication_required` as the decline code of a card_declined.
                    let (code, decline) = if code == "authentication_required" { ("card_declined", code) } else { (code, "generic_decline") };
                    let body = json!({ "error": { "type": "card_error", "code": code, "decline_code": decline, "message": "The card was declined.", "payment_intent": object } });
                    (StatusCode::PAYMENT_REQUIRED, body)
                }
                None => {
                    object["status"] = json!("succeeded");
                    object["amount_received"] = object["amount"].clone();
                    object["latest_charge"] = json!(id("ch"));
                    books.intents.insert(pi, Intent { account: account.to_string(), object: object.clone(), payment_method: Some(method), refunded: 0 });
                    books.pending.push(("payment_intent.succeeded".into(), account.to_string(), object.clone()));
                    (StatusCode::OK, object)
                }
            }
        })
    }

    /// Events made inside a request, to send once it is answered.
    fn take_pending(&self) -> Vec<Value> {
        let pending: Vec<(String, String, Value)> = std::mem::take(&mut self.books().pending);
        pending.into_iter().map(|(kind, account, object)| self.event(&kind, &account, object)).collect()
    }

    fn create_customer(&self, account: &str, key: Option<&str>, form: &[(String, String)]) -> (StatusCode, Value) {
        if let Some((unknown, _)) = form.iter().find(|(k, _)| !k.starts_with("metadata[")) {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "parameter_unknown",
                &format!("Received unknown parameter: {unknown}"),
            );
        }
        let meta = metadata(form);
        self.idempotent(account, key, form, |books| {
            let cus = id("cus");
            books.customers.insert(cus.clone(), account.to_string());
            (StatusCode::OK, json!({ "id": cus, "object": "customer", "metadata": meta, "email": null, "name": null }))
        })
    }

    fn create_setup(&self, account: &str, key: Option<&str>, form: &[(String, String)]) -> (StatusCode, Value) {
        if let Some((unknown, _)) = form.iter().find(|(k, _)| !SETUP_PARAMS.contains(&k.as_str()) && !k.starts_with("metadata[")) {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "parameter_unknown",
                &format!("Received unknown parameter: {unknown}"),
            );
        }
        let fields = form_map(form);
        let customer = fields.get("customer").map(|c| c.to_string()).unwrap_or_default();
        let meta = metadata(form);
        self.idempotent(account, key, form, |books| {
            if books.customers.get(&customer).map(String::as_str) != Some(account) {
                return error(StatusCode::BAD_REQUEST, "invalid_request_error", "resource_missing", "No such customer.");
            }
            let seti = id("seti");
            let object = json!({
                "id": seti, "object": "setup_intent", "status": "requires_payment_method", "customer": customer, "usage": "off_session",
                "client_secret": format!("{seti}_secret_{}", portico::crypto::random_token(12).replace(['-', '_'], "x")),
                "payment_method": null, "metadata": meta,
            });
            books.setups.insert(seti, (account.to_string(), object.clone()));
            (StatusCode::OK, object)
        })
    }

    /// The browser saves a card (Stripe.js `confirmSetup` with the publishable key and the secret).
    /// `pm_usBankAccount` stays processing (a bank account being verified); anything else succeeds.
    pub fn confirm_setup(&self, setup: &str, client_secret: &str, payment_method: &str) -> (StatusCode, Value) {
        let mut books = self.books();
        let Some((_, object)) = books.setups.get_mut(setup).filter(|(_, o)| o["client_secret"].as_str() == Some(client_secret)) else {
            return error(StatusCode::NOT_FOUND, "invalid_request_error", "resource_missing", "No such setup_intent.");
        };
        if object["status"] != json!("requires_payment_method") {
            return error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "setup_intent_unexpected_state",
                "This SetupIntent cannot be confirmed now.",
            );
        }
        object["status"] = json!(if payment_method == "pm_usBankAccount" { "processing" } else { "succeeded" });
        object["payment_method"] = json!(payment_method);
        (StatusCode::OK, object.clone())
    }

    /// The browser confirms a PaymentIntent (Stripe.js with the publishable key and the client secret).
    /// Stripe's test payment methods decide what happens: `pm_card_visa` succeeds, `pm_card_chargeDeclined`
    /// is declined, `pm_usBankAccount` stays processing, `pm_card_refundFail` succeeds and its refunds fail.
    pub async fn confirm(&self, intent: &str, client_secret: &str, payment_method: &str) -> (StatusCode, Value) {
        let (answer, events) = {
            let mut books = self.books();
            let Some(found) = books.intents.get_mut(intent) else {
                return error(StatusCode::NOT_FOUND, "invalid_request_error", "resource_missing", "No such payment_intent.");
            };
            if found.object["client_secret"].as_str() != Some(client_secret) {
                return error(StatusCode::NOT_FOUND, "invalid_request_error", "resource_missing", "No such payment_intent.");
            }
            let status = found.object["status"].as_str().unwrap_or_default().to_string();
            if status != "requires_payment_method" {
                return error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    "payment_intent_unexpected_state",
                    "This PaymentIntent cannot be confirmed now.",
                );
            }
            let account = found.account.clone();
            found.payment_method = Some(payment_method.to_string());
            let mut events = Vec::new();
            match payment_method {
                "pm_card_chargeDeclined" => {
                    found.object["last_payment_error"] =
                        json!({ "type": "card_error", "code": "card_declined", "decline_code": "generic_decline" });
                    events.push(("payment_intent.payment_failed", found.object.clone()));
                }
                "pm_usBankAccount" => {
                    found.object["status"] = json!("processing");
                    events.push(("payment_intent.processing", found.object.clone()));
                }
                _ => {
                    found.object["status"] = json!("succeeded");
                    found.object["amount_received"] = found.object["amount"].clone();
                    found.object["latest_charge"] = json!(id("ch"));
                    found.object["last_payment_error"] = Value::Null;
                    events.push(("payment_intent.succeeded", found.object.clone()));
                }
            }
            let answer = found.object.clone();
            (answer, events.into_iter().map(|(kind, object)| self.event(kind, &account, object)).collect::<Vec<_>>())
        };
        self.emit(events).await;
        (StatusCode::OK, answer)
    }

    /// Cancels a PaymentIntent that is not paid yet; refused once it succeeded.
    fn cancel_intent(&self, account: &str, pi: &str) -> (StatusCode, Value, Vec<Value>) {
        let mut books = self.books();
        let Some(intent) = books.intents.get_mut(pi).filter(|i| i.account == account) else {
            let (s, v) = error(StatusCode::NOT_FOUND, "invalid_request_error", "resource_missing", "No such payment_intent.");
            return (s, v, Vec::new());
        };
        let status = intent.object["status"].as_str().unwrap_or_default().to_string();
        if !matches!(status.as_str(), "requires_payment_method" | "requires_confirmation" | "requires_action") {
            let (s, v) = error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "payment_intent_unexpected_state",
                &format!("You cannot cancel this PaymentIntent because it has a status of {status}."),
            );
            return (s, v, Vec::new());
        }
        intent.object["status"] = json!("canceled");
        intent.object["cancellation_reason"] = json!("abandoned");
        let object = intent.object.clone();
        drop(books);
        let event = self.event("payment_intent.canceled", account, object.clone());
        (StatusCode::OK, object, vec![event])
    }

    fn create_refund(&self, account: &str, key: Option<&str>, form: &[(String, String)]) -> (StatusCode, Value, Vec<Value>) {
        let fields = form_map(form);
        if let Some((unknown, _)) = form.iter().find(|(k, _)| !REFUND_PARAMS.contains(&k.as_str()) && !k.starts_with("metadata[")) {
            let (s, v) = error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "parameter_unknown",
                &format!("Received unknown parameter: {unknown}"),
            );
            return (s, v, Vec::new());
        }
        let pi = fields.get("payment_intent").map(|s| s.to_string()).unwrap_or_default();
        let amount = fields.get("amount").and_then(|a| a.parse::<i64>().ok());
        let meta = metadata(form);
        let mut events = Vec::new();
        let (status, answer) = self.idempotent(account, key, form, |books| {
            let Some(intent) = books.intents.get_mut(&pi).filter(|i| i.account == account) else {
                return error(StatusCode::NOT_FOUND, "invalid_request_error", "resource_missing", "No such payment_intent.");
            };
            if intent.object["status"] != json!("succeeded") {
                return error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    "charge_not_refundable",
                    "This PaymentIntent has not succeeded.",
                );
            }
            let paid = intent.object["amount"].as_i64().unwrap_or(0);
            let amount = amount.unwrap_or(paid - intent.refunded);
            if amount <= 0 || amount > paid - intent.refunded {
                return error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    "amount_too_large",
                    "Refund amount is greater than unrefunded amount on charge.",
                );
            }
            intent.refunded += amount;
            let fails = intent.payment_method.as_deref() == Some("pm_card_refundFail");
            let re = id("re");
            let refund = json!({
                "id": re, "object": "refund", "amount": amount, "currency": intent.object["currency"], "payment_intent": pi,
                "charge": intent.object["latest_charge"], "status": if fails { "pending" } else { "succeeded" }, "metadata": meta,
            });
            let charge = json!({
                "id": intent.object["latest_charge"], "object": "charge", "amount": paid, "amount_refunded": intent.refunded,
                "payment_intent": pi, "refunded": intent.refunded == paid, "refunds": { "object": "list", "data": [refund.clone()] },
            });
            events.push(("refund.created", refund.clone()));
            events.push(("charge.refunded", charge));
            if fails {
                intent.refunded -= amount;
                let mut failed = refund.clone();
                failed["status"] = json!("failed");
                failed["failure_reason"] = json!("expired_or_canceled_card");
                events.push(("refund.updated", failed.clone()));
                events.push(("refund.failed", failed));
            }
            books.refunds.insert(re, (account.to_string(), refund.clone()));
            (StatusCode::OK, refund)
        });
        let events = if status.is_success() {
            events.into_iter().map(|(kind, object)| self.event(kind, account, object)).collect()
        } else {
            Vec::new()
        };
        (status, answer, events)
    }
}

impl StandIn {
    /// Updates a dispute's evidence; with `submit=true` it goes to the card network: the dispute is
    /// under review and can no longer change, and Stripe says so in `charge.dispute.updated`.
    fn update_dispute(&self, account: &str, dp: &str, key: Option<&str>, form: &[(String, String)]) -> (StatusCode, Value, Vec<Value>) {
        if let Some((unknown, _)) = form.iter().find(|(k, _)| {
            let evidence =
                k.strip_prefix("evidence[").and_then(|r| r.strip_suffix(']')).is_some_and(|name| DISPUTE_EVIDENCE.contains(&name));
            !evidence && k != "submit" && !k.starts_with("metadata[")
        }) {
            let (s, v) = error(
                StatusCode::BAD_REQUEST,
                "invalid_request_error",
                "parameter_unknown",
                &format!("Received unknown parameter: {unknown}"),
            );
            return (s, v, Vec::new());
        }
        let submit = form_map(form).get("submit") == Some(&"true");
        let now = self.clock.now().timestamp();
        let mut updated = None;
        let (status, answer) = self.idempotent(account, key, form, |books| {
            let Some((_, dispute)) = books.disputes.get_mut(dp).filter(|(a, _)| a == account) else {
                return error(StatusCode::NOT_FOUND, "invalid_request_error", "resource_missing", "No such dispute.");
            };
            let status = dispute["status"].as_str().unwrap_or_default().to_string();
            let submitted = dispute["evidence_details"]["submission_count"].as_i64().unwrap_or(0);
            if !status.ends_with("needs_response") || submitted > 0 {
                return error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request_error",
                    "",
                    "This dispute is already closed or its evidence was submitted; it cannot be updated.",
                );
            }
            let due = dispute["evidence_details"]["due_by"].as_i64();
            if due.is_some_and(|due| now >= due) {
                return error(StatusCode::BAD_REQUEST, "invalid_request_error", "", "The evidence due date has passed.");
            }
            for (k, v) in form {
                if let Some(name) = k.strip_prefix("evidence[").and_then(|r| r.strip_suffix(']')) {
                    dispute["evidence"][name] = json!(v);
                }
            }
            if submit {
                dispute["status"] = json!(if status.starts_with("warning_") { "warning_under_review" } else { "under_review" });
                dispute["evidence_details"]["submission_count"] = json!(1);
                dispute["evidence_details"]["has_evidence"] = json!(true);
                updated = Some(dispute.clone());
            }
            (StatusCode::OK, dispute.clone())
        });
        let events = updated.map(|d| vec![self.event("charge.dispute.updated", account, d)]).unwrap_or_default();
        (status, answer, events)
    }
}

/// The evidence fields Stripe takes as text (files, such as receipts, are not offered).
const DISPUTE_EVIDENCE: &[&str] = &[
    "access_activity_log",
    "billing_address",
    "cancellation_policy_disclosure",
    "cancellation_rebuttal",
    "customer_email_address",
    "customer_name",
    "customer_purchase_ip",
    "duplicate_charge_explanation",
    "product_description",
    "refund_policy_disclosure",
    "refund_refusal_explanation",
    "service_date",
    "uncategorized_text",
];

fn authorized(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {SECRET_KEY}"))
}

fn answer(status: StatusCode, body: Value) -> Response {
    (status, Json(body)).into_response()
}

fn refused(headers: &HeaderMap) -> Option<Response> {
    if !authorized(headers) {
        let (s, v) = error(StatusCode::UNAUTHORIZED, "invalid_request_error", "", "Invalid API Key provided.");
        return Some(answer(s, v));
    }
    if headers.get("stripe-account").is_none() {
        let (s, v) =
            error(StatusCode::BAD_REQUEST, "invalid_request_error", "", "Direct charges name the connected account (Stripe-Account).");
        return Some(answer(s, v));
    }
    None
}

/// An object the stand-in has, or Stripe's 404 for one it does not (`what`: `payment_intent`, …).
fn found_or_missing(found: Option<Value>, what: &str) -> Response {
    match found {
        Some(object) => answer(StatusCode::OK, object),
        None => {
            let (status, body) = error(StatusCode::NOT_FOUND, "invalid_request_error", "resource_missing", &format!("No such {what}."));
            answer(status, body)
        }
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

async fn create_intent(State(s): State<Arc<StandIn>>, headers: HeaderMap, body: String) -> Response {
    let form: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap_or_default();
    s.record("POST", "/v1/payment_intents", &headers, &form);
    if let Some(r) = refused(&headers) {
        return r;
    }
    let (status, body) =
        s.create_intent(header(&headers, "stripe-account").unwrap_or_default(), header(&headers, "idempotency-key"), &form);
    let events = s.take_pending();
    s.emit(events).await;
    answer(status, body)
}

async fn create_customer(State(s): State<Arc<StandIn>>, headers: HeaderMap, body: String) -> Response {
    let form: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap_or_default();
    s.record("POST", "/v1/customers", &headers, &form);
    if let Some(r) = refused(&headers) {
        return r;
    }
    let (status, body) =
        s.create_customer(header(&headers, "stripe-account").unwrap_or_default(), header(&headers, "idempotency-key"), &form);
    answer(status, body)
}

async fn create_setup(State(s): State<Arc<StandIn>>, headers: HeaderMap, body: String) -> Response {
    let form: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap_or_default();
    s.record("POST", "/v1/setup_intents", &headers, &form);
    if let Some(r) = refused(&headers) {
        return r;
    }
    let (status, body) = s.create_setup(header(&headers, "stripe-account").unwrap_or_default(), header(&headers, "idempotency-key"), &form);
    answer(status, body)
}

async fn get_setup(State(s): State<Arc<StandIn>>, Path(seti): Path<String>, headers: HeaderMap) -> Response {
    s.record("GET", &format!("/v1/setup_intents/{seti}"), &headers, &[]);
    if let Some(r) = refused(&headers) {
        return r;
    }
    let account = header(&headers, "stripe-account").unwrap_or_default();
    let found = s.books().setups.get(&seti).filter(|(a, _)| a == account).map(|(_, o)| o.clone());
    found_or_missing(found, "setup_intent")
}

async fn get_intent(State(s): State<Arc<StandIn>>, Path(pi): Path<String>, headers: HeaderMap) -> Response {
    s.record("GET", &format!("/v1/payment_intents/{pi}"), &headers, &[]);
    if let Some(r) = refused(&headers) {
        return r;
    }
    let account = header(&headers, "stripe-account").unwrap_or_default();
    let found = s.books().intents.get(&pi).filter(|i| i.account == account).map(|i| i.object.clone());
    found_or_missing(found, "payment_intent")
}

async fn cancel_intent(State(s): State<Arc<StandIn>>, Path(pi): Path<String>, headers: HeaderMap, body: String) -> Response {
    let form: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap_or_default();
    s.record("POST", &format!("/v1/payment_intents/{pi}/cancel"), &headers, &form);
    if let Some(r) = refused(&headers) {
        return r;
    }
    let (status, body, events) = s.cancel_intent(header(&headers, "stripe-account").unwrap_or_default(), &pi);
    s.emit(events).await;
    answer(status, body)
}

async fn create_refund(State(s): State<Arc<StandIn>>, headers: HeaderMap, body: String) -> Response {
    let form: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap_or_default();
    s.record("POST", "/v1/refunds", &headers, &form);
    if let Some(r) = refused(&headers) {
        return r;
    }
    let (status, body, events) =
        s.create_refund(header(&headers, "stripe-account").unwrap_or_default(), header(&headers, "idempotency-key"), &form);
    s.emit(events).await;
    answer(status, body)
}

async fn get_dispute(State(s): State<Arc<StandIn>>, Path(dp): Path<String>, headers: HeaderMap) -> Response {
    s.record("GET", &format!("/v1/disputes/{dp}"), &headers, &[]);
    if let Some(r) = refused(&headers) {
        return r;
    }
    let account = header(&headers, "stripe-account").unwrap_or_default();
    let found = s.books().disputes.get(&dp).filter(|(a, _)| a == account).map(|(_, o)| o.clone());
    found_or_missing(found, "dispute")
}

async fn update_dispute(State(s): State<Arc<StandIn>>, Path(dp): Path<String>, headers: HeaderMap, body: String) -> Response {
    let form: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap_or_default();
    s.record("POST", &format!("/v1/disputes/{dp}"), &headers, &form);
    if let Some(r) = refused(&headers) {
        return r;
    }
    let (status, body, events) =
        s.update_dispute(header(&headers, "stripe-account").unwrap_or_default(), &dp, header(&headers, "idempotency-key"), &form);
    s.emit(events).await;
    answer(status, body)
}

/// Serves the stand-in's API on a loopback port; returns its origin.
pub async fn serve(standin: Arc<StandIn>) -> std::io::Result<String> {
    let app = Router::new()
        .route("/v1/payment_intents", post(create_intent))
        .route("/v1/payment_intents/{id}", get(get_intent))
        .route("/v1/payment_intents/{id}/cancel", post(cancel_intent))
        .route("/v1/refunds", post(create_refund))
        .route("/v1/customers", post(create_customer))
        .route("/v1/setup_intents", post(create_setup))
        .route("/v1/setup_intents/{id}", get(get_setup))
        .route("/v1/disputes/{id}", get(get_dispute).post(update_dispute))
        .with_state(standin);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let origin = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!(error = %e, "the Stripe stand-in stopped");
        }
    });
    Ok(origin)
}

/// Stripe.js for the local gateway: `Stripe(key, { stripeAccount })`, `elements({ clientSecret })`,
/// `create("payment")` and `mount()` (a Payment Element offering Stripe's test cards), and
/// `confirmPayment({ elements, redirect: "if_required" })`, which confirms through the gateway.
pub const STRIPE_JS: &str = r#"(function () {
  "use strict";
  var cards = [
    ["pm_card_visa", "Visa test card 4242 (succeeds)"],
    ["pm_card_chargeDeclined", "Test card 0002 (declined)"],
    ["pm_usBankAccount", "Test bank account (processing)"],
    ["pm_card_refundFail", "Test card (refunds fail)"],
    ["pm_card_authenticationRequired", "Test card (needs you to approve each payment)"]
  ];
  function Element(secret) { this.secret = secret; this.select = null; }
  Element.prototype.mount = function (target) {
    var host = typeof target === "string" ? document.querySelector(target) : target;
    var label = document.createElement("label");
    label.textContent = "Test payment method (local stand-in for Stripe)";
    var select = document.createElement("select");
    select.name = "payment_method";
    select.setAttribute("data-testid", "stripe-standin-method");
    cards.forEach(function (c) { var o = document.createElement("option"); o.value = c[0]; o.textContent = c[1]; select.appendChild(o); });
    label.appendChild(select);
    host.replaceChildren(label);
    this.select = select;
    var self = this;
    setTimeout(function () { (self.handlers.ready || []).forEach(function (f) { f({ elementType: "payment" }); }); }, 0);
  };
  Element.prototype.handlers = {};
  Element.prototype.on = function (name, f) { (this.handlers[name] = this.handlers[name] || []).push(f); return this; };
  Element.prototype.unmount = function () {};
  Element.prototype.destroy = function () {};
  function Elements(options) { this.clientSecret = options.clientSecret; this.element = null; }
  Elements.prototype.create = function () { this.element = new Element(this.clientSecret); this.element.handlers = {}; return this.element; };
  Elements.prototype.submit = function () { return Promise.resolve({}); };
  function Stripe(key, options) {
    if (!(this instanceof Stripe)) { return new Stripe(key, options); }
    this.key = key; this.account = (options || {}).stripeAccount;
  }
  Stripe.prototype.elements = function (options) { return new Elements(options || {}); };
  Stripe.prototype.confirmPayment = function (args) {
    var elements = args.elements, secret = elements.clientSecret;
    var method = elements.element && elements.element.select ? elements.element.select.value : "pm_card_visa";
    return fetch("/_local/stripe/confirm", {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ key: this.key, account: this.account, client_secret: secret, payment_method: method })
    }).then(function (r) { return r.json(); }).then(function (pi) {
      if (pi.error) { return { error: pi.error }; }
      if (pi.last_payment_error) { return { error: { type: "card_error", code: pi.last_payment_error.code, message: "Your card was declined." }, paymentIntent: pi }; }
      return { paymentIntent: pi };
    });
  };
  Stripe.prototype.confirmSetup = function (args) {
    var elements = args.elements, secret = elements.clientSecret;
    var method = elements.element && elements.element.select ? elements.element.select.value : "pm_card_visa";
    return fetch("/_local/stripe/confirm-setup", {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ key: this.key, account: this.account, client_secret: secret, payment_method: method })
    }).then(function (r) { return r.json(); }).then(function (si) {
      if (si.error) { return { error: si.error }; }
      return { setupIntent: si };
    });
  };
  window.Stripe = Stripe;
})();
"#;
