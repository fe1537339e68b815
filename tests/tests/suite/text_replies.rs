//! Answers to reminders by text: "C" (and its spellings) confirms the patient's one unconfirmed
//! appointment in the next 72 hours and says so by text; none or several send the patient to the
//! portal; carrier keywords keep their meaning (`CANCEL` is an opt-out, never a cancellation; `YES` opts
//! back in); anything else is a message for the care team.

use portico_tests::{TestApp, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

use crate::scheduling::{book, setup};

const ANN_PHONE: &str = "+15555550101";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    /// The appointment booked just before is confirmed, and the answer says so.
    Confirmed,
    /// Nothing changes; the answer links the portal.
    Portal,
    /// Texts stop (the carrier keyword), and no appointment changes.
    Stop,
    /// Texts start again.
    Start,
    /// The practice's contact details.
    Help,
    /// A message in the patient's conversation with the care team.
    Thread,
}

use Effect::*;

/// At least thirty replies, in an order that keeps each row's effect visible (a STOP is followed by a
/// row that starts texts again).
const REPLIES: &[(&str, Effect)] = &[
    ("C", Confirmed),
    (" c ", Confirmed),
    ("c.", Confirmed),
    ("C!", Confirmed),
    ("c!!", Confirmed),
    ("confirm", Confirmed),
    ("CONFIRM", Confirmed),
    ("Confirm.", Confirmed),
    ("confirmar", Confirmed),
    ("c\n", Confirmed),
    ("C", Portal),
    ("cancel", Stop),
    ("YES", Start),
    ("CANCEL", Stop),
    ("yes", Start),
    ("Cancel appt", Thread),
    ("cancel my appointment", Thread),
    ("STOP", Stop),
    ("START", Start),
    (" stop ", Stop),
    ("unstop", Start),
    ("HELP", Help),
    ("YES", Help),
    ("cc", Thread),
    ("c c", Thread),
    ("ok", Thread),
    ("C please", Thread),
    ("Confirmed", Thread),
    ("c?", Thread),
    ("See you then", Thread),
    ("Y", Thread),
    ("1", Thread),
];

async fn appointments(app: &TestApp, access: &str) -> Vec<Value> {
    let list = app.call_ok(access, Method::GET, "/portal/appointments", None, 200).await;
    list["upcoming"].as_array().cloned().unwrap_or_default()
}

async fn thread_messages(app: &TestApp, access: &str) -> usize {
    let threads = app.call_ok(access, Method::GET, "/portal/threads", None, 200).await;
    let mut count = 0;
    for thread in threads["threads"].as_array().cloned().unwrap_or_default() {
        let id = thread["thread_id"].as_str().unwrap_or_default();
        let view = app.call_ok(access, Method::GET, &format!("/portal/threads/{id}"), None, 200).await;
        count += view["messages"].as_array().map_or(0, Vec::len);
    }
    count
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_table_of_replies_each_has_its_one_effect() {
    assert!(REPLIES.len() >= 30);
    let app = spawn_app().await;
    let service = setup(&app, "patients", 30).await;
    let ann = app.sign_in("ann@example.com").await;
    app.texts_only(&ann).await;
    // Thursday and Friday in New York, an hour apart: each "C" row has one fresh appointment to confirm.
    let mut times = ["14", "15", "16", "17", "18", "19", "20", "21"]
        .iter()
        .map(|h| format!("2026-11-19T{h}:00:00Z"))
        .chain(["2026-11-20T14:00:00Z".to_string(), "2026-11-20T15:00:00Z".to_string()]);
    for (row, (body, effect)) in REPLIES.iter().enumerate() {
        if *effect == Confirmed {
            let start = times.next().expect("a time for each confirming row");
            assert_eq!(book(&app, &ann, &service, &start, None).await.status(), 201, "row {row}");
        }
        let (texts, messages) = (app.texts_to(ANN_PHONE).len(), thread_messages(&app, &ann.access).await);
        let before = appointments(&app, &ann.access).await;
        let answer = app.text_from(ANN_PHONE, body).await;
        assert_eq!(answer["status"], 200, "row {row} {body:?}: {answer}");
        app.pump().await;
        let twiml = answer["twiml"].as_str().unwrap_or_default().to_string();
        let after = appointments(&app, &ann.access).await;
        let confirmed = |list: &[Value]| list.iter().filter(|a| a["confirmed_at"].is_string()).count();
        let new_texts: Vec<String> =
            app.texts_to(ANN_PHONE).into_iter().take(app.texts_to(ANN_PHONE).len() - texts).map(|t| t.body).collect();
        let case = format!("row {row} {body:?} ({effect:?}): twiml {twiml:?}, texts {new_texts:?}");
        assert_eq!(after.len(), before.len(), "no reply cancels or books: {case}");
        match effect {
            Confirmed => {
                assert_eq!(confirmed(&after), confirmed(&before) + 1, "{case}");
                assert!(new_texts.iter().any(|t| t.contains("is confirmed") && t.contains("EST")), "{case}");
                assert!(!new_texts.iter().any(|t| t.contains("Visit")), "no visit type in the answer: {case}");
            }
            Portal => {
                assert_eq!(confirmed(&after), confirmed(&before), "{case}");
                assert!(new_texts.iter().any(|t| t.contains("could not tell which appointment")), "{case}");
            }
            Stop => {
                assert!(twiml.contains("no longer receive texts"), "{case}");
                assert_eq!(confirmed(&after), confirmed(&before), "{case}");
            }
            Start => assert!(twiml.contains("texts are back on"), "{case}"),
            Help => assert!(twiml.contains("Riverside Family Practice") && !twiml.contains("back on"), "{case}"),
            Thread => {
                assert!(twiml.is_empty() || !twiml.contains("Riverside"), "{case}");
                assert_eq!(thread_messages(&app, &ann.access).await, messages + 1, "{case}");
                assert_eq!(confirmed(&after), confirmed(&before), "{case}");
            }
        }
        if matches!(effect, Stop | Thread | Help | Start) {
            assert!(new_texts.is_empty() || *effect != Stop, "nothing sent after a STOP: {case}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_c_with_two_appointments_to_confirm_changes_nothing_and_a_repeat_applies_once() {
    two_then_one(&spawn_app().await).await;
}

/// "C" with two appointments to confirm, then with one (a text Twilio delivers twice), on whichever
/// store the app runs (`emulator.rs` runs it on DynamoDB and SQS).
pub async fn two_then_one(app: &TestApp) {
    let service = setup(app, "patients", 30).await;
    let ann = app.sign_in("ann@example.com").await;
    app.texts_only(&ann).await;
    // Two within 72 hours, one beyond: a "C" cannot tell which.
    for start in ["2026-11-19T15:00:00Z", "2026-11-20T15:00:00Z", "2026-11-24T15:00:00Z"] {
        assert_eq!(book(app, &ann, &service, start, None).await.status(), 201);
    }
    app.text_from(ANN_PHONE, "C").await;
    app.pump().await;
    let list = appointments(app, &ann.access).await;
    assert!(list.iter().all(|a| a["confirmed_at"].is_null()), "nothing confirmed: {list:?}");
    assert!(app.texts_to(ANN_PHONE)[0].body.contains("could not tell which appointment"));

    // The one beyond 72 hours does not count: cancel one of the two, and "C" confirms the other.
    let first = list[0]["appointment_id"].as_str().unwrap().to_string();
    app.call_ok(&ann.access, Method::POST, &format!("/portal/appointments/{first}/cancel"), Some(json!({})), 200).await;
    // Twilio delivers the same text twice: one confirmation, one answer.
    let signed = json!({ "from": ANN_PHONE, "body": "c", "message_sid": "SM00000000000000000000000000000c01" });
    for _ in 0..2 {
        app.post_json("/_local/twilio/inbound", signed.clone()).await;
    }
    app.pump().await;
    let list = appointments(app, &ann.access).await;
    let confirmed: Vec<_> = list.iter().filter(|a| a["confirmed_at"].is_string()).collect();
    assert_eq!(confirmed.len(), 1, "{list:?}");
    assert!(confirmed[0]["start"].as_str().unwrap().starts_with("2026-11-20"), "{list:?}");
    let answers = app.texts_to(ANN_PHONE).iter().filter(|t| t.body.contains("is confirmed")).count();
    assert_eq!(answers, 1, "one answer for a text delivered twice");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_confirmation_event_delivered_twice_confirms_and_answers_once() {
    use portico::events::{Event, EventKind};
    let app = spawn_app().await;
    let service = setup(&app, "patients", 30).await;
    let ann = app.sign_in("ann@example.com").await;
    app.texts_only(&ann).await;
    assert_eq!(book(&app, &ann, &service, "2026-11-19T15:00:00Z", None).await.status(), 201);
    let now = portico::clock::Clock::now(app.clock.as_ref());
    let kind = EventKind::ConfirmByText { message_sid: "SM00000000000000000000000000000c77".into() };
    let event = Event::new(&app.practice().id, &app.ann().patient_id, kind, now);
    let body = serde_json::to_string(&event).unwrap();
    let table = app.gateway.app.table.clone();
    // SQS delivers at least once: twice here, and a third time after the first answer went out.
    portico_scheduling::functions::apply(table.as_ref(), &body, now).await.unwrap();
    portico_scheduling::functions::apply(table.as_ref(), &body, now).await.unwrap();
    app.pump().await;
    portico_scheduling::functions::apply(table.as_ref(), &body, now).await.unwrap();
    app.pump().await;
    let list = appointments(&app, &ann.access).await;
    assert!(list[0]["confirmed_at"].is_string());
    let texts = app.texts_to(ANN_PHONE);
    let answers: Vec<_> = texts.iter().filter(|t| t.body.contains("is confirmed")).collect();
    assert_eq!(answers.len(), 1, "one answer: {texts:?}");
    assert_eq!(list[0]["version"], 2, "confirmed once: {list:?}");
}
