//! Video visits over HTTP: the join window (−16 minutes refused with when it opens, −14 admitted, the
//! end + 31 minutes refused), a seat per participant in one meeting, only the visit's clinician on the
//! staff side, and the meeting ended by the sweep when the window closes (its seats stop working).

use portico_tests::{TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

use crate::scheduling::{CLINICIAN, book, same_instant, setup};

async fn at(app: &TestApp, instant: &str) {
    let now = portico::clock::Clock::now(app.clock.as_ref());
    app.advance(chrono::DateTime::parse_from_rfc3339(instant).unwrap().with_timezone(&chrono::Utc) - now);
}

async fn telehealth_service(app: &TestApp) -> String {
    let admin = app.admin_token().await;
    let service = json!({
        "name": "Video check-in", "duration_minutes": 30, "buffer_before_minutes": 0, "buffer_after_minutes": 0,
        "mode": "telehealth", "booking": "patients", "min_notice_minutes": 60, "horizon_days": 60, "cancel_notice_hours": 24,
        "reschedule_notice_hours": 2, "late_cancel": "allow", "waitlist": false, "clinicians": [CLINICIAN], "active": true,
    });
    let created = app.call_ok(&admin, Method::POST, "/staff/services", Some(service), 201).await;
    created["service_id"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_video_visit_opens_fifteen_minutes_before_and_closes_thirty_after() {
    let app = spawn_app().await;
    let in_person = setup(&app, "patients", 30).await;
    let video = telehealth_service(&app).await;
    let ann = app.sign_in("ann@example.com").await;
    let visit: Value = book(&app, &ann, &video, "2026-11-19T15:00:00Z", None).await.json().await.unwrap();
    let office: Value = book(&app, &ann, &in_person, "2026-11-19T17:00:00Z", None).await.json().await.unwrap();
    let path = format!("/portal/appointments/{}/join", visit["appointment_id"].as_str().unwrap());

    // 16 minutes before: not yet, and the answer says when.
    at(&app, "2026-11-19T14:40:00Z").await;
    let ann = app.sign_in("ann@example.com").await;
    at(&app, "2026-11-19T14:44:00Z").await;
    let early = app.call_ok(&ann.access, Method::POST, &path, None, 403).await;
    assert_eq!(early["type"], "https://portico.health/problems/not-open");
    assert!(same_instant(early["opens_at"].as_str().unwrap(), "2026-11-19T14:45:00Z"), "{early}");
    assert!(same_instant(early["closes_at"].as_str().unwrap(), "2026-11-19T16:00:00Z"), "{early}");

    // 14 minutes before: a seat, and the join page admits its token.
    at(&app, "2026-11-19T14:46:00Z").await;
    let seat = app.call_ok(&ann.access, Method::POST, &path, None, 200).await;
    let meeting = seat["meeting"]["meeting_id"].as_str().unwrap().to_string();
    let page = seat["join_url"].as_str().unwrap().to_string();
    let (address, token) = page.split_once('#').unwrap();
    let client = reqwest::Client::new();
    assert_eq!(client.get(address).send().await.unwrap().status(), 200);
    let joined = client.post(address).json(&json!({ "token": token })).send().await.unwrap();
    assert_eq!(joined.status(), 200);
    let forged = client.post(address).json(&json!({ "token": "not-the-token" })).send().await.unwrap();
    assert_eq!(forged.status(), 403);
    assert!(!page.contains("Video check-in") && !page.contains(&app.ann().patient_id.to_string()), "nothing about the visit in the link");

    // The clinician's seat is in the same meeting; nobody else on staff joins, and nobody else's visit.
    let clinician = app.staff_token(&app.demo().clinician_email.clone()).await;
    let ann_id = app.ann().patient_id.to_string();
    let staff_path = format!("/staff/appointments/{}/join", visit["appointment_id"].as_str().unwrap());
    let theirs = app.call_ok(&clinician, Method::POST, &staff_path, Some(json!({ "patient_id": ann_id })), 200).await;
    assert_eq!(theirs["meeting"]["meeting_id"], meeting.as_str());
    assert_ne!(theirs["attendee"]["attendee_id"], seat["attendee"]["attendee_id"]);
    let admin = app.admin_token().await;
    app.call_ok(&admin, Method::POST, &staff_path, Some(json!({ "patient_id": ann_id })), 403).await;
    let ben = app.sign_in("ben@example.com").await;
    app.call_ok(&ben.access, Method::POST, &path, None, 404).await;
    let office_path = format!("/portal/appointments/{}/join", office["appointment_id"].as_str().unwrap());
    app.call_ok(&ann.access, Method::POST, &office_path, None, 404).await;

    // Thirty-one minutes after the end: closed, and the sweep ended the meeting.
    at(&app, "2026-11-19T15:55:00Z").await;
    let ann = app.sign_in("ann@example.com").await;
    at(&app, "2026-11-19T16:01:00Z").await;
    app.pump().await;
    let late = app.call_ok(&ann.access, Method::POST, &path, None, 403).await;
    assert_eq!(late["type"], "https://portico.health/problems/not-open");
    let ended = client.post(address).json(&json!({ "token": token })).send().await.unwrap();
    assert_eq!(ended.status(), 410, "the meeting was ended when the window closed");
}
