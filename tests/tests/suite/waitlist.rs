//! The waitlist over HTTP: patients join (one to move an appointment earlier), a cancelled time is
//! offered to a batch of three, three concurrent claims make one booking and two "gone", the claimant's
//! later appointment is cancelled in the same commit and its time is offered on, and staff read the
//! lines and the report. The same flow runs on DynamoDB in the emulator (`emulator.rs`).

use portico_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

use crate::scheduling::{CLINICIAN, book, same_instant, setup_with};

const THURSDAY: &str = "2026-11-19T15:00:00Z";
const MONDAY: &str = "2026-11-23T15:00:00Z";

async fn enrol(app: &TestApp, admin: &str, given: &str, email: &str) {
    let body = json!({ "given_name": given, "family_name": "Waits", "date_of_birth": "1990-01-01", "email": email });
    app.call_ok(admin, Method::POST, "/staff/patients", Some(body), 201).await;
}

async fn join(app: &TestApp, who: &Session, service: &str, replaces: Option<&str>) -> Value {
    let mut body = json!({ "service_id": service, "from": "2026-11-18", "to": "2026-11-30" });
    if let Some(id) = replaces {
        body["replaces"] = json!(id);
    }
    app.call_ok(&who.access, Method::POST, "/portal/waitlist", Some(body), 201).await
}

/// The offers a patient can see for a start, with their status.
async fn offers_for(app: &TestApp, who: &Session, start: &str) -> Vec<Value> {
    let mine = app.call_ok(&who.access, Method::GET, "/portal/waitlist", None, 200).await;
    mine["offers"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|o| same_instant(o["start"].as_str().unwrap(), start))
        .collect()
}

async fn upcoming(app: &TestApp, who: &Session) -> Vec<Value> {
    let list = app.call_ok(&who.access, Method::GET, "/portal/appointments", None, 200).await;
    list["upcoming"].as_array().cloned().unwrap_or_default()
}

async fn claim(app: &TestApp, who: &Session, offer: &Value) -> reqwest::Response {
    let path = format!("/portal/waitlist/offers/{}/claim", offer["offer_id"].as_str().unwrap());
    app.request(Method::POST, &path).bearer_auth(&who.access).send().await.unwrap()
}

/// The whole waitlist flow, on whichever store the app runs.
pub async fn offered_claimed_and_offered_on(app: &TestApp) {
    let service = setup_with(app, "patients", 30, true).await;
    let admin = app.admin_token().await;
    enrol(app, &admin, "Cara", "cara@example.com").await;
    enrol(app, &admin, "Dan", "dan@example.com").await;
    let dan = app.sign_in("dan@example.com").await;
    let ann = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;
    let cara = app.sign_in("cara@example.com").await;

    // Dan has Thursday; Ann has Monday and would rather come sooner; Ben and Cara want any time.
    let dans: Value = book(app, &dan, &service, THURSDAY, None).await.json().await.unwrap();
    let anns: Value = book(app, &ann, &service, MONDAY, None).await.json().await.unwrap();
    let ann_monday = anns["appointment_id"].as_str().unwrap().to_string();
    let place = join(app, &ann, &service, Some(&ann_monday)).await;
    assert_eq!(place["status"], "waiting");
    assert!(same_instant(place["replaces_start"].as_str().unwrap(), MONDAY));
    join(app, &ben, &service, None).await;
    join(app, &cara, &service, None).await;
    let lines = app.call_ok(&admin, Method::GET, "/staff/appointments/waitlist", None, 200).await;
    let order: Vec<&str> = lines["places"].as_array().unwrap().iter().map(|p| p["patient"]["given_name"].as_str().unwrap()).collect();
    assert_eq!(order, ["Ann", "Ben", "Cara"], "first come, first offered");

    // Dan cancels Thursday: the time is offered to all three (a batch of 3), each with a claim window.
    let path = format!("/portal/appointments/{}/cancel", dans["appointment_id"].as_str().unwrap());
    app.call_ok(&dan.access, Method::POST, &path, Some(json!({ "reason": "Travelling" })), 200).await;
    app.pump().await;
    let mut offers = Vec::new();
    for who in [&ann, &ben, &cara] {
        let found = offers_for(app, who, THURSDAY).await;
        assert_eq!(found.len(), 1, "each of the three has the offer");
        assert_eq!(found[0]["status"], "offered");
        offers.push(found[0].clone());
    }

    // Three claims at once: one books it, the other two are told it is gone.
    let (a, b, c) = futures::join!(claim(app, &ann, &offers[0]), claim(app, &ben, &offers[1]), claim(app, &cara, &offers[2]));
    let statuses = [a.status().as_u16(), b.status().as_u16(), c.status().as_u16()];
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 2, "{statuses:?}");
    let winner = statuses.iter().position(|s| *s == 201).unwrap();
    for (i, who) in [&ann, &ben, &cara].into_iter().enumerate() {
        let status = offers_for(app, who, THURSDAY).await[0]["status"].clone();
        assert_eq!(status, if i == winner { "claimed" } else { "gone" }, "offer {i}");
    }
    // The winner's retry (a second tap) answers the appointment it made, not "gone".
    let who = [&ann, &ben, &cara][winner];
    let again = claim(app, who, &offers[winner]).await;
    assert_eq!(again.status(), 200, "the winner's repeated claim");
    let day = app.call_ok(&admin, Method::GET, "/staff/appointments?from=2026-11-19T00:00:00Z&to=2026-11-20T00:00:00Z", None, 200).await;
    let booked: Vec<&Value> = day["appointments"].as_array().unwrap().iter().filter(|a| a["status"] == "booked").collect();
    assert_eq!(booked.len(), 1, "no double booking: {day}");

    // Ann ends up moved earlier either way: if she lost, the winner gives Thursday back and it is
    // offered again (to Ann, and whoever else still waits); she claims it.
    if winner != 0 {
        let who = [&ann, &ben, &cara][winner];
        let theirs = upcoming(app, who).await;
        let path = format!("/portal/appointments/{}/cancel", theirs[0]["appointment_id"].as_str().unwrap());
        app.call_ok(&who.access, Method::POST, &path, Some(json!({})), 200).await;
        app.pump().await;
        let again = offers_for(app, &ann, THURSDAY).await;
        let live = again.iter().find(|o| o["status"] == "offered").expect("Thursday is offered to Ann again");
        let claimed = claim(app, &ann, live).await;
        assert_eq!(claimed.status(), 201);
        let claimed: Value = claimed.json().await.unwrap();
        assert_eq!(claimed["replaced_appointment_id"], ann_monday.as_str());
    }
    let anns = upcoming(app, &ann).await;
    assert_eq!(anns.len(), 1, "the later appointment was cancelled in the same commit: {anns:?}");
    assert!(same_instant(anns[0]["start"].as_str().unwrap(), THURSDAY));
    let mine = app.call_ok(&ann.access, Method::GET, "/portal/waitlist", None, 200).await;
    assert_eq!(mine["places"].as_array().map(Vec::len), Some(0), "her place is spent");

    // Monday is now free, and offered on to whoever still waits.
    app.pump().await;
    let still_waiting = [&ben, &cara].into_iter().filter(|who| who.access != [&ann, &ben, &cara][winner].access).collect::<Vec<_>>();
    for who in &still_waiting {
        let monday = offers_for(app, who, MONDAY).await;
        assert_eq!(monday.len(), 1, "Monday is offered on");
        assert_eq!(monday[0]["status"], "offered");
    }

    // The report: openings offered, claims, and the four days Ann gained.
    let admin = app.admin_token().await;
    let report = app.call_ok(&admin, Method::GET, "/staff/appointments/waitlist", None, 200).await;
    let report = &report["report"];
    assert!(report["openings"].as_u64().unwrap() >= 2, "{report}");
    assert!(report["filled"].as_u64().unwrap() >= 1, "{report}");
    assert!(report["offers"].as_u64().unwrap() >= 4, "{report}");
    assert_eq!(report["days_gained"].as_f64(), Some(4.0), "{report}");
    assert!(report["fill_rate"].as_f64().unwrap() > 0.0 && report["accept_rate"].as_f64().unwrap() > 0.0, "{report}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_freed_time_goes_to_the_first_of_three_claims_and_a_replaced_visit_is_offered_on() {
    let app = spawn_app().await;
    offered_claimed_and_offered_on(&app).await;
    // The offer reached each patient without the visit type or clinician.
    let offers: Vec<_> = app.emails_to("cara@example.com").into_iter().filter(|e| e.body.contains("earlier time")).collect();
    let offer = offers.iter().find(|e| e.body.contains("Thu 19 Nov 2026, 10:00 AM EST")).expect("the Thursday offer by email");
    assert!(!offer.body.contains("Visit") && !offer.body.contains("clinician"), "{}", offer.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offers_wait_for_the_morning_expire_and_go_to_the_next_in_line() {
    let app = spawn_app().await;
    let service = setup_with(&app, "patients", 30, true).await;
    let admin = app.admin_token().await;
    enrol(&app, &admin, "Cara", "cara@example.com").await;
    let ann = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;
    let cara = app.sign_in("cara@example.com").await;
    // One at a time: the practice offers each time to one patient.
    let settings = app.call_ok(&admin, Method::GET, "/staff/practice", None, 200).await;
    let mut change = json!({ "waitlist_batch": 1 });
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
        change[field] = settings[field].clone();
    }
    let saved = app.call_ok(&admin, Method::PUT, "/staff/practice", Some(change), 200).await;
    assert_eq!(saved["waitlist_batch"], 1);
    let ben_friday: Value = book(&app, &ben, &service, "2026-11-20T20:00:00Z", None).await.json().await.unwrap();
    join(&app, &ann, &service, None).await;
    join(&app, &cara, &service, None).await;

    // Ben cancels at 22:30 in New York: no offer at night; it goes out at 08:00.
    let now = portico::clock::Clock::now(app.clock.as_ref());
    let night = chrono::DateTime::parse_from_rfc3339("2026-11-19T03:30:00Z").unwrap().with_timezone(&chrono::Utc);
    app.advance(night - now);
    let ben = app.sign_in("ben@example.com").await;
    let path = format!("/portal/appointments/{}/cancel", ben_friday["appointment_id"].as_str().unwrap());
    app.call_ok(&ben.access, Method::POST, &path, Some(json!({})), 200).await;
    app.pump().await;
    let ann = app.sign_in("ann@example.com").await;
    assert!(offers_for(&app, &ann, "2026-11-20T20:00:00Z").await.is_empty(), "nothing at night");
    let morning = chrono::DateTime::parse_from_rfc3339("2026-11-19T13:00:30Z").unwrap().with_timezone(&chrono::Utc);
    let now = portico::clock::Clock::now(app.clock.as_ref());
    app.advance(morning - now);
    app.pump().await;
    let ann = app.sign_in("ann@example.com").await;
    let first = offers_for(&app, &ann, "2026-11-20T20:00:00Z").await;
    assert_eq!(first.len(), 1, "Ann, first in line, at 08:00");
    let cara = app.sign_in("cara@example.com").await;
    assert!(offers_for(&app, &cara, "2026-11-20T20:00:00Z").await.is_empty(), "a batch of one");
    // Ann lets the hour pass (more than a day ahead: a one-hour window, to 14:00:30); the next round
    // goes to Cara, at the first sweep after the window ends and never before it.
    let just_before = chrono::DateTime::parse_from_rfc3339("2026-11-19T14:00:05Z").unwrap().with_timezone(&chrono::Utc);
    let now = portico::clock::Clock::now(app.clock.as_ref());
    app.advance(just_before - now);
    app.pump().await;
    let cara = app.sign_in("cara@example.com").await;
    assert!(offers_for(&app, &cara, "2026-11-20T20:00:00Z").await.is_empty(), "Ann's window is still open");
    let after = chrono::DateTime::parse_from_rfc3339("2026-11-19T14:01:02Z").unwrap().with_timezone(&chrono::Utc);
    let now = portico::clock::Clock::now(app.clock.as_ref());
    app.advance(after - now);
    app.pump().await;
    let ann = app.sign_in("ann@example.com").await;
    assert_eq!(offers_for(&app, &ann, "2026-11-20T20:00:00Z").await[0]["status"], "expired");
    assert_eq!(claim(&app, &ann, &first[0]).await.status(), 409, "an expired offer cannot be claimed");
    let cara = app.sign_in("cara@example.com").await;
    let second = offers_for(&app, &cara, "2026-11-20T20:00:00Z").await;
    assert_eq!(second.len(), 1, "the next in line");
    assert_eq!(claim(&app, &cara, &second[0]).await.status(), 201);
    // Leaving a list: Ann's place is gone, and another patient's place is not Ann's to leave.
    let mine = app.call_ok(&ann.access, Method::GET, "/portal/waitlist", None, 200).await;
    let entry = mine["places"][0]["entry_id"].as_str().unwrap().to_string();
    let cara_view = app.call_ok(&cara.access, Method::GET, "/portal/waitlist", None, 200).await;
    assert_eq!(cara_view["places"].as_array().map(Vec::len), Some(0), "Cara's place was spent by her claim");
    app.call_ok(&cara.access, Method::DELETE, &format!("/portal/waitlist/{entry}"), None, 404).await;
    let left = app.call(&ann.access, Method::DELETE, &format!("/portal/waitlist/{entry}"), None).await;
    assert_eq!(left.status(), 204);
    app.call_ok(&ann.access, Method::DELETE, &format!("/portal/waitlist/{entry}"), None, 404).await;
    let _ = CLINICIAN;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_is_refused_for_anothers_offer_a_blocked_time_and_a_moved_appointment() {
    let app = spawn_app().await;
    let service = setup_with(&app, "patients", 30, true).await;
    let ann = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;
    let bens: Value = book(&app, &ben, &service, THURSDAY, None).await.json().await.unwrap();
    join(&app, &ann, &service, None).await;
    let path = format!("/portal/appointments/{}/cancel", bens["appointment_id"].as_str().unwrap());
    app.call_ok(&ben.access, Method::POST, &path, Some(json!({})), 200).await;
    app.pump().await;
    let offer = offers_for(&app, &ann, THURSDAY).await.pop().expect("Ann is offered Thursday");
    // Ben cannot claim (or even see) Ann's offer.
    assert_eq!(claim(&app, &ben, &offer).await.status(), 404);
    // The practice blocks Thursday morning meanwhile: the claim is refused and the time is no longer offered.
    let admin = app.admin_token().await;
    let path = format!("/staff/schedule/{CLINICIAN}");
    let mut schedule = app.call_ok(&admin, Method::GET, &path, None, 200).await;
    schedule["blocks"] = json!([{ "start": "2026-11-19T14:00:00Z", "end": "2026-11-19T17:00:00Z", "reason": "Training" }]);
    let schedule = json!({
        "time_zone": schedule["time_zone"], "grid_minutes": schedule["grid_minutes"], "windows": schedule["windows"],
        "blocks": schedule["blocks"], "version": schedule["version"],
    });
    app.call_ok(&admin, Method::PUT, &path, Some(schedule), 200).await;
    let refused = claim(&app, &ann, &offer).await;
    assert_eq!(refused.status(), 409);
    assert_eq!(offers_for(&app, &ann, THURSDAY).await[0]["status"], "gone");
    let day = app.call_ok(&admin, Method::GET, "/staff/appointments?from=2026-11-19T00:00:00Z&to=2026-11-20T00:00:00Z", None, 200).await;
    assert!(day["appointments"].as_array().unwrap().iter().all(|a| a["status"] != "booked"), "nothing booked in the block: {day}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_time_on_the_schedule_is_offered_to_the_waitlist_first() {
    let app = spawn_app().await;
    let service = setup_with(&app, "patients", 30, true).await;
    let ann = app.sign_in("ann@example.com").await;
    join(&app, &ann, &service, None).await;
    // The clinician opens Saturday morning, 09:00-10:00 in New York: its earliest times go to Ann.
    let admin = app.admin_token().await;
    let path = format!("/staff/schedule/{CLINICIAN}");
    let current = app.call_ok(&admin, Method::GET, &path, None, 200).await;
    let mut windows = current["windows"].as_array().cloned().unwrap();
    windows.push(json!({ "day": "sat", "start": "09:00", "end": "10:00" }));
    let schedule = json!({
        "time_zone": current["time_zone"], "grid_minutes": current["grid_minutes"], "windows": windows, "blocks": [],
        "version": current["version"],
    });
    app.call_ok(&admin, Method::PUT, &path, Some(schedule), 200).await;
    app.pump().await;
    let mine = app.call_ok(&ann.access, Method::GET, "/portal/waitlist", None, 200).await;
    let starts: Vec<&str> = mine["offers"].as_array().unwrap().iter().map(|o| o["start"].as_str().unwrap()).collect();
    assert!(starts.iter().any(|s| same_instant(s, "2026-11-21T14:00:00Z")), "Saturday 09:00 is offered: {starts:?}");
    assert!(starts.len() <= 3, "at most three new times per service: {starts:?}");
}
