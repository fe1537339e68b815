//! Every function with its `events/` samples, good and bad, on the embedded adapters. HTTP samples are
//! named `<case>.<status>.json`; trigger samples `<case>.<expectation>.json`. Each sample runs against a
//! fresh fixture whose ids and clock match the samples.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use aws_lambda_events::event::cognito::{
    CognitoEventUserPoolsCreateAuthChallenge, CognitoEventUserPoolsDefineAuthChallenge, CognitoEventUserPoolsPreTokenGenV2,
    CognitoEventUserPoolsVerifyAuthChallenge,
};
use chrono::{DateTime, NaiveDate, Utc};
use portico::clock::{Clock, ManualClock};
use portico::directory::{AccountStatus, Role, StaffMember, practices, staff};
use portico::identity::{AuthStep, IdentityProvider as _};
use portico::ids::{ChallengeId, PatientId, PracticeId, StaffId};
use portico_identity::sign_in::challenges::{self, Challenge, Purpose};
use portico_identity::triggers::{self, TriggerDeps};
use portico_local::{App, Backend, LocalOptions, seed};

const PRACTICE: &str = "pr_01JC00000000000000000000P1";
const OTHER: &str = "pr_01JC00000000000000000000P2";
const ANN: &str = "pt_01JC00000000000000000000A1";
const BEN: &str = "pt_01JC00000000000000000000B1";
const CARA: &str = "pt_01JC00000000000000000000C1";
/// Ann's sign-in challenge with code 123456, bound to a custom-auth exchange.
const CHALLENGE: &str = "ch_01JC00000000000000000000K1";
/// A newer pending challenge of Ann's (a second code was requested since).
const NEWER: &str = "ch_01JC00000000000000000000K2";
/// Ann's thread, with one staff message carrying a ready attachment.
const THREAD: &str = "th_01JC00000000000000000000T1";
const MESSAGE: &str = "ms_01JC00000000000000000000M1";
const READY: &str = "at_01JC00000000000000000000R1";
const PENDING: &str = "at_01JC00000000000000000000Q1";
const LOOSE: &str = "at_01JC00000000000000000000S1";
/// The keys the samples' signatures and tokens were made with.
const HASH_KEY: &str = "fixture-hash-key-fixture-hash-key-fixture-hash-key";
/// The unsubscribe link's token in a notification email Ann received.
const UNSUBSCRIBE_TOKEN: &str = "q7V2rX9kLmN3pB8sT1wY4zA6cD0eF5gH";
const TWILIO_TOKEN: &str = "fixture-twilio-auth-token-0123456789";

fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_262_400, 0).unwrap_or_default()
}

fn id<T>(parsed: Option<T>) -> T {
    parsed.unwrap_or_else(|| panic!("fixture id"))
}

struct Fixture {
    app: App,
    _dir: tempfile::TempDir,
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    for (file, key) in [("hash.key", HASH_KEY), ("twilio-auth-token", TWILIO_TOKEN)] {
        std::fs::write(dir.path().join(file), key).unwrap();
    }
    let clock = Arc::new(ManualClock::new(t0()));
    let options = LocalOptions {
        data_dir: dir.path().to_path_buf(),
        bind: ([127, 0, 0, 1], 0).into(),
        clock: clock as Arc<dyn Clock>,
        backend: Backend::Embedded,
        sign_in_floor: std::time::Duration::ZERO,
        print_outbox: false,
        web_dir: None,
        seed: false,
        auto_pump: false,
        sns_cert_prefixes: Vec::new(),
    };
    let app = portico_local::build(options, 3000).await.unwrap();
    let table = app.table.as_ref();
    let riverside = seed::practice_record(id(PracticeId::parse(PRACTICE)), "riverside", "Riverside Family Practice");
    let lakeside = seed::practice_record(id(PracticeId::parse(OTHER)), "lakeside", "Lakeside Clinic");
    for practice in [&riverside, &lakeside] {
        practices::create(table, practice).await.unwrap();
    }
    let born = NaiveDate::from_ymd_opt(1984, 7, 2).unwrap_or_default();
    for (practice, patient, name, contact) in [
        (&riverside, ANN, ("Ann", "Lee"), ("ann@example.com", "+15555550101")),
        (&riverside, BEN, ("Ben", "Ortiz"), ("ben@example.com", "+15555550102")),
        (&lakeside, CARA, ("Cara", "Diaz"), ("cara@example.com", "+15555550103")),
    ] {
        let record = seed::patient_record(practice, id(PatientId::parse(patient)), name, contact, born, t0()).unwrap();
        seed::enrol(&app, &record).await.unwrap();
    }
    for (staff_id, roles, status) in [
        ("staff-riverside-admin", vec![Role::Admin], AccountStatus::Active),
        ("staff-riverside-desk", vec![Role::FrontDesk], AccountStatus::Active),
        ("staff-riverside-billing", vec![Role::Billing], AccountStatus::Active),
        ("staff-riverside-gone", vec![Role::Clinician], AccountStatus::Disabled),
    ] {
        let member = StaffMember {
            practice_id: riverside.id.clone(),
            staff_id: id(StaffId::parse(staff_id)),
            display_name: staff_id.into(),
            email: format!("{staff_id}@riverside.example"),
            roles,
            status,
            created_at: t0(),
            version: 0,
        };
        staff::provision(table, &member).await.unwrap();
    }
    // Ann asked for a code (123456) and her custom-auth exchange is bound to it...
    let ann = id(PatientId::parse(ANN));
    let sign_in = Purpose::SignIn { channel: portico::domain::Channel::Email };
    let challenge =
        Challenge::with_id(id(ChallengeId::parse(CHALLENGE)), &app.ports.hasher, &riverside.id, Some(&ann), sign_in, "123456", t0());
    challenges::store(table, &challenge).await.unwrap();
    let session = match app.identity.begin_custom_auth(&ann).await {
        Ok(AuthStep::Challenge { session }) => session,
        other => panic!("custom auth did not start: {other:?}"),
    };
    challenges::bind_session(table, &challenge, &session).await.unwrap();
    // ...and has since asked for another one, which is now the pending challenge.
    let by_sms = Purpose::SignIn { channel: portico::domain::Channel::Sms };
    let newer = Challenge::with_id(id(ChallengeId::parse(NEWER)), &app.ports.hasher, &riverside.id, Some(&ann), by_sms, "999999", t0());
    challenges::store(table, &newer).await.unwrap();
    let unsubscribe =
        portico::store::Item::new(portico::keys::unsubscribe(&riverside.id, &app.ports.hasher.digest("unsubscribe", &[UNSUBSCRIBE_TOKEN])))
            .with("patient_id", ANN)
            .with("category", "messages")
            .expiring_at((t0() + chrono::Duration::days(60)).timestamp());
    table.put(unsubscribe, portico::store::Condition::NotExists).await.unwrap();
    messaging(&app, &riverside, &ann, dir.path()).await;
    Fixture { app, _dir: dir }
}

/// Ann's thread, its staff message and her attachments (one sent, one ready but unsent, one never uploaded).
async fn messaging(app: &App, practice: &portico::directory::Practice, ann: &PatientId, data: &Path) {
    use portico::auth::access::Topic;
    use portico::ids::{AttachmentId, MessageId, ThreadId};
    use portico_messaging::attachments::{Attachment, FileType, State};
    use portico_messaging::threads::{Attached, Author, Message, Thread, ThreadStatus, Via};
    let table = app.table.as_ref();
    let admin = id(StaffId::parse("staff-riverside-admin"));
    let thread = Thread {
        practice_id: practice.id.clone(),
        patient_id: ann.clone(),
        thread_id: id(ThreadId::parse(THREAD)),
        topic: Topic::Clinical,
        subject: "Your lab results".into(),
        status: ThreadStatus::Open,
        assignee: None,
        care_team: Vec::new(),
        created_at: t0(),
        last_activity_at: t0(),
        unread_for_patient: 1,
        unread_for_staff: 0,
        message_count: 1,
        shared_activity_at: t0(),
        shared_message_count: 1,
        version: 1,
    };
    let message = Message {
        practice_id: practice.id.clone(),
        patient_id: ann.clone(),
        thread_id: thread.thread_id.clone(),
        message_id: id(MessageId::parse(MESSAGE)),
        author: Author::Staff { staff_id: admin.clone() },
        via: Via::Portal,
        internal: false,
        urgent: false,
        body: "Your results are in; see the attached report.".into(),
        content_hash: "sample".into(),
        attachments: vec![Attached {
            attachment_id: id(AttachmentId::parse(READY)),
            file_name: "report.pdf".into(),
            content_type: "application/pdf".into(),
            size: 20,
        }],
        created_at: t0(),
        read_at: None,
        deleted: None,
        retain_until: t0() + chrono::Duration::days(2557),
    };
    // The staff message's outbox event, still pending: the stream relay missed it, the sweep finds it.
    let event = portico::events::Event {
        event_id: id(portico::ids::EventId::parse("ev_01JC00000000000000000000E1")),
        practice_id: practice.id.clone(),
        patient_id: ann.clone(),
        created_at: t0() - chrono::Duration::minutes(5),
        kind: portico::events::EventKind::PatientNotice {
            category: portico::notify::gate::Category::Messages,
            template: portico::notify::wording::TemplateKind::MessageWaiting,
            urgent: false,
        },
    };
    for item in [thread.item(), message.item(), event.item()] {
        table.put(item.unwrap(), portico::store::Condition::NotExists).await.unwrap();
    }
    // The response task Ann's earlier message raised, open for the staff samples to claim and complete.
    let task = portico::tasks::Task::respond_to_thread(&practice.id, ann, THREAD, Topic::Clinical, MESSAGE, t0());
    table.transact(vec![portico::tasks::ensure_open_write(None, &task).unwrap()]).await.unwrap();
    for (attachment, state, linked) in [(READY, State::Ready, true), (LOOSE, State::Ready, false), (PENDING, State::Pending, false)] {
        let record = Attachment {
            practice_id: practice.id.clone(),
            patient_id: ann.clone(),
            attachment_id: id(AttachmentId::parse(attachment)),
            file_name: "report.pdf".into(),
            file_type: FileType::Pdf,
            declared_size: 20,
            size: (state == State::Ready).then_some(20),
            state,
            reason: None,
            scan: None,
            uploaded_by: Author::Patient,
            created_at: t0(),
            message_id: linked.then(|| MESSAGE.to_string()),
            thread_id: linked.then(|| THREAD.to_string()),
            version: 1,
        };
        if state == State::Ready {
            let path = data.join("blobs").join(portico_messaging::keys::attachment_object(&practice.id, ann, &record.attachment_id));
            std::fs::create_dir_all(path.parent().unwrap_or(data)).unwrap();
            std::fs::write(path, b"%PDF-1.4\n%sample\n").unwrap();
        }
        table.put(record.item().unwrap(), portico::store::Condition::NotExists).await.unwrap();
    }
}

fn events_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../events")
}

fn samples(function: &str) -> Vec<(String, String, PathBuf)> {
    let mut found: Vec<(String, String, PathBuf)> = std::fs::read_dir(events_dir().join(function))
        .unwrap_or_else(|e| panic!("events/{function}: {e}"))
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            let stem = path.file_stem()?.to_str()?.to_string();
            let (case, expectation) = stem.rsplit_once('.')?;
            Some((case.to_string(), expectation.to_string(), path))
        })
        .collect();
    found.sort();
    assert!(!found.is_empty(), "events/{function} has samples named <case>.<expectation>.json");
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_http_function_answers_its_samples() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for route in portico_local::declared_routes() {
        for (case, expected, path) in samples(route.function) {
            let fixture = fixture().await;
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let request =
                lambda_http::request::from_str(&text).unwrap_or_else(|e| panic!("{}: not an API Gateway event: {e}", path.display()));
            let handler = fixture
                .app
                .routes
                .iter()
                .find(|(r, _)| r.function == route.function)
                .map(|(_, h)| h.clone())
                .unwrap_or_else(|| panic!("{} is mounted", route.function));
            let response = handler(request).await;
            let status = response.status().as_u16().to_string();
            let headers = response.headers();
            let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
            if status != expected {
                let body = match response.body() {
                    lambda_http::Body::Text(t) => t.clone(),
                    _ => String::new(),
                };
                failures.push(format!("{}/{case}: expected {expected}, got {status}: {body}", route.function));
                continue;
            }
            if !headers.contains_key("strict-transport-security") || headers.get("x-content-type-options").is_none() {
                failures.push(format!("{}/{case}: security headers missing", route.function));
            }
            if expected.starts_with('4') && content_type != "application/problem+json" {
                failures.push(format!("{}/{case}: errors are problem documents, got {content_type}", route.function));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{} sample(s) failed:\n{}", failures.len(), failures.join("\n"));
    assert!(checked >= 100, "all samples ran ({checked})");
}

fn load<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not a Cognito event of this trigger: {e}", path.display()))
}

fn deps(fixture: &Fixture) -> TriggerDeps {
    TriggerDeps { table: fixture.app.table.clone(), hasher: fixture.app.ports.hasher.clone(), clock: fixture.app.clock.clone() }
}

#[tokio::test]
async fn the_define_challenge_trigger_answers_its_samples() {
    for (case, expected, path) in samples("cognito-define-challenge") {
        let out = triggers::define(load::<CognitoEventUserPoolsDefineAuthChallenge>(&path)).response;
        let actual = match (out.issue_tokens, out.fail_authentication, out.challenge_name.as_deref()) {
            (true, false, None) => "tokens",
            (false, true, None) => "fail",
            (false, false, Some("CUSTOM_CHALLENGE")) => "challenge",
            _ => "inconsistent",
        };
        assert_eq!(actual, expected, "cognito-define-challenge/{case}");
    }
}

#[tokio::test]
async fn the_create_challenge_trigger_answers_its_samples() {
    for (case, expected, path) in samples("cognito-create-challenge") {
        let fixture = fixture().await;
        let out = triggers::create(&deps(&fixture), load::<CognitoEventUserPoolsCreateAuthChallenge>(&path))
            .await
            .unwrap_or_else(|e| panic!("{case}: {e}"));
        let bound = out.response.private_challenge_parameters.get("challenge_id").cloned().unwrap_or_default();
        let wanted = match expected.as_str() {
            "pending" => NEWER,
            "previous" => CHALLENGE,
            other => panic!("unknown expectation {other}"),
        };
        assert_eq!(bound, wanted, "cognito-create-challenge/{case} binds the {expected} challenge");
        assert!(!out.response.public_challenge_parameters.values().any(|v| v.contains("ch_")), "nothing secret is public");
    }
}

#[tokio::test]
async fn the_verify_challenge_trigger_answers_its_samples() {
    for (case, expected, path) in samples("cognito-verify-challenge") {
        let fixture = fixture().await;
        let out = triggers::verify(&deps(&fixture), load::<CognitoEventUserPoolsVerifyAuthChallenge>(&path))
            .await
            .unwrap_or_else(|e| panic!("{case}: {e}"));
        assert_eq!(out.response.answer_correct, expected == "correct", "cognito-verify-challenge/{case}");
    }
}

#[tokio::test]
async fn the_pre_token_triggers_answer_their_samples() {
    for (case, expected, path) in samples("cognito-pre-token") {
        let out = triggers::pre_token_patient(load::<CognitoEventUserPoolsPreTokenGenV2>(&path));
        match expected.as_str() {
            "claims" => {
                let details = out.unwrap_or_else(|e| panic!("{case}: {e}")).response.claims_and_scope_override_details.unwrap_or_default();
                let access = details.access_token_generation.unwrap_or_default();
                assert_eq!(access.claims_to_add_or_override.get("practice_id").and_then(|v| v.as_str()), Some(PRACTICE));
                assert_eq!(access.claims_to_add_or_override.get("patient_id").and_then(|v| v.as_str()), Some(ANN));
                assert!(
                    access.scopes_to_suppress.iter().any(|s| s == triggers::SELF_SERVICE_SCOPE),
                    "patients cannot call Cognito themselves"
                );
            }
            _ => assert!(out.is_err(), "cognito-pre-token/{case} is refused"),
        }
    }
    for (case, expected, path) in samples("cognito-staff-pre-token") {
        let fixture = fixture().await;
        let out = triggers::pre_token_staff(&deps(&fixture), load::<CognitoEventUserPoolsPreTokenGenV2>(&path)).await;
        match expected.as_str() {
            "claims" => {
                let details = out.unwrap_or_else(|e| panic!("{case}: {e}")).response.claims_and_scope_override_details.unwrap_or_default();
                let access = details.access_token_generation.unwrap_or_default();
                assert_eq!(access.claims_to_add_or_override.get("practice_id").and_then(|v| v.as_str()), Some(PRACTICE));
                assert!(
                    access.scopes_to_suppress.iter().any(|s| s == triggers::SELF_SERVICE_SCOPE),
                    "staff cannot call Cognito themselves either"
                );
            }
            _ => assert!(out.is_err(), "cognito-staff-pre-token/{case}: a disabled staff member gets no tokens"),
        }
    }
}

#[tokio::test]
async fn the_workers_and_the_relay_answer_their_samples() {
    use aws_lambda_events::event::sqs::SqsEvent;
    use portico::events::{NOTIFY_QUEUE, relay};
    use portico::lambda::Function as _;
    use portico::wiring::Wire as _;
    use portico_platform::deps::{NotifyWorkerDeps, RelayDeps};
    use portico_platform::functions::{RelayEvents, RelaySweep, WorkerNotify, WorkerSesEvents};
    use portico_platform::ses_events::SesEventDeps;
    for (case, expected, path) in samples("worker-notify") {
        let fixture = fixture().await;
        let deps = NotifyWorkerDeps::from_ports(&fixture.app.ports);
        let event: SqsEvent = load(&path);
        let response = WorkerNotify::handle(&deps, event).await.unwrap();
        match expected.as_str() {
            "handled" => {
                assert!(response.batch_item_failures.is_empty(), "worker-notify/{case}: {:?}", response.batch_item_failures);
                let told = fixture.app.outbox.entries();
                assert!(told.iter().any(|e| e.to.ends_with("@riverside.example")), "worker-notify/{case}: the care team is told by email");
                // Ann has given no consent to texts or email in this fixture: the gate decides, and records why.
                let patient_notice =
                    portico::idempotency::Claimed::new(&id(PracticeId::parse(PRACTICE)), "notify", "ev_01JC00000000000000000000E1");
                let decided = portico::idempotency::seen(fixture.app.table.as_ref(), &patient_notice).await.unwrap();
                assert!(decided, "worker-notify/{case}: the patient notice is decided");
                assert!(told.iter().all(|e| !e.body.contains("results")), "worker-notify/{case}: no message text leaves the portal");
            }
            "one-failure" => assert_eq!(response.batch_item_failures.len(), 1, "worker-notify/{case}: only the unreadable item is retried"),
            other => panic!("unknown expectation {other}"),
        }
    }
    for (case, expected, path) in samples("worker-ses-events") {
        assert_eq!(expected, "dropped", "worker-ses-events/{case}: only forged samples are kept, and they are dropped");
        let fixture = fixture().await;
        let deps = SesEventDeps::from_ports(&fixture.app.ports);
        let event: SqsEvent = load(&path);
        let response = WorkerSesEvents::handle(&deps, event).await.unwrap();
        assert!(response.batch_item_failures.is_empty(), "worker-ses-events/{case}: a forged message is dropped, not retried");
        let page = fixture
            .app
            .table
            .query(portico::store::Query::partition(portico::store::Index::Table, format!("PR#{PRACTICE}")).begins_with("SUPPRESS#"))
            .await
            .unwrap();
        assert!(page.items.is_empty(), "worker-ses-events/{case}: an unverified message suppresses nothing");
    }
    for (case, expected, path) in samples("relay-events") {
        let fixture = fixture().await;
        let deps = RelayDeps::from_ports(&fixture.app.ports);
        let batch: serde_json::Value = load(&path);
        assert!(relay::from_stream(&batch).len() <= 1, "relay-events/{case}: one event per sample");
        let out = RelayEvents::handle(&deps, batch).await.unwrap();
        let forwarded = out["forwarded"].as_u64().unwrap() as usize;
        assert_eq!(format!("forwarded-{forwarded}"), expected, "relay-events/{case}");
        assert_eq!(fixture.app.local_queue.as_ref().map(|q| q.pending(NOTIFY_QUEUE)), Some(forwarded), "relay-events/{case}: queued");
    }
    for (case, expected, path) in samples("relay-sweep") {
        let fixture = fixture().await;
        let deps = RelayDeps::from_ports(&fixture.app.ports);
        let scheduled: serde_json::Value = load(&path);
        assert_eq!(scheduled["detail-type"], "Scheduled Event", "relay-sweep/{case}: an EventBridge schedule");
        let out = RelaySweep::handle(&deps, scheduled).await.unwrap();
        let swept = out["forwarded"].as_u64().unwrap() as usize;
        assert_eq!(format!("forwarded-{swept}"), expected, "relay-sweep/{case}");
        assert_eq!(fixture.app.local_queue.as_ref().map(|q| q.pending(NOTIFY_QUEUE)), Some(swept), "relay-sweep/{case}: queued");
    }
}
