//! An operator puts a practice on Portico: the practice and its claims (slug, domains, numbers), its
//! first admin invited; the admin invites staff and sets their roles; the new practice's patients sign
//! in on its own host.

use portico_tests::{problem, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

fn new_practice(slug: &str, number: &str, admin: &str) -> Value {
    json!({
        "name": "Hillside Pediatrics",
        "slug": slug,
        "time_zone": "America/Denver",
        "country": "US",
        "contact_phone": "+15555550190",
        "contact_email": "hello@hillside.example",
        "sms_numbers": [number],
        "custom_domains": [format!("portal.{slug}.example")],
        "legal_site": format!("https://{slug}.example"),
        "admin_email": admin,
        "admin_name": "Hana Admin"
    })
}

#[tokio::test]
async fn an_operator_onboards_a_practice_whose_admin_invites_staff_and_whose_patients_sign_in_on_its_host() {
    let app = spawn_app().await;
    let created = app.post_json("/_local/operator/practices", new_practice("hillside", "+15555550191", "hana@hillside.example")).await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.unwrap_or_default();
    assert_eq!(created["slug"], "hillside");

    // Slug, domain and number each belong to one practice; nothing of a refused request is kept.
    for (slug, number) in [("hillside", "+15555550192"), ("hillside-two", "+15555550191")] {
        let again = app.post_json("/_local/operator/practices", new_practice(slug, number, "other@hillside.example")).await;
        assert_eq!(again.status(), 409, "{slug} {number}");
    }
    let mut bad = new_practice("hillside-three", "+15555550193", "x@hillside.example");
    bad["time_zone"] = json!("Mars/Olympus");
    assert_eq!(app.post_json("/_local/operator/practices", bad).await.status(), 400);
    assert_eq!(app.post_json("/_local/operator/practices", json!({ "name": "x" })).await.status(), 400);

    // The practice answers on its own host; its admin signs in and invites a clinician.
    let info = app.request_on("hillside", Method::GET, "/auth/practice").send().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(info.json::<Value>().await.unwrap_or_default()["name"], "Hillside Pediatrics");
    let admin = app.staff_token("hana@hillside.example").await;
    let on_hillside = |method: Method, path: &str, body: Option<Value>| {
        let mut request = app.request_on("hillside", method, path).bearer_auth(&admin);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send()
    };
    let me: Value = on_hillside(Method::GET, "/staff/me", None).await.unwrap().json().await.unwrap_or_default();
    assert_eq!((me["roles"].clone(), me["display_name"].as_str()), (json!(["admin"]), Some("Hana Admin")));
    let invite = json!({ "email": "cal@hillside.example", "display_name": "Dr. Cal", "roles": ["clinician", "clinician"] });
    let invited = on_hillside(Method::POST, "/staff/team", Some(invite.clone())).await.unwrap();
    assert_eq!(invited.status(), 201);
    let cal: Value = invited.json().await.unwrap_or_default();
    assert_eq!((cal["roles"].clone(), cal["status"].as_str()), (json!(["clinician"]), Some("active")), "a record before the first sign-in");
    assert!(cal["last_sign_in_at"].is_null(), "not signed in yet");
    assert_eq!(on_hillside(Method::POST, "/staff/team", Some(invite)).await.unwrap().status(), 409, "one account per email");
    let no_roles = json!({ "email": "dee@hillside.example", "display_name": "Dee", "roles": [] });
    assert_eq!(on_hillside(Method::POST, "/staff/team", Some(no_roles)).await.unwrap().status(), 400);

    // Roles change in the record and in the pool: the clinician's next token carries the new ones.
    let cal_id = cal["staff_id"].as_str().unwrap_or_default().to_string();
    let changed = on_hillside(Method::PUT, &format!("/staff/team/{cal_id}/roles"), Some(json!({ "roles": ["clinician", "front-desk"] })))
        .await
        .unwrap();
    assert_eq!(changed.json::<Value>().await.unwrap_or_default()["roles"], json!(["clinician", "front-desk"]));
    let admin_id = me["staff_id"].as_str().unwrap_or_default().to_string();
    let own = on_hillside(Method::PUT, &format!("/staff/team/{admin_id}/roles"), Some(json!({ "roles": ["clinician"] }))).await.unwrap();
    assert_eq!(own.status(), 409, "an admin keeps their own admin role");
    let cal_token = app.staff_token("cal@hillside.example").await;
    let cal_me: Value =
        app.request_on("hillside", Method::GET, "/staff/me").bearer_auth(&cal_token).send().await.unwrap().json().await.unwrap_or_default();
    assert_eq!(cal_me["roles"], json!(["clinician", "front-desk"]));
    assert!(cal_me["last_sign_in_at"].is_string(), "the Team page can say when they last signed in: {cal_me}");
    // A role taken away is gone at once: the token that carried it is refused.
    let narrowed =
        on_hillside(Method::PUT, &format!("/staff/team/{cal_id}/roles"), Some(json!({ "roles": ["front-desk"] }))).await.unwrap();
    assert_eq!(narrowed.status(), 200);
    let stale = app.request_on("hillside", Method::GET, "/staff/me").bearer_auth(&cal_token).send().await.unwrap();
    assert_eq!(stale.status(), 401, "the session that held the clinician role has ended");

    // The admin enrols a patient, who signs in by code on Hillside's host (in Hillside's time zone).
    let enrol = json!({ "given_name": "Ivy", "family_name": "Hill", "date_of_birth": "2015-05-06", "email": "ivy.parent@example.com" });
    let ivy: Value = on_hillside(Method::POST, "/staff/patients", Some(enrol)).await.unwrap().json().await.unwrap_or_default();
    assert_eq!(ivy["time_zone"], "America/Denver", "the practice's zone: {ivy}");
    let started = app
        .request_on("hillside", Method::POST, "/auth/otp/start")
        .json(&json!({ "channel": "email", "address": "ivy.parent@example.com" }))
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), 202);
    let challenge: Value = started.json().await.unwrap_or_default();
    let code = app.last_code("ivy.parent@example.com");
    let verify = json!({ "challenge_id": challenge["challenge_id"], "code": code });
    let signed = app.request_on("hillside", Method::POST, "/auth/otp/verify").json(&verify).send().await.unwrap();
    let session = portico_tests::session_from(signed).await;
    let me: Value = app
        .request_on("hillside", Method::GET, "/portal/me")
        .bearer_auth(&session.access)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(me["given_name"], "Ivy");
    problem(app.call(&session.access, Method::GET, "/portal/me", None).await, 401).await;

    // Riverside's admin cannot reach Hillside's team, nor its staff Riverside's.
    let riverside_admin = app.admin_token().await;
    problem(
        app.call(&riverside_admin, Method::PUT, &format!("/staff/team/{cal_id}/roles"), Some(json!({ "roles": ["admin"] }))).await,
        404,
    )
    .await;
    let desk = app.staff_token(&app.demo().front_desk_email.clone()).await;
    problem(
        app.call(
            &desk,
            Method::POST,
            "/staff/team",
            Some(json!({ "email": "z@riverside.example", "display_name": "Z", "roles": ["billing"] })),
        )
        .await,
        403,
    )
    .await;

    // The operator's act and the invitation are in Hillside's audit trail, not Riverside's.
    let trail: Value = on_hillside(Method::GET, "/staff/audit?limit=50", None).await.unwrap().json().await.unwrap_or_default();
    let actions: Vec<&str> = trail["events"].as_array().into_iter().flatten().filter_map(|e| e["action"].as_str()).collect();
    assert!(actions.contains(&"practice.create") && actions.contains(&"staff.invite"), "{actions:?}");
    assert!(!app.audit_actions().await.iter().any(|a| a == "practice.create"), "nothing of Hillside at Riverside");
}

/// A retry finishes what a failure left undone: a practice created without its admin (the invitation
/// failed) is taken up by the same request again, and a staff account created without its record (the
/// record's write failed) by the same invitation again. Anything else holding the slug or email stays.
#[tokio::test]
async fn a_retried_onboarding_or_invitation_finishes_what_a_failure_left_undone() {
    use portico::directory::Role;
    let app = spawn_app().await;
    let table = app.gateway.app.table.as_ref();
    let request = new_practice("brookside", "+15555550181", "bo@brookside.example");
    let new: portico_practice::onboarding::NewPractice = serde_json::from_value(request.clone()).unwrap_or_else(|e| panic!("{e}"));
    let id = portico::ids::PracticeId::generate(chrono::Utc::now());
    let record = portico_practice::onboarding::practice_record(id.clone(), &new).unwrap_or_else(|e| panic!("{e}"));
    portico::directory::practices::create(table, &record).await.unwrap_or_else(|e| panic!("{e}"));

    // Another request for the same slug is refused; the same request takes the practice up.
    let mut other = request.clone();
    other["name"] = json!("Brookside Imposters");
    assert_eq!(app.post_json("/_local/operator/practices", other).await.status(), 409);
    let resumed = app.post_json("/_local/operator/practices", request.clone()).await;
    assert_eq!(resumed.status(), 201);
    let resumed: Value = resumed.json().await.unwrap_or_default();
    assert_eq!(resumed["practice_id"], id.as_str(), "the practice the first attempt created");
    let admin = app.staff_token("bo@brookside.example").await;
    let me: Value =
        app.request_on("brookside", Method::GET, "/staff/me").bearer_auth(&admin).send().await.unwrap().json().await.unwrap_or_default();
    assert_eq!(me["roles"], json!(["admin"]));
    assert_eq!(app.post_json("/_local/operator/practices", request).await.status(), 409, "once it has an admin, it is done");

    // An account without its record: the invitation again finishes it, with the roles asked for now.
    let accounts = &app.gateway.app.ports.staff_accounts;
    let dee = accounts.invite_staff(&id, "dee@brookside.example", &[Role::Billing]).await.unwrap_or_else(|e| panic!("{e}"));
    let invite = json!({ "email": "dee@brookside.example", "display_name": "Dee", "roles": ["front-desk"] });
    let invited = app.request_on("brookside", Method::POST, "/staff/team").bearer_auth(&admin).json(&invite).send().await.unwrap();
    assert_eq!(invited.status(), 201);
    let invited: Value = invited.json().await.unwrap_or_default();
    assert_eq!((invited["staff_id"].as_str(), invited["roles"].clone()), (Some(dee.as_str()), json!(["front-desk"])));
    let dee_token = app.staff_token("dee@brookside.example").await;
    let dee_me: Value = app
        .request_on("brookside", Method::GET, "/staff/me")
        .bearer_auth(&dee_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap_or_default();
    assert_eq!(dee_me["roles"], json!(["front-desk"]), "the pool's groups are the roles asked for now");
    let again = app.request_on("brookside", Method::POST, "/staff/team").bearer_auth(&admin).json(&invite).send().await.unwrap();
    problem(again, 409).await;

    // Another practice's staff email is taken, whatever the retry logic.
    let riverside_admin = app.admin_token().await;
    let theirs = json!({ "email": "dee@brookside.example", "display_name": "Dee", "roles": ["billing"] });
    let refused = app.request(Method::POST, "/staff/team").bearer_auth(&riverside_admin).json(&theirs).send().await.unwrap();
    problem(refused, 409).await;
}
