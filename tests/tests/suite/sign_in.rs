//! Passwordless sign-in through the local gateway over HTTP: codes, links, refresh, logout, disable.

use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use portico_tests::{TestApp, problem, session_from, spawn_app, spawn_with};
use reqwest::Method;
use serde_json::{Value, json};

async fn challenge(app: &TestApp, channel: &str, address: &str) -> String {
    let response = app.start_code(channel, address).await;
    assert_eq!(response.status(), 202, "starting sign-in for {address}");
    let body: Value = response.json().await.unwrap_or_default();
    body["challenge_id"].as_str().unwrap_or_default().to_string()
}

async fn verify(app: &TestApp, challenge: &str, code: &str) -> reqwest::Response {
    app.post_json("/auth/otp/verify", json!({ "challenge_id": challenge, "code": code })).await
}

async fn me(app: &TestApp, token: &str) -> reqwest::Response {
    app.request(Method::GET, "/portal/me").bearer_auth(token).send().await.unwrap()
}

fn wrong(code: &str) -> String {
    format!("{:06}", (code.parse::<u32>().unwrap_or(0) + 1) % 1_000_000)
}

#[tokio::test]
async fn a_patient_signs_in_with_an_email_code_and_reads_their_profile() {
    let app = spawn_app().await;
    let session = app.sign_in("ann@example.com").await;
    assert_eq!(session.patient_id, app.ann().patient_id.to_string());
    assert!(!session.refresh.is_empty(), "the refresh token comes in the __Host- cookie");
    let profile: Value = me(&app, &session.access).await.json().await.unwrap_or_default();
    assert_eq!(profile["given_name"], "Ann");
    assert_eq!(profile["email"], "ann@example.com");
}

#[tokio::test]
async fn a_patient_signs_in_with_an_sms_code() {
    let app = spawn_app().await;
    let id = challenge(&app, "sms", "(555) 555-0101").await;
    let message = app.last_message("+15555550101");
    assert_eq!(message.channel, "sms");
    assert!(message.body.len() <= 160, "one SMS segment");
    let signed = session_from(verify(&app, &id, &app.last_code("+15555550101")).await).await;
    assert_eq!(me(&app, &signed.access).await.status(), 200);
}

#[tokio::test]
async fn the_refresh_cookie_is_host_only_http_only_secure_strict() {
    let app = spawn_app().await;
    let id = challenge(&app, "email", "ann@example.com").await;
    let response = verify(&app, &id, &app.last_code("ann@example.com")).await;
    let cookie = response.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    for part in ["__Host-portico_refresh=", "Path=/", "HttpOnly", "Secure", "SameSite=Strict"] {
        assert!(cookie.contains(part), "{cookie} lacks {part}");
    }
    let body: Value = response.json().await.unwrap_or_default();
    assert!(body.get("refresh_token").is_none(), "the refresh token never appears in a body");
}

#[tokio::test]
async fn wrong_codes_count_down_and_the_third_kills_the_challenge() {
    let app = spawn_app().await;
    let id = challenge(&app, "email", "ann@example.com").await;
    let code = app.last_code("ann@example.com");
    let first = problem(verify(&app, &id, &wrong(&code)).await, 401).await;
    assert!(first["detail"].as_str().unwrap_or_default().contains("2 tries left"), "{first}");
    let second = problem(verify(&app, &id, &wrong(&code)).await, 401).await;
    assert!(second["detail"].as_str().unwrap_or_default().contains("1 try left"), "{second}");
    problem(verify(&app, &id, &wrong(&code)).await, 401).await;
    let after = problem(verify(&app, &id, &code).await, 401).await;
    assert!(
        after["detail"].as_str().unwrap_or_default().contains("no longer valid"),
        "the right code after three wrong ones fails: {after}"
    );
}

/// Fifty answers to one challenge at once, the right one among them: the store counts at most three,
/// so the right one wins only if it came before the third wrong one.
async fn fifty_answers_at_once(app: &TestApp) {
    use portico_identity::sign_in::challenges::{self, Answer};
    let id = challenge(app, "email", "ann@example.com").await;
    let code = app.last_code("ann@example.com");
    let id = portico::ids::ChallengeId::parse(&id).unwrap_or_else(|| panic!("challenge id"));
    let (table, hasher, practice) = (app.gateway.app.table.as_ref(), &app.gateway.app.ports.hasher, &app.practice().id);
    let now = portico::clock::Clock::now(app.clock.as_ref());
    let answers: Vec<String> = (0..50).map(|i| if i == 25 { code.clone() } else { wrong(&code) }).collect();
    let results = futures::future::join_all(answers.iter().map(|a| challenges::answer(table, hasher, practice, &id, None, a, now))).await;
    let results: Vec<Answer> = results.into_iter().map(|r| r.unwrap()).collect();
    let weighed = results.iter().filter(|a| !matches!(a, Answer::Dead)).count();
    assert!(weighed <= 3, "{weighed} of fifty concurrent answers were counted against three tries: {results:?}");
    let stored = challenges::load(table, practice, &id).await.unwrap().unwrap_or_else(|| panic!("stored"));
    assert_eq!(stored.attempts as usize, weighed, "every answer given a verdict was counted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_answers_at_once_count_at_most_three() {
    fifty_answers_at_once(&spawn_app().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_answers_at_once_count_at_most_three_on_dynamodb() {
    fifty_answers_at_once(&portico_tests::spawn_on_emulator().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_wrong_guesses_never_succeed() {
    let app = spawn_app().await;
    let id = challenge(&app, "email", "ann@example.com").await;
    let code = app.last_code("ann@example.com");
    let (mut successes, mut counted) = (0, 0);
    let guesses: Vec<String> = (0..1001u32).map(|i| format!("{:06}", (i * 997) % 1_000_000)).filter(|g| *g != code).take(1000).collect();
    assert_eq!(guesses.len(), 1000);
    for batch in guesses.chunks(50) {
        let results = futures::future::join_all(batch.iter().map(|g| verify(&app, &id, g))).await;
        for response in results {
            successes += usize::from(response.status() == 200);
            let body: Value = response.json().await.unwrap_or_default();
            counted += usize::from(body["detail"].as_str().unwrap_or_default().starts_with("That code is not right"));
        }
    }
    // Fifty at a time must not slip past the limit: at most three answers are ever weighed.
    assert!(counted <= 3, "{counted} wrong answers were counted against a three-try challenge");
    assert_eq!(successes, 0, "no wrong guess signs anyone in");
    assert_eq!(verify(&app, &id, &code).await.status(), 401, "the challenge is dead after the guesses");
}

#[tokio::test]
async fn a_code_is_used_once_and_only_for_its_own_challenge() {
    let app = spawn_app().await;
    let ann = challenge(&app, "email", "ann@example.com").await;
    let ann_code = app.last_code("ann@example.com");
    let ben = challenge(&app, "email", "ben@example.com").await;
    problem(verify(&app, &ben, &ann_code).await, 401).await;
    session_from(verify(&app, &ann, &ann_code).await).await;
    let replay = problem(verify(&app, &ann, &ann_code).await, 401).await;
    assert!(replay["detail"].as_str().unwrap_or_default().contains("no longer valid"), "{replay}");
}

#[tokio::test]
async fn an_expired_code_is_refused_even_before_cleanup() {
    let app = spawn_app().await;
    let id = challenge(&app, "email", "ann@example.com").await;
    let code = app.last_code("ann@example.com");
    app.advance(Duration::minutes(10) + Duration::seconds(1));
    problem(verify(&app, &id, &code).await, 401).await;
}

#[tokio::test]
async fn unknown_addresses_get_the_same_answer_and_no_message() {
    let app = spawn_app().await;
    let known = app.start_code("email", "ann@example.com").await;
    let unknown = app.start_code("email", "nobody@example.com").await;
    assert_eq!((known.status().as_u16(), unknown.status().as_u16()), (202, 202));
    let (k, u): (Value, Value) = (known.json().await.unwrap_or_default(), unknown.json().await.unwrap_or_default());
    let keys = |v: &Value| v.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()).unwrap_or_default();
    assert_eq!(keys(&k), keys(&u), "the same fields");
    assert_eq!(k["expires_in"], u["expires_in"]);
    assert_eq!(app.messages_to("nobody@example.com"), 0, "nothing is sent to an unknown address");
    let guess = problem(verify(&app, u["challenge_id"].as_str().unwrap_or_default(), "123456").await, 401).await;
    assert!(guess["detail"].as_str().unwrap_or_default().contains("2 tries left"), "an unknown address's challenge behaves alike: {guess}");
}

#[tokio::test]
async fn unknown_addresses_answer_in_similar_time() {
    let app = spawn_with(portico_tests::app::Spawn { sign_in_floor: StdDuration::from_millis(150), ..Default::default() }).await;
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for i in 0..5 {
        let started = Instant::now();
        assert_eq!(app.start_code("email", "ann@example.com").await.status(), 202);
        known.push(started.elapsed());
        let started = Instant::now();
        assert_eq!(app.start_code("email", &format!("nobody{i}@example.com")).await.status(), 202);
        unknown.push(started.elapsed());
        app.advance(Duration::seconds(61));
    }
    known.sort();
    unknown.sort();
    let (k, u) = (known[known.len() / 2], unknown[unknown.len() / 2]);
    let gap = k.abs_diff(u);
    assert!(
        gap < StdDuration::from_millis(40),
        "median known {k:?} vs unknown {u:?}: a {gap:?} gap would reveal which addresses are on file"
    );
}

#[tokio::test]
async fn sends_to_one_address_are_spaced_and_capped() {
    let app = spawn_app().await;
    assert_eq!(app.start_code("email", "ann@example.com").await.status(), 202);
    let soon = app.start_code("email", "ann@example.com").await;
    let retry_after: u64 = soon.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(0);
    problem(soon, 429).await;
    assert!((1..=60).contains(&retry_after), "Retry-After says when: {retry_after}");
    // Five per address per hour: four more a minute apart, then the sixth is refused.
    for _ in 0..4 {
        app.advance(Duration::seconds(61));
        assert_eq!(app.start_code("email", "ann@example.com").await.status(), 202);
    }
    app.advance(Duration::seconds(61));
    problem(app.start_code("email", "ann@example.com").await, 429).await;
    assert_eq!(app.messages_to("ann@example.com"), 5, "refused requests send nothing");
    // Unknown addresses are limited alike.
    assert_eq!(app.start_code("email", "nobody@example.com").await.status(), 202);
    problem(app.start_code("email", "nobody@example.com").await, 429).await;
}

#[tokio::test]
async fn refresh_keeps_the_session_and_logout_ends_it_at_once() {
    let app = spawn_app().await;
    let session = app.sign_in("ann@example.com").await;
    let refreshed = app
        .request(Method::POST, "/auth/refresh")
        .header("cookie", format!("__Host-portico_refresh={}", session.refresh))
        .send()
        .await
        .unwrap();
    let fresh: Value = refreshed.json().await.unwrap_or_default();
    let access = fresh["access_token"].as_str().unwrap_or_default().to_string();
    assert_eq!(me(&app, &access).await.status(), 200, "the refreshed token works");
    let logout = app
        .request(Method::POST, "/auth/logout")
        .bearer_auth(&access)
        .header("cookie", format!("__Host-portico_refresh={}", session.refresh))
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 204);
    assert!(
        logout.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().contains("Max-Age=0"),
        "the cookie is cleared"
    );
    problem(me(&app, &access).await, 401).await;
    problem(me(&app, &session.access).await, 401).await;
    let again = app
        .request(Method::POST, "/auth/refresh")
        .header("cookie", format!("__Host-portico_refresh={}", session.refresh))
        .send()
        .await
        .unwrap();
    problem(again, 401).await;
}

#[tokio::test]
async fn refresh_from_another_site_is_refused() {
    let app = spawn_app().await;
    let session = app.sign_in("ann@example.com").await;
    let response = app
        .request(Method::POST, "/auth/refresh")
        .header("origin", "https://evil.example")
        .header("cookie", format!("__Host-portico_refresh={}", session.refresh))
        .send()
        .await
        .unwrap();
    problem(response, 403).await;
}

#[tokio::test]
async fn sessions_end_after_thirty_idle_minutes_and_twelve_hours_in_all() {
    let app = spawn_app().await;
    let session = app.sign_in("ann@example.com").await;
    assert_eq!(me(&app, &session.access).await.status(), 200);
    app.advance(Duration::minutes(29));
    let refresh = |s: &str| app.request(Method::POST, "/auth/refresh").header("cookie", format!("__Host-portico_refresh={s}")).send();
    let fresh: Value = refresh(&session.refresh).await.unwrap().json().await.unwrap_or_default();
    let access = fresh["access_token"].as_str().unwrap_or_default().to_string();
    assert_eq!(me(&app, &access).await.status(), 200, "29 minutes idle is fine");
    app.advance(Duration::minutes(31));
    problem(refresh(&session.refresh).await.unwrap(), 401).await;

    // An active session still ends at twelve hours after sign-in.
    let busy = app.sign_in("ben@example.com").await;
    let mut token = busy.access.clone();
    let mut minutes = 0;
    loop {
        app.advance(Duration::minutes(9));
        minutes += 9;
        let response = refresh(&busy.refresh).await.unwrap();
        if response.status() != 200 {
            problem(response, 401).await;
            break;
        }
        assert!(minutes < 12 * 60 + 10, "refresh must stop working at twelve hours");
        let body: Value = response.json().await.unwrap_or_default();
        token = body["access_token"].as_str().unwrap_or_default().to_string();
        assert_eq!(me(&app, &token).await.status(), 200, "active at {minutes} minutes");
    }
    assert!(minutes >= 12 * 60 - 10, "the session lasted {minutes} minutes");
    // The last access token is still unexpired, but its session is over.
    problem(me(&app, &token).await, 401).await;
}

#[tokio::test]
async fn an_invitation_link_signs_in_once() {
    let app = spawn_app().await;
    let staff = app.admin_token().await;
    let ben = app.ben().patient_id.to_string();
    let invited =
        app.request(Method::POST, &format!("/staff/patients/{ben}/invite")).bearer_auth(&staff).json(&json!({})).send().await.unwrap();
    assert_eq!(invited.status(), 202);
    let token = app.last_invitation_token("ben@example.com");
    let session = session_from(app.post_json("/auth/link", json!({ "token": token })).await).await;
    assert_eq!(session.patient_id, ben);
    problem(app.post_json("/auth/link", json!({ "token": token })).await, 401).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_redemptions_of_one_link_have_one_winner() {
    let app = spawn_app().await;
    let staff = app.admin_token().await;
    let ben = app.ben().patient_id.to_string();
    app.request(Method::POST, &format!("/staff/patients/{ben}/invite")).bearer_auth(&staff).json(&json!({})).send().await.unwrap();
    let token = app.last_invitation_token("ben@example.com");
    let attempts = (0..50).map(|_| app.post_json("/auth/link", json!({ "token": token })));
    let results = futures::future::join_all(attempts).await;
    let winners = results.iter().filter(|r| r.status() == 200).count();
    let refused = results.iter().filter(|r| r.status() == 401).count();
    assert_eq!((winners, refused), (1, 49), "exactly one redemption succeeds");
}

#[tokio::test]
async fn a_new_link_invalidates_the_older_and_links_expire() {
    let app = spawn_app().await;
    let staff = app.admin_token().await;
    let ben = app.ben().patient_id.to_string();
    let invite = || app.request(Method::POST, &format!("/staff/patients/{ben}/invite")).bearer_auth(&staff).json(&json!({})).send();
    invite().await.unwrap();
    let old = app.last_invitation_token("ben@example.com");
    invite().await.unwrap();
    let new = app.last_invitation_token("ben@example.com");
    assert_ne!(old, new);
    problem(app.post_json("/auth/link", json!({ "token": old })).await, 401).await;
    app.advance(Duration::hours(24) + Duration::seconds(1));
    problem(app.post_json("/auth/link", json!({ "token": new })).await, 401).await;
}

#[tokio::test]
async fn disabling_an_account_refuses_the_very_next_request_and_new_sign_ins() {
    let app = spawn_app().await;
    let session = app.sign_in("ann@example.com").await;
    assert_eq!(me(&app, &session.access).await.status(), 200);
    let staff = app.admin_token().await;
    let ann = app.ann().patient_id.to_string();
    let disabled = app.request(Method::POST, &format!("/staff/patients/{ann}/disable")).bearer_auth(&staff).send().await.unwrap();
    assert_eq!(disabled.status(), 200);
    problem(me(&app, &session.access).await, 401).await;
    let refresh = app
        .request(Method::POST, "/auth/refresh")
        .header("cookie", format!("__Host-portico_refresh={}", session.refresh))
        .send()
        .await
        .unwrap();
    problem(refresh, 401).await;
    let id = challenge(&app, "email", "ann@example.com").await;
    assert_eq!(app.messages_to("ann@example.com"), 1, "a disabled account gets no new code");
    problem(verify(&app, &id, "123456").await, 401).await;
}

#[tokio::test]
async fn a_practice_sends_at_most_its_hourly_cap_of_codes() {
    let app = spawn_app().await;
    let mut practice = app.practice().clone();
    practice.settings.sign_in_codes_per_hour = 3;
    let item = portico::store::Item::from_record(portico::keys::practice(&practice.id), &practice).unwrap();
    app.gateway.app.table.put(item, portico::store::Condition::Always).await.unwrap();
    app.gateway.app.ports.edge.tenants.forget();
    for i in 0..3 {
        assert_eq!(app.start_code("email", &format!("visitor{i}@example.com")).await.status(), 202);
    }
    let capped = app.start_code("email", "ann@example.com").await;
    let retry_after: u64 = capped.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(0);
    problem(capped, 429).await;
    assert!(retry_after > 0 && retry_after <= 3600, "retry within the hour: {retry_after}");
    assert_eq!(app.messages_to("ann@example.com"), 0, "the cap holds for known addresses too");
    app.advance(Duration::hours(1));
    assert_eq!(app.start_code("email", "ann@example.com").await.status(), 202, "a new hour, a new allowance");
}
