//! The authorization matrix: every route × every kind of caller → the expected status. Other tenants'
//! objects answer exactly like missing ones.

use portico_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

/// A caller: a token (or none) used on a practice's host.
struct Caller {
    name: &'static str,
    token: Option<String>,
    slug: &'static str,
}

struct Case {
    method: Method,
    path: String,
    body: Option<Value>,
    /// Expected status per caller name; callers not listed expect 401.
    expect: Vec<(&'static str, u16)>,
}

async fn send(app: &TestApp, caller: &Caller, case: &Case) -> u16 {
    let mut request = app.request_on(caller.slug, case.method.clone(), &case.path);
    if let Some(token) = &caller.token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = &case.body {
        request = request.json(body);
    }
    request.send().await.map(|r| r.status().as_u16()).unwrap_or(0)
}

/// Every kind of caller, each on the host it would use.
struct Cast {
    callers: Vec<Caller>,
    ann: Session,
    admin: String,
    lakeside_admin: String,
}

async fn cast(app: &TestApp) -> Cast {
    let (_, _, lakeside_admin) = app.other_practice().await;
    let ann = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;
    app.advance(chrono::Duration::seconds(61));
    let cara = {
        let started = app
            .request_on("lakeside", Method::POST, "/auth/otp/start")
            .json(&json!({ "channel": "email", "address": "cara@example.com" }))
            .send()
            .await;
        let body: Value = match started {
            Ok(r) => r.json().await.unwrap_or_default(),
            Err(e) => panic!("{e}"),
        };
        let code = app.last_code("cara@example.com");
        let verified = app
            .request_on("lakeside", Method::POST, "/auth/otp/verify")
            .json(&json!({ "challenge_id": body["challenge_id"], "code": code }))
            .send()
            .await
            .unwrap();
        portico_tests::session_from(verified).await
    };
    let admin = app.admin_token().await;
    let desk = app.staff_token(&app.demo().front_desk_email.clone()).await;
    let clinician = app.staff_token(&app.demo().clinician_email.clone()).await;
    let billing = app.staff_token(&app.demo().billing_email.clone()).await;
    // A staff account whose groups name no role the practice knows: it gets nothing.
    let practice = app.practice().clone();
    portico_local::seed::staff(&app.gateway.app, &practice, "staff-riverside-norole", "norole@riverside.example", &["volunteer"])
        .await
        .unwrap();
    let no_role = app.staff_token("norole@riverside.example").await;
    let callers = vec![
        Caller { name: "own patient", token: Some(ann.access.clone()), slug: "riverside" },
        Caller { name: "other patient", token: Some(ben.access.clone()), slug: "riverside" },
        Caller { name: "other practice's patient", token: Some(cara.access.clone()), slug: "riverside" },
        Caller { name: "other practice's patient at home", token: Some(cara.access.clone()), slug: "lakeside" },
        Caller { name: "staff", token: Some(admin.clone()), slug: "riverside" },
        Caller { name: "front desk", token: Some(desk.clone()), slug: "riverside" },
        Caller { name: "clinician", token: Some(clinician.clone()), slug: "riverside" },
        Caller { name: "billing", token: Some(billing.clone()), slug: "riverside" },
        Caller { name: "no role", token: Some(no_role.clone()), slug: "riverside" },
        Caller { name: "other practice's staff", token: Some(lakeside_admin.clone()), slug: "riverside" },
        Caller { name: "other practice's staff at home", token: Some(lakeside_admin.clone()), slug: "lakeside" },
        Caller { name: "anonymous", token: None, slug: "riverside" },
        Caller { name: "forged", token: Some(format!("{}x", ann.access)), slug: "riverside" },
    ];
    Cast { callers, ann, admin, lakeside_admin }
}

fn patients_ok(ok: u16) -> Vec<(&'static str, u16)> {
    vec![("own patient", ok), ("other patient", ok), ("other practice's patient at home", ok)]
}

/// Only the patient whose object it is; other patients, here or elsewhere, get a 404.
fn owner_only(ok: u16) -> Vec<(&'static str, u16)> {
    vec![("own patient", ok), ("other patient", 404), ("other practice's patient at home", 404)]
}

/// Every role of this practice; staff with no recognised role are refused; another practice's staff see
/// none of this practice's objects.
fn staff_ok(ok: u16, foreign: u16) -> Vec<(&'static str, u16)> {
    vec![
        ("staff", ok),
        ("clinician", ok),
        ("front desk", ok),
        ("billing", ok),
        ("no role", 403),
        ("other practice's staff at home", foreign),
    ]
}

/// Only the roles that read a topic (minimum necessary): the others find nothing there.
fn topic_readers(ok: u16, readers: &[&'static str]) -> Vec<(&'static str, u16)> {
    let mut expect: Vec<(&'static str, u16)> = ["staff", "clinician", "front desk", "billing"]
        .into_iter()
        .map(|role| (role, if role == "staff" || readers.contains(&role) { ok } else { 404 }))
        .collect();
    expect.extend([("no role", 403), ("other practice's staff at home", 404)]);
    expect
}

/// The roles that enrol and invite patients: not billing.
fn enrollers(ok: u16, foreign: u16) -> Vec<(&'static str, u16)> {
    let mut expect = staff_ok(ok, foreign);
    expect.retain(|(name, _)| *name != "billing");
    expect.push(("billing", 403));
    expect
}

/// Administrators and billing staff (minimum necessary: clinicians and the front desk do not see what
/// patients owe or paid).
fn billers(ok: u16, foreign: u16) -> Vec<(&'static str, u16)> {
    vec![
        ("staff", ok),
        ("billing", ok),
        ("clinician", 403),
        ("front desk", 403),
        ("no role", 403),
        ("other practice's staff at home", foreign),
    ]
}

/// Runs every case for every caller and returns the mismatches. In each case the callers expected to
/// succeed go last, so the others see the state unchanged.
async fn mismatches(app: &TestApp, callers: &[Caller], cases: &[Case]) -> Vec<String> {
    let mut failures = Vec::new();
    for case in cases {
        let mut ordered: Vec<&Caller> = callers.iter().collect();
        ordered.sort_by_key(|c| case.expect.iter().any(|(name, status)| *name == c.name && (200..300).contains(status)));
        for caller in ordered {
            let expected = case.expect.iter().find(|(name, _)| *name == caller.name).map(|(_, s)| *s).unwrap_or(401);
            let actual = send(app, caller, case).await;
            if actual != expected {
                failures.push(format!("{} {} as {}: expected {expected}, got {actual}", case.method, case.path, caller.name));
            }
        }
    }
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_every_caller_as_expected() {
    let app = spawn_app().await;
    let Cast { callers, ann, lakeside_admin, .. } = cast(&app).await;
    let ann_id = app.ann().patient_id.to_string();

    // A contact-change challenge of Ann's, for the verify route.
    let pending: Value = app
        .request(Method::PATCH, "/portal/me")
        .bearer_auth(&ann.access)
        .json(&json!({ "phone": "+15555550199" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap_or_default();
    let challenge = pending["verification"]["challenge_id"].as_str().unwrap_or_default().to_string();
    let code = app.last_code("+15555550199");

    let cases = vec![
        Case { method: Method::GET, path: "/portal/me".into(), body: None, expect: patients_ok(200) },
        Case { method: Method::PATCH, path: "/portal/me".into(), body: Some(json!({ "preferred_name": "Sam" })), expect: patients_ok(200) },
        Case { method: Method::GET, path: "/portal/consents".into(), body: None, expect: patients_ok(200) },
        Case {
            method: Method::PUT,
            path: "/portal/consents".into(),
            body: Some(json!({ "kind": "terms_of_use", "version": 1, "decision": "accept" })),
            expect: patients_ok(200),
        },
        Case { method: Method::GET, path: "/portal/preferences".into(), body: None, expect: patients_ok(200) },
        Case {
            method: Method::POST,
            path: "/portal/me/contact/verify".into(),
            body: Some(json!({ "challenge_id": challenge, "code": code })),
            // Only Ann's own challenge: another patient with her code gets nothing.
            expect: vec![("other patient", 401), ("other practice's patient at home", 401), ("own patient", 200)],
        },
        Case { method: Method::GET, path: format!("/staff/patients/{ann_id}"), body: None, expect: staff_ok(200, 404) },
        Case { method: Method::GET, path: "/staff/patients?query=Lee".into(), body: None, expect: staff_ok(200, 200) },
        Case { method: Method::GET, path: "/portal/appointments".into(), body: None, expect: patients_ok(200) },
        Case { method: Method::GET, path: "/portal/availability/services".into(), body: None, expect: patients_ok(200) },
        Case { method: Method::GET, path: "/staff/services".into(), body: None, expect: staff_ok(200, 200) },
        Case {
            method: Method::GET,
            path: "/staff/appointments?from=2026-11-18T00:00:00Z&to=2026-11-19T00:00:00Z".into(),
            body: None,
            // The schedule names patients and visits: not billing.
            expect: vec![
                ("staff", 200),
                ("clinician", 200),
                ("front desk", 200),
                ("billing", 403),
                ("no role", 403),
                ("other practice's staff at home", 200),
            ],
        },
        Case {
            method: Method::POST,
            path: "/staff/services".into(),
            body: Some(json!({ "name": "" })),
            // Administrators only: refused as invalid (400) once authorized.
            expect: vec![
                ("staff", 400),
                ("clinician", 403),
                ("front desk", 403),
                ("billing", 403),
                ("no role", 403),
                ("other practice's staff at home", 400),
            ],
        },
        Case {
            method: Method::POST,
            path: "/staff/appointments/ap_01JC00000000000000000000X1/status".into(),
            body: Some(json!({ "patient_id": ann_id, "status": "arrived" })),
            // Not billing; another practice's staff find nothing.
            expect: vec![
                ("staff", 404),
                ("clinician", 404),
                ("front desk", 404),
                ("billing", 403),
                ("no role", 403),
                ("other practice's staff at home", 404),
            ],
        },
        Case { method: Method::GET, path: "/portal/waitlist".into(), body: None, expect: patients_ok(200) },
        Case {
            method: Method::DELETE,
            path: "/portal/waitlist/wl_01JC00000000000000000000W1".into(),
            body: None,
            expect: patients_ok(404),
        },
        Case {
            method: Method::POST,
            path: "/portal/waitlist/offers/wo_01JC00000000000000000000O1/claim".into(),
            body: None,
            expect: patients_ok(404),
        },
        Case {
            method: Method::POST,
            path: "/portal/appointments/ap_01JC00000000000000000000X1/join".into(),
            body: None,
            expect: patients_ok(404),
        },
        Case {
            method: Method::GET,
            path: "/staff/appointments/waitlist".into(),
            body: None,
            // The waiting lines name patients: not billing.
            expect: vec![
                ("staff", 200),
                ("clinician", 200),
                ("front desk", 200),
                ("billing", 403),
                ("no role", 403),
                ("other practice's staff at home", 200),
            ],
        },
        Case {
            method: Method::POST,
            path: "/staff/appointments/waitlist/wl_01JC00000000000000000000W1/priority".into(),
            body: Some(json!({ "patient_id": ann_id, "priority": "high", "version": 1 })),
            expect: vec![
                ("staff", 404),
                ("clinician", 404),
                ("front desk", 404),
                ("billing", 403),
                ("no role", 403),
                ("other practice's staff at home", 404),
            ],
        },
        Case {
            method: Method::POST,
            path: "/staff/appointments/ap_01JC00000000000000000000X1/join".into(),
            body: Some(json!({ "patient_id": ann_id })),
            // Only clinicians join video visits (and only their own: a missing one is 404).
            expect: vec![
                ("staff", 403),
                ("clinician", 404),
                ("front desk", 403),
                ("billing", 403),
                ("no role", 403),
                ("other practice's staff at home", 403),
            ],
        },
        // Billing: patients see their own; only administrators and billing staff see or move money.
        Case { method: Method::GET, path: "/portal/billing".into(), body: None, expect: patients_ok(200) },
        Case {
            method: Method::GET,
            path: "/portal/billing/payments/pa_01JC00000000000000000000Y1".into(),
            body: None,
            expect: vec![("own patient", 404), ("other patient", 404), ("other practice's patient at home", 404)],
        },
        // Refused for want of an Idempotency-Key once authorized: 400 proves the caller got that far.
        Case {
            method: Method::POST,
            path: "/portal/billing/payments".into(),
            body: Some(json!({ "amount": 100 })),
            expect: patients_ok(400),
        },
        Case { method: Method::POST, path: "/portal/billing/autopay/setup".into(), body: None, expect: patients_ok(400) },
        Case {
            method: Method::PUT,
            path: "/portal/billing/autopay".into(),
            body: Some(json!({ "setup_intent_id": "seti_1", "cap": 100, "consent": false, "consent_version": "autopay-2026-11" })),
            // Refused without consent (422 here; the other practice takes no payments online: 403).
            expect: vec![("own patient", 422), ("other patient", 422), ("other practice's patient at home", 403)],
        },
        Case { method: Method::DELETE, path: "/portal/billing/autopay".into(), body: None, expect: patients_ok(204) },
        Case {
            method: Method::GET,
            path: "/portal/billing/statements/2020-01".into(),
            body: None,
            expect: vec![("own patient", 404), ("other patient", 404), ("other practice's patient at home", 404)],
        },
        Case { method: Method::GET, path: format!("/staff/patients/{ann_id}/ledger"), body: None, expect: billers(200, 404) },
        Case {
            method: Method::POST,
            path: format!("/staff/patients/{ann_id}/ledger/charges"),
            body: Some(json!({ "amount": 100, "description": "Copay" })),
            expect: billers(201, 404),
        },
        Case {
            method: Method::POST,
            path: format!("/staff/patients/{ann_id}/ledger/adjustments"),
            body: Some(
                json!({ "invoice_id": "iv_01JC00000000000000000000J1", "kind": "adjustment", "amount": -100, "description": "Courtesy" }),
            ),
            expect: billers(422, 404),
        },
        Case {
            method: Method::POST,
            path: format!("/staff/patients/{ann_id}/ledger/refunds"),
            body: Some(json!({ "payment_id": "pa_01JC00000000000000000000Y1", "amount": 100, "reason": "overpayment" })),
            expect: billers(400, 400),
        },
        // No such dispute for Ann: 404 once authorized; another practice's staff find no Ann at all.
        Case {
            method: Method::GET,
            path: format!("/staff/patients/{ann_id}/ledger/disputes/dp_1None/evidence"),
            body: None,
            expect: billers(404, 404),
        },
        Case {
            method: Method::POST,
            path: format!("/staff/patients/{ann_id}/ledger/disputes/dp_1None/evidence"),
            body: Some(json!({ "sections": ["attendance"] })),
            expect: billers(404, 404),
        },
        Case { method: Method::GET, path: "/staff/billing/account".into(), body: None, expect: billers(200, 404) },
        Case {
            method: Method::PUT,
            path: "/staff/billing/account".into(),
            body: Some(json!({ "stripe_account": "acct_", "livemode": false, "currency": "USD", "minimum_payment": 100,
                "allow_prepayment": false, "statement_descriptor": "RIVERSIDE FP" })),
            expect: vec![
                ("staff", 400),
                ("clinician", 403),
                ("front desk", 403),
                ("billing", 403),
                ("no role", 403),
                ("other practice's staff at home", 400),
            ],
        },
        Case {
            method: Method::POST,
            path: "/staff/patients".into(),
            body: Some(json!({ "given_name": "Dee", "family_name": "Park", "date_of_birth": "1970-03-04" })),
            // Refused as invalid (no contact) once authorized: 400 proves the caller got past authorization.
            expect: enrollers(400, 400),
        },
        Case { method: Method::POST, path: format!("/staff/patients/{ann_id}/invite"), body: Some(json!({})), expect: enrollers(202, 404) },
        Case {
            method: Method::POST,
            path: format!("/staff/patients/{ann_id}/disable"),
            body: None,
            expect: vec![
                ("staff", 200),
                ("clinician", 403),
                ("front desk", 403),
                ("billing", 403),
                ("no role", 403),
                ("other practice's staff at home", 404),
            ],
        },
    ];
    let failures = mismatches(&app, &callers, &cases).await;
    assert!(failures.is_empty(), "authorization matrix mismatches:\n{}", failures.join("\n"));
    let list: Value = app
        .request_on("lakeside", Method::GET, "/staff/patients?query=Lee")
        .bearer_auth(&lakeside_admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(list["patients"], json!([]), "another practice's search finds none of this practice's patients");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_messaging_route_answers_every_caller_as_expected() {
    use crate::attachments::{PDF, upload};
    let app = spawn_app().await;
    let Cast { callers, ann, admin, lakeside_admin } = cast(&app).await;
    let ann_id = app.ann().patient_id.to_string();
    let opened = app
        .call_ok(
            &admin,
            Method::POST,
            &format!("/staff/patients/{ann_id}/threads"),
            Some(json!({ "topic": "clinical", "subject": "Results", "body": "All normal." })),
            201,
        )
        .await;
    let thread = opened["thread"]["thread_id"].as_str().unwrap_or_default().to_string();
    let message = opened["messages"][0]["message_id"].as_str().unwrap_or_default().to_string();
    let (ready, _) = upload(&app, &ann, "report.pdf", "application/pdf", PDF).await;
    app.call_ok(&ann.access, Method::POST, &format!("/portal/attachments/{ready}/complete"), None, 200).await;
    // Staff see an attachment once it is sent in a message.
    app.call_ok(
        &ann.access,
        Method::POST,
        &format!("/portal/threads/{thread}/messages"),
        Some(json!({ "body": "My report", "attachment_ids": [ready] })),
        201,
    )
    .await;
    let (uploaded, _) = upload(&app, &ann, "scan.pdf", "application/pdf", PDF).await;
    let everyone = |status: u16| callers.iter().map(|c| (c.name, status)).collect::<Vec<_>>();

    let staff_thread = format!("/staff/patients/{ann_id}/threads/{thread}");
    // A scheduling thread too: the front desk handles it; billing does not.
    let scheduling = app
        .call_ok(
            &admin,
            Method::POST,
            &format!("/staff/patients/{ann_id}/threads"),
            Some(json!({ "topic": "scheduling", "subject": "Your visit", "body": "See you Monday." })),
            201,
        )
        .await;
    let front_office_thread = format!("/staff/patients/{ann_id}/threads/{}", scheduling["thread"]["thread_id"].as_str().unwrap());
    let clinical = ["clinician"];
    let front_office = ["clinician", "front desk"];
    let cases = vec![
        Case { method: Method::GET, path: "/portal/threads".into(), body: None, expect: patients_ok(200) },
        Case {
            method: Method::POST,
            path: "/portal/threads".into(),
            body: Some(json!({ "topic": "billing", "subject": "Invoice", "body": "A question" })),
            expect: patients_ok(201),
        },
        Case { method: Method::GET, path: format!("/portal/threads/{thread}"), body: None, expect: owner_only(200) },
        Case {
            method: Method::POST,
            path: format!("/portal/threads/{thread}/messages"),
            body: Some(json!({ "body": "Thanks" })),
            expect: owner_only(201),
        },
        Case { method: Method::POST, path: format!("/portal/threads/{thread}/read"), body: None, expect: owner_only(200) },
        Case {
            method: Method::POST,
            path: "/portal/attachments".into(),
            body: Some(json!({ "file_name": "a.pdf", "content_type": "application/pdf", "size": 10 })),
            expect: patients_ok(201),
        },
        Case { method: Method::POST, path: format!("/portal/attachments/{uploaded}/complete"), body: None, expect: owner_only(200) },
        Case { method: Method::GET, path: format!("/portal/attachments/{ready}"), body: None, expect: owner_only(200) },
        Case { method: Method::GET, path: "/staff/threads".into(), body: None, expect: staff_ok(200, 200) },
        Case {
            method: Method::POST,
            path: format!("/staff/patients/{ann_id}/threads"),
            body: Some(json!({ "topic": "other", "subject": "Hello", "body": "Hi" })),
            // Billing may not open a conversation on a topic it does not handle.
            expect: staff_ok(201, 404).into_iter().map(|(n, s)| if n == "billing" { (n, 403) } else { (n, s) }).collect(),
        },
        Case { method: Method::GET, path: staff_thread.clone(), body: None, expect: topic_readers(200, &clinical) },
        Case { method: Method::GET, path: front_office_thread.clone(), body: None, expect: topic_readers(200, &front_office) },
        Case {
            method: Method::PATCH,
            path: staff_thread.clone(),
            body: Some(json!({ "status": "open" })),
            expect: topic_readers(200, &clinical),
        },
        Case {
            method: Method::PATCH,
            path: front_office_thread.clone(),
            body: Some(json!({ "status": "open" })),
            expect: topic_readers(200, &front_office),
        },
        Case {
            method: Method::POST,
            path: format!("{staff_thread}/messages"),
            body: Some(json!({ "body": "Following up" })),
            expect: topic_readers(201, &clinical),
        },
        Case {
            method: Method::POST,
            path: format!("{front_office_thread}/messages"),
            body: Some(json!({ "body": "Booked" })),
            expect: topic_readers(201, &front_office),
        },
        Case {
            method: Method::POST,
            path: format!("{front_office_thread}/messages"),
            body: Some(json!({ "body": "Patient sounded worried", "internal": true })),
            // Internal notes are the clinical record: the front desk may not write them.
            expect: topic_readers(201, &front_office).into_iter().map(|(n, s)| if n == "front desk" { (n, 403) } else { (n, s) }).collect(),
        },
        Case {
            method: Method::DELETE,
            path: format!("{staff_thread}/messages/{message}"),
            body: None,
            expect: vec![
                ("staff", 200),
                ("clinician", 200),
                ("front desk", 403),
                ("billing", 403),
                ("no role", 403),
                ("other practice's staff at home", 404),
            ],
        },
        Case {
            method: Method::GET,
            path: format!("/staff/patients/{ann_id}/attachments/{ready}"),
            body: None,
            expect: topic_readers(200, &clinical),
        },
        Case { method: Method::GET, path: "/staff/templates".into(), body: None, expect: staff_ok(200, 200) },
        Case {
            method: Method::PUT,
            path: "/staff/templates/help_reply".into(),
            body: Some(json!({ "sms": "Call {practice_phone}" })),
            // Each practice's admin rewords their own practice's template.
            expect: vec![
                ("staff", 200),
                ("clinician", 403),
                ("front desk", 403),
                ("billing", 403),
                ("no role", 403),
                ("other practice's staff at home", 200),
            ],
        },
        Case { method: Method::GET, path: "/staff/tasks".into(), body: None, expect: staff_ok(200, 200) },
        // A token confers nothing on a webhook: only Twilio's signature does.
        Case { method: Method::POST, path: "/webhooks/twilio/inbound".into(), body: Some(json!({})), expect: everyone(403) },
        Case { method: Method::POST, path: "/webhooks/twilio/status".into(), body: Some(json!({})), expect: everyone(403) },
    ];
    let failures = mismatches(&app, &callers, &cases).await;
    assert!(failures.is_empty(), "authorization matrix mismatches:\n{}", failures.join("\n"));
    let foreign: Value = app
        .request_on("lakeside", Method::GET, "/staff/threads")
        .bearer_auth(&lakeside_admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap_or_default();
    assert!(!foreign.to_string().contains(&thread), "another practice's inbox holds none of this practice's threads: {foreign}");
}

#[tokio::test]
async fn other_tenants_objects_answer_exactly_like_missing_ones() {
    let app = spawn_app().await;
    let (_, _, lakeside_admin) = app.other_practice().await;
    let ann_id = app.ann().patient_id.to_string();
    let missing = portico::ids::PatientId::generate(chrono::Utc::now()).to_string();
    let fetch = |id: String| {
        let token = lakeside_admin.clone();
        let app = &app;
        async move {
            let response =
                app.request_on("lakeside", Method::GET, &format!("/staff/patients/{id}")).bearer_auth(token).send().await.unwrap();
            let status = response.status().as_u16();
            let mut headers: Vec<String> = response
                .headers()
                .iter()
                .filter(|(n, _)| *n != "date" && *n != "content-length")
                .map(|(n, v)| format!("{n}: {}", v.to_str().unwrap_or_default()))
                .collect();
            headers.sort();
            let mut body: Value = response.json().await.unwrap_or_default();
            for volatile in ["request_id", "instance"] {
                body.as_object_mut().map(|o| o.remove(volatile));
            }
            (status, headers, body)
        }
    };
    let foreign = fetch(ann_id).await;
    let absent = fetch(missing).await;
    let malformed = fetch("pt_not-an-id".into()).await;
    assert_eq!(foreign.0, 404);
    assert_eq!(foreign, absent, "another practice's patient is indistinguishable from a missing one");
    assert_eq!(foreign, malformed, "a malformed id answers like a missing one");
}

#[tokio::test]
async fn expired_and_logged_out_tokens_are_refused_everywhere() {
    let app = spawn_app().await;
    let kept = app.sign_in("ann@example.com").await;
    let ended = app.sign_in("ann@example.com").await;
    let logout = app
        .request(Method::POST, "/auth/logout")
        .header("cookie", format!("__Host-portico_refresh={}", ended.refresh))
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 204);
    let routes = [
        (Method::GET, "/portal/me"),
        (Method::PATCH, "/portal/me"),
        (Method::GET, "/portal/consents"),
        (Method::PUT, "/portal/consents"),
        (Method::GET, "/portal/preferences"),
        (Method::PUT, "/portal/preferences"),
        (Method::POST, "/portal/me/contact/verify"),
        (Method::GET, "/portal/threads"),
        (Method::POST, "/portal/threads"),
        (Method::POST, "/portal/attachments"),
    ];
    for (method, path) in &routes {
        let status = app
            .request(method.clone(), path)
            .bearer_auth(&ended.access)
            .json(&json!({}))
            .send()
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(0);
        assert_eq!(status, 401, "{method} {path} with a logged-out session's token");
    }
    let still = app.request(Method::GET, "/portal/me").bearer_auth(&kept.access).send().await.map(|r| r.status().as_u16()).unwrap_or(0);
    assert_eq!(still, 200, "logging out one session leaves the other");
    app.advance(chrono::Duration::minutes(11));
    for (method, path) in &routes {
        let status = app
            .request(method.clone(), path)
            .bearer_auth(&kept.access)
            .json(&json!({}))
            .send()
            .await
            .map(|r| r.status().as_u16())
            .unwrap_or(0);
        assert_eq!(status, 401, "{method} {path} with an expired token");
    }
    let staff = app.admin_token().await;
    app.advance(chrono::Duration::minutes(11));
    let status =
        app.request(Method::GET, "/staff/patients?query=Lee").bearer_auth(&staff).send().await.map(|r| r.status().as_u16()).unwrap_or(0);
    assert_eq!(status, 401, "an expired staff token");
}

#[tokio::test]
async fn staff_sessions_idle_out_at_fifteen_minutes_and_patients_at_thirty() {
    use portico::auth::SessionSubject;
    use portico::clock::Clock as _;
    let app = spawn_app().await;
    // Signing in provisions the staff record, as the staff pool's pre-token trigger does in AWS.
    let _ = app.admin_token().await;
    let sessions = &app.gateway.app.ports.edge.sessions;
    let practice = app.practice().id.clone();
    let staff = SessionSubject::Staff(
        practice.clone(),
        portico::ids::StaffId::parse("staff-riverside-admin").unwrap_or_else(|| panic!("staff id")),
    );
    let patient = SessionSubject::Patient(practice, app.ann().patient_id.clone());
    let signed_in = app.clock.now().timestamp();
    for subject in [&staff, &patient] {
        assert!(sessions.admit(subject, "session-a", signed_in, 0).await.is_ok());
    }
    app.advance(chrono::Duration::minutes(14));
    assert!(sessions.admit(&staff, "session-a", signed_in, 0).await.is_ok(), "staff active within fifteen minutes");
    app.advance(chrono::Duration::minutes(16));
    assert!(sessions.admit(&staff, "session-a", signed_in, 0).await.is_err(), "staff idle for sixteen minutes is signed out");
    assert!(sessions.admit(&patient, "session-a", signed_in, 0).await.is_ok(), "a patient idle for thirty minutes is still in");
    app.advance(chrono::Duration::minutes(31));
    assert!(sessions.admit(&patient, "session-a", signed_in, 0).await.is_err(), "a patient idle for thirty-one minutes is signed out");
}

/// Polling and refetches say how long the person has been away; only a person's activity keeps a session
/// alive. Over HTTP, with the header the web apps send on every request, refreshes included.
#[tokio::test]
async fn background_requests_do_not_keep_a_session_alive() {
    let app = spawn_app().await;
    // A fresh access token (they live ten minutes) and one request with it, both saying how long the
    // person has been away.
    let poll = |refresh: String, idle: &'static str| {
        let app = &app;
        async move {
            let renewed = app
                .request(Method::POST, "/auth/refresh")
                .header("cookie", format!("__Host-portico_refresh={refresh}"))
                .header("x-portico-idle", idle)
                .send()
                .await
                .unwrap();
            if renewed.status() != 200 {
                return renewed.status().as_u16();
            }
            let access = renewed.json::<Value>().await.unwrap()["access_token"].as_str().unwrap().to_string();
            let read = app.request(Method::GET, "/portal/threads").bearer_auth(access).header("x-portico-idle", idle).send();
            read.await.map(|r| r.status().as_u16()).unwrap_or(0)
        }
    };
    // Ann stops at minute 0; her page polls every five minutes and says how long she has been gone.
    let ann = app.sign_in("ann@example.com").await;
    for (minute, idle) in [(5, "300"), (10, "600"), (15, "900"), (20, "1200"), (25, "1500")] {
        app.advance(chrono::Duration::minutes(5));
        assert_eq!(poll(ann.refresh.clone(), idle).await, 200, "a poll at minute {minute} is answered");
    }
    app.advance(chrono::Duration::minutes(6));
    assert_eq!(poll(ann.refresh.clone(), "1860").await, 401, "31 minutes after her last click, polling has not kept her signed in");

    // Ben keeps using his page: every request says 0, and he stays signed in past thirty minutes.
    let ben = app.sign_in("ben@example.com").await;
    for _ in 0..7 {
        app.advance(chrono::Duration::minutes(5));
        assert_eq!(poll(ben.refresh.clone(), "0").await, 200, "a person who keeps using the page stays signed in");
    }
    assert_eq!(poll(ben.refresh.clone(), "-5").await, 200, "an unreadable header counts as the person's own request");
}
