//! The patient's own screens through the gateway: profile, contact changes, consents, preferences, and
//! the audit trail each leaves.

use portico::store::{Index, Query};
use portico_tests::{Session, TestApp, problem, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

async fn call(app: &TestApp, session: &Session, method: Method, path: &str, body: Option<Value>) -> reqwest::Response {
    let mut request = app.request(method, path).bearer_auth(&session.access).header("user-agent", "portico-tests/1");
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap_or_else(|e| panic!("{path}: {e}"))
}

async fn audit_events(app: &TestApp) -> Vec<Value> {
    app.audit_events().await
}

#[tokio::test]
async fn the_profile_changes_names_language_and_zone_but_not_date_of_birth() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let patch = json!({ "preferred_name": "Annie", "pronouns": "she/her", "language": "es-MX", "time_zone": "America/Chicago" });
    let updated: Value = call(&app, &ann, Method::PATCH, "/portal/me", Some(patch)).await.json().await.unwrap_or_default();
    assert_eq!(updated["profile"]["preferred_name"], "Annie");
    assert_eq!(updated["verification"], Value::Null);
    let read: Value = call(&app, &ann, Method::GET, "/portal/me", None).await.json().await.unwrap_or_default();
    assert_eq!(
        (read["language"].as_str(), read["time_zone"].as_str(), read["pronouns"].as_str()),
        (Some("es-MX"), Some("America/Chicago"), Some("she/her"))
    );
    let cleared: Value =
        call(&app, &ann, Method::PATCH, "/portal/me", Some(json!({ "pronouns": null }))).await.json().await.unwrap_or_default();
    assert_eq!(cleared["profile"]["pronouns"], Value::Null, "null clears an optional field");
    let refused = problem(
        call(&app, &ann, Method::PATCH, "/portal/me", Some(json!({ "date_of_birth": "2000-01-01", "language": "xx-" }))).await,
        400,
    )
    .await;
    let fields: Vec<&str> =
        refused["errors"].as_array().map(|e| e.iter().filter_map(|f| f["field"].as_str()).collect()).unwrap_or_default();
    assert_eq!(fields, ["language", "date_of_birth"], "every invalid field is named: {refused}");
    let after: Value = call(&app, &ann, Method::GET, "/portal/me", None).await.json().await.unwrap_or_default();
    assert_eq!(after["date_of_birth"], "1984-07-02");
    assert_eq!(after["language"], "es-MX", "a refused patch changes nothing");
}

#[tokio::test]
async fn a_new_email_is_used_only_after_its_code_comes_back() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let pending: Value = call(&app, &ann, Method::PATCH, "/portal/me", Some(json!({ "email": "Ann.New@Example.com" })))
        .await
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(pending["profile"]["email"], "ann@example.com", "the old address stays until confirmed");
    assert_eq!(pending["verification"]["destination"], "a•••@example.com");
    let code = app.last_code("ann.new@example.com");
    let challenge = pending["verification"]["challenge_id"].as_str().unwrap_or_default().to_string();
    let wrong = format!("{:06}", (code.parse::<u32>().unwrap_or(0) + 1) % 1_000_000);
    problem(
        call(&app, &ann, Method::POST, "/portal/me/contact/verify", Some(json!({ "challenge_id": challenge, "code": wrong }))).await,
        401,
    )
    .await;
    let confirmed: Value =
        call(&app, &ann, Method::POST, "/portal/me/contact/verify", Some(json!({ "challenge_id": challenge, "code": code })))
            .await
            .json()
            .await
            .unwrap_or_default();
    assert_eq!(confirmed["email"], "ann.new@example.com");
    let notice = app.last_message("ann@example.com");
    assert!(notice.body.contains("was changed"), "the old address is told: {}", notice.body);
    assert!(!notice.body.contains("ann.new"), "without the new address: {}", notice.body);
    app.advance(chrono::Duration::seconds(61));
    // Sign-in follows the address: the new one works, the old one is no longer on file.
    assert_eq!(app.sign_in("ann.new@example.com").await.patient_id, app.ann().patient_id.to_string());
    let before = app.messages_to("ann@example.com");
    let answer = app.start_code("email", "ann@example.com").await;
    assert_eq!(answer.status(), 202, "the old address is answered like any unknown one");
    assert_eq!(app.messages_to("ann@example.com"), before, "the old address gets nothing");
}

/// Asking for another patient's address looks exactly like asking for a free one: the same answer, a
/// challenge that can be answered (wrongly) the same way. Only the code never comes.
#[tokio::test]
async fn another_patients_address_cannot_be_claimed_or_detected() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let ask = |email: &'static str| {
        let (app, ann) = (&app, &ann);
        async move {
            let response = call(app, ann, Method::PATCH, "/portal/me", Some(json!({ "email": email }))).await;
            assert_eq!(response.status(), 200, "{email}");
            let body: Value = response.json().await.unwrap();
            body["verification"].clone()
        }
    };
    let taken = ask("ben@example.com").await;
    let free = ask("ann.other@example.com").await;
    let shape = |v: &Value| (v["channel"].clone(), v["expires_in"].clone(), v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()));
    assert_eq!(shape(&taken), shape(&free), "the two answers have the same shape");
    assert_eq!(app.messages_to("ben@example.com"), 0, "nothing is sent to another patient's address");
    assert_eq!(app.messages_to("ann.other@example.com"), 1);
    let challenge = taken["challenge_id"].as_str().unwrap().to_string();
    for _ in 0..3 {
        let guess = json!({ "challenge_id": challenge, "code": "123456" });
        problem(call(&app, &ann, Method::POST, "/portal/me/contact/verify", Some(guess)).await, 401).await;
    }
    let me: Value = call(&app, &ann, Method::GET, "/portal/me", None).await.json().await.unwrap();
    assert_eq!(me["email"], "ann@example.com", "nothing changed");
}

/// A borrowed session must not take the account over: changing how one signs in needs a sign-in from
/// the last five minutes. Other changes do not.
#[tokio::test]
async fn a_sign_in_address_changes_only_within_minutes_of_a_sign_in() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    app.advance(chrono::Duration::minutes(6));
    let stale = problem(call(&app, &ann, Method::PATCH, "/portal/me", Some(json!({ "email": "thief@example.com" }))).await, 403).await;
    assert_eq!(stale["type"], "https://portico.health/problems/recent-sign-in-required");
    let stale = call(&app, &ann, Method::PATCH, "/portal/me", Some(json!({ "phone": "+15555550999", "preferred_name": "X" }))).await;
    problem(stale, 403).await;
    assert_eq!(app.messages_to("thief@example.com"), 0, "no code went out");
    let me: Value = call(&app, &ann, Method::GET, "/portal/me", None).await.json().await.unwrap();
    assert_eq!(me["preferred_name"], Value::Null, "a refused request changes nothing at all");
    let names = call(&app, &ann, Method::PATCH, "/portal/me", Some(json!({ "preferred_name": "Annie" }))).await;
    assert_eq!(names.status(), 200, "names change without a fresh sign-in");
    let fresh = app.sign_in("ann@example.com").await;
    let asked = call(&app, &fresh, Method::PATCH, "/portal/me", Some(json!({ "email": "ann.moved@example.com" }))).await;
    assert_eq!(asked.status(), 200, "right after signing in again");
    assert_eq!(app.messages_to("ann.moved@example.com"), 1);
}

/// Confirmation codes for new addresses are limited per patient per day (resends refused for their
/// cooldown not counted), and to the practice's countries for phones.
#[tokio::test]
async fn contact_changes_are_limited_per_day_and_to_served_countries() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let abroad = problem(call(&app, &ann, Method::PATCH, "/portal/me", Some(json!({ "phone": "+447700900123" }))).await, 422).await;
    assert_eq!(abroad["errors"][0]["field"], "phone", "{abroad}");
    // Pressing "send again" within the minute is refused for the cooldown and spends none of the five.
    assert_eq!(call(&app, &ann, Method::PATCH, "/portal/me", Some(json!({ "email": "ann.0@example.com" }))).await.status(), 200);
    for _ in 0..3 {
        problem(call(&app, &ann, Method::PATCH, "/portal/me", Some(json!({ "email": "ann.0@example.com" }))).await, 429).await;
    }
    for n in 1..5 {
        let email = format!("ann.{n}@example.com");
        assert_eq!(call(&app, &ann, Method::PATCH, "/portal/me", Some(json!({ "email": email }))).await.status(), 200);
    }
    problem(call(&app, &ann, Method::PATCH, "/portal/me", Some(json!({ "email": "ann.5@example.com" }))).await, 429).await;
    assert_eq!(app.messages_to("ann.5@example.com"), 0);
}

#[tokio::test]
async fn consents_are_accepted_at_the_current_version_and_revoked_with_provenance() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let view: Value = call(&app, &ann, Method::GET, "/portal/consents", None).await.json().await.unwrap_or_default();
    assert_eq!(view["consents"].as_array().map(Vec::len), Some(5));
    assert!(view["consents"].as_array().into_iter().flatten().all(|c| c["status"] == "not_given"));
    let stale = problem(
        call(&app, &ann, Method::PUT, "/portal/consents", Some(json!({ "kind": "sms_messages", "version": 0, "decision": "accept" })))
            .await,
        422,
    )
    .await;
    assert!(stale["detail"].as_str().unwrap_or_default().contains("current version is 1"), "{stale}");
    let accepted: Value =
        call(&app, &ann, Method::PUT, "/portal/consents", Some(json!({ "kind": "sms_messages", "version": 1, "decision": "accept" })))
            .await
            .json()
            .await
            .unwrap_or_default();
    let sms = accepted["consents"].as_array().into_iter().flatten().find(|c| c["kind"] == "sms_messages").cloned().unwrap_or_default();
    assert_eq!((sms["status"].as_str(), sms["decided_version"].as_u64()), (Some("accepted"), Some(1)));
    let revoked: Value =
        call(&app, &ann, Method::PUT, "/portal/consents", Some(json!({ "kind": "sms_messages", "version": 1, "decision": "revoke" })))
            .await
            .json()
            .await
            .unwrap_or_default();
    let history = revoked["history"].as_array().cloned().unwrap_or_default();
    assert_eq!(history.len(), 2);
    assert_eq!((history[0]["decision"].as_str(), history[1]["decision"].as_str()), (Some("revoke"), Some("accept")), "newest first");
    problem(
        call(&app, &ann, Method::PUT, "/portal/consents", Some(json!({ "kind": "sms_messages", "version": 1, "decision": "revoke" })))
            .await,
        422,
    )
    .await;
    // The stored event records who, when, which version, from where.
    let partition = portico::keys::patient_partition(&app.practice().id, &app.ann().patient_id);
    let events = app.gateway.app.table.query(Query::partition(Index::Table, partition).begins_with("CONSENT#EVENT#")).await.unwrap();
    let event = &events.items[0];
    assert_eq!(event.str("actor_kind"), Some("patient"));
    assert_eq!(event.str("actor_id"), Some(app.ann().patient_id.as_str()));
    assert_eq!(event.str("ip"), Some("127.0.0.1"));
    assert_eq!(event.str("user_agent"), Some("portico-tests/1"));
    assert_eq!(event.i64("version"), Some(1));
}

#[tokio::test]
async fn preferences_replace_the_grid_quiet_hours_and_zone() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let defaults: Value = call(&app, &ann, Method::GET, "/portal/preferences", None).await.json().await.unwrap_or_default();
    assert_eq!(defaults["sms"]["marketing"], false, "marketing is off until chosen");
    assert_eq!(defaults["quiet_hours"], json!({ "start": "21:00", "end": "08:00" }));
    let wanted = json!({
        "time_zone": "America/Denver",
        "email": { "appointment_reminders": true, "messages": true, "billing": false, "marketing": true },
        "sms": { "appointment_reminders": true, "messages": false, "billing": false, "marketing": false },
        "quiet_hours": { "start": "22:30", "end": "07:00" },
    });
    let saved: Value = call(&app, &ann, Method::PUT, "/portal/preferences", Some(wanted.clone())).await.json().await.unwrap_or_default();
    assert_eq!(saved, wanted);
    let read: Value = call(&app, &ann, Method::GET, "/portal/preferences", None).await.json().await.unwrap_or_default();
    assert_eq!(read, wanted);
    let profile: Value = call(&app, &ann, Method::GET, "/portal/me", None).await.json().await.unwrap_or_default();
    assert_eq!(profile["time_zone"], "America/Denver", "one time zone for the profile and quiet hours");
    let mut bad = wanted.clone();
    bad["quiet_hours"] = json!({ "start": "25:00", "end": "07:00" });
    problem(call(&app, &ann, Method::PUT, "/portal/preferences", Some(bad)).await, 400).await;
    let mut partial = wanted;
    partial.as_object_mut().map(|o| o.remove("sms"));
    problem(call(&app, &ann, Method::PUT, "/portal/preferences", Some(partial)).await, 400).await;
}

#[tokio::test]
async fn every_phi_request_leaves_exactly_one_audit_event_without_phi() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let requests = [
        (Method::GET, "/portal/me", None, "patient.profile.read", "success"),
        (Method::PATCH, "/portal/me", Some(json!({ "preferred_name": "Annie" })), "patient.profile.update", "success"),
        (Method::GET, "/portal/consents", None, "patient.consents.read", "success"),
        (
            Method::PUT,
            "/portal/consents",
            Some(json!({ "kind": "telehealth", "version": 9, "decision": "accept" })),
            "patient.consents.update",
            "rejected",
        ),
        (Method::GET, "/portal/preferences", None, "patient.preferences.read", "success"),
    ];
    for (method, path, body, action, outcome) in requests {
        let response = call(&app, &ann, method.clone(), path, body).await;
        let status = response.status().as_u16();
        let events = audit_events(&app).await;
        let new: Vec<&Value> = events.iter().filter(|e| e["action"] == action).collect();
        assert_eq!(new.len(), 1, "{method} {path} ({status}) writes exactly one {action} event");
        let event = new[0];
        assert_eq!(event["outcome"], outcome, "{event}");
        assert_eq!(event["actor_kind"], "patient");
        assert_eq!(event["actor_id"], ann.patient_id.as_str());
        assert_eq!(event["patient_id"], ann.patient_id.as_str());
        assert_eq!(event["ip"], "127.0.0.1");
        assert!(event["request_id"].as_str().is_some_and(|r| !r.is_empty()));
        let text = event.to_string();
        for phi in ["Ann", "Lee", "ann@example.com", "1984", "5555550101", "Annie"] {
            assert!(!text.contains(phi), "audit events hold no PHI values ({phi}): {text}");
        }
    }
    let trail = portico::keys::audit_trail(&app.practice().id, &ann.patient_id);
    let accounting = app.gateway.app.audit.query(Query::partition(Index::Gsi1, trail)).await.unwrap();
    assert!(accounting.items.len() >= 5, "the patient's accounting of disclosures is one index query");
}

/// "No thanks" to an optional document is a decision the portal stops asking about; a required one
/// cannot be declined.
#[tokio::test]
async fn optional_documents_can_be_declined_and_required_ones_cannot() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let decide = |kind: &'static str, decision: &'static str| {
        let (app, ann) = (&app, &ann);
        async move { call(app, ann, Method::PUT, "/portal/consents", Some(json!({ "kind": kind, "version": 1, "decision": decision }))).await }
    };
    let declined: Value = decide("telehealth", "decline").await.json().await.unwrap_or_default();
    let telehealth = declined["consents"].as_array().into_iter().flatten().find(|c| c["kind"] == "telehealth").cloned().unwrap_or_default();
    assert_eq!(telehealth["status"], "declined");
    let refused = problem(decide("privacy_notice", "decline").await, 422).await;
    assert!(refused["detail"].as_str().unwrap_or_default().contains("cannot be declined"), "{refused}");
    let accepted: Value = decide("telehealth", "accept").await.json().await.unwrap_or_default();
    let telehealth = accepted["consents"].as_array().into_iter().flatten().find(|c| c["kind"] == "telehealth").cloned().unwrap_or_default();
    assert_eq!(telehealth["status"], "accepted", "a patient may change their mind");
}

/// The home screen in one read: what is new from the care team (kept current by the same transactions
/// that deliver and read messages) and what waits for a decision.
#[tokio::test]
async fn home_shows_what_is_new_and_what_waits_in_one_read() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let home: Value = call(&app, &ann, Method::GET, "/portal/home", None).await.json().await.unwrap_or_default();
    assert_eq!(home["unread_total"], 0);
    assert_eq!(home["latest_unread"], Value::Null);
    // Five documents, less the text-message consent (asked for when texts are turned on).
    assert_eq!(home["consents_needing_decision"], 4, "nothing decided yet: {home}");
    assert_eq!(home["practice"]["name"], app.practice().name.as_str());
    let staff = app.admin_token().await;
    let ann_id = app.ann().patient_id.to_string();
    let opened = app
        .call_ok(
            &staff,
            Method::POST,
            &format!("/staff/patients/{ann_id}/threads"),
            Some(json!({ "topic": "other", "subject": "Your forms", "body": "Please bring your insurance card." })),
            201,
        )
        .await;
    let thread = opened["thread"]["thread_id"].as_str().unwrap_or_default().to_string();
    let note = json!({ "body": "Called twice", "internal": true });
    app.call_ok(&staff, Method::POST, &format!("/staff/patients/{ann_id}/threads/{thread}/messages"), Some(note), 201).await;
    let home: Value = call(&app, &ann, Method::GET, "/portal/home", None).await.json().await.unwrap_or_default();
    assert_eq!(home["unread_total"], 1, "the note is not counted: {home}");
    assert_eq!(home["latest_unread"]["subject"], "Your forms");
    assert_eq!(home["latest_unread"]["preview"], "Please bring your insurance card.");
    call(&app, &ann, Method::POST, &format!("/portal/threads/{thread}/read"), None).await;
    let decided = json!({ "kind": "terms_of_use", "version": 1, "decision": "accept" });
    call(&app, &ann, Method::PUT, "/portal/consents", Some(decided)).await;
    let home: Value = call(&app, &ann, Method::GET, "/portal/home", None).await.json().await.unwrap_or_default();
    assert_eq!((home["unread_total"].as_i64(), home["latest_unread"].is_null()), (Some(0), true), "read, and the card is gone: {home}");
    assert_eq!(home["consents_needing_decision"], 3);

    // A message staff delete takes its words off the home card at once.
    let second = json!({ "body": "Sent to the wrong patient" });
    let sent = app.call_ok(&staff, Method::POST, &format!("/staff/patients/{ann_id}/threads/{thread}/messages"), Some(second), 201).await;
    let home: Value = call(&app, &ann, Method::GET, "/portal/home", None).await.json().await.unwrap_or_default();
    assert_eq!(home["latest_unread"]["preview"], "Sent to the wrong patient");
    let message = sent["message"]["message_id"].as_str().or(sent["message_id"].as_str()).unwrap_or_default().to_string();
    app.call_ok(&staff, Method::DELETE, &format!("/staff/patients/{ann_id}/threads/{thread}/messages/{message}"), None, 200).await;
    let home: Value = call(&app, &ann, Method::GET, "/portal/home", None).await.json().await.unwrap_or_default();
    assert!(home["latest_unread"].is_null(), "the deleted words are gone: {home}");
    assert!(!home.to_string().contains("wrong patient"));
}

/// The timeline: what happened in Ann's care, newest first, in pages of one query each: messages both
/// ways (by thread, never their words), consent decisions (hers and those staff recorded), sign-ins;
/// never an internal note, never another patient's.
#[tokio::test]
async fn the_timeline_shows_what_happened_newest_first() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;
    let staff = app.admin_token().await;
    let ann_id = app.ann().patient_id.to_string();
    app.call_ok(
        &ann.access,
        Method::POST,
        "/portal/threads",
        Some(json!({ "topic": "billing", "subject": "Parking", "body": "Secret words" })),
        201,
    )
    .await;
    app.advance(chrono::Duration::seconds(1));
    let thread = app
        .call_ok(
            &staff,
            Method::POST,
            &format!("/staff/patients/{ann_id}/threads"),
            Some(json!({ "topic": "clinical", "subject": "Results", "body": "All normal" })),
            201,
        )
        .await;
    let thread_id = thread["thread"]["thread_id"].as_str().unwrap_or_default().to_string();
    app.call_ok(
        &staff,
        Method::POST,
        &format!("/staff/patients/{ann_id}/threads/{thread_id}/messages"),
        Some(json!({ "body": "note", "internal": true })),
        201,
    )
    .await;
    app.advance(chrono::Duration::seconds(1));
    app.consent(&ann, "sms_messages").await;

    let page = app.call_ok(&ann.access, Method::GET, "/portal/timeline?limit=3", None, 200).await;
    let entries = page["entries"].as_array().cloned().unwrap_or_default();
    let kinds: Vec<&str> = entries.iter().filter_map(|e| e["kind"].as_str()).collect();
    assert_eq!(kinds, vec!["consent", "message_from_care_team", "message_to_care_team"], "newest first: {page}");
    assert_eq!(entries[0]["consent_kind"], "sms_messages");
    assert_eq!(entries[1]["thread_id"], thread_id.as_str());
    assert_eq!(entries[1]["title"], "Results");
    assert!(!page.to_string().contains("Secret words") && !page.to_string().contains("note"), "no words, no notes: {page}");
    let cursor = page["next_cursor"].as_str().unwrap_or_default().to_string();
    let older = app.call_ok(&ann.access, Method::GET, &format!("/portal/timeline?limit=3&cursor={cursor}"), None, 200).await;
    assert_eq!(older["entries"][0]["kind"], "signed_in", "then her sign-in: {older}");
    problem(app.call(&ann.access, Method::GET, "/portal/timeline?cursor=not*a*cursor", None).await, 400).await;
    let bens = app.call_ok(&ben.access, Method::GET, "/portal/timeline", None, 200).await;
    assert!(!bens.to_string().contains(&thread_id) && !bens.to_string().contains("Parking"), "Ben's is his own: {bens}");
    assert_ne!(app.call(&ben.access, Method::GET, &format!("/portal/timeline?cursor={cursor}"), None).await.status(), 200);
}

/// The bell: each care-team message rings it in the same transaction as the message (and as the event
/// that sends the PHI-free notice); home counts the unread; items are marked read one at a time or all
/// at once, each counting once; nobody marks another patient's.
#[tokio::test]
async fn the_bell_rings_for_new_messages_and_is_read_one_by_one_or_all_at_once() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;
    let staff = app.admin_token().await;
    let ann_id = app.ann().patient_id.to_string();
    for subject in ["Results", "Refill", "Reminder"] {
        app.call_ok(
            &staff,
            Method::POST,
            &format!("/staff/patients/{ann_id}/threads"),
            Some(json!({ "topic": "clinical", "subject": subject, "body": "x" })),
            201,
        )
        .await;
        app.advance(chrono::Duration::seconds(1));
    }
    let home = app.call_ok(&ann.access, Method::GET, "/portal/home", None, 200).await;
    assert_eq!(home["notifications_unread"], 3, "{home}");
    let bell = app.call_ok(&ann.access, Method::GET, "/portal/notifications", None, 200).await;
    assert_eq!(bell["unread"], 3);
    let items = bell["items"].as_array().cloned().unwrap_or_default();
    let titles: Vec<&str> = items.iter().filter_map(|i| i["title"].as_str()).collect();
    assert_eq!(titles, vec!["Reminder", "Refill", "Results"], "newest first: {bell}");
    assert!(items.iter().all(|i| i["kind"] == "new_message" && i["thread_id"].is_string() && i["read_at"].is_null()));

    let first = items[0]["id"].as_str().unwrap_or_default().to_string();
    let read = format!("/portal/notifications/{first}/read");
    problem(app.call(&ben.access, Method::POST, &read, None).await, 404).await;
    assert_eq!(app.call_ok(&ann.access, Method::POST, &read, None, 200).await["marked"], 1);
    assert_eq!(app.call_ok(&ann.access, Method::POST, &read, None, 200).await["marked"], 0, "once");
    assert_eq!(app.call_ok(&ann.access, Method::GET, "/portal/home", None, 200).await["notifications_unread"], 2);
    // Reading a thread in the portal reads what the bell said of it.
    let refill = items[1]["thread_id"].as_str().unwrap_or_default().to_string();
    app.call_ok(&ann.access, Method::POST, &format!("/portal/threads/{refill}/read"), None, 200).await;
    assert_eq!(app.call_ok(&ann.access, Method::GET, "/portal/home", None, 200).await["notifications_unread"], 1);
    assert_eq!(app.call_ok(&ann.access, Method::POST, "/portal/notifications/read-all", None, 200).await["marked"], 1);
    let after = app.call_ok(&ann.access, Method::GET, "/portal/notifications", None, 200).await;
    assert_eq!(after["unread"], 0);
    assert!(after["items"].as_array().into_iter().flatten().all(|i| i["read_at"].is_string()), "{after}");
    assert_eq!(
        app.call_ok(&ben.access, Method::GET, "/portal/notifications", None, 200).await["items"],
        json!([]),
        "Ben's bell is his own"
    );
    problem(app.call(&ann.access, Method::POST, "/portal/notifications/nope/read", None).await, 404).await;
}
