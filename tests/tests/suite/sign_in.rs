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

/// An address of the `n`th of many clients (a botnet, for the tests of what no number of guessers gets).
fn client(n: usize) -> String {
    format!("198.51.{}.{}", n / 250, n % 250 + 1)
}

async fn verify_from(app: &TestApp, challenge: &str, code: &str, from: &str) -> reqwest::Response {
    let body = json!({ "challenge_id": challenge, "code": code });
    app.request(Method::POST, "/auth/otp/verify").header("x-forwarded-for", from).json(&body).send().await.unwrap()
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
    for (b, batch) in guesses.chunks(50).enumerate() {
        let clients: Vec<String> = (0..batch.len()).map(|i| client(b * 50 + i)).collect();
        let results = futures::future::join_all(batch.iter().zip(&clients).map(|(g, from)| verify_from(&app, &id, g, from))).await;
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

/// How often a sample of `a` is slower than one of `b` (the Mann-Whitney probability of superiority):
/// 0.5 when the two cannot be told apart, near 0 or 1 when every sample gives the answer away.
fn superiority(a: &[StdDuration], b: &[StdDuration]) -> f64 {
    let wins: f64 = a
        .iter()
        .flat_map(|x| {
            b.iter().map(move |y| {
                if x > y {
                    1.0
                } else if x == y {
                    0.5
                } else {
                    0.0
                }
            })
        })
        .sum();
    wins / (a.len() * b.len()) as f64
}

/// Times `rounds` known and unknown sign-in starts and wrong answers, taken in turn: (known starts,
/// unknown starts, known answers, unknown answers).
async fn sign_in_timings(app: &TestApp, rounds: usize) -> [Vec<StdDuration>; 4] {
    let timed = |address: String| async move {
        let started = Instant::now();
        let response = app.start_code("email", &address).await;
        let took = started.elapsed();
        assert_eq!(response.status(), 202, "{address}");
        (took, response.json::<Value>().await.unwrap()["challenge_id"].as_str().unwrap().to_string())
    };
    let mut timings: [Vec<StdDuration>; 4] = Default::default();
    for i in 0..rounds {
        // Each address gets a code every 26 minutes: within its hourly allowance and its daily wrong answers.
        let patient = if i % 2 == 0 { "ann@example.com" } else { "ben@example.com" };
        let (took, known) = timed(patient.to_string()).await;
        timings[0].push(took);
        let (took, unknown) = timed(format!("nobody{i}@example.com")).await;
        timings[1].push(took);
        for (challenge, slot) in [(&known, 2), (&unknown, 3)] {
            let started = Instant::now();
            problem(verify(app, challenge, "000000").await, 401).await;
            timings[slot].push(started.elapsed());
        }
        app.advance(Duration::minutes(13));
    }
    timings
}

/// Timing must not tell known addresses from unknown ones. The floor is measured against the slow path
/// (a known address: the identity provider, the message handed over) on this machine, now, and set well
/// above it; then the distributions of many answers overlap, for starting and for answering.
#[tokio::test]
async fn unknown_addresses_answer_in_indistinguishable_time() {
    let bare = spawn_app().await;
    let [slow_starts, _, slow_answers, _] = sign_in_timings(&bare, 4).await;
    let slowest = slow_starts.iter().chain(&slow_answers).max().copied().unwrap_or_default();
    let floor = (slowest * 3).max(StdDuration::from_millis(200));
    let app = spawn_with(portico_tests::app::Spawn { sign_in_floor: floor, ..Default::default() }).await;
    let [known, unknown, known_answers, unknown_answers] = sign_in_timings(&app, 16).await;
    for (what, a, b) in [("starting", &known, &unknown), ("answering", &known_answers, &unknown_answers)] {
        assert!(a.iter().chain(b.iter()).all(|t| *t >= floor), "{what}: no answer comes before the floor of {floor:?}");
        let p = superiority(a, b);
        assert!(
            (0.2..=0.8).contains(&p),
            "{what}: known addresses are slower in {p:.2} of pairs (floor {floor:?}, slow path {slowest:?}); the timing gives them away"
        );
    }
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

/// The shared-computer case: the patient walks away, the ten-minute access token expires, and "Sign out"
/// must still end the session. The refresh cookie alone is enough; the answer clears it either way.
#[tokio::test]
async fn sign_out_works_with_the_cookie_alone_after_the_access_token_expired() {
    let app = spawn_app().await;
    let session = app.sign_in("ann@example.com").await;
    app.advance(Duration::minutes(11));
    assert_eq!(me(&app, &session.access).await.status(), 401, "the access token has expired");
    let cookie = format!("__Host-portico_refresh={}", session.refresh);
    let logout = app.request(Method::POST, "/auth/logout").header("cookie", &cookie).header("origin", app.origin()).send().await.unwrap();
    assert_eq!(logout.status(), 204, "no access token needed");
    let cleared = logout.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert!(cleared.starts_with("__Host-portico_refresh=;") && cleared.contains("Max-Age=0"), "the cookie is cleared: {cleared}");
    let next = app.request(Method::POST, "/auth/refresh").header("cookie", &cookie).send().await.unwrap();
    problem(next, 401).await;
    assert!(app.audit_actions().await.iter().any(|a| a == "auth.logout"), "the sign-out is in the audit trail, attributed to the practice");

    // Nothing to end, or a cookie that is already dead: still 204, still cleared.
    for cookie in [None, Some(cookie.as_str()), Some("__Host-portico_refresh=not-a-token")] {
        let mut request = app.request(Method::POST, "/auth/logout");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        let again = request.send().await.unwrap();
        assert_eq!(again.status(), 204);
        assert!(again.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().contains("Max-Age=0"));
    }
}

#[tokio::test]
async fn sign_out_from_another_site_is_refused_and_ends_nothing() {
    let app = spawn_app().await;
    let session = app.sign_in("ann@example.com").await;
    let cookie = format!("__Host-portico_refresh={}", session.refresh);
    for origin in ["https://evil.example", "http://crm.riverside.localhost:5173"] {
        let response = app.request(Method::POST, "/auth/logout").header("origin", origin).header("cookie", &cookie).send().await.unwrap();
        problem(response, 403).await;
    }
    assert_eq!(me(&app, &session.access).await.status(), 200, "the session goes on");
}

#[tokio::test]
async fn the_refresh_cookie_ends_with_the_browser() {
    let app = spawn_app().await;
    let started = app.start_code("email", "ann@example.com").await;
    let challenge: Value = started.json().await.unwrap_or_default();
    let code = app.last_code("ann@example.com");
    let verified = app.post_json("/auth/otp/verify", json!({ "challenge_id": challenge["challenge_id"], "code": code })).await;
    let cookie = verified.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert!(cookie.starts_with("__Host-portico_refresh=") && cookie.contains("HttpOnly") && cookie.contains("Secure"), "{cookie}");
    assert!(!cookie.contains("Max-Age") && !cookie.contains("Expires"), "a browser-session cookie: {cookie}");
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
    // The practice lets its CRM call the API, but only the portal holds the patient's cookie.
    let crm = app
        .request(Method::POST, "/auth/refresh")
        .header("origin", "http://crm.riverside.localhost:5173")
        .header("cookie", format!("__Host-portico_refresh={}", session.refresh))
        .send()
        .await
        .unwrap();
    problem(crm, 403).await;
    let portal = app
        .request(Method::POST, "/auth/refresh")
        .header("origin", app.origin())
        .header("cookie", format!("__Host-portico_refresh={}", session.refresh))
        .send()
        .await
        .unwrap();
    assert_eq!(portal.status(), 200, "the portal's own origin");
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
    let attempts = (0..50).map(|i| {
        let (app, from, body) = (&app, client(i), json!({ "token": token }));
        async move { app.request(Method::POST, "/auth/link").header("x-forwarded-for", from).json(&body).send().await.unwrap() }
    });
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
    practice.settings.sign_in_codes_per_hour = 2;
    let item = portico::store::Item::from_record(portico::keys::practice(&practice.id), &practice).unwrap();
    app.gateway.app.table.put(item, portico::store::Condition::Always).await.unwrap();
    app.gateway.app.ports.edge.tenants.forget();
    // Anonymous traffic to addresses nobody has does not use up what the practice's patients share.
    for i in 0..10 {
        let started = app.request(Method::POST, "/auth/otp/start").header("x-forwarded-for", client(i));
        let started = started.json(&json!({ "channel": "email", "address": format!("visitor{i}@example.com") })).send().await.unwrap();
        assert_eq!(started.status(), 202);
    }
    assert_eq!(app.start_code("email", "ann@example.com").await.status(), 202);
    app.advance(Duration::seconds(61));
    assert_eq!(app.start_code("email", "ben@example.com").await.status(), 202);
    assert_eq!((app.messages_to("ann@example.com"), app.messages_to("ben@example.com")), (1, 1), "the codes sent count");
    app.advance(Duration::seconds(61));
    // The cap is reached: everyone is refused alike, known or not, so a refusal says nothing.
    for address in ["ann@example.com", "visitor99@example.com"] {
        let capped = app.start_code("email", address).await;
        let retry_after: u64 = capped.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(0);
        problem(capped, 429).await;
        assert!(retry_after > 0 && retry_after <= 3600, "retry within the hour: {retry_after}");
    }
    assert_eq!(app.messages_to("ann@example.com"), 1, "the cap holds");
    app.advance(Duration::hours(1));
    assert_eq!(app.start_code("email", "ann@example.com").await.status(), 202, "a new hour, a new allowance");
}

/// One client cannot use up, alone, what a practice's patients share; another client is not affected.
#[tokio::test]
async fn one_client_is_throttled_without_locking_out_the_rest() {
    let app = spawn_app().await;
    let from = |ip: &'static str, n: usize| {
        let app = &app;
        async move {
            let body = json!({ "channel": "email", "address": format!("someone{n}@example.com") });
            app.request(Method::POST, "/auth/otp/start").header("x-forwarded-for", ip).json(&body).send().await.unwrap()
        }
    };
    for n in 0..20 {
        assert_eq!(from("203.0.113.50", n).await.status(), 202, "request {n} of the hour");
    }
    let refused = from("203.0.113.50", 20).await;
    assert!(refused.headers().get("retry-after").is_some());
    problem(refused, 429).await;
    assert_eq!(from("203.0.113.51", 21).await.status(), 202, "a neighbour signs in as usual");
    assert_eq!(app.start_code("email", "ann@example.com").await.status(), 202, "and so does a patient");
    app.advance(Duration::hours(1));
    assert_eq!(from("203.0.113.50", 22).await.status(), 202, "a new hour, a new allowance");
}

/// Ten wrong answers to one address's codes in a day, across challenges, and its codes stop working
/// until the next day: guessing cannot go on forever at three tries a code.
#[tokio::test]
async fn an_address_that_draws_ten_wrong_answers_in_a_day_rests_until_tomorrow() {
    let app = spawn_app().await;
    let mut wrong_answers = 0;
    while wrong_answers < 10 {
        let id = challenge(&app, "email", "ann@example.com").await;
        let code = app.last_code("ann@example.com");
        for _ in 0..3.min(10 - wrong_answers) {
            problem(verify_from(&app, &id, &wrong(&code), &client(wrong_answers)).await, 401).await;
            wrong_answers += 1;
        }
        app.advance(Duration::minutes(13));
    }
    let refused = app.start_code("email", "ann@example.com").await;
    let retry_after: u64 = refused.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok()).unwrap_or(0);
    problem(refused, 429).await;
    assert!(retry_after > 0 && retry_after <= 86_400, "until the next day: {retry_after}");
    // The unknown-address path counts the same way, so the limit says nothing about who is on file.
    for n in 0..4 {
        let id = challenge(&app, "email", "nobody@example.com").await;
        for k in 0..3 {
            problem(verify_from(&app, &id, "000000", &client(100 + n * 3 + k)).await, 401).await;
        }
        app.advance(Duration::minutes(13));
    }
    problem(app.start_code("email", "nobody@example.com").await, 429).await;
    app.advance(Duration::days(1));
    let id = challenge(&app, "email", "ann@example.com").await;
    let code = app.last_code("ann@example.com");
    assert_eq!(verify(&app, &id, &code).await.status(), 200, "the next day, Ann signs in");
}

/// SMS pumping: codes are texted only to numbers in the practice's countries. Others are answered like
/// any address, and sent nothing.
#[tokio::test]
async fn codes_are_texted_only_to_numbers_in_the_practices_countries() {
    let app = spawn_app().await;
    let staff = app.admin_token().await;
    let enrol = json!({
        "given_name": "Ola", "family_name": "Nowak", "date_of_birth": "1990-01-01",
        "email": "ola@example.com", "phone": "+447700900123"
    });
    let enrolled = app.request(Method::POST, "/staff/patients").bearer_auth(&staff).json(&enrol).send().await.unwrap();
    assert_eq!(enrolled.status(), 201, "a patient may have a number abroad on file");
    for number in ["+447700900123", "+18765550123"] {
        assert_eq!(app.start_code("sms", number).await.status(), 202, "{number} is answered like any address");
        assert_eq!(app.messages_to(number), 0, "{number} is not texted");
    }
    assert_eq!(app.start_code("sms", "+15555550101").await.status(), 202);
    assert_eq!(app.messages_to("+15555550101"), 1, "a US number of a US practice is");
}
