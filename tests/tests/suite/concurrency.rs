//! Races, on both stores: appends that must all land, and single-use things with exactly one winner (never
//! zero). Run any of these in a loop with `tests/scripts/loop.sh 20 concurrency::`.

use portico::idempotency::{self, Claim, Claimed};
use portico_tests::{TestApp, spawn_app, spawn_on_emulator};
use reqwest::Method;
use serde_json::{Value, json};

/// Fifty messages posted at once by a patient into one thread: all fifty are stored and counted.
async fn fifty_posts_all_land(app: &TestApp) {
    let ann = app.sign_in("ann@example.com").await;
    let opened = app
        .call_ok(&ann.access, Method::POST, "/portal/threads", Some(json!({ "topic": "other", "subject": "Many", "body": "0" })), 201)
        .await;
    let thread = opened["thread"]["thread_id"].as_str().unwrap().to_string();
    let path = format!("/portal/threads/{thread}/messages");
    let posts = (1..=50).map(|i| app.call(&ann.access, Method::POST, &path, Some(json!({ "body": format!("message {i}") }))));
    let statuses: Vec<u16> = futures::future::join_all(posts).await.iter().map(|r| r.status().as_u16()).collect();
    assert!(statuses.iter().all(|s| *s == 201), "every post is stored: {statuses:?}");
    let staff = app.admin_token().await;
    let ann_id = app.ann().patient_id.to_string();
    let view = app.call_ok(&staff, Method::GET, &format!("/staff/patients/{ann_id}/threads/{thread}"), None, 200).await;
    assert_eq!(view["thread"]["message_count"], 51, "the header counts every message");
    assert_eq!(view["thread"]["unread"], 51, "and every one is unread by staff");
    let mut bodies = std::collections::BTreeSet::new();
    let mut before: Option<String> = None;
    loop {
        let page_path = match &before {
            Some(cursor) => format!("/portal/threads/{thread}?before={cursor}"),
            None => format!("/portal/threads/{thread}"),
        };
        let page: Value = app.call_ok(&ann.access, Method::GET, &page_path, None, 200).await;
        bodies.extend(page["messages"].as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap().to_string()));
        match page["older_cursor"].as_str() {
            Some(cursor) => before = Some(cursor.to_string()),
            None => break,
        }
    }
    assert_eq!(bodies.len(), 51, "every message reads back, once");
    let tasks = app.call_ok(&staff, Method::GET, "/staff/tasks", None, 200).await;
    let for_thread = tasks["tasks"].as_array().unwrap().iter().filter(|t| t["subject"] == thread.as_str()).count();
    assert_eq!(for_thread, 1, "one response task for the thread, however many messages");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_posts_all_land() {
    fifty_posts_all_land(&spawn_app().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_posts_all_land_on_dynamodb() {
    fifty_posts_all_land(&spawn_on_emulator().await).await;
}

/// Twenty deliveries claim one business id at once: exactly one holds it.
async fn one_claim_wins(app: &TestApp) {
    let table = app.gateway.app.table.as_ref();
    let id = Claimed::new(&app.practice().id, "race", "ev_race");
    let now = portico::clock::Clock::now(app.clock.as_ref());
    let claims = (0..20).map(|_| idempotency::claim::<Value>(table, &id, now, chrono::Duration::minutes(3)));
    let results: Vec<Claim<Value>> = futures::future::join_all(claims).await.into_iter().map(Result::unwrap).collect();
    let held: Vec<&idempotency::Held> = results.iter().filter_map(|c| if let Claim::Mine(held) = c { Some(held) } else { None }).collect();
    assert_eq!(held.len(), 1, "exactly one delivery holds the claim: {results:?}");
    assert!(idempotency::record(table, &id, held[0], &json!("done"), now).await.unwrap());
    let later = idempotency::claim::<Value>(table, &id, now, chrono::Duration::minutes(3)).await.unwrap();
    assert_eq!(later, Claim::Done(Some(json!("done"))), "a later delivery finds the outcome");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_of_twenty_claims_wins() {
    one_claim_wins(&spawn_app().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_of_twenty_claims_wins_on_dynamodb() {
    one_claim_wins(&spawn_on_emulator().await).await;
}

/// Three staff members take the same task at once: one holds it, the others are told someone does.
async fn one_staff_member_takes_a_task(app: &TestApp) {
    let ann = app.sign_in("ann@example.com").await;
    app.call_ok(&ann.access, Method::POST, "/portal/threads", Some(json!({ "topic": "other", "subject": "Hi", "body": "Hello" })), 201)
        .await;
    let admin = app.admin_token().await;
    let desk = app.staff_token("frontdesk@riverside.example").await;
    let tasks = app.call_ok(&admin, Method::GET, "/staff/tasks", None, 200).await;
    let task = tasks["tasks"][0]["task_id"].as_str().unwrap().to_string();
    let path = format!("/staff/tasks/{task}/claim");
    let claims = [&admin, &desk, &admin].map(|token| app.call(token, Method::POST, &path, None));
    let statuses: Vec<u16> = futures::future::join_all(claims).await.iter().map(|r| r.status().as_u16()).collect();
    // Whoever claimed first holds it: the desk's one try, or the admin's two (the second is idempotent).
    let expected = if statuses[1] == 200 { vec![409, 200, 409] } else { vec![200, 409, 200] };
    assert_eq!(statuses, expected, "one holder, the other refused");
    let held = app.call_ok(&admin, Method::GET, "/staff/tasks?status=claimed", None, 200).await;
    assert_eq!(held["tasks"].as_array().unwrap().len(), 1, "the task has one holder");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_staff_member_takes_a_task_at_a_time() {
    one_staff_member_takes_a_task(&spawn_app().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_staff_member_takes_a_task_at_a_time_on_dynamodb() {
    one_staff_member_takes_a_task(&spawn_on_emulator().await).await;
}

/// Patient messages and staff replies at once: every one lands, and the thread has one response task.
async fn both_sides_write_at_once(app: &TestApp) {
    let ann = app.sign_in("ann@example.com").await;
    let staff = app.admin_token().await;
    let opened = app
        .call_ok(&ann.access, Method::POST, "/portal/threads", Some(json!({ "topic": "other", "subject": "Busy", "body": "0" })), 201)
        .await;
    let thread = opened["thread"]["thread_id"].as_str().unwrap().to_string();
    let ann_id = app.ann().patient_id.to_string();
    let (patient_path, staff_path) =
        (format!("/portal/threads/{thread}/messages"), format!("/staff/patients/{ann_id}/threads/{thread}/messages"));
    let posts = (0..20).map(|i| {
        let (token, path) = if i % 2 == 0 { (&ann.access, &patient_path) } else { (&staff, &staff_path) };
        app.call(token, Method::POST, path, Some(json!({ "body": format!("message {i}") })))
    });
    let statuses: Vec<u16> = futures::future::join_all(posts).await.iter().map(|r| r.status().as_u16()).collect();
    assert!(statuses.iter().all(|s| *s == 201), "every message is stored: {statuses:?}");
    let view = app.call_ok(&staff, Method::GET, &format!("/staff/patients/{ann_id}/threads/{thread}"), None, 200).await;
    assert_eq!(view["thread"]["message_count"], 21);
    let open = app.call_ok(&staff, Method::GET, "/staff/tasks?status=open", None, 200).await;
    let done = app.call_ok(&staff, Method::GET, "/staff/tasks?status=done", None, 200).await;
    let count = |page: &Value| page["tasks"].as_array().unwrap().iter().filter(|t| t["subject"] == thread.as_str()).count();
    assert_eq!(count(&open) + count(&done), 1, "one response task for the thread, open or done");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn both_sides_write_at_once_and_all_land() {
    both_sides_write_at_once(&spawn_app().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn both_sides_write_at_once_and_all_land_on_dynamodb() {
    both_sides_write_at_once(&spawn_on_emulator().await).await;
}

/// A delivery whose claim was taken over after its lease can neither record over the new holder's
/// outcome nor release the new holder's claim.
async fn a_taken_over_claim_is_fenced(app: &TestApp) {
    let table = app.gateway.app.table.as_ref();
    let id = Claimed::new(&app.practice().id, "race", "ev_slow");
    let lease = chrono::Duration::minutes(3);
    let t0 = portico::clock::Clock::now(app.clock.as_ref());
    let Claim::Mine(slow) = idempotency::claim::<Value>(table, &id, t0, lease).await.unwrap() else { panic!("the first claim") };
    let later = t0 + chrono::Duration::minutes(4);
    let Claim::Mine(fresh) = idempotency::claim::<Value>(table, &id, later, lease).await.unwrap() else { panic!("taken over") };
    idempotency::release(table, &id, &slow).await.unwrap();
    assert_eq!(idempotency::claim::<Value>(table, &id, later, lease).await.unwrap(), Claim::Busy, "the slow delivery released nothing");
    assert!(!idempotency::record(table, &id, &slow, &json!("slow"), later).await.unwrap(), "nor recorded its outcome");
    assert!(idempotency::record(table, &id, &fresh, &json!("fresh"), later).await.unwrap());
    let found = idempotency::claim::<Value>(table, &id, later, lease).await.unwrap();
    assert_eq!(found, Claim::Done(Some(json!("fresh"))));
}

#[tokio::test]
async fn a_taken_over_claim_cannot_undo_its_successor() {
    a_taken_over_claim_is_fenced(&spawn_app().await).await;
}

#[tokio::test]
async fn a_taken_over_claim_cannot_undo_its_successor_on_dynamodb() {
    a_taken_over_claim_is_fenced(&spawn_on_emulator().await).await;
}

/// The table, except that the next `remaining` transactions fail with `Conflict`, as DynamoDB's
/// `TransactionConflict` does under contention (the emulator never produces it).
struct Contended {
    inner: std::sync::Arc<dyn portico::store::Table>,
    remaining: std::sync::atomic::AtomicUsize,
}

#[async_trait::async_trait]
impl portico::store::Table for Contended {
    async fn get(&self, key: &portico::store::Key) -> Result<Option<portico::store::Item>, portico::store::StoreError> {
        self.inner.get(key).await
    }
    async fn put(&self, item: portico::store::Item, condition: portico::store::Condition) -> Result<(), portico::store::StoreError> {
        self.inner.put(item, condition).await
    }
    async fn update(&self, update: portico::store::Update) -> Result<portico::store::Item, portico::store::StoreError> {
        self.inner.update(update).await
    }
    async fn delete(&self, key: &portico::store::Key, condition: portico::store::Condition) -> Result<(), portico::store::StoreError> {
        self.inner.delete(key, condition).await
    }
    async fn query(&self, query: portico::store::Query) -> Result<portico::store::Page, portico::store::StoreError> {
        self.inner.query(query).await
    }
    async fn transact(&self, writes: Vec<portico::store::Write>) -> Result<(), portico::store::StoreError> {
        use std::sync::atomic::Ordering;
        if self.remaining.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok() {
            return Err(portico::store::StoreError::Conflict);
        }
        self.inner.transact(writes).await
    }
}

async fn post_under_contention(app: &TestApp, conflicts: usize) -> Result<(), portico_messaging::threads::ThreadError> {
    use portico_messaging::threads::{self, Author, Body, Draft, Reader, Via};
    let ann = app.sign_in("ann@example.com").await;
    let opened = app
        .call_ok(&ann.access, Method::POST, "/portal/threads", Some(json!({ "topic": "other", "subject": "Busy", "body": "first" })), 201)
        .await;
    let thread = portico::ids::ThreadId::parse(opened["thread"]["thread_id"].as_str().unwrap()).unwrap();
    let table = Contended { inner: app.gateway.app.table.clone(), remaining: conflicts.into() };
    let draft = Draft {
        author: Author::Patient,
        via: Via::Portal,
        body: Body::parse("second").unwrap(),
        internal: false,
        urgent: false,
        attachments: vec![],
        written_by: None,
    };
    let now = chrono::Utc::now();
    let outcome = threads::post(&table, app.practice(), &app.ann().patient_id, &thread, draft, &Reader::Patient(None), now).await;
    let page = app.call_ok(&ann.access, Method::GET, &format!("/portal/threads/{thread}"), None, 200).await;
    let bodies: Vec<&str> = page["messages"].as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap()).collect();
    let expected: &[&str] = if outcome.is_ok() { &["first", "second"] } else { &["first"] };
    assert_eq!(bodies, expected, "a post lands once or not at all, however many rounds it took");
    outcome.map(|_| ())
}

#[tokio::test]
async fn a_post_that_loses_to_contention_is_retried_and_lands_once() {
    post_under_contention(&spawn_app().await, 3).await.unwrap();
}

#[tokio::test]
async fn a_post_that_keeps_losing_answers_conflict_and_writes_nothing() {
    let app = spawn_app().await;
    let outcome = post_under_contention(&app, usize::MAX).await;
    assert!(
        matches!(outcome, Err(portico_messaging::threads::ThreadError::Store(portico::store::StoreError::Conflict))),
        "after its budget of rounds the writer is told someone keeps changing it (409): {outcome:?}"
    );
}
