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
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
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
    let app = portico_local::build(options, 3000).await.unwrap_or_else(|e| panic!("{e}"));
    let table = app.table.as_ref();
    let riverside = seed::practice_record(id(PracticeId::parse(PRACTICE)), "riverside", "Riverside Family Practice");
    let lakeside = seed::practice_record(id(PracticeId::parse(OTHER)), "lakeside", "Lakeside Clinic");
    for practice in [&riverside, &lakeside] {
        practices::create(table, practice).await.unwrap_or_else(|e| panic!("{e}"));
    }
    let born = NaiveDate::from_ymd_opt(1984, 7, 2).unwrap_or_default();
    for (practice, patient, name, contact) in [
        (&riverside, ANN, ("Ann", "Lee"), ("ann@example.com", "+15555550101")),
        (&riverside, BEN, ("Ben", "Ortiz"), ("ben@example.com", "+15555550102")),
        (&lakeside, CARA, ("Cara", "Diaz"), ("cara@example.com", "+15555550103")),
    ] {
        let record =
            seed::patient_record(practice, id(PatientId::parse(patient)), name, contact, born, t0()).unwrap_or_else(|e| panic!("{e}"));
        seed::enrol(&app, &record).await.unwrap_or_else(|e| panic!("{e}"));
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
        staff::provision(table, &member).await.unwrap_or_else(|e| panic!("{e}"));
    }
    // Ann asked for a code (123456) and her custom-auth exchange is bound to it...
    let ann = id(PatientId::parse(ANN));
    let sign_in = Purpose::SignIn { channel: portico::domain::Channel::Email };
    let challenge =
        Challenge::with_id(id(ChallengeId::parse(CHALLENGE)), &app.ports.hasher, &riverside.id, Some(&ann), sign_in, "123456", t0());
    challenges::store(table, &challenge).await.unwrap_or_else(|e| panic!("{e}"));
    let session = match app.identity.begin_custom_auth(&ann).await {
        Ok(AuthStep::Challenge { session }) => session,
        other => panic!("custom auth did not start: {other:?}"),
    };
    challenges::bind_session(table, &challenge, &session).await.unwrap_or_else(|e| panic!("{e}"));
    // ...and has since asked for another one, which is now the pending challenge.
    let by_sms = Purpose::SignIn { channel: portico::domain::Channel::Sms };
    let newer = Challenge::with_id(id(ChallengeId::parse(NEWER)), &app.ports.hasher, &riverside.id, Some(&ann), by_sms, "999999", t0());
    challenges::store(table, &newer).await.unwrap_or_else(|e| panic!("{e}"));
    Fixture { app, _dir: dir }
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
    assert!(checked >= 50, "all samples ran ({checked})");
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
            }
            _ => assert!(out.is_err(), "cognito-staff-pre-token/{case}: a disabled staff member gets no tokens"),
        }
    }
}
