//! Bad input gets a clear problem document and changes nothing.

use portico_tests::{problem, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn malformed_unknown_mistyped_and_oversize_bodies_are_refused_without_effect() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let staff = app.admin_token().await;
    let ann_id = app.ann().patient_id.to_string();
    let opened = app
        .call_ok(
            &staff,
            Method::POST,
            &format!("/staff/patients/{ann_id}/threads"),
            Some(json!({ "topic": "other", "subject": "Hello", "body": "Hi Ann" })),
            201,
        )
        .await;
    let thread = opened["thread"]["thread_id"].as_str().unwrap_or_default().to_string();
    // Everything stored about Ann and about the practice (audit records live in their own partitions).
    let snapshot = |app: &portico_tests::TestApp| {
        let table = app.gateway.app.table.clone();
        let practice = app.practice().id.clone();
        let ann = app.ann().patient_id.clone();
        async move {
            let mut items = Vec::new();
            for partition in [portico::keys::patient_partition(&practice, &ann), portico::keys::practice_partition(&practice)] {
                let page = table.query(portico::store::Query::partition(portico::store::Index::Table, partition)).await.unwrap();
                // Sessions are created by the first authenticated request, refused or not.
                items.extend(page.items.iter().filter(|i| !i.key.sk.starts_with("SESSION#")).cloned());
            }
            items
        }
    };
    let before = snapshot(&app).await;
    let outbox_before = app.gateway.app.outbox.entries().len();
    // (method, path, token, a valid body's unknown-field variant)
    let routes: Vec<(Method, String, Option<String>, Value)> = vec![
        (Method::POST, "/auth/otp/start".into(), None, json!({ "channel": "email", "address": "ann@example.com", "extra": 1 })),
        (Method::POST, "/auth/otp/verify".into(), None, json!({ "challenge_id": "ch_x", "code": "123456", "extra": 1 })),
        (Method::POST, "/auth/link".into(), None, json!({ "token": "t", "extra": 1 })),
        (Method::PATCH, "/portal/me".into(), Some(ann.access.clone()), json!({ "given_name": "X", "extra": 1 })),
        (
            Method::POST,
            "/portal/me/contact/verify".into(),
            Some(ann.access.clone()),
            json!({ "challenge_id": "c", "code": "1", "extra": 1 }),
        ),
        (
            Method::PUT,
            "/portal/consents".into(),
            Some(ann.access.clone()),
            json!({ "kind": "telehealth", "version": 1, "decision": "accept", "extra": 1 }),
        ),
        (
            Method::PUT,
            "/portal/preferences".into(),
            Some(ann.access.clone()),
            json!({
                "time_zone": "UTC",
                "email": { "appointment_reminders": true, "messages": true, "billing": true, "marketing": false },
                "sms": { "appointment_reminders": true, "messages": true, "billing": true, "marketing": false },
                "quiet_hours": null,
                "extra": 1
            }),
        ),
        (
            Method::POST,
            "/staff/patients".into(),
            Some(staff.clone()),
            json!({ "given_name": "A", "family_name": "B", "date_of_birth": "1990-01-01", "email": "x@example.com", "extra": 1 }),
        ),
        (Method::POST, format!("/staff/patients/{ann_id}/invite"), Some(staff.clone()), json!({ "channel": "email", "extra": 1 })),
        (
            Method::POST,
            "/portal/threads".into(),
            Some(ann.access.clone()),
            json!({ "topic": "other", "subject": "S", "body": "B", "extra": 1 }),
        ),
        (Method::POST, format!("/portal/threads/{thread}/messages"), Some(ann.access.clone()), json!({ "body": "B", "extra": 1 })),
        (
            Method::POST,
            "/portal/attachments".into(),
            Some(ann.access.clone()),
            json!({ "file_name": "a.pdf", "content_type": "application/pdf", "size": 10, "extra": 1 }),
        ),
        (
            Method::PATCH,
            format!("/staff/patients/{ann_id}/threads/{thread}"),
            Some(staff.clone()),
            json!({ "status": "closed", "extra": 1 }),
        ),
        (
            Method::POST,
            format!("/staff/patients/{ann_id}/threads/{thread}/messages"),
            Some(staff.clone()),
            json!({ "body": "B", "extra": 1 }),
        ),
        (Method::PUT, "/staff/templates/help_reply".into(), Some(staff.clone()), json!({ "sms": "Call {practice_phone}", "extra": 1 })),
    ];
    for (method, path, token, unknown) in routes {
        let send = |body: Vec<u8>, content_type: &'static str| {
            let mut request = app.request(method.clone(), &path).header("content-type", content_type).body(body);
            if let Some(token) = &token {
                request = request.bearer_auth(token);
            }
            request.send()
        };
        let malformed = problem(send(b"{: 1".to_vec(), "application/json").await.unwrap(), 400).await;
        assert!(malformed["detail"].as_str().unwrap_or_default().contains("not valid JSON"), "{method} {path}: {malformed}");
        let unknown = problem(send(unknown.to_string().into_bytes(), "application/json").await.unwrap(), 400).await;
        assert_eq!(unknown["errors"][0]["field"], "extra", "{method} {path} names the unknown field: {unknown}");
        problem(send(b"{}".to_vec(), "text/plain").await.unwrap(), 415).await;
        let huge = format!("{{\"given_name\": \"{}\"}}", "a".repeat(70 * 1024));
        problem(send(huge.into_bytes(), "application/json").await.unwrap(), 413).await;
        problem(send(Vec::new(), "application/json").await.unwrap(), 400).await;
        problem(send(b"[1,2]".to_vec(), "application/json").await.unwrap(), 400).await;
    }
    assert_eq!(snapshot(&app).await, before, "nothing stored about the patient or the practice changed");
    assert_eq!(app.gateway.app.outbox.entries().len(), outbox_before, "nothing was sent");
    let profile: Value =
        app.request(Method::GET, "/portal/me").bearer_auth(&ann.access).send().await.unwrap().json().await.unwrap_or_default();
    assert_eq!(profile["given_name"], "Ann");
}

#[tokio::test]
async fn wrong_types_and_invalid_values_name_every_field() {
    let app = spawn_app().await;
    let staff = app.admin_token().await;
    let typed = problem(
        app.request(Method::POST, "/staff/patients")
            .bearer_auth(&staff)
            .json(&json!({ "given_name": 5, "family_name": "B", "date_of_birth": "1990-01-01" }))
            .send()
            .await
            .unwrap(),
        400,
    )
    .await;
    assert_eq!(typed["errors"][0]["field"], "given_name", "{typed}");
    let invalid = problem(
        app.request(Method::POST, "/staff/patients")
            .bearer_auth(&staff)
            .json(&json!({ "given_name": " ", "family_name": "B", "date_of_birth": "2999-01-01", "email": "nope", "phone": "12", "time_zone": "Mars/Base" }))
            .send()
            .await
            .unwrap(),
        400,
    )
    .await;
    let fields: Vec<&str> =
        invalid["errors"].as_array().map(|e| e.iter().filter_map(|f| f["field"].as_str()).collect()).unwrap_or_default();
    assert_eq!(fields, ["given_name", "date_of_birth", "email", "phone", "time_zone"], "{invalid}");
    for bad in ["not-an-id", "pt_", "pr_01ARZ3NDEKTSV4RRFFQ69G5FAV", "pt_01ARZ3NDEKTSV4RRFFQ69G5FA%2F"] {
        problem(app.request(Method::GET, &format!("/staff/patients/{bad}")).bearer_auth(&staff).send().await.unwrap(), 404).await;
    }
    let cursor =
        problem(app.request(Method::GET, "/staff/patients?query=Lee&cursor=bogus!").bearer_auth(&staff).send().await.unwrap(), 400).await;
    assert_eq!(cursor["errors"][0]["field"], "cursor");
}

/// The team routes and the sign-out: bad ids, bad pages and foreign origins get clear answers and
/// change nothing.
#[tokio::test]
async fn team_and_sign_out_refuse_bad_input_without_effect() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let get = |path: &'static str| {
        let (app, admin) = (&app, admin.clone());
        async move { app.request(Method::GET, path).bearer_auth(admin).send().await.unwrap() }
    };
    for path in ["/staff/team?limit=0", "/staff/team?limit=ten", "/staff/team?limit=51", "/staff/team?cursor=not-a-cursor"] {
        problem(get(path).await, 400).await;
    }
    for id in ["..%2F..%2Fetc", "staff%20nobody", "x".repeat(300).leak() as &str] {
        let path = format!("/staff/team/{id}/disable");
        let response = app.request(Method::POST, &path).bearer_auth(&admin).send().await.unwrap();
        problem(response, 404).await;
    }
    let team: Value = get("/staff/team").await.json().await.unwrap();
    assert!(team["staff"].as_array().unwrap().iter().all(|m| m["status"] == "active"), "nobody was disabled");
    let ann = app.sign_in("ann@example.com").await;
    let cookie = format!("__Host-portico_refresh={}", ann.refresh);
    let foreign = app.request(Method::POST, "/auth/logout").header("origin", "null").header("cookie", &cookie).send().await.unwrap();
    problem(foreign, 403).await;
    let me = app.request(Method::GET, "/portal/me").bearer_auth(&ann.access).send().await.unwrap();
    assert_eq!(me.status(), 200, "the session goes on");
}
