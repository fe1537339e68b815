//! Proxy access end to end over HTTP: a parent acting for two children under different age rules, the
//! 18th birthday at local midnight, an adult inviting and revoking a caregiver, and the authorization
//! matrix with proxy callers (full, limited, billing-only, expired, revoked, another patient's proxy).

use portico_tests::{TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

/// Enrols a person (as the practice's admin) and returns their id.
async fn enrol(app: &TestApp, admin: &str, given: &str, born: &str, email: Option<&str>) -> String {
    let mut body = json!({ "given_name": given, "family_name": "Rivera", "date_of_birth": born });
    match email {
        Some(email) => body["email"] = json!(email),
        None => {
            static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(3000);
            body["phone"] = json!(format!("+1555555{:04}", NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)))
        }
    }
    let created = app.call_ok(admin, Method::POST, "/staff/patients", Some(body), 201).await;
    created["patient_id"].as_str().unwrap().to_string()
}

async fn grant(
    app: &TestApp,
    staff: &str,
    patient: &str,
    proxy: &str,
    relationship: &str,
    scopes: Value,
    expires_on: Option<&str>,
) -> Value {
    let basis = match relationship {
        "parent" | "legal_guardian" => "parental_responsibility",
        "guarantor" => "financial_responsibility",
        _ => "power_of_attorney",
    };
    let mut body = json!({ "proxy_id": proxy, "relationship": relationship, "legal_basis": basis, "scopes": scopes });
    if let Some(date) = expires_on {
        body["expires_on"] = json!(date);
    }
    app.call_ok(staff, Method::POST, &format!("/staff/patients/{patient}/proxies"), Some(body), 201).await
}

/// Calls a portal route acting for `patient`.
async fn acting(app: &TestApp, token: &str, patient: &str, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
    let mut request = app.request(method, path).bearer_auth(token).header("portico-acting-for", patient);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

fn subjects(list: &Value) -> Vec<String> {
    let mut found: Vec<String> =
        list["threads"].as_array().unwrap().iter().map(|t| t["subject"].as_str().unwrap_or_default().to_string()).collect();
    found.sort();
    found
}

async fn staff_thread(app: &TestApp, staff: &str, patient: &str, topic: &str, subject: &str) -> String {
    let body = json!({ "topic": topic, "subject": subject, "body": "Hello from the care team" });
    let opened = app.call_ok(staff, Method::POST, &format!("/staff/patients/{patient}/threads"), Some(body), 201).await;
    opened["thread"]["thread_id"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parent_acts_for_a_child_and_a_teen_under_the_age_rules() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    // The test clock starts on 2026-11-18: one child is 10, the other 14.
    let child = enrol(&app, &admin, "Mia", "2016-05-01", None).await;
    let teen = enrol(&app, &admin, "Leo", "2012-03-01", Some("leo@example.com")).await;
    let parent = enrol(&app, &admin, "Rosa", "1985-01-01", Some("rosa@example.com")).await;
    let all = json!(["messages", "appointments", "forms", "documents", "billing", "profile"]);
    assert_eq!(grant(&app, &admin, &child, &parent, "parent", all.clone(), None).await["standing"], "full");
    assert_eq!(grant(&app, &admin, &teen, &parent, "parent", all.clone(), None).await["standing"], "limited");
    // Twice is a conflict, not a second grant.
    let again = json!({ "proxy_id": parent, "relationship": "parent", "legal_basis": "parental_responsibility", "scopes": ["messages"] });
    app.call_ok(&admin, Method::POST, &format!("/staff/patients/{child}/proxies"), Some(again), 409).await;

    staff_thread(&app, &admin, &child, "clinical", "Mia's checkup").await;
    let confidential = staff_thread(&app, &admin, &teen, "clinical", "Leo's results").await;
    staff_thread(&app, &admin, &teen, "scheduling", "Leo's next visit").await;
    let leo = app.sign_in("leo@example.com").await;
    app.call_ok(
        &leo.access,
        Method::POST,
        "/portal/threads",
        Some(json!({ "topic": "other", "subject": "Leo's own question", "body": "private" })),
        201,
    )
    .await;

    let rosa = app.sign_in("rosa@example.com").await;
    let home = app.call_ok(&rosa.access, Method::GET, "/portal/home", None, 200).await;
    let people: Vec<&str> = home["people"].as_array().unwrap().iter().map(|p| p["given_name"].as_str().unwrap()).collect();
    assert_eq!(people, vec!["Leo", "Mia"], "the switcher lists both children");
    assert!(home["acting_for"].is_null());

    // Full access to the 10-year-old: every conversation.
    let (status, list) = acting(&app, &rosa.access, &child, Method::GET, "/portal/threads", None).await;
    assert_eq!((status, subjects(&list)), (200, vec!["Mia's checkup".to_string()]));
    // Limited access to the 14-year-old: neither the confidential topic nor the teen's own conversation.
    let (status, list) = acting(&app, &rosa.access, &teen, Method::GET, "/portal/threads", None).await;
    assert_eq!((status, subjects(&list)), (200, vec!["Leo's next visit".to_string()]));
    let (status, _) = acting(&app, &rosa.access, &teen, Method::GET, &format!("/portal/threads/{confidential}"), None).await;
    assert_eq!(status, 404, "a hidden conversation does not exist for the parent");
    let (status, _) =
        acting(&app, &rosa.access, &teen, Method::POST, &format!("/portal/threads/{confidential}/messages"), Some(json!({ "body": "hi" })))
            .await;
    assert_eq!(status, 404);
    // A confidential topic is the teen's: the parent cannot start one.
    let clinical = json!({ "topic": "clinical", "subject": "About Leo", "body": "A question" });
    assert_eq!(acting(&app, &rosa.access, &teen, Method::POST, "/portal/threads", Some(clinical)).await.0, 403);
    // What the parent starts, they see; the teen sees it too, signed with the parent's name.
    let (status, started) = acting(
        &app,
        &rosa.access,
        &teen,
        Method::POST,
        "/portal/threads",
        Some(json!({ "topic": "scheduling", "subject": "From Leo's mother", "body": "A question" })),
    )
    .await;
    assert_eq!(status, 201, "{started}");
    assert_eq!(started["messages"][0]["written_by"], "Rosa Rivera");
    let (_, list) = acting(&app, &rosa.access, &teen, Method::GET, "/portal/threads", None).await;
    assert_eq!(subjects(&list), vec!["From Leo's mother".to_string(), "Leo's next visit".to_string()]);
    let own = app.call_ok(&leo.access, Method::GET, "/portal/threads", None, 200).await;
    assert_eq!(own["threads"].as_array().map(Vec::len), Some(4), "the teen sees everything in their account");

    // The teen's home, bell and timeline keep the teen's private things from the parent.
    let (status, home) = acting(&app, &rosa.access, &teen, Method::GET, "/portal/home", None).await;
    assert_eq!(status, 200);
    assert_eq!(home["acting_for"]["limited"], true);
    assert_eq!(home["profile"]["given_name"], "Leo");
    assert_eq!(home["person"]["given_name"], "Rosa", "the greeting is the parent's");
    assert_eq!((home["unread_total"].as_i64(), home["notifications_unread"].as_i64()), (Some(0), Some(0)));
    assert_eq!(acting(&app, &rosa.access, &teen, Method::GET, "/portal/notifications", None).await.0, 403);
    let (_, timeline) = acting(&app, &rosa.access, &teen, Method::GET, "/portal/timeline", None).await;
    assert!(timeline["entries"].as_array().unwrap().iter().all(|e| e["kind"] == "consent"), "{timeline}");
    // The child's bell is the parent's to read.
    let (status, home) = acting(&app, &rosa.access, &child, Method::GET, "/portal/home", None).await;
    assert_eq!((status, home["unread_total"].as_i64()), (200, Some(1)));
    // Only the account's owner manages its proxies and sees its access log.
    assert_eq!(acting(&app, &rosa.access, &teen, Method::GET, "/portal/proxies", None).await.0, 403);
    assert_eq!(acting(&app, &rosa.access, &teen, Method::GET, "/portal/access-log", None).await.0, 403);

    // Every audit event of the parent's requests names the grant.
    let events = app.audit_events().await;
    let by_rosa: Vec<&Value> = events.iter().filter(|e| e["actor_kind"] == "proxy").collect();
    assert!(!by_rosa.is_empty());
    assert!(by_rosa.iter().all(|e| e["actor_id"] == parent.as_str()));
    assert!(
        by_rosa.iter().filter(|e| e["status"].as_u64() == Some(200)).all(|e| e["grant_id"].as_str().is_some_and(|g| g.starts_with("gr_")))
    );
    // Staff see who acts for the teen, and when they last did.
    let listed = app.call_ok(&admin, Method::GET, &format!("/staff/patients/{teen}/proxies"), None, 200).await;
    let row = &listed["acting_for_patient"][0];
    assert_eq!((row["proxy"]["given_name"].as_str(), row["standing"].as_str()), (Some("Rosa"), Some("limited")));
    assert!(row["last_used_at"].is_string());
    assert!(row["ends_at"].is_string(), "a child's grant ends when they come of age");
    // The teen cannot end the access the practice set up; the parent can give up their own.
    let grant_id = row["grant_id"].as_str().unwrap().to_string();
    app.call_ok(&leo.access, Method::DELETE, &format!("/portal/proxies/{grant_id}"), None, 403).await;
    let (status, _) = acting(
        &app,
        &rosa.access,
        &teen,
        Method::PUT,
        "/portal/consents",
        Some(json!({ "kind": "terms_of_use", "version": 1, "decision": "accept" })),
    )
    .await;
    assert_eq!(status, 403, "the teen's consents are the teen's");
    assert_eq!(app.call(&rosa.access, Method::DELETE, &format!("/portal/proxies/{grant_id}"), None).await.status(), 204);
    assert_eq!(acting(&app, &rosa.access, &teen, Method::GET, "/portal/threads", None).await.0, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parents_grant_stops_at_local_midnight_of_the_18th_birthday() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    // 18 on 2026-11-19: midnight in New York (the practice's zone) is 05:00 UTC.
    let son = enrol(&app, &admin, "Sam", "2008-11-19", None).await;
    let parent = enrol(&app, &admin, "Ines", "1980-02-02", Some("ines@example.com")).await;
    grant(&app, &admin, &son, &parent, "parent", json!(["messages", "profile"]), None).await;
    // The test clock starts at 2026-11-18T17:00Z; move to 04:58Z on the 19th and sign in there.
    app.advance(chrono::Duration::hours(11) + chrono::Duration::minutes(57));
    let ines = app.sign_in("ines@example.com").await; // one minute passes here
    assert_eq!(acting(&app, &ines.access, &son, Method::GET, "/portal/me", None).await.0, 200, "still 17 at 04:59Z");
    app.advance(chrono::Duration::minutes(2));
    let (status, refused) = acting(&app, &ines.access, &son, Method::GET, "/portal/me", None).await;
    assert_eq!(status, 403, "18 at 05:00Z: the very next request is refused");
    // Exactly like a grant that never existed.
    let admin = app.admin_token().await;
    let stranger = enrol(&app, &admin, "Ola", "1990-01-01", None).await;
    let (status, missing) = acting(&app, &ines.access, &stranger, Method::GET, "/portal/me", None).await;
    assert_eq!((status, &missing["detail"]), (403, &refused["detail"]));
    let listed = app.call_ok(&admin, Method::GET, &format!("/staff/patients/{son}/proxies"), None, 200).await;
    assert_eq!(listed["acting_for_patient"][0]["standing"], "ended");
    let home = app.call_ok(&ines.access, Method::GET, "/portal/home", None, 200).await;
    assert_eq!(home["people"].as_array().map(Vec::len), Some(0), "an ended grant leaves the switcher");
    // A later change of the rules never revives an ended grant.
    let settings = app.call_ok(&admin, Method::GET, "/staff/practice", None, 200).await;
    let mut update = json!({});
    for field in [
        "version",
        "contact_phone",
        "contact_email",
        "logo_url",
        "invite_ttl_hours",
        "message_retention_days",
        "allowed_origins",
        "default_time_zone",
        "care_teams",
        "sign_in_codes_per_hour",
        "sms_countries",
    ] {
        update[field] = settings[field].clone();
    }
    update["proxy_age_rules"] = json!({ "limited_from": 12, "adult_at": 21, "confidential_topics": ["clinical"] });
    app.call_ok(&admin, Method::PUT, "/staff/practice", Some(update), 200).await;
    assert_eq!(acting(&app, &ines.access, &son, Method::GET, "/portal/me", None).await.0, 403, "still ended at 21");
    // A parent's grant is for a child: the practice cannot make one for an adult.
    let body = json!({ "proxy_id": parent, "relationship": "parent", "legal_basis": "parental_responsibility", "scopes": ["messages"] });
    app.call_ok(&admin, Method::POST, &format!("/staff/patients/{stranger}/proxies"), Some(body), 422).await;
}

fn invitation_token(app: &TestApp, to: &str) -> String {
    let body = app.last_message(to).body;
    let start = body.find("#/proxy-invitation/").unwrap_or_else(|| panic!("no link in: {body}")) + "#/proxy-invitation/".len();
    body[start..].split(|c: char| c.is_whitespace() || c == ')').next().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_adult_invites_a_caregiver_who_accepts_acts_and_is_revoked() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let ann_id = app.ann().patient_id.to_string();
    let born = app.ann().date_of_birth.date().to_string();
    let invite = json!({ "given_name": "Dora", "family_name": "Okafor", "email": "dora@example.com", "relationship": "caregiver", "scopes": ["messages"] });
    let sent = app.call_ok(&ann.access, Method::POST, "/portal/proxies/invitations", Some(invite.clone()), 201).await;
    let code = sent["code"].as_str().unwrap().to_string();
    let message = app.last_message("dora@example.com");
    assert!(!message.body.contains(&code), "the code travels with the patient, not in the message");
    let ann_names = [app.ann().given_name.as_str().to_string(), app.ann().family_name.as_str().to_string()];
    assert!(ann_names.iter().all(|n| !message.body.contains(n.as_str())), "no PHI in the invitation: {}", message.body);
    let token = invitation_token(&app, "dora@example.com");

    let accept = |code: &str, dob: &str, own: Option<&str>| {
        let mut body = json!({ "token": token, "code": code, "patient_date_of_birth": dob });
        if let Some(own) = own {
            body["your_date_of_birth"] = json!(own);
        }
        app.post_json("/portal/proxies/accept", body)
    };
    let wrong_code = if code == "000000" { "111111" } else { "000000" };
    let wrong = accept(wrong_code, &born, Some("1975-05-05")).await;
    assert_eq!(wrong.status(), 401);
    let wrong: Value = wrong.json().await.unwrap();
    let forged = app
        .post_json("/portal/proxies/accept", json!({ "token": "forged", "code": code, "patient_date_of_birth": born }))
        .await
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(wrong["detail"], forged["detail"], "a wrong answer and a forged link read the same");
    assert_eq!(accept(&code, "1901-01-01", Some("1975-05-05")).await.status(), 401);
    // Someone new to the practice gives their own date of birth for their account.
    let needs = accept(&code, &born, None).await;
    assert_eq!(needs.status(), 400);
    let problem: Value = needs.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "your_date_of_birth", "{problem}");
    let accepted = accept(&code, &born, Some("1975-05-05")).await;
    assert_eq!(accepted.status(), 200);
    let accepted: Value = accepted.json().await.unwrap();
    assert_eq!((accepted["new_account"].as_bool(), accepted["patient_given_name"].as_str()), (Some(true), Some("Ann")));
    assert_eq!(accept(&code, &born, Some("1975-05-05")).await.status(), 401, "an invitation works once");

    let dora = app.sign_in("dora@example.com").await;
    let home = app.call_ok(&dora.access, Method::GET, "/portal/home", None, 200).await;
    assert_eq!(home["people"][0]["patient_id"], ann_id.as_str());
    assert_eq!(acting(&app, &dora.access, &ann_id, Method::GET, "/portal/threads", None).await.0, 200);
    let (status, out_of_scope) = acting(&app, &dora.access, &ann_id, Method::GET, "/portal/me", None).await;
    assert_eq!(status, 403, "messages only: {out_of_scope}");

    let list = app.call_ok(&ann.access, Method::GET, "/portal/proxies", None, 200).await;
    let row = &list["acting_for_you"][0];
    assert_eq!((row["proxy"]["given_name"].as_str(), row["granted_by"].as_str()), (Some("Dora"), Some("patient")));
    assert!(row["last_used_at"].is_string(), "the patient sees when the caregiver last acted: {row}");
    let grant_id = row["grant_id"].as_str().unwrap();
    // What the caregiver did is in Ann's access log, naming their access.
    let log = app.call_ok(&ann.access, Method::GET, "/portal/access-log", None, 200).await;
    assert!(log["entries"].as_array().unwrap().iter().any(|e| e["by"] == "proxy" && e["grant_id"] == grant_id), "{log}");
    let revoked = app.call(&ann.access, Method::DELETE, &format!("/portal/proxies/{grant_id}"), None).await;
    assert_eq!(revoked.status(), 204);
    assert_eq!(acting(&app, &dora.access, &ann_id, Method::GET, "/portal/threads", None).await.0, 403, "the very next request");
    let home = app.call_ok(&dora.access, Method::GET, "/portal/home", None, 200).await;
    assert_eq!(home["people"].as_array().map(Vec::len), Some(0), "gone from the switcher too");
    assert_eq!(app.call(&ann.access, Method::DELETE, &format!("/portal/proxies/{grant_id}"), None).await.status(), 404);

    // A pending invitation is listed and can be cancelled: its link then opens nothing.
    let second =
        json!({ "given_name": "Raj", "family_name": "Iyer", "phone": "+15555550177", "relationship": "guarantor", "scopes": ["billing"] });
    let sent = app.call_ok(&ann.access, Method::POST, "/portal/proxies/invitations", Some(second), 201).await;
    let list = app.call_ok(&ann.access, Method::GET, "/portal/proxies", None, 200).await;
    assert_eq!(list["pending_invitations"][0]["given_name"], "Raj");
    let body = app.last_message("+15555550177").body;
    let start = body.find("#/proxy-invitation/").unwrap() + "#/proxy-invitation/".len();
    let token: String = body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    let pending = sent["grant_id"].as_str().unwrap();
    assert_eq!(app.call(&ann.access, Method::DELETE, &format!("/portal/proxies/{pending}"), None).await.status(), 204);
    let late = json!({ "token": token, "code": sent["code"], "patient_date_of_birth": born, "your_date_of_birth": "1970-01-01" });
    assert_eq!(app.post_json("/portal/proxies/accept", late).await.status(), 401);
    let list = app.call_ok(&ann.access, Method::GET, "/portal/proxies", None, 200).await;
    assert_eq!(list["pending_invitations"].as_array().map(Vec::len), Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_patient_route_answers_every_proxy_caller_as_expected() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let all = json!(["messages", "appointments", "forms", "documents", "billing", "profile"]);
    let child = enrol(&app, &admin, "Ivy", "2017-01-01", None).await;
    let teen = enrol(&app, &admin, "Max", "2011-01-01", None).await;
    let adult = enrol(&app, &admin, "Eve", "1970-01-01", None).await;
    let other_teen = enrol(&app, &admin, "Kai", "2012-01-01", None).await;
    let full = enrol(&app, &admin, "Full", "1980-01-01", Some("full@example.com")).await;
    let limited = enrol(&app, &admin, "Lim", "1980-01-01", Some("limited@example.com")).await;
    let payer = enrol(&app, &admin, "Pay", "1980-01-01", Some("payer@example.com")).await;
    let expiring = enrol(&app, &admin, "Exp", "1980-01-01", Some("expired@example.com")).await;
    let gone = enrol(&app, &admin, "Rev", "1980-01-01", Some("revoked@example.com")).await;
    grant(&app, &admin, &child, &full, "parent", all.clone(), None).await;
    grant(&app, &admin, &teen, &limited, "parent", all.clone(), None).await;
    grant(&app, &admin, &adult, &payer, "guarantor", json!(["billing"]), None).await;
    grant(&app, &admin, &adult, &expiring, "caregiver", all.clone(), Some("2026-11-18")).await;
    let revoked = grant(&app, &admin, &adult, &gone, "caregiver", all.clone(), None).await;
    let grant_id = revoked["grant_id"].as_str().unwrap();
    app.call_ok(&admin, Method::DELETE, &format!("/staff/patients/{adult}/proxies/{grant_id}"), None, 204).await;
    // Past the expiring grant's last day (local midnight in New York is 05:00 UTC).
    app.advance(chrono::Duration::hours(13));
    let mut callers = Vec::new();
    for (name, email, target) in [
        ("full", "full@example.com", &child),
        ("limited", "limited@example.com", &teen),
        ("billing-only", "payer@example.com", &adult),
        ("expired", "expired@example.com", &adult),
        ("revoked", "revoked@example.com", &adult),
        ("another patient's proxy", "full@example.com", &other_teen),
    ] {
        callers.push((name, app.sign_in(email).await.access, target.clone()));
    }
    // (route, full, limited, billing-only); expired, revoked and another patient's proxy get 403 everywhere.
    let cases: Vec<(Method, &str, Option<Value>, [u16; 3])> = vec![
        (Method::GET, "/portal/home", None, [200, 200, 200]),
        (Method::GET, "/portal/me", None, [200, 200, 403]),
        (Method::PATCH, "/portal/me", Some(json!({ "preferred_name": "Bee" })), [200, 200, 403]),
        (Method::PATCH, "/portal/me", Some(json!({ "email": "new@example.com" })), [403, 403, 403]),
        (Method::GET, "/portal/consents", None, [200, 200, 403]),
        (Method::PUT, "/portal/consents", Some(json!({ "kind": "terms_of_use", "version": 1, "decision": "accept" })), [200, 403, 403]),
        (Method::GET, "/portal/preferences", None, [200, 200, 403]),
        (Method::GET, "/portal/timeline", None, [200, 200, 403]),
        (Method::GET, "/portal/threads", None, [200, 200, 403]),
        (Method::POST, "/portal/threads", Some(json!({ "topic": "other", "subject": "Hi", "body": "Hello" })), [201, 201, 403]),
        (Method::GET, "/portal/notifications", None, [200, 403, 403]),
        (Method::POST, "/portal/notifications/read-all", None, [200, 403, 403]),
        (Method::GET, "/portal/access-log", None, [403, 403, 403]),
        (Method::GET, "/portal/proxies", None, [403, 403, 403]),
        (Method::POST, "/portal/sessions/end-others", None, [403, 403, 403]),
    ];
    let mut failures = Vec::new();
    for (method, path, body, expected) in &cases {
        for (i, (name, token, target)) in callers.iter().enumerate() {
            let want = expected.get(i).copied().unwrap_or(403);
            let (got, answer) = acting(&app, token, target, method.clone(), path, body.clone()).await;
            if got != want {
                failures.push(format!("{method} {path} as {name}: expected {want}, got {got}: {answer}"));
            }
        }
    }
    assert!(failures.is_empty(), "proxy matrix mismatches:\n{}", failures.join("\n"));
    // A malformed acting-for header is a bad request, not a quiet "yourself".
    let (status, _) = acting(&app, &callers[0].1, "someone", Method::GET, "/portal/home", None).await;
    assert_eq!(status, 400);
}
