//! `spawn_app()`: a gateway per test, on its own data directory and port, with a clock the test moves.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use portico::clock::{Clock, ManualClock};
use portico::directory::{Patient, Practice};
use portico_local::{Backend, Gateway, LocalOptions};
use reqwest::{Method, RequestBuilder, Response};
use serde_json::{Value, json};

pub struct TestApp {
    pub gateway: Gateway,
    /// The table's name when the gateway runs on the emulator (its bucket is `<name>-uploads`).
    pub emulator_table: Option<String>,
    pub clock: Arc<ManualClock>,
    pub http: reqwest::Client,
    _dir: tempfile::TempDir,
}

/// With `PORTICO_RECORD_REQUESTS=<dir>`, each gateway leaves its per-route data-request counts there
/// for the bench.
impl Drop for TestApp {
    fn drop(&mut self) {
        let Ok(dir) = std::env::var("PORTICO_RECORD_REQUESTS") else { return };
        let _ = std::fs::create_dir_all(&dir);
        let snapshot = serde_json::to_string(&self.gateway.app.stats.snapshot()).unwrap_or_default();
        let file = std::path::Path::new(&dir).join(format!("{}.json", portico::crypto::random_token(9)));
        let _ = std::fs::write(file, snapshot);
    }
}

/// A patient's signed-in session as the portal holds it.
#[derive(Debug, Clone)]
pub struct Session {
    pub access: String,
    pub refresh: String,
    pub patient_id: String,
}

pub struct Spawn {
    pub backend: Backend,
    pub sign_in_floor: Duration,
    pub start: DateTime<Utc>,
    pub sns_cert_prefixes: Vec<String>,
}

impl Default for Spawn {
    fn default() -> Self {
        Spawn { backend: Backend::Embedded, sign_in_floor: Duration::ZERO, start: daytime(), sns_cert_prefixes: Vec::new() }
    }
}

/// A Wednesday noon in New York (the demo practice's zone): outside quiet hours, so notifications go
/// out at once unless a test moves the clock.
pub fn daytime() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-18T17:00:00Z").map(|t| t.with_timezone(&Utc)).unwrap_or_else(|_| Utc::now())
}

pub async fn spawn_app() -> TestApp {
    spawn_with(Spawn::default()).await
}

/// The same gateway on the AWS adapters against the emulator, with its own table.
pub async fn spawn_on_emulator() -> TestApp {
    let sdk = crate::emulator::sdk_config().await;
    let table_name = crate::emulator::table_name("e2e");
    let mut app =
        spawn_with(Spawn { backend: Backend::Aws { table_name: table_name.clone(), sdk: Box::new(sdk) }, ..Spawn::default() }).await;
    app.emulator_table = Some(table_name);
    app
}

pub async fn spawn_with(spawn: Spawn) -> TestApp {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let clock = Arc::new(ManualClock::new(spawn.start));
    let gateway = portico_local::start(LocalOptions {
        data_dir: dir.path().to_path_buf(),
        bind: ([127, 0, 0, 1], 0).into(),
        clock: clock.clone() as Arc<dyn Clock>,
        backend: spawn.backend,
        sign_in_floor: spawn.sign_in_floor,
        print_outbox: false,
        web_dir: Some(std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("web")),
        seed: true,
        auto_pump: false,
        sns_cert_prefixes: spawn.sns_cert_prefixes.clone(),
    })
    .await
    .unwrap_or_else(|e| panic!("gateway did not start: {e}"));
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap_or_else(|e| panic!("client: {e}"));
    TestApp { gateway, emulator_table: None, clock, http, _dir: dir }
}

impl TestApp {
    pub fn demo(&self) -> &portico_local::seed::Demo {
        self.gateway.demo.as_ref().unwrap_or_else(|| panic!("the test app is seeded"))
    }

    pub fn practice(&self) -> &Practice {
        &self.demo().practice
    }

    pub fn ann(&self) -> &Patient {
        &self.demo().patients[0]
    }

    pub fn ben(&self) -> &Patient {
        &self.demo().patients[1]
    }

    /// `riverside.localhost:<port>`, or another practice's host.
    pub fn host(&self, slug: &str) -> String {
        format!("{slug}.localhost:{}", self.gateway.addr.port())
    }

    /// The demo practice's portal origin, as a browser on it sends `Origin`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.host("riverside"))
    }

    /// The audit events of the demo practice written today (by the test clock), oldest first.
    pub async fn audit_events(&self) -> Vec<Value> {
        let day = portico::clock::Clock::now(self.clock.as_ref()).format("%Y-%m-%d").to_string();
        let partition = portico::keys::audit_day(&self.practice().id, &day);
        let query = portico::store::Query::partition(portico::store::Index::Table, partition);
        let page = self.gateway.app.audit.query(query).await.unwrap();
        page.items.iter().map(|i| Value::Object(i.attrs.clone())).collect()
    }

    /// The actions of [`Self::audit_events`].
    pub async fn audit_actions(&self) -> Vec<String> {
        self.audit_events().await.iter().filter_map(|e| e["action"].as_str().map(str::to_string)).collect()
    }

    /// A request to the demo practice's host.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.request_on("riverside", method, path)
    }

    pub fn request_on(&self, slug: &str, method: Method, path: &str) -> RequestBuilder {
        self.http.request(method, format!("http://{}{path}", self.gateway.addr)).header("host", self.host(slug))
    }

    pub async fn post_json(&self, path: &str, body: Value) -> Response {
        self.request(Method::POST, path).json(&body).send().await.unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.clock.advance(by);
    }

    /// The notify worker's rules on this gateway's adapters, for tests that drive it by hand.
    pub fn notifier(&self) -> portico::notify::notices::Notifier {
        let ports = &self.gateway.app.ports;
        portico::notify::notices::Notifier {
            table: ports.table(),
            clock: ports.clock(),
            tenants: ports.tenants(),
            hasher: ports.hasher.clone(),
            mail: ports.mailer.clone(),
            sms: ports.sms.clone(),
        }
    }

    /// Runs the outbox relay and the workers until nothing is left to do now.
    pub async fn pump(&self) -> usize {
        self.gateway.app.pump().await
    }

    /// Texts sent to a phone number, newest first.
    pub fn texts_to(&self, phone: &str) -> Vec<portico::notify::OutboxEntry> {
        self.gateway.app.outbox.entries().into_iter().filter(|e| e.channel == "sms" && e.to == phone).collect()
    }

    pub fn emails_to(&self, email: &str) -> Vec<portico::notify::OutboxEntry> {
        self.gateway.app.outbox.entries().into_iter().filter(|e| e.channel == "email" && e.to == email).collect()
    }

    /// Calls a route with a bearer token and an optional JSON body.
    pub async fn call(&self, token: &str, method: Method, path: &str, body: Option<Value>) -> Response {
        let mut request = self.request(method, path).bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Calls a route and reads its JSON answer, asserting the status.
    pub async fn call_ok(&self, token: &str, method: Method, path: &str, body: Option<Value>, status: u16) -> Value {
        let response = self.call(token, method.clone(), path, body).await;
        let actual = response.status().as_u16();
        let value: Value = response.json().await.unwrap_or_default();
        assert_eq!(actual, status, "{method} {path}: {value}");
        value
    }

    /// Appointment notices by text only, at any hour, with the patient's consent to texts.
    pub async fn texts_only(&self, session: &Session) {
        let prefs = json!({
            "time_zone": "America/New_York",
            "email": { "appointment_reminders": false, "messages": true, "billing": true, "marketing": false },
            "sms": { "appointment_reminders": true, "messages": true, "billing": true, "marketing": false },
            "quiet_hours": null,
        });
        self.call_ok(&session.access, Method::PUT, "/portal/preferences", Some(prefs), 200).await;
        self.consent(session, "sms_messages").await;
    }

    /// Accepts the current version of a consent document as the patient.
    pub async fn consent(&self, session: &Session, kind: &str) {
        self.call_ok(
            &session.access,
            Method::PUT,
            "/portal/consents",
            Some(json!({ "kind": kind, "version": 1, "decision": "accept" })),
            200,
        )
        .await;
    }

    /// Simulates a text from a phone, signed as Twilio signs it; returns the TwiML answer.
    pub async fn text_from(&self, phone: &str, body: &str) -> Value {
        let response = self.post_json("/_local/twilio/inbound", json!({ "from": phone, "body": body })).await;
        response.json().await.unwrap_or_default()
    }

    /// The newest message sent to `to`.
    pub fn last_message(&self, to: &str) -> portico::notify::OutboxEntry {
        self.gateway.app.outbox.entries().into_iter().find(|e| e.to == to).unwrap_or_else(|| panic!("no message was sent to {to}"))
    }

    pub fn messages_to(&self, to: &str) -> usize {
        self.gateway.app.outbox.entries().iter().filter(|e| e.to == to).count()
    }

    /// The 6-digit code in the newest message to `to`.
    pub fn last_code(&self, to: &str) -> String {
        let body = self.last_message(to).body;
        body.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap_or_else(|| panic!("no code in: {body}")).to_string()
    }

    /// The invitation token in the newest message to `to`.
    pub fn last_invitation_token(&self, to: &str) -> String {
        let body = self.last_message(to).body;
        let start = body.find("#/invite/").unwrap_or_else(|| panic!("no invitation link in: {body}")) + "#/invite/".len();
        body[start..].split(|c: char| c.is_whitespace() || c == ')').next().unwrap_or_default().to_string()
    }

    pub async fn start_code(&self, channel: &str, address: &str) -> Response {
        self.post_json("/auth/otp/start", json!({ "channel": channel, "address": address })).await
    }

    /// Signs a patient in by email code; the next send to the same address is a minute later.
    pub async fn sign_in(&self, email: &str) -> Session {
        let started = self.start_code("email", email).await;
        assert_eq!(started.status(), 202, "starting sign-in for {email}");
        let challenge: Value = started.json().await.unwrap_or_default();
        let code = self.last_code(email);
        let verified = self.post_json("/auth/otp/verify", json!({ "challenge_id": challenge["challenge_id"], "code": code })).await;
        self.advance(chrono::Duration::seconds(61));
        session_from(verified).await
    }

    /// A staff token for a seeded staff member, through the local stand-in for the staff pool's sign-in.
    pub async fn staff_token(&self, email: &str) -> String {
        let response = self.post_json("/_local/staff/sign-in", json!({ "email": email })).await;
        assert_eq!(response.status(), 200, "staff sign-in for {email}");
        let body: Value = response.json().await.unwrap_or_default();
        body["access_token"].as_str().unwrap_or_default().to_string()
    }

    pub async fn admin_token(&self) -> String {
        let email = self.demo().admin_email.clone();
        self.staff_token(&email).await
    }

    /// Adds a second practice (tenant) with one patient and an admin, for isolation tests.
    pub async fn other_practice(&self) -> (Practice, Patient, String) {
        let app = &self.gateway.app;
        let practice = portico_local::seed::practice(app, "lakeside", "Lakeside Clinic").await.unwrap();
        portico_local::seed::staff(app, &practice, "staff-lakeside-admin", "admin@lakeside.example", &["admin"]).await.unwrap();
        let born = chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or_default();
        let patient = portico_local::seed::patient(app, &practice, "Cara", "Diaz", "cara@example.com", "+15555550103", born).await.unwrap();
        let token = self.staff_token("admin@lakeside.example").await;
        (practice, patient, token)
    }
}

/// Reads a sign-in response into a session, asserting it succeeded.
pub async fn session_from(response: Response) -> Session {
    let status = response.status();
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("__Host-portico_refresh="))
        .map(|c| c.split(';').next().unwrap_or_default().to_string())
        .unwrap_or_default();
    let body: Value = response.json().await.unwrap_or_default();
    assert_eq!(status, 200, "sign-in should succeed: {body}");
    Session {
        access: body["access_token"].as_str().unwrap_or_default().to_string(),
        refresh: cookie,
        patient_id: body["patient_id"].as_str().unwrap_or_default().to_string(),
    }
}

/// Asserts a response is a problem document with this status, and returns it.
pub async fn problem(response: Response, status: u16) -> Value {
    let actual = response.status().as_u16();
    let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let body: Value = response.json().await.unwrap_or_default();
    assert_eq!(actual, status, "expected {status}, got {actual}: {body}");
    assert_eq!(content_type, "application/problem+json", "errors are problem documents: {body}");
    body
}
