//! Scheduling over HTTP: services and schedules set by staff, availability, holds, race-free and
//! idempotent booking, cancel (late rules) and reschedule (all or nothing), requests confirmed by staff,
//! the staff's views and moves, and concurrent bookings of one slot.

use portico_tests::{Session, TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

pub const CLINICIAN: &str = "staff-riverside-clinician";

/// A 30-minute visit with a 10-minute buffer after, booked by patients with an hour's notice, and the
/// clinician's weekday schedule 09:00–17:00 in New York on a 30-minute grid. Returns the service id.
pub async fn setup(app: &TestApp, booking: &str, duration: i64) -> String {
    setup_with(app, booking, duration, false).await
}

/// As [`setup`], with the service's waitlist on or off.
pub async fn setup_with(app: &TestApp, booking: &str, duration: i64, waitlist: bool) -> String {
    let admin = app.admin_token().await;
    // The clinician is on the practice's team once they have signed in.
    app.staff_token(&app.demo().clinician_email.clone()).await;
    let service = json!({
        "name": format!("Visit {booking} {duration}"), "duration_minutes": duration, "buffer_before_minutes": 0, "buffer_after_minutes": 10,
        "mode": "in_person", "booking": booking, "min_notice_minutes": 60, "horizon_days": 60, "cancel_notice_hours": 24,
        "reschedule_notice_hours": 2, "late_cancel": "allow_as_late", "waitlist": waitlist, "clinicians": [CLINICIAN], "active": true,
    });
    let created = app.call_ok(&admin, Method::POST, "/staff/services", Some(service), 201).await;
    let windows: Vec<Value> =
        ["mon", "tue", "wed", "thu", "fri"].iter().map(|d| json!({ "day": d, "start": "09:00", "end": "17:00" })).collect();
    let schedule = json!({ "time_zone": "America/New_York", "grid_minutes": 30, "blocks": [], "windows": windows });
    let path = format!("/staff/schedule/{CLINICIAN}");
    let current = app.call(&admin, Method::GET, &path, None).await;
    let schedule = if current.status() == 200 {
        let mut with_version = schedule;
        with_version["version"] = current.json::<Value>().await.unwrap()["version"].clone();
        with_version
    } else {
        schedule
    };
    app.call_ok(&admin, Method::PUT, &path, Some(schedule), 200).await;
    created["service_id"].as_str().unwrap().to_string()
}

pub async fn slots(app: &TestApp, who: &Session, service: &str) -> Vec<String> {
    let found = app.call_ok(&who.access, Method::GET, &format!("/portal/availability?service={service}"), None, 200).await;
    found["slots"].as_array().unwrap().iter().map(|s| s["start"].as_str().unwrap().to_string()).collect()
}

pub async fn book(app: &TestApp, who: &Session, service: &str, start: impl AsRef<str>, key: Option<&str>) -> reqwest::Response {
    let start = start.as_ref();
    let mut request = app
        .request(Method::POST, "/portal/appointments")
        .bearer_auth(&who.access)
        .json(&json!({ "service_id": service, "clinician_id": CLINICIAN, "start": start }));
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    request.send().await.unwrap()
}

pub fn same_instant(a: &str, b: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(a).ok() == chrono::DateTime::parse_from_rfc3339(b).ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn patients_find_hold_book_cancel_and_reschedule_without_double_booking() {
    journey(&spawn_app().await).await;
}

/// A patient's and the staff's whole journey, on whichever store the app runs (`emulator.rs` runs it on
/// DynamoDB).
pub async fn journey(app: &TestApp) {
    let service = setup(app, "patients", 30).await;
    let ann = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;
    let offered = app.call_ok(&ann.access, Method::GET, "/portal/availability/services", None, 200).await;
    assert!(offered["services"].as_array().unwrap().iter().any(|s| s["service_id"] == service.as_str()));

    // Just past Wednesday 12:00 in New York (the sign-ins took two minutes), an hour's notice: the first
    // time is 13:30 (18:30Z).
    let free = slots(app, &ann, &service).await;
    assert!(same_instant(&free[0], "2026-11-18T18:30:00Z"), "{:?}", &free[..3]);
    let a = free[0].clone();

    // Ben holds it: gone for Ann, still there for Ben.
    let held = app
        .call_ok(
            &ben.access,
            Method::POST,
            "/portal/holds",
            Some(json!({ "service_id": service, "clinician_id": CLINICIAN, "start": a })),
            201,
        )
        .await;
    assert!(held["expires_at"].is_string());
    assert!(!slots(app, &ann, &service).await.iter().any(|s| same_instant(s, &a)));
    assert!(slots(app, &ben, &service).await.iter().any(|s| same_instant(s, &a)));
    assert_eq!(book(app, &ann, &service, &a, None).await.status(), 409, "held by someone else");

    // Ben books it with an Idempotency-Key: the same key and body again is the same appointment.
    let first = book(app, &ben, &service, &a, Some("ben-1")).await;
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let again = book(app, &ben, &service, &a, Some("ben-1")).await;
    assert_eq!(again.status(), 200);
    assert_eq!(again.json::<Value>().await.unwrap()["appointment_id"], first["appointment_id"]);
    let other = free[4].clone();
    assert_eq!(book(app, &ben, &service, &other, Some("ben-1")).await.status(), 422, "a key reused for another booking");
    let bens = app.call_ok(&ben.access, Method::GET, "/portal/appointments", None, 200).await;
    assert_eq!(bens["upcoming"].as_array().map(Vec::len), Some(1));

    // The buffer after Ben's visit takes the next half hour's first ten minutes.
    let free = slots(app, &ann, &service).await;
    assert!(!free.iter().any(|s| same_instant(s, "2026-11-18T19:00:00Z")), "the buffer after Ben's visit takes 14:00");
    assert!(free.iter().any(|s| same_instant(s, "2026-11-18T19:30:00Z")));

    // Ann books, reschedules (all or nothing), and cancels.
    let c = book(app, &ann, &service, "2026-11-18T19:30:00Z", None).await;
    assert_eq!(c.status(), 201);
    let c: Value = c.json().await.unwrap();
    let id = c["appointment_id"].as_str().unwrap().to_string();
    let path = |verb: &str| format!("/portal/appointments/{id}/{verb}");
    app.call_ok(&ann.access, Method::POST, &path("reschedule"), Some(json!({ "start": a })), 409).await;
    let mine = app.call_ok(&ann.access, Method::GET, "/portal/appointments", None, 200).await;
    assert!(same_instant(mine["upcoming"][0]["start"].as_str().unwrap(), "2026-11-18T19:30:00Z"), "nothing changed");
    let moved = app.call_ok(&ann.access, Method::POST, &path("reschedule"), Some(json!({ "start": "2026-11-19T15:00:00Z" })), 200).await;
    assert!(same_instant(moved["start"].as_str().unwrap(), "2026-11-19T15:00:00Z"));
    let free = slots(app, &ben, &service).await;
    assert!(free.iter().any(|s| same_instant(s, "2026-11-18T19:30:00Z")), "the old time is free again");
    assert!(!free.iter().any(|s| same_instant(s, "2026-11-19T15:00:00Z")), "the new one is taken");
    app.call_ok(&ann.access, Method::POST, &path("confirm"), None, 200).await;
    let ics = app.call(&ann.access, Method::GET, &path("calendar"), None).await;
    assert_eq!(ics.status(), 200);
    assert!(ics.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let ics = ics.text().await.unwrap();
    assert!(ics.contains("DTSTART:20261119T150000Z") && ics.contains("Appointment at"), "{ics}");
    assert!(!ics.contains("Visit") && !ics.contains("clinician"), "no visit type or clinician in the calendar file: {ics}");
    // Within 24 hours of the start and past the grace minutes: late.
    app.advance(chrono::Duration::minutes(6));
    let cancelled = app.call_ok(&ann.access, Method::POST, &path("cancel"), Some(json!({ "reason": "Feeling better" })), 200).await;
    assert_eq!((cancelled["status"].as_str(), cancelled["late_cancel"].as_bool()), (Some("cancelled"), Some(true)));
    app.call_ok(&ann.access, Method::POST, &path("cancel"), Some(json!({})), 409).await;
    assert!(slots(app, &ben, &service).await.iter().any(|s| same_instant(s, "2026-11-19T15:00:00Z")), "cancelling frees the time");
    // Another patient's appointment does not exist for Ann.
    let bens_id = first["appointment_id"].as_str().unwrap();
    app.call_ok(&ann.access, Method::POST, &format!("/portal/appointments/{bens_id}/cancel"), Some(json!({})), 404).await;

    // Staff see the day in one view and move Ben's visit through it.
    let admin = app.admin_token().await;
    let day = app.call_ok(&admin, Method::GET, "/staff/appointments?from=2026-11-18T05:00:00Z&to=2026-11-19T05:00:00Z", None, 200).await;
    assert_eq!(day["appointments"].as_array().map(Vec::len), Some(1));
    assert_eq!(day["appointments"][0]["patient"]["given_name"], "Ben");
    let ben_id = app.ben().patient_id.to_string();
    let status = |s: &str| json!({ "patient_id": ben_id, "status": s });
    let move_path = format!("/staff/appointments/{bens_id}/status");
    app.call_ok(&admin, Method::POST, &move_path, Some(status("fulfilled")), 409).await;
    app.call_ok(&admin, Method::POST, &move_path, Some(status("arrived")), 200).await;
    app.call_ok(&admin, Method::POST, &move_path, Some(status("fulfilled")), 409).await;
    // Fulfilled once the visit has begun (13:30 New York).
    let now = portico::clock::Clock::now(app.clock.as_ref());
    app.advance(chrono::DateTime::parse_from_rfc3339("2026-11-18T18:35:00Z").unwrap().with_timezone(&chrono::Utc) - now);
    let admin = app.admin_token().await;
    app.call_ok(&admin, Method::POST, &move_path, Some(status("fulfilled")), 200).await;
    let tasks = app.call_ok(&admin, Method::GET, "/staff/tasks", None, 200).await;
    assert!(tasks.to_string().contains("new_appointment"), "booking raised a staff task: {tasks}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_waits_for_staff_who_confirm_it_with_the_same_lock() {
    let app = spawn_app().await;
    let service = setup(&app, "request_only", 30).await;
    let ann = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;
    let start = "2026-11-20T15:00:00Z";
    let asked = book(&app, &ann, &service, start, None).await;
    assert_eq!(asked.status(), 201);
    let asked: Value = asked.json().await.unwrap();
    assert_eq!(asked["status"], "requested");
    let second: Value = book(&app, &ben, &service, start, None).await.json().await.unwrap();
    assert_eq!(second["status"], "requested", "requests take no time until confirmed");
    let admin = app.admin_token().await;
    let confirm = async |patient: String, id: &str| {
        let path = format!("/staff/appointments/{id}/status");
        let body = json!({ "patient_id": patient, "status": "booked" });
        app.call(&admin, Method::POST, &path, Some(body)).await.status().as_u16()
    };
    assert_eq!(confirm(app.ann().patient_id.to_string(), asked["appointment_id"].as_str().unwrap()).await, 200);
    assert_eq!(confirm(app.ben().patient_id.to_string(), second["appointment_id"].as_str().unwrap()).await, 409, "the time is taken");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_bookings_of_one_slot_make_one_appointment() {
    let app = spawn_app().await;
    let service = setup(&app, "patients", 30).await;
    let ann = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;
    let start = "2026-11-23T15:00:00Z";
    let attempts = (0..100).map(|i| {
        let who = if i % 2 == 0 { &ann } else { &ben };
        book(&app, who, &service, start, None)
    });
    let started = std::time::Instant::now();
    let statuses: Vec<u16> = futures::future::join_all(attempts).await.iter().map(|r| r.status().as_u16()).collect();
    let contended = started.elapsed();
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 99, "{statuses:?}");
    // Throughput without contention: 32 bookings of different times (two patients, Monday to Thursday).
    let starts: Vec<String> =
        ["24", "25", "26", "27"].iter().flat_map(|day| (14..22).map(move |h| format!("2026-11-{day}T{h}:00:00Z"))).collect();
    let started = std::time::Instant::now();
    let spread = starts.iter().enumerate().map(|(i, start)| book(&app, if i % 2 == 0 { &ann } else { &ben }, &service, start, None));
    let booked = futures::future::join_all(spread).await.iter().filter(|r| r.status() == 201).count();
    let free = started.elapsed();
    assert_eq!(booked, starts.len());
    eprintln!(
        "booking on the embedded store: 100 concurrent attempts at one slot in {:.0} ms (1 booked, 99 refused); {} bookings of different times in {:.0} ms ({:.0} per second)",
        contended.as_secs_f64() * 1000.0,
        starts.len(),
        free.as_secs_f64() * 1000.0,
        starts.len() as f64 / free.as_secs_f64()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overlapping_visits_of_different_lengths_make_one_booking_per_pair() {
    overlapping_pairs(&spawn_app().await).await;
}

/// Fifty pairs of overlapping bookings of different lengths, on whichever store the app runs.
pub async fn overlapping_pairs(app: &TestApp) {
    let short = setup(app, "patients", 30).await;
    let long = setup(app, "patients", 60).await;
    let ann = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;
    // 50 pairs: an hour-long visit and a half-hour one starting 30 minutes into it, five pairs a day.
    let mut pairs = Vec::new();
    let mut day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    while pairs.len() < 50 {
        if chrono::Datelike::weekday(&day).num_days_from_monday() < 5 {
            for hour in [14, 16, 18, 20] {
                if pairs.len() < 50 {
                    let at = day.and_hms_opt(hour, 0, 0).unwrap().and_utc();
                    pairs.push((at, at + chrono::Duration::minutes(30)));
                }
            }
        }
        day = day.succ_opt().unwrap();
    }
    let attempts =
        pairs.iter().flat_map(|(l, s)| [book(app, &ann, &long, l.to_rfc3339(), None), book(app, &ben, &short, s.to_rfc3339(), None)]);
    let statuses: Vec<u16> = futures::future::join_all(attempts).await.iter().map(|r| r.status().as_u16()).collect();
    for (i, pair) in statuses.chunks(2).enumerate() {
        assert_eq!(pair.iter().filter(|s| **s == 201).count(), 1, "pair {i}: {pair:?}");
        assert_eq!(pair.iter().filter(|s| **s == 409).count(), 1, "pair {i}: {pair:?}");
    }
}

/// Reminders sent to Ann, by email (her preferred channel for them), newest first.
fn reminders(app: &TestApp) -> Vec<String> {
    let email = app.ann().email.as_ref().map(|e| e.as_str().to_string()).unwrap();
    app.emails_to(&email).into_iter().map(|e| e.body).filter(|b| b.contains("reminder of your appointment")).collect()
}

/// Moves the clock to `at` and runs the sweep and the workers.
async fn sweep_at(app: &TestApp, at: &str) {
    let now = portico::clock::Clock::now(app.clock.as_ref());
    let target = chrono::DateTime::parse_from_rfc3339(at).unwrap().with_timezone(&chrono::Utc);
    app.advance(target - now);
    app.pump().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_go_out_for_the_time_that_stands_and_never_late() {
    let app = spawn_app().await;
    let service = setup(&app, "patients", 30).await;
    let ann = app.sign_in("ann@example.com").await;
    let id = |v: &Value| v["appointment_id"].as_str().unwrap().to_string();
    // Kept: Friday 10:00 New York (15:00Z), reminders due Thursday 15:00Z and Friday 13:00Z.
    book(&app, &ann, &service, "2026-11-20T15:00:00Z", None).await;
    // Cancelled 25 hours before its start (Friday 16:00Z): no reminder at all.
    let cancelled: Value = book(&app, &ann, &service, "2026-11-20T16:00:00Z", None).await.json().await.unwrap();
    // Moved from Friday 17:00Z to Monday: its old reminders find another start and are skipped.
    let moved: Value = book(&app, &ann, &service, "2026-11-20T17:00:00Z", None).await.json().await.unwrap();
    let path = format!("/portal/appointments/{}/reschedule", id(&moved));
    app.call_ok(&ann.access, Method::POST, &path, Some(json!({ "start": "2026-11-23T15:00:00Z" })), 200).await;

    sweep_at(&app, "2026-11-19T15:00:30Z").await;
    let sent = reminders(&app);
    assert_eq!(sent.len(), 1, "the kept one's 24-hour reminder: {sent:?}");
    assert!(sent[0].contains("Fri 20 Nov 2026, 10:00 AM EST"), "the local date and time with the zone: {}", sent[0]);
    assert!(!sent[0].contains("Visit"), "no visit type in a reminder: {}", sent[0]);
    let ann = app.sign_in("ann@example.com").await;
    app.call_ok(&ann.access, Method::POST, &format!("/portal/appointments/{}/cancel", id(&cancelled)), Some(json!({})), 200).await;
    for at in ["2026-11-19T16:00:30Z", "2026-11-19T17:00:30Z"] {
        sweep_at(&app, at).await;
        assert_eq!(reminders(&app).len(), 1, "nothing for the cancelled one, nothing for the moved one's old time ({at})");
    }
    sweep_at(&app, "2026-11-20T13:00:30Z").await;
    assert_eq!(reminders(&app).len(), 2, "the kept one's 2-hour reminder");
    sweep_at(&app, "2026-11-20T15:00:30Z").await;
    assert_eq!(reminders(&app).len(), 2, "the moved one's old 2-hour reminder is skipped");

    // Monday: the moved one's 2-hour reminder is due 13:00Z; a sweep 20 minutes late skips it (more
    // than 15 minutes late is never sent). A visit booked 90 minutes ahead gets no reminder.
    sweep_at(&app, "2026-11-23T12:59:00Z").await;
    let sent_before = reminders(&app).len();
    sweep_at(&app, "2026-11-23T13:20:00Z").await;
    assert_eq!(reminders(&app).len(), sent_before, "20 minutes late: skipped");
    sweep_at(&app, "2026-11-23T15:30:00Z").await;
    let ann = app.sign_in("ann@example.com").await;
    assert_eq!(book(&app, &ann, &service, "2026-11-23T17:00:00Z", None).await.status(), 201);
    for at in ["2026-11-23T16:00:00Z", "2026-11-23T16:59:00Z"] {
        sweep_at(&app, at).await;
    }
    assert_eq!(reminders(&app).len(), 2, "nothing late, nothing for the visit booked 90 minutes ahead");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_with_a_thousand_reminders_queued_sends_none_after_it() {
    use portico::events::{Event, EventKind};
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    // Reminders by text only, at any hour.
    app.texts_only(&ann).await;
    let now = portico::clock::Clock::now(app.clock.as_ref());
    let table = app.gateway.app.table.clone();
    let (practice, patient) = (app.practice().id.clone(), app.ann().patient_id.clone());
    let events: Vec<_> = (0..1000)
        .map(|i| {
            let notice = EventKind::PatientNotice {
                category: portico::notify::gate::Category::AppointmentReminders,
                template: portico::notify::wording::TemplateKind::AppointmentReminder,
                urgent: false,
                item: None,
                when: Some(portico::events::When { at: now + chrono::Duration::hours(30 + i), time_zone: "America/New_York".into() }),
                still: None,
                answers_text: false,
            };
            Event::new(&practice, &patient, notice, now).write().unwrap()
        })
        .collect();
    let phone = app.ann().phone.as_ref().map(|p| p.as_str().to_string()).unwrap();
    // The control: one queued reminder goes out by text.
    table.transact(events[..1].to_vec()).await.unwrap();
    app.pump().await;
    assert_eq!(app.texts_to(&phone).iter().filter(|t| t.body.contains("reminder")).count(), 1, "a reminder text before STOP");
    for chunk in events[1..].chunks(25) {
        table.transact(chunk.to_vec()).await.unwrap();
    }
    app.text_from(&phone, "STOP").await;
    let before = app.texts_to(&phone).len();
    app.pump().await;
    let after: Vec<_> = app.texts_to(&phone).into_iter().filter(|t| t.body.contains("reminder")).collect();
    assert_eq!(after.len(), 1, "no reminder text after STOP (999 were queued)");
    assert_eq!(app.texts_to(&phone).len(), before, "nothing at all after STOP");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appointments_reach_home_the_timeline_and_the_bell_in_their_own_transactions() {
    let app = spawn_app().await;
    let service = setup(&app, "patients", 30).await;
    let admin = app.admin_token().await;
    let ann = app.sign_in("ann@example.com").await;
    let ann_id = app.ann().patient_id.to_string();
    // Ann books one; the practice books an earlier one for her.
    let own: Value = book(&app, &ann, &service, "2026-11-25T15:00:00Z", None).await.json().await.unwrap();
    let body = json!({ "patient_id": ann_id, "service_id": service, "clinician_id": CLINICIAN, "start": "2026-11-24T15:00:00Z" });
    let booked = app.call_ok(&admin, Method::POST, "/staff/appointments", Some(body), 201).await;
    let home = app.call_ok(&ann.access, Method::GET, "/portal/home", None, 200).await;
    assert_eq!(home["next_appointment"]["appointment_id"], booked["appointment_id"], "the soonest: {home}");
    assert_eq!(home["notifications_unread"], 1, "the practice's booking rang the bell; Ann's own did not");
    // Each booking (hers and the practice's) is confirmed to Ann with its time and nothing else.
    app.pump().await;
    let email = app.ann().email.as_ref().map(|e| e.as_str().to_string()).unwrap();
    let told: Vec<String> = app.emails_to(&email).into_iter().map(|e| e.body).filter(|b| b.contains("is booked")).collect();
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(told.iter().any(|t| t.contains("Tue 24 Nov 2026, 10:00 AM EST")), "{told:?}");
    assert!(told.iter().all(|t| !t.contains("Visit") && !t.contains("clinician")), "no details in the notice: {told:?}");
    let bell = app.call_ok(&ann.access, Method::GET, "/portal/notifications", None, 200).await;
    assert_eq!(
        (bell["items"][0]["kind"].as_str(), bell["items"][0]["appointment_change"].as_str()),
        (Some("appointment_changed"), Some("booked"))
    );
    // The practice cancels it: home moves on to Ann's own, the bell rings again.
    let path = format!("/staff/appointments/{}/status", booked["appointment_id"].as_str().unwrap());
    app.call_ok(&admin, Method::POST, &path, Some(json!({ "patient_id": ann_id, "status": "cancelled", "reason": "Clinician ill" })), 200)
        .await;
    let home = app.call_ok(&ann.access, Method::GET, "/portal/home", None, 200).await;
    assert_eq!(home["next_appointment"]["appointment_id"], own["appointment_id"]);
    assert_eq!(home["notifications_unread"], 2);
    let timeline = app.call_ok(&ann.access, Method::GET, "/portal/timeline", None, 200).await;
    let kinds: Vec<&str> = timeline["entries"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(&kinds[..3], ["appointment_cancelled", "appointment_booked", "appointment_booked"], "{kinds:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retried_booking_with_its_key_answers_the_booking_that_landed() {
    let app = spawn_app().await;
    let service = setup(&app, "patients", 30).await;
    let ann = app.sign_in("ann@example.com").await;
    let start = "2026-11-24T15:00:00Z";
    let tries = (0..10).map(|_| book(&app, &ann, &service, start, Some("tab-1")));
    let answers = futures::future::join_all(tries).await;
    let mut ids = Vec::new();
    let mut statuses = Vec::new();
    for answer in answers {
        statuses.push(answer.status().as_u16());
        ids.push(answer.json::<Value>().await.unwrap()["appointment_id"].as_str().unwrap_or_default().to_string());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 201 || *s == 200), "a retry is never told its own time is taken: {statuses:?}");
    assert!(ids.iter().all(|id| id == &ids[0]), "one appointment: {ids:?}");
    // A day later the key is free again.
    app.advance(chrono::Duration::hours(25));
    let ann = app.sign_in("ann@example.com").await;
    assert_eq!(book(&app, &ann, &service, "2026-11-25T15:00:00Z", Some("tab-1")).await.status(), 201);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proxies_see_appointments_within_their_grant_and_another_practice_sees_none() {
    let app = spawn_app().await;
    let service = setup(&app, "patients", 30).await;
    let admin = app.admin_token().await;
    // A confidential service, and a teen with a parent (limited) and a messages-only caregiver.
    let mut private = json!({
        "name": "Private visit", "duration_minutes": 30, "buffer_before_minutes": 0, "buffer_after_minutes": 0,
        "mode": "in_person", "booking": "patients", "min_notice_minutes": 60, "horizon_days": 60, "cancel_notice_hours": 24,
        "reschedule_notice_hours": 2, "late_cancel": "allow", "waitlist": false, "clinicians": [CLINICIAN], "active": true,
    });
    private["confidential"] = json!(true);
    let private =
        app.call_ok(&admin, Method::POST, "/staff/services", Some(private), 201).await["service_id"].as_str().unwrap().to_string();
    let enrol = async |given: &str, born: &str, email: &str| {
        let body = json!({ "given_name": given, "family_name": "Okoro", "date_of_birth": born, "email": email });
        app.call_ok(&admin, Method::POST, "/staff/patients", Some(body), 201).await["patient_id"].as_str().unwrap().to_string()
    };
    let teen = enrol("Tayo", "2011-06-06", "tayo@example.com").await;
    let parent = enrol("Ada", "1980-06-06", "ada@example.com").await;
    let grant = json!({ "proxy_id": parent, "relationship": "parent", "legal_basis": "parental_responsibility", "scopes": ["appointments", "messages"] });
    app.call_ok(&admin, Method::POST, &format!("/staff/patients/{teen}/proxies"), Some(grant), 201).await;
    let tayo = app.sign_in("tayo@example.com").await;
    book(&app, &tayo, &private, "2026-11-24T15:00:00Z", None).await;
    book(&app, &tayo, &service, "2026-11-24T16:00:00Z", None).await;
    let ada = app.sign_in("ada@example.com").await;
    let as_teen = |path: &str| app.request(Method::GET, path).bearer_auth(&ada.access).header("portico-acting-for", teen.as_str()).send();
    let listed: Value = as_teen("/portal/appointments").await.unwrap().json().await.unwrap();
    let names: Vec<&str> = listed["upcoming"].as_array().unwrap().iter().map(|a| a["service_name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 1, "the confidential visit is the teen's: {names:?}");
    assert_ne!(names[0], "Private visit");
    assert_eq!(as_teen(&format!("/portal/availability?service={private}")).await.unwrap().status(), 404);
    // Ann's caregiver with messages only: no appointments.
    let ann = app.sign_in("ann@example.com").await;
    let invite =
        json!({ "given_name": "Mo", "family_name": "Ito", "email": "mo@example.com", "relationship": "caregiver", "scopes": ["messages"] });
    let sent = app.call_ok(&ann.access, Method::POST, "/portal/proxies/invitations", Some(invite), 201).await;
    let body = app.last_message("mo@example.com").body;
    let start = body.find("#/proxy-invitation/").unwrap() + "#/proxy-invitation/".len();
    let token: String = body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    let accept = json!({ "token": token, "code": sent["code"], "patient_date_of_birth": app.ann().date_of_birth.date().to_string(), "your_date_of_birth": "1970-01-01" });
    assert_eq!(app.post_json("/portal/proxies/accept", accept).await.status(), 200);
    let mo = app.sign_in("mo@example.com").await;
    let ann_id = app.ann().patient_id.to_string();
    let refused = app
        .request(Method::GET, "/portal/appointments")
        .bearer_auth(&mo.access)
        .header("portico-acting-for", ann_id.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    // Another practice's staff find none of this practice's appointments.
    let (_, _, lakeside_admin) = app.other_practice().await;
    let ann_booking: Value = book(&app, &ann, &service, "2026-11-24T17:00:00Z", None).await.json().await.unwrap();
    let path = format!("/staff/appointments/{}/status", ann_booking["appointment_id"].as_str().unwrap());
    let foreign = app
        .request_on("lakeside", Method::POST, &path)
        .bearer_auth(&lakeside_admin)
        .json(&json!({ "patient_id": ann_id, "status": "cancelled" }))
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), 404);
    let still = app.call_ok(&ann.access, Method::GET, "/portal/appointments", None, 200).await;
    assert!(
        still["upcoming"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["appointment_id"] == ann_booking["appointment_id"] && a["status"] == "booked")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_released_hold_frees_the_time_and_staff_see_what_is_free() {
    let app = spawn_app().await;
    let service = setup(&app, "patients", 30).await;
    let ann = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;
    let start = "2026-11-24T15:00:00Z";
    app.call_ok(
        &ben.access,
        Method::POST,
        "/portal/holds",
        Some(json!({ "service_id": service, "clinician_id": CLINICIAN, "start": start })),
        201,
    )
    .await;
    assert!(!slots(&app, &ann, &service).await.iter().any(|s| same_instant(s, start)));
    let released = app.call(&ben.access, Method::DELETE, &format!("/portal/holds/{service}"), None).await;
    assert_eq!(released.status(), 204);
    assert!(slots(&app, &ann, &service).await.iter().any(|s| same_instant(s, start)), "free again at once");
    assert_eq!(app.call(&ben.access, Method::DELETE, &format!("/portal/holds/{service}"), None).await.status(), 404);
    // Staff see the same free times, and a booking takes one away.
    let admin = app.admin_token().await;
    let path = format!("/staff/availability?service={service}&from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z");
    let free = app.call_ok(&admin, Method::GET, &path, None, 200).await;
    let starts: Vec<String> = free["slots"].as_array().unwrap().iter().map(|s| s["start"].as_str().unwrap().to_string()).collect();
    assert!(starts.iter().any(|s| same_instant(s, start)));
    assert_eq!(book(&app, &ann, &service, start, None).await.status(), 201);
    let free = app.call_ok(&admin, Method::GET, &path, None, 200).await;
    assert!(!free["slots"].as_array().unwrap().iter().any(|s| same_instant(s["start"].as_str().unwrap(), start)));
}

/// Moves the test clock to an instant.
async fn clock_at(app: &TestApp, at: &str) {
    let now = portico::clock::Clock::now(app.clock.as_ref());
    app.advance(chrono::DateTime::parse_from_rfc3339(at).unwrap().with_timezone(&chrono::Utc) - now);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cancel_window_holds_to_the_second_with_a_grace_period_and_staff_exempt() {
    let app = spawn_app().await;
    let service = setup(&app, "patients", 30).await;
    let cancel = async |at: &str, appointment: &Value| -> bool {
        // Signed in a minute before, so the cancel happens at exactly `at`.
        let before = chrono::DateTime::parse_from_rfc3339(at).unwrap() - chrono::Duration::seconds(61);
        clock_at(&app, &before.to_rfc3339()).await;
        let ann = app.sign_in("ann@example.com").await;
        let path = format!("/portal/appointments/{}/cancel", appointment["appointment_id"].as_str().unwrap());
        let done = app.call_ok(&ann.access, Method::POST, &path, Some(json!({})), 200).await;
        done["late_cancel"].as_bool().unwrap()
    };
    let ann = app.sign_in("ann@example.com").await;
    // 24 hours' notice: one second more is on time, one second less is late.
    let a: Value = book(&app, &ann, &service, "2026-11-20T15:00:00Z", None).await.json().await.unwrap();
    let b: Value = book(&app, &ann, &service, "2026-11-20T16:00:00Z", None).await.json().await.unwrap();
    assert!(!cancel("2026-11-19T14:59:59Z", &a).await, "24 h and 1 s before: not late");
    assert!(cancel("2026-11-19T16:00:01Z", &b).await, "23 h 59 m 59 s before: late");
    // The five minutes after booking are never late, even inside the notice.
    let ann = app.sign_in("ann@example.com").await;
    let c: Value = book(&app, &ann, &service, "2026-11-20T14:00:00Z", None).await.json().await.unwrap();
    let booked_at = chrono::DateTime::parse_from_rfc3339(c["created_at"].as_str().unwrap()).unwrap();
    assert!(!cancel(&(booked_at + chrono::Duration::seconds(299)).to_rfc3339(), &c).await, "4 m 59 s after booking: grace");
    let ann = app.sign_in("ann@example.com").await;
    let d: Value = book(&app, &ann, &service, "2026-11-20T15:00:00Z", None).await.json().await.unwrap();
    let booked_at = chrono::DateTime::parse_from_rfc3339(d["created_at"].as_str().unwrap()).unwrap();
    assert!(cancel(&(booked_at + chrono::Duration::seconds(301)).to_rfc3339(), &d).await, "5 m 1 s after booking: late");
    // Staff cancelling inside the notice: never late.
    let ann = app.sign_in("ann@example.com").await;
    let e: Value = book(&app, &ann, &service, "2026-11-20T15:30:00Z", None).await.json().await.unwrap();
    app.advance(chrono::Duration::minutes(10));
    let admin = app.admin_token().await;
    let path = format!("/staff/appointments/{}/status", e["appointment_id"].as_str().unwrap());
    let body = json!({ "patient_id": app.ann().patient_id.to_string(), "status": "cancelled", "reason": "Clinician unwell" });
    let done = app.call_ok(&admin, Method::POST, &path, Some(body), 200).await;
    assert_eq!(done["appointment"]["late_cancel"].as_bool().or(done["late_cancel"].as_bool()), Some(false), "{done}");
}
