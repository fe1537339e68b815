//! Links that open the right thing: a notice's single-use, short-lived link to its item. It opens once,
//! expires, dies when a newer one is sent for the same item and when the patient signs out; opening it
//! reveals only where it leads, and the item itself needs a live session or a code.

use portico_tests::{TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

/// Staff write to Ann in a thread (a new one, or `thread`); the notice goes out; returns the thread and
/// the link token in the email.
async fn notice(app: &TestApp, staff: &str, thread: Option<&str>) -> (String, String) {
    let ann = app.ann().patient_id.to_string();
    let thread = match thread {
        Some(id) => {
            let path = format!("/staff/patients/{ann}/threads/{id}/messages");
            app.call_ok(staff, Method::POST, &path, Some(json!({ "body": "Your results are normal" })), 201).await;
            id.to_string()
        }
        None => {
            let body = json!({ "topic": "clinical", "subject": "Lab results", "body": "Your results are normal" });
            let opened = app.call_ok(staff, Method::POST, &format!("/staff/patients/{ann}/threads"), Some(body), 201).await;
            opened["thread"]["thread_id"].as_str().unwrap().to_string()
        }
    };
    app.pump().await;
    let email = app.ann().email.as_ref().map(|e| e.as_str().to_string()).unwrap();
    let sent = app.emails_to(&email);
    let body = &sent.first().unwrap().body;
    assert!(!body.contains("results") && !body.contains("Lab"), "no PHI in the notice: {body}");
    let start = body.find("#/open/").unwrap_or_else(|| panic!("no item link in: {body}")) + "#/open/".len();
    let token: String = body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    (thread, token)
}

async fn open(app: &TestApp, token: &str, send_code: bool) -> (u16, Value) {
    let response = app.post_json("/auth/open", json!({ "token": token, "send_code": send_code })).await;
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notice_link_opens_its_thread_once_and_then_never_again() {
    let app = spawn_app().await;
    let staff = app.admin_token().await;
    let (thread, token) = notice(&app, &staff, None).await;
    let (status, opened) = open(&app, &token, true).await;
    assert_eq!(status, 200, "{opened}");
    assert_eq!((opened["item"]["kind"].as_str(), opened["item"]["id"].as_str()), (Some("thread"), Some(thread.as_str())));
    assert_eq!(opened["patient_id"], app.ann().patient_id.as_str());
    // Nothing of the message is in the answer; the code goes to the address the notice went to.
    assert!(!opened.to_string().contains("results"));
    let email = app.ann().email.as_ref().map(|e| e.as_str().to_string()).unwrap();
    let code = app.last_code(&email);
    let verified = app.post_json("/auth/otp/verify", json!({ "challenge_id": opened["challenge"]["challenge_id"], "code": code })).await;
    let session = portico_tests::session_from(verified).await;
    app.call_ok(&session.access, Method::GET, &format!("/portal/threads/{thread}"), None, 200).await;
    assert_eq!(open(&app, &token, false).await.0, 401, "a link works once");
    assert!(app.audit_actions().await.iter().any(|a| a == "auth.link.open"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newer_link_a_day_and_a_sign_out_each_retire_a_link() {
    let app = spawn_app().await;
    let staff = app.admin_token().await;
    // A newer notice about the same thread retires the older link.
    let (thread, older) = notice(&app, &staff, None).await;
    let (_, newer) = notice(&app, &staff, Some(&thread)).await;
    assert_ne!(older, newer);
    assert_eq!(open(&app, &older, false).await.0, 401, "replaced by a newer link");
    assert_eq!(open(&app, &newer, false).await.0, 200);

    // A day later a link no longer opens.
    let (_, stale) = notice(&app, &staff, None).await;
    app.advance(chrono::Duration::hours(24) + chrono::Duration::seconds(1));
    assert_eq!(open(&app, &stale, false).await.0, 401, "expired");

    // Signing out retires the links sent before it.
    let staff = app.admin_token().await;
    let (_, before) = notice(&app, &staff, None).await;
    let ann = app.sign_in("ann@example.com").await;
    let logout = app
        .request(Method::POST, "/auth/logout")
        .header("cookie", format!("__Host-portico_refresh={}", ann.refresh))
        .header("origin", app.origin())
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 204);
    assert_eq!(open(&app, &before, false).await.0, 401, "signed out since");
    app.advance(chrono::Duration::seconds(2));
    let (_, after) = notice(&app, &staff, None).await;
    assert_eq!(open(&app, &after, false).await.0, 200, "a link sent after the sign-out works");
    assert_eq!(open(&app, "forged-token", false).await.0, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_that_must_wait_does_not_cost_the_link() {
    let app = spawn_app().await;
    let staff = app.admin_token().await;
    let (thread, token) = notice(&app, &staff, None).await;
    // A sign-in code went to Ann's address a moment ago: the next one must wait.
    let email = app.ann().email.as_ref().map(|e| e.as_str().to_string()).unwrap();
    assert_eq!(app.start_code("email", &email).await.status(), 202);
    let (status, _) = open(&app, &token, true).await;
    assert_eq!(status, 429, "the code must wait");
    app.advance(chrono::Duration::seconds(61));
    let (status, opened) = open(&app, &token, true).await;
    assert_eq!(status, 200, "the link is still good: {opened}");
    assert_eq!(opened["item"]["id"], thread.as_str());
}
