//! Secure messaging through the local gateway over HTTP: staff and patients write in the portal, texts
//! and emails only say that something is waiting, STOP stops texts, webhooks are signed and idempotent.

use chrono::Duration;
use portico_tests::{TestApp, problem, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

const ANN_PHONE: &str = "+15555550101";

async fn staff_writes(app: &TestApp, staff: &str, subject: &str, body: &str) -> (String, String) {
    let ann = app.ann().patient_id.to_string();
    let thread = app
        .call_ok(
            staff,
            Method::POST,
            &format!("/staff/patients/{ann}/threads"),
            Some(json!({ "topic": "clinical", "subject": subject, "body": body })),
            201,
        )
        .await;
    (ann, thread["thread"]["thread_id"].as_str().unwrap_or_default().to_string())
}

/// No notification may carry what the portal holds: names, subjects, bodies.
fn assert_phi_free(app: &TestApp, secrets: &[&str]) {
    for entry in app.gateway.app.outbox.entries() {
        for secret in secrets {
            assert!(
                !entry.body.contains(secret) && !entry.subject.clone().unwrap_or_default().contains(secret),
                "a {} to {} carries {secret:?}: {}",
                entry.channel,
                entry.to,
                entry.body
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_message_a_patient_who_is_told_without_phi_and_answers_in_the_portal_and_by_text() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    app.consent(&ann, "sms_messages").await;
    let staff = app.admin_token().await;
    let texts_before = app.texts_to(ANN_PHONE).len();
    let (ann_id, thread) = staff_writes(&app, &staff, "Potassium result", "Your potassium is 4.1, which is normal.").await;
    app.pump().await;

    let texts = app.texts_to(ANN_PHONE);
    assert_eq!(texts.len(), texts_before + 1, "one text tells Ann a message is waiting");
    assert!(
        texts[0].body.contains("Riverside Family Practice") && texts[0].body.contains("http://riverside.localhost"),
        "{}",
        texts[0].body
    );
    assert_phi_free(&app, &["Potassium", "4.1", "normal", "Ann", "Lee"]);

    let list = app.call_ok(&ann.access, Method::GET, "/portal/threads", None, 200).await;
    assert_eq!((list["unread_total"].as_i64(), list["threads"][0]["subject"].as_str()), (Some(1), Some("Potassium result")));
    let view = app.call_ok(&ann.access, Method::GET, &format!("/portal/threads/{thread}"), None, 200).await;
    assert_eq!(view["messages"][0]["from"], "care_team");
    assert_eq!(view["messages"][0]["body"], "Your potassium is 4.1, which is normal.");
    let read = app.call_ok(&ann.access, Method::POST, &format!("/portal/threads/{thread}/read"), None, 200).await;
    assert_eq!(read["unread"], 0);

    app.advance(Duration::seconds(30));
    let reply = app
        .call_ok(
            &ann.access,
            Method::POST,
            &format!("/portal/threads/{thread}/messages"),
            Some(json!({ "body": "Thank you, that's a relief." })),
            201,
        )
        .await;
    assert_eq!(reply["from"], "patient");
    app.pump().await;
    let staff_view = app.call_ok(&staff, Method::GET, &format!("/staff/patients/{ann_id}/threads/{thread}"), None, 200).await;
    assert!(staff_view["messages"][0]["read_at"].is_string(), "the staff message carries Ann's read receipt: {staff_view}");
    assert_eq!(staff_view["thread"]["unread"], 1, "staff see one unread patient message");
    assert!(staff_view["messages"][1]["content_hash"].as_str().is_some_and(|h| h.len() == 64));
    let tasks = app.call_ok(&staff, Method::GET, "/staff/tasks", None, 200).await;
    let open = tasks["tasks"].as_array().cloned().unwrap_or_default();
    assert_eq!(open.len(), 1, "a patient message opens one staff response task: {tasks}");
    assert_eq!((open[0]["kind"].as_str(), open[0]["subject"].as_str()), (Some("respond_to_message"), Some(thread.as_str())));
    assert_eq!(open[0]["patient_id"], ann_id.as_str());
    assert!(
        app.gateway.app.outbox.entries().iter().any(|e| e.channel == "email" && e.to.ends_with("@riverside.example")),
        "the care team is told by email"
    );

    // Ann answers by text a minute later: it joins her open thread.
    app.advance(Duration::minutes(1));
    let answer = app.text_from(ANN_PHONE, "Also, can I move my appointment?").await;
    assert_eq!(answer["status"], 200);
    let after = app.call_ok(&ann.access, Method::GET, &format!("/portal/threads/{thread}"), None, 200).await;
    let last = after["messages"].as_array().and_then(|m| m.last()).cloned().unwrap_or_default();
    assert_eq!((last["via"].as_str(), last["body"].as_str()), (Some("sms"), Some("Also, can I move my appointment?")));
    assert_phi_free(&app, &["Potassium", "relief", "appointment?"]);
}

#[tokio::test]
async fn internal_notes_and_deleted_text_never_reach_the_patient() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    app.consent(&ann, "sms_messages").await;
    let staff = app.admin_token().await;
    let (ann_id, thread) = staff_writes(&app, &staff, "Follow-up", "Please book a follow-up.").await;
    app.pump().await;
    let texts = app.texts_to(ANN_PHONE).len();
    let note = app
        .call_ok(
            &staff,
            Method::POST,
            &format!("/staff/patients/{ann_id}/threads/{thread}/messages"),
            Some(json!({ "body": "Discussed with Dr. Park", "internal": true })),
            201,
        )
        .await;
    assert_eq!(note["internal"], true);
    app.advance(Duration::days(2));
    app.pump().await;
    assert_eq!(app.texts_to(ANN_PHONE).len(), texts, "an internal note tells no one");
    let ann = app.sign_in("ann@example.com").await;
    let staff = app.admin_token().await;
    let view = app.call_ok(&ann.access, Method::GET, &format!("/portal/threads/{thread}"), None, 200).await;
    assert_eq!(view["messages"].as_array().map(Vec::len), Some(1), "the patient sees no internal note");
    assert_eq!(view["thread"]["message_count"], 1, "nor its count");
    assert_eq!(view["thread"]["last_activity_at"], view["messages"][0]["created_at"], "nor its time");
    let message = view["messages"][0]["message_id"].as_str().unwrap_or_default().to_string();
    let desk = app.staff_token(&app.demo().front_desk_email.clone()).await;
    problem(app.call(&desk, Method::DELETE, &format!("/staff/patients/{ann_id}/threads/{thread}/messages/{message}"), None).await, 403)
        .await;
    let deleted =
        app.call_ok(&staff, Method::DELETE, &format!("/staff/patients/{ann_id}/threads/{thread}/messages/{message}"), None, 200).await;
    assert_eq!(deleted["body"], "Please book a follow-up.", "the text is kept for the record");
    let view = app.call_ok(&ann.access, Method::GET, &format!("/portal/threads/{thread}"), None, 200).await;
    assert_eq!((view["messages"][0]["deleted"].as_bool(), view["messages"][0]["body"].clone()), (Some(true), Value::Null));
    let audit = app
        .gateway
        .app
        .audit
        .query(portico::store::Query::partition(
            portico::store::Index::Gsi1,
            portico::keys::audit_trail(&app.practice().id, app.ann().patient_id.as_str()),
        ))
        .await
        .unwrap();
    assert!(
        audit.items.iter().any(|e| e.str("action") == Some("messages.message.delete") && e.str("outcome") == Some("success")),
        "the deletion is audited"
    );
}

#[tokio::test]
async fn stop_stops_every_later_text_even_those_already_queued() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    app.consent(&ann, "sms_messages").await;
    let staff = app.admin_token().await;
    let before = app.texts_to(ANN_PHONE).len();
    staff_writes(&app, &staff, "One", "First").await;
    staff_writes(&app, &staff, "Two", "Second").await;
    let stop = app.text_from(ANN_PHONE, "  stop ").await;
    assert!(stop["twiml"].as_str().unwrap_or_default().contains("no longer receive texts"), "one confirmation: {stop}");
    for _ in 0..3 {
        app.pump().await;
        app.advance(Duration::days(1));
    }
    let staff = app.admin_token().await;
    staff_writes(&app, &staff, "Three", "Third").await;
    app.pump().await;
    assert_eq!(app.texts_to(ANN_PHONE).len(), before, "no text after STOP, including the two queued before it");
    assert!(app.emails_to("ann@example.com").len() >= 3, "email still tells Ann, as her preferences allow");
    let ann = app.sign_in("ann@example.com").await;
    let consents = app.call_ok(&ann.access, Method::GET, "/portal/consents", None, 200).await;
    let sms = consents["consents"].as_array().into_iter().flatten().find(|c| c["kind"] == "sms_messages").cloned().unwrap_or_default();
    assert_eq!(sms["status"], "revoked", "STOP is recorded as a consent event");
    // START turns texts back on.
    let start = app.text_from(ANN_PHONE, "START").await;
    assert!(start["twiml"].as_str().unwrap_or_default().contains("texts are back on"), "{start}");
    app.advance(Duration::days(1));
    let staff = app.admin_token().await;
    staff_writes(&app, &staff, "Four", "Fourth").await;
    app.pump().await;
    assert_eq!(app.texts_to(ANN_PHONE).len(), before + 1, "texts resume after START");
    let help = app.text_from(ANN_PHONE, "HELP").await;
    assert!(help["twiml"].as_str().unwrap_or_default().contains("Riverside Family Practice"), "{help}");
}

#[tokio::test]
async fn quiet_hours_defer_texts_until_morning() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    app.consent(&ann, "sms_messages").await;
    // 22:30 in New York.
    app.clock.set(chrono::DateTime::parse_from_rfc3339("2026-11-19T03:30:00Z").map(|t| t.with_timezone(&chrono::Utc)).unwrap_or_default());
    let staff = app.admin_token().await;
    let before = app.texts_to(ANN_PHONE).len();
    staff_writes(&app, &staff, "Evening", "Sent late").await;
    app.pump().await;
    assert_eq!(app.texts_to(ANN_PHONE).len(), before, "nothing at 22:30");
    let waiting = app.gateway.app.local_queue.as_ref().map(|q| q.pending("notify")).unwrap_or(0);
    assert_eq!(waiting, 1, "the notification waits in the queue, not dropped");
    app.advance(Duration::hours(9) + Duration::minutes(31));
    app.pump().await;
    assert_eq!(app.texts_to(ANN_PHONE).len(), before + 1, "sent after 08:00");
}

#[tokio::test]
async fn texts_are_capped_per_day_and_week_and_email_takes_over() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    app.consent(&ann, "sms_messages").await;
    let staff = app.admin_token().await;
    let (texts, emails) = (app.texts_to(ANN_PHONE).len(), app.emails_to("ann@example.com").len());
    staff_writes(&app, &staff, "A", "a").await;
    staff_writes(&app, &staff, "B", "b").await;
    app.pump().await;
    assert_eq!(app.texts_to(ANN_PHONE).len(), texts + 1, "one text a day");
    assert_eq!(app.emails_to("ann@example.com").len(), emails + 1, "the second goes by email");
    for _ in 0..3 {
        app.advance(Duration::days(1));
        let staff = app.admin_token().await;
        staff_writes(&app, &staff, "Daily", "d").await;
        app.pump().await;
    }
    assert_eq!(app.texts_to(ANN_PHONE).len(), texts + 3, "three texts a week");
    // Urgent messages skip the caps.
    let staff = app.admin_token().await;
    let ann_id = app.ann().patient_id.to_string();
    app.call_ok(
        &staff,
        Method::POST,
        &format!("/staff/patients/{ann_id}/threads"),
        Some(json!({ "topic": "clinical", "subject": "Now", "body": "Call us", "urgent": true })),
        201,
    )
    .await;
    app.pump().await;
    assert_eq!(app.texts_to(ANN_PHONE).len(), texts + 4, "an urgent text is not capped");
}

#[tokio::test]
async fn webhooks_delivered_three_times_in_any_order_take_effect_once() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    app.consent(&ann, "sms_messages").await;
    let staff = app.admin_token().await;
    let (_, thread) = staff_writes(&app, &staff, "Hello", "Hi Ann").await;
    app.pump().await;
    // Three texts, each delivered three times, shuffled.
    let mut deliveries = Vec::new();
    for (i, sid) in ["SMa01", "SMa02", "SMa03"].iter().enumerate() {
        for _ in 0..3 {
            deliveries.push((sid.to_string(), format!("reply {i}")));
        }
    }
    let mut seed = 7u64;
    for i in (1..deliveries.len()).rev() {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        deliveries.swap(i, (seed >> 33) as usize % (i + 1));
    }
    for (sid, body) in &deliveries {
        let answer = app.post_json("/_local/twilio/inbound", json!({ "from": ANN_PHONE, "body": body, "message_sid": sid })).await;
        assert_eq!(answer.status(), 200);
    }
    let view = app.call_ok(&ann.access, Method::GET, &format!("/portal/threads/{thread}"), None, 200).await;
    let from_sms: Vec<&str> =
        view["messages"].as_array().into_iter().flatten().filter(|m| m["via"] == "sms").filter_map(|m| m["body"].as_str()).collect();
    assert_eq!(from_sms.len(), 3, "each text is added once: {from_sms:?}");

    // Status callbacks, three times each in random order: the status only moves forward.
    let sid = app.texts_to(ANN_PHONE)[0].id.clone();
    let mut statuses: Vec<&str> = ["queued", "sent", "delivered"].iter().flat_map(|s| [*s; 3]).collect();
    for i in (1..statuses.len()).rev() {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        statuses.swap(i, (seed >> 33) as usize % (i + 1));
    }
    for status in statuses {
        let response = app.post_json("/_local/twilio/status", json!({ "message_sid": sid, "status": status })).await;
        assert_eq!(response.status(), 204, "every delivery is accepted, applied or not");
    }
    let page =
        app.gateway.app.table.query(portico::store::Query::partition(portico::store::Index::Gsi1, format!("SMSOUT#{sid}"))).await.unwrap();
    assert_eq!(page.items[0].str("status"), Some("delivered"), "delivered, whatever arrived last");
}

#[tokio::test]
async fn forged_twilio_requests_are_refused_before_any_effect() {
    use portico::notify::twilio::sign;
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    app.consent(&ann, "sms_messages").await;
    let to = app.practice().settings.sms_numbers[0].clone();
    let token = app.gateway.app.ports.twilio.auth_token.clone();
    let base = app.gateway.app.ports.twilio.public_base.clone();
    let params = vec![
        ("MessageSid".to_string(), "SMforged1".to_string()),
        ("From".to_string(), ANN_PHONE.to_string()),
        ("To".to_string(), to),
        ("Body".to_string(), "STOP".to_string()),
    ];
    let body = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(params.iter()).finish();
    let post = |body: String, signature: Option<String>| {
        let mut request =
            app.request(Method::POST, "/webhooks/twilio/inbound").header("content-type", "application/x-www-form-urlencoded").body(body);
        if let Some(signature) = signature {
            request = request.header("x-twilio-signature", signature);
        }
        request.send()
    };
    let good = sign(&token, &format!("{base}/webhooks/twilio/inbound"), &params);
    let changed = body.replacen("STOP", "STOQ", 1);
    let wrong_token =
        sign(&secrecy::SecretString::from("not-the-token-at-all".to_string()), &format!("{base}/webhooks/twilio/inbound"), &params);
    let wrong_scheme = sign(&token, &format!("{}/webhooks/twilio/inbound", base.replace("http://", "https://")), &params);
    for (what, body, signature) in [
        ("one byte of body changed", changed, Some(good.clone())),
        ("wrong token", body.clone(), Some(wrong_token)),
        ("http/https mismatch", body.clone(), Some(wrong_scheme)),
        ("missing header", body.clone(), None),
    ] {
        let response = post(body, signature).await.unwrap();
        assert_eq!(response.status(), 403, "{what}");
    }
    let consents = app.call_ok(&ann.access, Method::GET, "/portal/consents", None, 200).await;
    let sms = consents["consents"].as_array().into_iter().flatten().find(|c| c["kind"] == "sms_messages").cloned().unwrap_or_default();
    assert_eq!(sms["status"], "accepted", "no forged STOP took effect");
    let accepted = post(body, Some(good)).await.unwrap();
    assert_eq!(accepted.status(), 200, "the genuine request is accepted");
    assert!(accepted.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().starts_with("text/xml"));
}

#[tokio::test]
async fn three_hard_failures_in_a_row_make_email_take_over() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    app.consent(&ann, "sms_messages").await;
    // A delivery starts the count again, and an unreachable handset (30003) is passing, not hard.
    let reports = [
        ("undelivered", Some("30006")),
        ("delivered", None),
        ("undelivered", Some("30003")),
        ("undelivered", Some("30006")),
        ("failed", Some("30005")),
        ("undelivered", Some("21614")),
    ];
    for (day, (status, code)) in reports.iter().enumerate() {
        let staff = app.admin_token().await;
        let texts = app.texts_to(ANN_PHONE).len();
        staff_writes(&app, &staff, "Check in", "How are you?").await;
        app.pump().await;
        assert_eq!(app.texts_to(ANN_PHONE).len(), texts + 1, "day {day}: still texted");
        let sid = app.texts_to(ANN_PHONE)[0].id.clone();
        let report = app.post_json("/_local/twilio/status", json!({ "message_sid": sid, "status": status, "error_code": code })).await;
        assert_eq!(report.status(), 204, "day {day}");
        // Three days apart, to stay within a text a day and three a week.
        app.advance(Duration::days(3));
    }
    let (texts, emails) = (app.texts_to(ANN_PHONE).len(), app.emails_to("ann@example.com").len());
    let staff = app.admin_token().await;
    staff_writes(&app, &staff, "Again", "Another").await;
    app.pump().await;
    assert_eq!(app.texts_to(ANN_PHONE).len(), texts, "no text to an undeliverable number");
    assert_eq!(app.emails_to("ann@example.com").len(), emails + 1, "email takes over");
}

#[tokio::test]
async fn another_patients_or_practices_thread_answers_404() {
    let app = spawn_app().await;
    let ben = app.sign_in("ben@example.com").await;
    let staff = app.admin_token().await;
    let (ann_id, thread) = staff_writes(&app, &staff, "Private", "For Ann only").await;
    problem(app.call(&ben.access, Method::GET, &format!("/portal/threads/{thread}"), None).await, 404).await;
    problem(app.call(&ben.access, Method::POST, &format!("/portal/threads/{thread}/messages"), Some(json!({ "body": "hi" }))).await, 404)
        .await;
    let (_, _, lakeside) = app.other_practice().await;
    let foreign = app
        .request_on("lakeside", Method::GET, &format!("/staff/patients/{ann_id}/threads/{thread}"))
        .bearer_auth(&lakeside)
        .send()
        .await
        .unwrap();
    problem(foreign, 404).await;
    let inbox: Value = app
        .request_on("lakeside", Method::GET, "/staff/threads")
        .bearer_auth(&lakeside)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(inbox["threads"], json!([]), "another practice's inbox is empty of this practice's threads");
}

#[tokio::test]
async fn the_inbox_filters_by_status_and_assignee_newest_first() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;
    let first = app
        .call_ok(
            &ann.access,
            Method::POST,
            "/portal/threads",
            Some(json!({ "topic": "billing", "subject": "Bill", "body": "Question" })),
            201,
        )
        .await;
    app.advance(Duration::minutes(1));
    let second = app
        .call_ok(
            &ben.access,
            Method::POST,
            "/portal/threads",
            Some(json!({ "topic": "scheduling", "subject": "Move", "body": "Tuesday?" })),
            201,
        )
        .await;
    let staff = app.admin_token().await;
    let ids = |v: &Value| {
        v["threads"].as_array().into_iter().flatten().filter_map(|t| t["thread_id"].as_str().map(str::to_string)).collect::<Vec<_>>()
    };
    let (a, b) = (
        first["thread"]["thread_id"].as_str().unwrap_or_default().to_string(),
        second["thread"]["thread_id"].as_str().unwrap_or_default().to_string(),
    );
    let open = app.call_ok(&staff, Method::GET, "/staff/threads", None, 200).await;
    assert_eq!(ids(&open), [b.clone(), a.clone()], "newest activity first");
    let ann_id = app.ann().patient_id.to_string();
    app.call_ok(
        &staff,
        Method::PATCH,
        &format!("/staff/patients/{ann_id}/threads/{a}"),
        Some(json!({ "assignee": "staff-riverside-admin" })),
        200,
    )
    .await;
    assert_eq!(ids(&app.call_ok(&staff, Method::GET, "/staff/threads?assignee=me", None, 200).await), vec![a.clone()]);
    assert_eq!(ids(&app.call_ok(&staff, Method::GET, "/staff/threads?assignee=unassigned", None, 200).await), vec![b.clone()]);
    app.call_ok(&staff, Method::PATCH, &format!("/staff/patients/{ann_id}/threads/{a}"), Some(json!({ "status": "closed" })), 200).await;
    assert_eq!(ids(&app.call_ok(&staff, Method::GET, "/staff/threads?status=closed", None, 200).await), vec![a.clone()]);
    assert_eq!(ids(&app.call_ok(&staff, Method::GET, "/staff/threads", None, 200).await), vec![b.clone()]);
    // A patient writing into a closed thread reopens it, and it becomes the newest.
    app.advance(Duration::minutes(1));
    app.call_ok(&ann.access, Method::POST, &format!("/portal/threads/{a}/messages"), Some(json!({ "body": "One more thing" })), 201).await;
    assert_eq!(ids(&app.call_ok(&staff, Method::GET, "/staff/threads", None, 200).await), [a, b]);
    let long = "x".repeat(10_001);
    let refused = problem(
        app.call(&ann.access, Method::POST, "/portal/threads", Some(json!({ "topic": "other", "subject": "Long", "body": long }))).await,
        400,
    )
    .await;
    assert!(refused["errors"][0]["detail"].as_str().unwrap_or_default().contains("at most 10000"), "{refused}");
}

#[tokio::test]
async fn practices_reword_their_templates_but_cannot_name_a_patient() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    app.consent(&ann, "sms_messages").await;
    let staff = app.admin_token().await;
    let refused = problem(
        app.call(
            &staff,
            Method::PUT,
            "/staff/templates/message_waiting",
            Some(json!({ "sms": "Hi {first_name}! {portal_link}", "email_subject": "s", "email_body": "{portal_link}" })),
        )
        .await,
        400,
    )
    .await;
    assert!(refused["errors"][0]["detail"].as_str().unwrap_or_default().contains("never anything about a patient"), "{refused}");
    let saved = app
        .call_ok(&staff, Method::PUT, "/staff/templates/message_waiting", Some(json!({ "sms": "Riverside here: news waiting at {portal_link}", "email_subject": "News", "email_body": "See {portal_link}" })), 200)
        .await;
    assert_eq!(saved["customised"], true);
    let desk = app.staff_token(&app.demo().front_desk_email.clone()).await;
    problem(app.call(&desk, Method::PUT, "/staff/templates/help_reply", Some(json!({ "sms": "Call {practice_phone}" }))).await, 403).await;
    // Each template has a Spanish wording of its own, Portico's until the practice writes one.
    let list = app.call_ok(&desk, Method::GET, "/staff/templates", None, 200).await;
    let rows = list.as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), portico::notify::wording::TemplateKind::ALL.len() * 2, "every template in two languages");
    let spanish = rows.iter().find(|t| t["kind"] == "message_waiting" && t["language"] == "es").cloned().unwrap_or_default();
    assert_eq!(
        (spanish["customised"].as_bool(), spanish["sms"].as_str().is_some_and(|t| t.contains("mensaje nuevo"))),
        (Some(false), true)
    );
    problem(
        app.call(
            &staff,
            Method::PUT,
            "/staff/templates/message_waiting?language=fr",
            Some(json!({ "sms": "{portal_link}", "email_subject": "s", "email_body": "b" })),
        )
        .await,
        400,
    )
    .await;
    let saved = app
        .call_ok(&staff, Method::PUT, "/staff/templates/message_waiting?language=es", Some(json!({ "sms": "Riverside: tiene noticias en {portal_link}", "email_subject": "Noticias", "email_body": "Vea {portal_link}" })), 200)
        .await;
    assert_eq!((saved["language"].as_str(), saved["customised"].as_bool()), (Some("es"), Some(true)));
    let english = app.call_ok(&desk, Method::GET, "/staff/templates", None, 200).await;
    let english = english.as_array().into_iter().flatten().find(|t| t["kind"] == "message_waiting" && t["language"] == "en").cloned();
    assert_eq!(
        english.map(|t| t["sms"].clone()),
        Some(json!("Riverside here: news waiting at {portal_link}")),
        "the English wording is its own"
    );

    staff_writes(&app, &staff, "Hi", "Body").await;
    app.pump().await;
    assert!(
        app.texts_to(ANN_PHONE)[0].body.starts_with("Riverside here: news waiting at http://riverside.localhost"),
        "{}",
        app.texts_to(ANN_PHONE)[0].body
    );
    // Ann reads Spanish from now on: her next notice (by email: one text a day) is the practice's
    // Spanish wording.
    app.call_ok(&ann.access, Method::PATCH, "/portal/me", Some(json!({ "language": "es" })), 200).await;
    let thread = app.call_ok(&ann.access, Method::GET, "/portal/threads", None, 200).await;
    let id = thread["threads"][0]["thread_id"].as_str().unwrap_or_default().to_string();
    app.call_ok(&ann.access, Method::GET, &format!("/portal/threads/{id}"), None, 200).await;
    staff_writes(&app, &staff, "Otra", "Body").await;
    app.pump().await;
    let emails = app.emails_to("ann@example.com");
    let last = emails.first().cloned();
    assert_eq!(last.as_ref().and_then(|e| e.subject.clone()).as_deref(), Some("Noticias"), "{emails:?}");
    assert!(last.is_some_and(|e| e.body.contains("Vea http://riverside.localhost")), "{emails:?}");
}

#[tokio::test]
async fn one_click_unsubscribe_turns_off_that_category_of_email() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let staff = app.admin_token().await;
    staff_writes(&app, &staff, "Hi", "Body").await;
    app.pump().await;
    let email = app
        .emails_to("ann@example.com")
        .into_iter()
        .find(|e| e.body.contains("List-Unsubscribe"))
        .unwrap_or_else(|| panic!("a notification email with List-Unsubscribe"));
    assert!(email.body.contains("[List-Unsubscribe-Post: List-Unsubscribe=One-Click]"), "{}", email.body);
    let link = email.body.split("[List-Unsubscribe: <").nth(1).and_then(|rest| rest.split('>').next()).unwrap_or_default().to_string();
    let path = link.split_once("localhost:").and_then(|(_, rest)| rest.split_once('/')).map(|(_, p)| format!("/{p}")).unwrap_or_default();
    problem(
        app.request(Method::POST, &path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=Nope")
            .send()
            .await
            .unwrap(),
        400,
    )
    .await;
    let multipart = |value: &'static str| reqwest::multipart::Form::new().text("List-Unsubscribe", value);
    let post_multipart = |value: &'static str| app.request(Method::POST, &path).multipart(multipart(value)).send();
    problem(post_multipart("Later").await.unwrap(), 400).await;
    problem(app.request(Method::POST, &path).json(&json!({ "List-Unsubscribe": "One-Click" })).send().await.unwrap(), 415).await;
    // RFC 8058 prefers multipart/form-data; mail clients also send the urlencoded form. Both work.
    let done = post_multipart("One-Click").await.unwrap();
    assert_eq!(done.status(), 200);
    let again = app
        .request(Method::POST, &path)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 200, "unsubscribing twice is fine");
    let prefs = app.call_ok(&ann.access, Method::GET, "/portal/preferences", None, 200).await;
    assert_eq!(prefs["email"]["messages"], false);
    let tampered = path.replace("token=", "token=x");
    problem(
        app.request(Method::POST, &tampered)
            .header("content-type", "application/x-www-form-urlencoded")
            .body("List-Unsubscribe=One-Click")
            .send()
            .await
            .unwrap(),
        404,
    )
    .await;
}

#[tokio::test]
async fn long_threads_page_without_losing_a_message_or_hinting_at_notes() {
    let app = spawn_app().await;
    let staff = app.admin_token().await;
    let (ann_id, thread) = staff_writes(&app, &staff, "Diary", "Message 0").await;
    // 60 more messages, every fourth an internal note: more than a page either way.
    let mut visible = vec!["Message 0".to_string()];
    for i in 1..=60 {
        app.advance(Duration::seconds(1));
        let internal = i % 4 == 0;
        let body = format!("Message {i}");
        app.call_ok(
            &staff,
            Method::POST,
            &format!("/staff/patients/{ann_id}/threads/{thread}/messages"),
            Some(json!({ "body": body, "internal": internal })),
            201,
        )
        .await;
        if !internal {
            visible.push(body);
        }
    }
    let read_all = async |token: &str, path: &str| {
        let (mut bodies, mut cursor, mut pages) = (Vec::new(), None::<String>, 0);
        loop {
            let url = match &cursor {
                Some(c) => format!("{path}?before={c}"),
                None => path.to_string(),
            };
            let page = app.call_ok(token, Method::GET, &url, None, 200).await;
            pages += 1;
            let mut older: Vec<String> =
                page["messages"].as_array().into_iter().flatten().filter_map(|m| m["body"].as_str().map(str::to_string)).collect();
            assert!(!older.is_empty(), "no empty page is offered");
            older.append(&mut bodies);
            bodies = older;
            match page["older_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_string()),
                None => break,
            }
        }
        (bodies, pages)
    };
    let ann = app.sign_in("ann@example.com").await;
    let (seen, pages) = read_all(&ann.access, &format!("/portal/threads/{thread}")).await;
    assert_eq!(seen, visible, "every message the patient may see, once, oldest first");
    assert_eq!(pages, 1 + (visible.len() - 1) / portico_messaging::threads::PAGE);
    let (all, _) = read_all(&staff, &format!("/staff/patients/{ann_id}/threads/{thread}")).await;
    assert_eq!(all.len(), 61, "staff page through notes too, missing none");
    let list = app.call_ok(&ann.access, Method::GET, "/portal/threads", None, 200).await;
    assert_eq!(list["threads"][0]["message_count"].as_u64(), Some(visible.len() as u64));
}

#[tokio::test]
async fn start_only_undoes_a_refusal_and_wordless_texts_get_the_practice_contact() {
    let app = spawn_app().await;
    const BEN_PHONE: &str = "+15555550102";
    // Ben never agreed to texts: START does not agree for him.
    let start = app.text_from(BEN_PHONE, "START").await;
    assert!(!start["twiml"].as_str().unwrap_or_default().contains("back on"), "{start}");
    assert!(start["twiml"].as_str().unwrap_or_default().contains("Riverside Family Practice"), "{start}");
    let ben = app.sign_in("ben@example.com").await;
    let consents = app.call_ok(&ben.access, Method::GET, "/portal/consents", None, 200).await;
    let sms = consents["consents"].as_array().into_iter().flatten().find(|c| c["kind"] == "sms_messages").cloned().unwrap_or_default();
    assert_ne!(sms["status"], "accepted", "no consent was recorded for a keyword: {sms}");
    // A picture alone, or control characters only: no thread, and the practice's contact in reply.
    let before = app.call_ok(&ben.access, Method::GET, "/portal/threads", None, 200).await["threads"].as_array().map(Vec::len);
    for body in ["", " \u{0}\u{7} "] {
        let reply = app.text_from(BEN_PHONE, body).await;
        assert_eq!(reply["status"], 200, "{reply}");
        assert!(reply["twiml"].as_str().unwrap_or_default().contains("Riverside Family Practice"), "{reply}");
    }
    let after = app.call_ok(&ben.access, Method::GET, "/portal/threads", None, 200).await["threads"].as_array().map(Vec::len);
    assert_eq!(before, after, "nothing was added to Ben's threads");
    // Words around a stray control character are kept, without it.
    app.text_from(BEN_PHONE, "Running\u{0} late").await;
    let threads = app.call_ok(&ben.access, Method::GET, "/portal/threads", None, 200).await;
    let id = threads["threads"][0]["thread_id"].as_str().unwrap_or_default().to_string();
    let view = app.call_ok(&ben.access, Method::GET, &format!("/portal/threads/{id}"), None, 200).await;
    assert_eq!(view["messages"][0]["body"], "Running late");
}

/// A response task follows the conversation: a patient's message opens it, a reply in the portal settles
/// it, and a patient writing again after someone completed it (answered by phone) opens it again.
#[tokio::test]
async fn the_response_task_opens_and_settles_with_the_conversation() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let staff = app.admin_token().await;
    let ann_id = app.ann().patient_id.to_string();
    let opened = app
        .call_ok(
            &ann.access,
            Method::POST,
            "/portal/threads",
            Some(json!({ "topic": "other", "subject": "Refill", "body": "Please" })),
            201,
        )
        .await;
    let thread = opened["thread"]["thread_id"].as_str().unwrap().to_string();
    async fn task_status(app: &TestApp, staff: &str, thread: &str) -> (&'static str, String) {
        for status in ["open", "claimed", "done"] {
            let page = app.call_ok(staff, Method::GET, &format!("/staff/tasks?status={status}"), None, 200).await;
            if let Some(task) = page["tasks"].as_array().unwrap().iter().find(|t| t["subject"] == thread) {
                return (status, task["task_id"].as_str().unwrap().to_string());
            }
        }
        panic!("the thread has no task");
    }
    let (status, task) = task_status(&app, &staff, &thread).await;
    assert_eq!(status, "open");
    // Answered by phone: completed from the task list, no reply in the portal.
    app.call_ok(&staff, Method::POST, &format!("/staff/tasks/{task}/complete"), None, 200).await;
    assert_eq!(task_status(&app, &staff, &thread).await.0, "done");
    let patient_path = format!("/portal/threads/{thread}/messages");
    app.call_ok(&ann.access, Method::POST, &patient_path, Some(json!({ "body": "One more thing" })), 201).await;
    assert_eq!(task_status(&app, &staff, &thread).await.0, "open", "the patient wrote again: the task is open again");
    app.call_ok(&staff, Method::POST, &format!("/staff/patients/{ann_id}/threads/{thread}/messages"), Some(json!({ "body": "Done" })), 201)
        .await;
    assert_eq!(task_status(&app, &staff, &thread).await.0, "done", "a reply in the portal settles it");
    let internal = Some(json!({ "body": "called back", "internal": true }));
    app.call_ok(&ann.access, Method::POST, &patient_path, Some(json!({ "body": "Thanks" })), 201).await;
    app.call_ok(&staff, Method::POST, &format!("/staff/patients/{ann_id}/threads/{thread}/messages"), internal, 201).await;
    assert_eq!(task_status(&app, &staff, &thread).await.0, "open", "an internal note answers no one");
}

/// The chart says whether a patient can be told about a message, channel by channel and why not, and
/// what became of their latest notices: sent with the provider's status, or skipped with the reason.
#[tokio::test]
async fn the_chart_shows_how_a_patient_can_be_reached_and_what_became_of_their_notices() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let staff = app.admin_token().await;
    let desk = app.staff_token(&app.demo().front_desk_email.clone()).await;
    let path = format!("/staff/patients/{}/contact", app.ann().patient_id);
    let chart = app.call_ok(&desk, Method::GET, &path, None, 200).await;
    assert_eq!(chart["notices"]["sms"], json!({ "reachable": false, "blocked_by": "no_consent" }), "{chart}");
    assert_eq!(chart["notices"]["email"], json!({ "reachable": true, "blocked_by": null }), "{chart}");
    assert_eq!((chart["sms_opted_out"].as_bool(), chart["recent_notifications"].as_array().map(Vec::len)), (Some(false), Some(0)));
    assert!(chart["consents"]["consents"].as_array().is_some_and(|c| !c.is_empty()) && chart["preferences"]["email"]["messages"] == true);

    // Without the text consent the first notice goes by email.
    staff_writes(&app, &staff, "Hi", "Body").await;
    app.pump().await;
    let chart = app.call_ok(&desk, Method::GET, &path, None, 200).await;
    let first = chart["recent_notifications"][0].clone();
    assert_eq!((first["channel"].as_str(), first["status"].as_str()), (Some("email"), Some("queued")), "{chart}");

    // Ann turns message emails off: the chart says so, and the next notice is recorded as skipped.
    let mut preferences = app.call_ok(&ann.access, Method::GET, "/portal/preferences", None, 200).await;
    preferences["email"]["messages"] = json!(false);
    app.call_ok(&ann.access, Method::PUT, "/portal/preferences", Some(preferences), 200).await;
    staff_writes(&app, &staff, "Again", "Body").await;
    app.pump().await;
    let chart = app.call_ok(&desk, Method::GET, &path, None, 200).await;
    assert_eq!(chart["notices"]["email"]["blocked_by"], "preference_off", "{chart}");
    let latest = chart["recent_notifications"][0].clone();
    assert_eq!((latest["status"].as_str(), latest["channel"].clone()), (Some("skipped"), Value::Null), "{chart}");
    assert!(latest["reason"].as_str().is_some_and(|r| r.contains("no consent to texts")), "{latest}");
    assert_eq!(chart["recent_notifications"].as_array().map(Vec::len), Some(2), "newest first, the sent one kept");
    let text = chart.to_string();
    assert!(!text.contains("ann@example.com") && !text.contains(ANN_PHONE), "no addresses in the facts: {text}");

    // Another practice's patient, or no patient, does not exist here.
    problem(app.call(&desk, Method::GET, "/staff/patients/pt_01JC00000000000000000000C1/contact", None).await, 404).await;
    problem(app.call(&desk, Method::GET, "/staff/patients/42/contact", None).await, 404).await;
}

/// A patient closes a conversation they started; one the care team started is theirs to close; a new
/// message reopens it; the unanswered question stays on the care team's task list; nobody closes
/// another patient's thread.
#[tokio::test]
async fn patients_close_the_threads_they_started_and_a_new_message_reopens_them() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;
    let staff = app.admin_token().await;
    let started = app
        .call_ok(
            &ann.access,
            Method::POST,
            "/portal/threads",
            Some(json!({ "topic": "billing", "subject": "Parking", "body": "Is there parking?" })),
            201,
        )
        .await;
    assert_eq!(started["thread"]["opened_by_you"], true);
    let id = started["thread"]["thread_id"].as_str().unwrap_or_default().to_string();
    let close = format!("/portal/threads/{id}/close");

    problem(app.call(&ben.access, Method::POST, &close, None).await, 404).await;
    let closed = app.call_ok(&ann.access, Method::POST, &close, None, 200).await;
    assert_eq!(closed["status"], "closed");
    assert_eq!(app.call_ok(&ann.access, Method::POST, &close, None, 200).await["status"], "closed", "closing again changes nothing");
    let ann_id = app.ann().patient_id.to_string();
    let staff_view = app.call_ok(&staff, Method::GET, &format!("/staff/patients/{ann_id}/threads/{id}"), None, 200).await;
    assert_eq!(staff_view["thread"]["status"], "closed", "{staff_view}");
    let tasks = app.call_ok(&staff, Method::GET, "/staff/tasks", None, 200).await;
    assert!(tasks.to_string().contains(&id), "the unanswered question is still the care team's: {tasks}");

    app.call_ok(&ann.access, Method::POST, &format!("/portal/threads/{id}/messages"), Some(json!({ "body": "One more thing" })), 201).await;
    let reopened = app.call_ok(&ann.access, Method::GET, &format!("/portal/threads/{id}"), None, 200).await;
    assert_eq!(reopened["thread"]["status"], "open", "a new message reopens it");

    let (_, theirs) = staff_writes(&app, &staff, "Your results", "All normal").await;
    let listed = app.call_ok(&ann.access, Method::GET, &format!("/portal/threads/{theirs}"), None, 200).await;
    assert_eq!(listed["thread"]["opened_by_you"], false);
    problem(app.call(&ann.access, Method::POST, &format!("/portal/threads/{theirs}/close"), None).await, 409).await;
    let still = app.call_ok(&ann.access, Method::GET, &format!("/portal/threads/{theirs}"), None, 200).await;
    assert_eq!(still["thread"]["status"], "open");
}
