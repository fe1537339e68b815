//! Every function with its `events/` samples, good and bad, on the embedded adapters. HTTP samples are
//! named `<case>.<status>.json`; trigger samples `<case>.<expectation>.json`. Each sample runs against a
//! fresh fixture whose ids and clock match the samples.

use std::path::{Path, PathBuf};

use aws_lambda_events::event::cognito::{
    CognitoEventUserPoolsCreateAuthChallenge, CognitoEventUserPoolsDefineAuthChallenge, CognitoEventUserPoolsPreTokenGenV2,
    CognitoEventUserPoolsVerifyAuthChallenge,
};
use portico::ids::PracticeId;
use portico_identity::triggers::{self, TriggerDeps};
use portico_local::Backend;
use portico_tests::fixture::*;

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
            let fixture = fixture(Backend::Embedded).await;
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
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not an event of this function: {e}", path.display()))
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
        let fixture = fixture(Backend::Embedded).await;
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
        let fixture = fixture(Backend::Embedded).await;
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
        let fixture = fixture(Backend::Embedded).await;
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
        let fixture = fixture(Backend::Embedded).await;
        let deps = NotifyWorkerDeps::from_ports(&fixture.app.ports);
        let event: SqsEvent = load(&path);
        let response = WorkerNotify::handle(&deps, event).await.unwrap();
        match expected.as_str() {
            "handled" => {
                let told = fixture.app.outbox.entries();
                assert!(told.iter().any(|e| e.to.ends_with("@riverside.example")), "worker-notify/{case}: the care team is told by email");
                // It is 07:00 in Ann's zone: her email notice waits for the end of her quiet hours. SQS keeps
                // exactly that message (a partial batch response), with its visibility moved to the morning.
                let kept: Vec<&str> = response.batch_item_failures.iter().map(|f| f.item_identifier.as_str()).collect();
                assert_eq!(kept, ["0d8a2c1e-000"], "worker-notify/{case}: only the deferred patient notice stays");
                let patient_notice =
                    portico::idempotency::Claimed::new(&id(PracticeId::parse(PRACTICE)), "notify", "ev_01JC00000000000000000000E1");
                let decided = portico::idempotency::seen(fixture.app.table.as_ref(), &patient_notice).await.unwrap();
                assert!(!decided, "worker-notify/{case}: a deferred notice is not decided yet");
                assert!(told.iter().all(|e| e.to != "ann@example.com"), "worker-notify/{case}: nothing reaches Ann in her quiet hours");
                assert!(told.iter().all(|e| !e.body.contains("results")), "worker-notify/{case}: no message text leaves the portal");
            }
            "one-failure" => {
                // The unreadable item fails; the readable one is Ann's notice, deferred to her morning as above.
                let kept: Vec<&str> = response.batch_item_failures.iter().map(|f| f.item_identifier.as_str()).collect();
                assert_eq!(kept, ["0d8a2c1e-000", "0d8a2c1e-001"], "worker-notify/{case}: the unreadable item is retried")
            }
            other => panic!("unknown expectation {other}"),
        }
    }
    for (case, expected, path) in samples("worker-ses-events") {
        assert_eq!(expected, "dropped", "worker-ses-events/{case}: only forged samples are kept, and they are dropped");
        let fixture = fixture(Backend::Embedded).await;
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
        let fixture = fixture(Backend::Embedded).await;
        let deps = RelayDeps::from_ports(&fixture.app.ports);
        let batch: serde_json::Value = load(&path);
        assert!(relay::from_stream(&batch).len() <= 1, "relay-events/{case}: one event per sample");
        let out = RelayEvents::handle(&deps, batch).await.unwrap();
        let forwarded = out["forwarded"].as_u64().unwrap() as usize;
        assert_eq!(format!("forwarded-{forwarded}"), expected, "relay-events/{case}");
        assert_eq!(fixture.app.local_queue.as_ref().map(|q| q.pending(NOTIFY_QUEUE)), Some(forwarded), "relay-events/{case}: queued");
    }
    for (case, expected, path) in samples("relay-sweep") {
        let fixture = fixture(Backend::Embedded).await;
        let deps = RelayDeps::from_ports(&fixture.app.ports);
        let scheduled: serde_json::Value = load(&path);
        assert_eq!(scheduled["detail-type"], "Scheduled Event", "relay-sweep/{case}: an EventBridge schedule");
        let out = RelaySweep::handle(&deps, scheduled).await.unwrap();
        let swept = out["forwarded"].as_u64().unwrap() as usize;
        assert_eq!(format!("forwarded-{swept}"), expected, "relay-sweep/{case}");
        assert_eq!(fixture.app.local_queue.as_ref().map(|q| q.pending(NOTIFY_QUEUE)), Some(swept), "relay-sweep/{case}: queued");
    }
    for (case, expected, path) in samples("worker-scheduling") {
        let fixture = fixture(Backend::Embedded).await;
        let deps = portico_scheduling::deps::WorkerDeps::from_ports(&fixture.app.ports);
        let event: SqsEvent = load(&path);
        let response = portico_scheduling::functions::WorkerScheduling::handle(&deps, event).await.unwrap();
        let kept: Vec<&str> = response.batch_item_failures.iter().map(|f| f.item_identifier.as_str()).collect();
        match expected.as_str() {
            "handled" => assert!(kept.is_empty(), "worker-scheduling/{case}: both applied: {kept:?}"),
            "one-failure" => assert_eq!(kept, ["5c7e9a10-001"], "worker-scheduling/{case}: only the unreadable item is retried"),
            other => panic!("unknown expectation {other}"),
        }
        // Ann has no appointment to confirm: her "C" is answered with the portal, once.
        let answer =
            portico::idempotency::Claimed::new(&id(PracticeId::parse(PRACTICE)), "sms-confirm", "SM0000000000000000000000000000c001");
        assert!(
            portico::idempotency::seen(fixture.app.table.as_ref(), &answer).await.unwrap(),
            "worker-scheduling/{case}: the reply applied"
        );
    }
    for (case, expected, path) in samples("worker-billing") {
        let fixture = fixture(Backend::Embedded).await;
        let deps = portico_billing::deps::WorkerDeps::from_ports(&fixture.app.ports);
        let event: SqsEvent = load(&path);
        let response = portico_billing::functions::WorkerBilling::handle(&deps, event).await.unwrap();
        let kept: Vec<&str> = response.batch_item_failures.iter().map(|f| f.item_identifier.as_str()).collect();
        // An event for an account no practice holds is logged and dropped, never retried.
        assert_eq!(expected, "handled", "worker-billing/{case}");
        assert!(kept.is_empty(), "worker-billing/{case}: {kept:?}");
    }
    for (case, expected, path) in samples("worker-billing-autopay") {
        let fixture = fixture(Backend::Embedded).await;
        let deps = portico_billing::deps::AutopayDeps::from_ports(&fixture.app.ports);
        let scheduled: serde_json::Value = load(&path);
        assert_eq!(scheduled["detail-type"], "Scheduled Event", "worker-billing-autopay/{case}: an EventBridge schedule");
        let out = portico_billing::functions::AutopayRun::handle(&deps, scheduled).await.unwrap();
        assert_eq!(format!("charged-{}", out["charged"]), expected, "worker-billing-autopay/{case}");
    }
    for (case, expected, path) in samples("worker-scheduling-sweep") {
        use portico::wiring::Wire as _;
        let fixture = fixture(Backend::Embedded).await;
        let deps = portico_scheduling::deps::SweepDeps::from_ports(&fixture.app.ports);
        let scheduled: serde_json::Value = load(&path);
        assert_eq!(scheduled["detail-type"], "Scheduled Event", "worker-scheduling-sweep/{case}: an EventBridge schedule");
        let out = portico_scheduling::functions::SchedulingSweep::handle(&deps, scheduled).await.unwrap();
        assert_eq!(format!("sent-{}", out["sent"]), expected, "worker-scheduling-sweep/{case}");
    }
}

#[tokio::test]
async fn the_operators_onboarding_answers_its_samples() {
    use portico::wiring::Wire as _;
    use portico_practice::onboarding::{NewPractice, OnboardDeps, OnboardError};
    for (case, expected, path) in samples("operator-practices-create") {
        let fixture = fixture(Backend::Embedded).await;
        let deps = OnboardDeps::from_ports(&fixture.app.ports);
        let actual = match deps.onboard(&load::<NewPractice>(&path), "sample").await {
            Ok(_) => "created",
            Err(OnboardError::Taken(_)) => "taken",
            Err(OnboardError::Invalid(_)) => "invalid",
            Err(e) => panic!("operator-practices-create/{case}: {e}"),
        };
        assert_eq!(actual, expected, "operator-practices-create/{case}");
    }
}
