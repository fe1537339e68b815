//! The staff routes through the gateway: enrol, find, invite, disable.

use portico_tests::{TestApp, problem, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

async fn staff_call(app: &TestApp, token: &str, method: Method, path: &str, body: Option<Value>) -> reqwest::Response {
    let mut request = app.request(method, path).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[tokio::test]
async fn staff_enrol_a_patient_who_then_signs_in_by_invitation() {
    let app = spawn_app().await;
    let staff = app.admin_token().await;
    let created = staff_call(
        &app,
        &staff,
        Method::POST,
        "/staff/patients",
        Some(json!({ "given_name": "Dee", "family_name": "Park", "date_of_birth": "1970-03-04", "email": "Dee@Example.com", "phone": "555-555-0177" })),
    )
    .await;
    assert_eq!(created.status(), 201);
    let location = created.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let patient: Value = created.json().await.unwrap_or_default();
    let id = patient["patient_id"].as_str().unwrap_or_default().to_string();
    assert_eq!(location, format!("/staff/patients/{id}"));
    assert_eq!((patient["email"].as_str(), patient["phone"].as_str()), (Some("dee@example.com"), Some("+15555550177")));
    assert_eq!(patient["time_zone"], "America/New_York", "the practice's default zone");
    let read: Value = staff_call(&app, &staff, Method::GET, &location, None).await.json().await.unwrap_or_default();
    assert_eq!(read["family_name"], "Park");

    let invited: Value = staff_call(&app, &staff, Method::POST, &format!("/staff/patients/{id}/invite"), Some(json!({ "channel": "sms" })))
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!((invited["channel"].as_str(), invited["destination"].as_str()), (Some("sms"), Some("•••• 0177")));
    let sms = app.last_message("+15555550177");
    assert!(sms.body.contains("Riverside Family Practice") && sms.body.contains("/#/invite/"), "{}", sms.body);
    for phi in ["Dee", "Park", "1970", "dee@example.com"] {
        assert!(!sms.body.contains(phi), "the invitation carries no PHI ({phi}): {}", sms.body);
    }
    let token = app.last_invitation_token("+15555550177");
    let session = portico_tests::session_from(app.post_json("/auth/link", json!({ "token": token })).await).await;
    assert_eq!(session.patient_id, id);
}

#[tokio::test]
async fn an_address_belongs_to_one_patient_of_a_practice() {
    let app = spawn_app().await;
    let staff = app.admin_token().await;
    let duplicate = staff_call(
        &app,
        &staff,
        Method::POST,
        "/staff/patients",
        Some(json!({ "given_name": "Ann", "family_name": "Other", "date_of_birth": "1990-01-01", "email": "ANN@example.com" })),
    )
    .await;
    let body = problem(duplicate, 409).await;
    assert!(body["detail"].as_str().unwrap_or_default().contains("email"), "{body}");
    let (_, _, lakeside) = app.other_practice().await;
    let elsewhere = app
        .request_on("lakeside", Method::POST, "/staff/patients")
        .bearer_auth(&lakeside)
        .json(&json!({ "given_name": "Ann", "family_name": "Lee", "date_of_birth": "1984-07-02", "email": "ann@example.com" }))
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), 201, "another practice may know the same person");
}

#[tokio::test]
async fn search_finds_by_family_name_given_name_email_and_phone_in_pages() {
    let app = spawn_app().await;
    let staff = app.admin_token().await;
    for (given, family) in [("Lena", "Leeds"), ("Leo", "Lee"), ("Mia", "Lee"), ("Zoe", "Lerner")] {
        let email = format!("{}.{}@example.com", given.to_lowercase(), family.to_lowercase());
        let created = staff_call(
            &app,
            &staff,
            Method::POST,
            "/staff/patients",
            Some(json!({ "given_name": given, "family_name": family, "date_of_birth": "1990-01-01", "email": email })),
        )
        .await;
        assert_eq!(created.status(), 201);
    }
    let names = |v: &Value| {
        v["patients"]
            .as_array()
            .map(|p| {
                p.iter()
                    .map(|x| format!("{} {}", x["given_name"].as_str().unwrap_or(""), x["family_name"].as_str().unwrap_or("")))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let search = |q: &str| {
        let path = format!("/staff/patients?query={q}");
        let (app, staff) = (&app, &staff);
        async move { staff_call(app, staff, Method::GET, &path, None).await }
    };
    let lee: Value = search("lee").await.json().await.unwrap_or_default();
    assert_eq!(names(&lee), ["Ann Lee", "Leo Lee", "Mia Lee", "Lena Leeds"]);
    let comma: Value = search("Lee%2C%20M").await.json().await.unwrap_or_default();
    assert_eq!(names(&comma), ["Mia Lee"]);
    let given: Value = search("Leo%20L").await.json().await.unwrap_or_default();
    assert_eq!(names(&given), ["Leo Lee"]);
    let email: Value = search("zoe.lerner%40example.com").await.json().await.unwrap_or_default();
    assert_eq!(names(&email), ["Zoe Lerner"]);
    let phone: Value = search("%2B1%20555%20555%200102").await.json().await.unwrap_or_default();
    assert_eq!(names(&phone), ["Ben Ortiz"]);
    let mut seen = Vec::new();
    let mut path = "/staff/patients?query=le&limit=2".to_string();
    for _ in 0..5 {
        let page: Value = staff_call(&app, &staff, Method::GET, &path, None).await.json().await.unwrap_or_default();
        seen.extend(names(&page));
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/staff/patients?query=le&limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, ["Ann Lee", "Leo Lee", "Mia Lee", "Lena Leeds", "Zoe Lerner"], "pages join up");
    problem(search("a").await, 400).await;
    problem(staff_call(&app, &staff, Method::GET, "/staff/patients?query=lee&limit=500", None).await, 400).await;
}

#[tokio::test]
async fn roles_limit_what_staff_may_do() {
    let app = spawn_app().await;
    let desk = app.staff_token(&app.demo().front_desk_email.clone()).await;
    let ann = app.ann().patient_id.to_string();
    problem(staff_call(&app, &desk, Method::POST, &format!("/staff/patients/{ann}/disable"), None).await, 403).await;
    assert_eq!(staff_call(&app, &desk, Method::POST, &format!("/staff/patients/{ann}/invite"), Some(json!({}))).await.status(), 202);
    let disabled_invite = {
        let admin = app.admin_token().await;
        let disabled = staff_call(&app, &admin, Method::POST, &format!("/staff/patients/{ann}/disable"), None).await;
        assert_eq!(disabled.status(), 200);
        staff_call(&app, &desk, Method::POST, &format!("/staff/patients/{ann}/invite"), Some(json!({}))).await
    };
    problem(disabled_invite, 422).await;
}

/// Minimum necessary: each role's inbox and threads hold only the topics it handles, and internal notes
/// only for the roles that keep the clinical record.
#[tokio::test]
async fn each_role_sees_only_its_topics_and_notes_stay_clinical() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let desk = app.staff_token(&app.demo().front_desk_email.clone()).await;
    let billing = app.staff_token(&app.demo().billing_email.clone()).await;
    let clinician = app.staff_token(&app.demo().clinician_email.clone()).await;
    let ann = app.ann().patient_id.to_string();
    let mut threads = std::collections::BTreeMap::new();
    for topic in ["clinical", "scheduling", "billing", "other"] {
        let opened = staff_call(
            &app,
            &admin,
            Method::POST,
            &format!("/staff/patients/{ann}/threads"),
            Some(json!({ "topic": topic, "subject": format!("About {topic}"), "body": "Hello" })),
        )
        .await;
        let opened: serde_json::Value = opened.json().await.unwrap();
        threads.insert(topic, opened["thread"]["thread_id"].as_str().unwrap().to_string());
    }
    let note = Some(json!({ "body": "Sounded worried on the phone", "internal": true }));
    let scheduling = format!("/staff/patients/{ann}/threads/{}", threads["scheduling"]);
    assert_eq!(staff_call(&app, &admin, Method::POST, &format!("{scheduling}/messages"), note).await.status(), 201);
    let inbox_topics = |token: String| {
        let app = &app;
        async move {
            let inbox: serde_json::Value = staff_call(app, &token, Method::GET, "/staff/threads?limit=2", None).await.json().await.unwrap();
            let mut topics: Vec<String> =
                inbox["threads"].as_array().unwrap().iter().map(|t| t["topic"].as_str().unwrap().into()).collect();
            // Past the first page too: paging never surfaces another topic.
            if let Some(cursor) = inbox["next_cursor"].as_str() {
                let more: serde_json::Value =
                    staff_call(app, &token, Method::GET, &format!("/staff/threads?limit=2&cursor={cursor}"), None)
                        .await
                        .json()
                        .await
                        .unwrap();
                topics.extend(more["threads"].as_array().unwrap().iter().map(|t| t["topic"].as_str().unwrap().to_string()));
            }
            topics.sort();
            topics
        }
    };
    assert_eq!(inbox_topics(desk.clone()).await, ["other", "scheduling"]);
    assert_eq!(inbox_topics(billing.clone()).await, ["billing"]);
    assert_eq!(inbox_topics(clinician.clone()).await, ["billing", "clinical", "other", "scheduling"]);
    let messages = |token: String| {
        let (app, path) = (&app, scheduling.clone());
        async move {
            let view: serde_json::Value = staff_call(app, &token, Method::GET, &path, None).await.json().await.unwrap();
            view["messages"].as_array().unwrap().iter().map(|m| m["internal"].as_bool().unwrap()).collect::<Vec<_>>()
        }
    };
    assert_eq!(messages(desk.clone()).await, [false], "the front desk reads the conversation, not the note");
    assert_eq!(messages(clinician).await, [false, true], "clinicians read the note");
}

/// An administrator turns a staff member off, and it takes effect at once: the token they hold is refused
/// on its next request, they cannot sign in again, and only an administrator may do it, never to
/// themselves; an administrator can turn it back on.
#[tokio::test]
async fn a_disabled_staff_member_is_signed_out_everywhere_at_once() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let billing_email = app.demo().billing_email.clone();
    let billing = app.staff_token(&billing_email).await;
    let desk = app.staff_token(&app.demo().front_desk_email.clone()).await;
    assert_eq!(staff_call(&app, &billing, Method::GET, "/staff/threads", None).await.status(), 200);
    let me: serde_json::Value = staff_call(&app, &billing, Method::GET, "/staff/me", None).await.json().await.unwrap();
    assert_eq!(me["roles"], json!(["billing"]));
    assert_eq!(me["idle_timeout_seconds"], 15 * 60, "the console's idle limit comes from the server");
    let billing_id = me["staff_id"].as_str().unwrap().to_string();
    let disable = |token: String, id: String| {
        let app = &app;
        async move { staff_call(app, &token, Method::POST, &format!("/staff/team/{id}/disable"), None).await }
    };
    problem(disable(desk.clone(), billing_id.clone()).await, 403).await;
    let admin_id = staff_call(&app, &admin, Method::GET, "/staff/me", None).await.json::<serde_json::Value>().await.unwrap()["staff_id"]
        .as_str()
        .unwrap()
        .to_string();
    problem(disable(admin.clone(), admin_id.clone()).await, 409).await;
    problem(disable(admin.clone(), "staff-nobody".into()).await, 404).await;
    let disabled: serde_json::Value = disable(admin.clone(), billing_id.clone()).await.json().await.unwrap();
    assert_eq!(disabled["status"], "disabled");
    assert_eq!(staff_call(&app, &billing, Method::GET, "/staff/threads", None).await.status(), 401, "the held token is refused at once");
    let again = app.post_json("/_local/staff/sign-in", json!({ "email": billing_email })).await;
    assert_ne!(again.status(), 200, "and they cannot sign in again");
    let team: serde_json::Value = staff_call(&app, &admin, Method::GET, "/staff/team", None).await.json().await.unwrap();
    let listed = team["staff"].as_array().unwrap().iter().find(|m| m["staff_id"] == billing_id.as_str()).cloned().unwrap_or_default();
    assert_eq!(listed["status"], "disabled", "the team list shows it");
    assert_eq!(staff_call(&app, &desk, Method::GET, "/staff/team", None).await.status(), 200, "colleagues' names are for everyone");
    assert!(disable(admin.clone(), billing_id.clone()).await.status() == 200, "disabling again is harmless");

    // A mistake undone: only an administrator turns the account back on; the old token stays dead, and
    // the member signs in again with the roles they had.
    let enable = |token: String, id: String| {
        let app = &app;
        async move { staff_call(app, &token, Method::POST, &format!("/staff/team/{id}/enable"), None).await }
    };
    problem(enable(desk.clone(), billing_id.clone()).await, 403).await;
    problem(enable(admin.clone(), "staff-nobody".into()).await, 404).await;
    problem(enable(admin.clone(), admin_id).await, 409).await;
    let enabled: serde_json::Value = enable(admin.clone(), billing_id.clone()).await.json().await.unwrap();
    assert_eq!((enabled["status"].as_str(), enabled["roles"].clone()), (Some("active"), json!(["billing"])));
    assert_eq!(staff_call(&app, &billing, Method::GET, "/staff/threads", None).await.status(), 401, "the old session stays ended");
    let back = app.staff_token(&billing_email).await;
    assert_eq!(staff_call(&app, &back, Method::GET, "/staff/threads", None).await.status(), 200, "they sign in again");
    assert_eq!(enable(admin.clone(), billing_id).await.status(), 200, "enabling again is harmless");
}

/// The staff side of a patient's communication: a text consent given on the phone is recorded with its
/// method (and texts start), a bounced address is lifted with a reason from a fixed list, and a
/// disabled account is turned back on; each only by the roles that may.
#[tokio::test]
async fn staff_record_a_phone_consent_lift_a_suppression_and_turn_an_account_back_on() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let desk = app.staff_token(&app.demo().front_desk_email.clone()).await;
    let clinician = app.staff_token(&app.demo().clinician_email.clone()).await;
    let ann = app.ann().patient_id.to_string();
    let chart = |token: String| {
        let app = &app;
        let path = format!("/staff/patients/{ann}/contact");
        async move { staff_call(app, &token, Method::GET, &path, None).await.json::<Value>().await.unwrap_or_default() }
    };
    assert_eq!(chart(desk.clone()).await["notices"]["sms"]["blocked_by"], "no_consent");

    let consent = format!("/staff/patients/{ann}/sms-consent");
    problem(staff_call(&app, &clinician, Method::POST, &consent, Some(json!({ "decision": "accept", "method": "verbal" }))).await, 403)
        .await;
    problem(staff_call(&app, &desk, Method::POST, &consent, Some(json!({ "decision": "decline", "method": "verbal" }))).await, 400).await;
    problem(staff_call(&app, &desk, Method::POST, &consent, Some(json!({ "decision": "accept", "method": "email" }))).await, 400).await;
    let recorded = staff_call(&app, &desk, Method::POST, &consent, Some(json!({ "decision": "accept", "method": "verbal" }))).await;
    assert_eq!(recorded.status(), 200);
    let recorded: Value = recorded.json().await.unwrap_or_default();
    let sms = recorded["consents"].as_array().into_iter().flatten().find(|c| c["kind"] == "sms_messages").cloned().unwrap_or_default();
    assert_eq!(sms["status"], "accepted");
    assert_eq!(recorded["history"][0]["actor"], "staff", "recorded as staff's act: {recorded}");
    assert_eq!(recorded["history"][0]["method"], "verbal", "and how it was given: {recorded}");
    assert_eq!(chart(desk.clone()).await["notices"]["sms"]["reachable"], true, "texts can reach Ann now");
    let partition = portico::keys::patient_partition(&app.practice().id, &app.ann().patient_id);
    let events = app
        .gateway
        .app
        .table
        .query(portico::store::Query::partition(portico::store::Index::Table, partition).begins_with("CONSENT#EVENT#"))
        .await
        .unwrap();
    assert_eq!(events.items[0].str("method"), Some("verbal"), "the method is on the record");

    // Ann's address bounced; the front desk checked it with her and lifts the suppression.
    let email = portico::domain::Email::parse("ann@example.com").unwrap();
    portico::notify::suppression::suppress(
        app.gateway.app.table.as_ref(),
        &app.gateway.app.ports.hasher,
        &app.practice().id,
        &email,
        portico::notify::suppression::Reason::Bounce,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(chart(desk.clone()).await["notices"]["email"]["blocked_by"], "suppressed");
    let clear = format!("/staff/patients/{ann}/email-suppression/clear");
    problem(staff_call(&app, &desk, Method::POST, &clear, Some(json!({ "reason": "she said so" }))).await, 400).await;
    let cleared: Value =
        staff_call(&app, &desk, Method::POST, &clear, Some(json!({ "reason": "patient_confirmed_address" }))).await.json().await.unwrap();
    assert_eq!(cleared["cleared"], true);
    assert_eq!(chart(desk.clone()).await["notices"]["email"]["reachable"], true);
    let again: Value =
        staff_call(&app, &desk, Method::POST, &clear, Some(json!({ "reason": "provider_error" }))).await.json().await.unwrap();
    assert_eq!(again["cleared"], false, "nothing left to lift");

    // Disabled, then turned back on by an admin (never by the front desk): Ann signs in again.
    staff_call(&app, &admin, Method::POST, &format!("/staff/patients/{ann}/disable"), None).await;
    let before = app.messages_to("ann@example.com");
    assert_eq!(app.start_code("email", "ann@example.com").await.status(), 202, "answered like any address");
    assert_eq!(app.messages_to("ann@example.com"), before, "a disabled account gets no code");
    problem(staff_call(&app, &desk, Method::POST, &format!("/staff/patients/{ann}/enable"), None).await, 403).await;
    let enabled: Value = staff_call(&app, &admin, Method::POST, &format!("/staff/patients/{ann}/enable"), None).await.json().await.unwrap();
    assert_eq!(enabled["status"], "active");
    app.advance(chrono::Duration::minutes(2));
    let session = app.sign_in("ann@example.com").await;
    assert_eq!(app.call(&session.access, Method::GET, "/portal/me", None).await.status(), 200);
}

#[tokio::test]
async fn the_front_desk_corrects_a_record_and_the_patient_is_told_without_details() {
    let app = spawn_app().await;
    let desk = app.staff_token(&app.demo().front_desk_email.clone()).await;
    let clinician = app.staff_token(&app.demo().clinician_email.clone()).await;
    let ann = app.ann().patient_id.to_string();
    let path = format!("/staff/patients/{ann}");
    let read = |token: String| {
        let (app, path) = (&app, path.clone());
        async move { staff_call(app, &token, Method::GET, &path, None).await.json::<Value>().await.unwrap_or_default() }
    };
    let before = read(desk.clone()).await;
    let version = before["version"].as_u64().unwrap_or_default();
    assert!(version > 0, "the record says its version: {before}");

    // Refused, and nothing changes: a clinician, a stale version, another patient's address, no address
    // left, a date of birth in the future, an unknown field, a form post.
    let change = json!({ "version": version, "family_name": "Lee-Park" });
    problem(staff_call(&app, &clinician, Method::PATCH, &path, Some(change.clone())).await, 403).await;
    problem(staff_call(&app, &desk, Method::PATCH, &path, Some(json!({ "version": version + 1, "family_name": "X" }))).await, 409).await;
    problem(staff_call(&app, &desk, Method::PATCH, &path, Some(json!({ "version": version, "email": "ben@example.com" }))).await, 409)
        .await;
    problem(staff_call(&app, &desk, Method::PATCH, &path, Some(json!({ "version": version, "email": null, "phone": null }))).await, 400)
        .await;
    problem(staff_call(&app, &desk, Method::PATCH, &path, Some(json!({ "version": version, "date_of_birth": "2999-01-01" }))).await, 400)
        .await;
    problem(staff_call(&app, &desk, Method::PATCH, &path, Some(json!({ "version": version, "ssn": "x" }))).await, 400).await;
    let form = app
        .request(Method::PATCH, &path)
        .bearer_auth(&desk)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("family_name=X");
    problem(form.send().await.unwrap_or_else(|e| panic!("{e}")), 415).await;
    problem(staff_call(&app, &desk, Method::PATCH, "/staff/patients/pt_01JC00000000000000000000C1", Some(change.clone())).await, 404).await;
    assert_eq!(read(desk.clone()).await, before, "no refusal changed the record");
    // Ann is signed in, and an invitation link waits at her old address.
    let ann_session = app.sign_in("ann@example.com").await;
    app.call_ok(&desk, Method::POST, &format!("/staff/patients/{ann}/invite"), Some(json!({ "channel": "email" })), 202).await;
    let link = app.last_invitation_token("ann@example.com");
    let before = read(desk.clone()).await;
    let version = before["version"].as_u64().unwrap_or_default();
    let told_before = app.messages_to("ann@example.com");
    app.advance(chrono::Duration::seconds(1));

    // The correction: a family name, the date of birth and a new email, on the version read.
    let saved = staff_call(
        &app,
        &desk,
        Method::PATCH,
        &path,
        Some(json!({ "version": version, "family_name": "Lee-Park", "date_of_birth": "1984-07-20", "email": "ann.lp@example.com" })),
    )
    .await;
    assert_eq!(saved.status(), 200);
    let saved: Value = saved.json().await.unwrap_or_default();
    assert_eq!(saved["changed"], json!(["family_name", "date_of_birth", "email"]));
    assert_eq!(saved["patient"]["family_name"], "Lee-Park");
    assert_eq!(saved["patient"]["date_of_birth"], "1984-07-20");
    assert_eq!(saved["patient"]["given_name"], "Ann", "what was not sent stays");
    assert_eq!(saved["patient"]["version"], version + 1);

    // The old address is told it no longer signs Ann in; the new one that her details changed. Neither
    // says what changed.
    assert_eq!(app.messages_to("ann@example.com"), told_before + 1);
    let old = app.last_message("ann@example.com");
    let new = app.last_message("ann.lp@example.com");
    for notice in [&old, &new] {
        for detail in ["Lee-Park", "1984", "ann.lp@", "Ann"] {
            assert!(!notice.body.contains(detail), "a notice names no detail ({detail}): {}", notice.body);
        }
    }
    assert!(new.body.contains("updated"), "{}", new.body);
    // The address was wrong, so what came through it ends: her sessions, and the link sent there.
    problem(app.call(&ann_session.access, Method::GET, "/portal/me", None).await, 401).await;
    problem(app.post_json("/auth/link", json!({ "token": link })).await, 401).await;

    // The new address signs Ann in; the old one gets no code.
    app.advance(chrono::Duration::minutes(2));
    let session = app.sign_in("ann.lp@example.com").await;
    let me: Value = app.call(&session.access, Method::GET, "/portal/me", None).await.json().await.unwrap_or_default();
    assert_eq!(me["family_name"], "Lee-Park");
    let told = app.messages_to("ann@example.com");
    assert_eq!(app.start_code("email", "ann@example.com").await.status(), 202, "answered like any address");
    assert_eq!(app.messages_to("ann@example.com"), told, "the old address no longer gets codes");

    // The same change again changes nothing and tells nobody; the trail has the update, naming Ann.
    let again: Value = staff_call(&app, &desk, Method::PATCH, &path, Some(json!({ "version": version + 1, "family_name": "Lee-Park" })))
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(again["changed"], json!([]));
    assert_eq!(app.messages_to("ann.lp@example.com"), 2, "the details notice and one sign-in code, nothing more");
    let admin = app.admin_token().await;
    let trail: Value = staff_call(&app, &admin, Method::GET, &format!("/staff/audit?patient_id={ann}&action=patient.update"), None)
        .await
        .json()
        .await
        .unwrap_or_default();
    let saves = trail["events"].as_array().into_iter().flatten().filter(|e| e["outcome"] == "success").count();
    assert_eq!(saves, 2, "both saves are on the trail: {trail}");
    let all: Value =
        staff_call(&app, &admin, Method::GET, "/staff/audit?action=patient.update", None).await.json().await.unwrap_or_default();
    assert!(all["events"].as_array().into_iter().flatten().any(|e| e["outcome"] == "denied"), "so is the clinician's refusal: {all}");

    // A new mobile number: its claim moves too, the old number is told, and Ben cannot take it.
    let texted_before = app.messages_to("+15555550101");
    let phone: Value = staff_call(&app, &desk, Method::PATCH, &path, Some(json!({ "version": version + 1, "phone": "+15555550177" })))
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(phone["changed"], json!(["phone"]), "{phone}");
    assert_eq!(app.messages_to("+15555550101"), texted_before + 1, "the old number is told it no longer signs her in");
    let ben_path = format!("/staff/patients/{}", app.ben().patient_id);
    let ben_version =
        staff_call(&app, &desk, Method::GET, &ben_path, None).await.json::<Value>().await.unwrap_or_default()["version"].clone();
    let taken = staff_call(&app, &desk, Method::PATCH, &ben_path, Some(json!({ "version": ben_version, "phone": "+15555550177" }))).await;
    problem(taken, 409).await;
}

/// The local stand-in for an SES bounce blocks the address for the host's practice, as the worker does
/// with a verified notification; the chart shows it and staff can lift it.
#[tokio::test]
async fn a_local_bounce_blocks_an_address_for_the_hosts_practice() {
    let app = spawn_app().await;
    let desk = app.staff_token(&app.demo().front_desk_email.clone()).await;
    let ann = app.ann().patient_id.to_string();
    let bounce = |body: Value| app.request(Method::POST, "/_local/ses/bounce").json(&body).send();
    assert_eq!(bounce(json!({ "email": "ann@example.com" })).await.unwrap().status(), 400, "the kind is needed");
    assert_eq!(bounce(json!({ "email": "ann@example.com", "kind": "bounce" })).await.unwrap().status(), 202);
    let chart: Value =
        staff_call(&app, &desk, Method::GET, &format!("/staff/patients/{ann}/contact"), None).await.json().await.unwrap_or_default();
    assert_eq!(chart["notices"]["email"]["blocked_by"], "suppressed", "{chart}");
    let cleared: Value = staff_call(
        &app,
        &desk,
        Method::POST,
        &format!("/staff/patients/{ann}/email-suppression/clear"),
        Some(json!({ "reason": "patient_confirmed_address" })),
    )
    .await
    .json()
    .await
    .unwrap_or_default();
    assert_eq!(cleared["cleared"], true);
}
