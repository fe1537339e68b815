//! Audit review: administrators search their practice's trail and export a range; every search and
//! export is itself audited; nobody else may, and no page crosses practices.

use chrono::Duration;
use portico_tests::{problem, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn admins_search_and_export_their_own_practices_trail_and_each_review_is_audited() {
    let app = spawn_app().await;
    let (_, cara, lakeside_admin) = app.other_practice().await;
    let ann = app.sign_in("ann@example.com").await;
    app.call_ok(&ann.access, Method::GET, "/portal/me", None, 200).await;
    let desk = app.staff_token(&app.demo().front_desk_email.clone()).await;
    let ann_id = app.ann().patient_id.to_string();
    app.call_ok(&desk, Method::GET, &format!("/staff/patients/{ann_id}"), None, 200).await;
    // Lakeside's admin reads Cara: none of it may show at Riverside.
    let lakeside = app
        .request_on("lakeside", Method::GET, &format!("/staff/patients/{}", cara.patient_id))
        .bearer_auth(&lakeside_admin)
        .send()
        .await
        .map(|r| r.status().as_u16());
    assert_eq!(lakeside.ok(), Some(200));
    app.advance(Duration::seconds(1));

    let admin = app.admin_token().await;
    problem(app.call(&desk, Method::GET, "/staff/audit", None).await, 403).await;
    problem(app.call(&desk, Method::GET, "/staff/audit/export", None).await, 403).await;

    // Every page, followed to the end, holds only Riverside's events, newest first.
    let mut events: Vec<Value> = Vec::new();
    let mut path = "/staff/audit?limit=3".to_string();
    for _ in 0..50 {
        let page = app.call_ok(&admin, Method::GET, &path, None, 200).await;
        events.extend(page["events"].as_array().cloned().unwrap_or_default());
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/staff/audit?limit=3&cursor={cursor}"),
            None => break,
        }
    }
    assert!(events.iter().any(|e| e["action"] == "patient.read" && e["patient_id"] == ann_id.as_str()), "{events:?}");
    assert!(events.iter().any(|e| e["action"].as_str().is_some_and(|a| a.starts_with("auth.sign_in"))), "{events:?}");
    assert!(!events.iter().any(|e| e["patient_id"] == cara.patient_id.as_str()), "no Lakeside event at Riverside");
    let times: Vec<&str> = events.iter().filter_map(|e| e["at"].as_str()).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first: {times:?}");

    // Narrowed to one patient and one action.
    let ann_reads = app.call_ok(&admin, Method::GET, &format!("/staff/audit?patient_id={ann_id}&action=patient.read"), None, 200).await;
    let ann_reads = ann_reads["events"].as_array().cloned().unwrap_or_default();
    assert!(!ann_reads.is_empty() && ann_reads.iter().all(|e| e["action"] == "patient.read" && e["patient_id"] == ann_id.as_str()));

    // The export of a range holds exactly that range's events, oldest first, with a header row.
    // Times come from the test's clock, never the machine's: the events are stamped by it.
    let today = portico::clock::Clock::now(app.clock.as_ref());
    let from = (today - Duration::days(400)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    problem(app.call(&admin, Method::GET, &format!("/staff/audit/export?from={from}"), None).await, 400).await;
    problem(app.call(&admin, Method::GET, "/staff/audit/export?format=xml", None).await, 400).await;
    problem(app.call(&admin, Method::GET, "/staff/audit?from=yesterday", None).await, 400).await;
    problem(app.call(&admin, Method::GET, "/staff/audit?cursor=not-a-cursor", None).await, 400).await;
    let csv = app.call(&admin, Method::GET, "/staff/audit/export", None).await;
    assert_eq!(csv.status(), 200);
    assert!(csv.headers()["content-type"].to_str().unwrap_or_default().starts_with("text/csv"));
    assert!(csv.headers()["content-disposition"].to_str().unwrap_or_default().starts_with("attachment; filename=\"audit-"));
    let text = csv.text().await.unwrap_or_default();
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[0].starts_with("at,actor_kind,actor_id,action"), "{text}");
    let searched: usize = events.len();
    assert!(rows.len() > searched, "the export holds at least what the search found, plus the searches since: {} rows", rows.len());
    assert!(!text.contains(cara.patient_id.as_str()), "no Lakeside event in Riverside's export");
    let jsonl = app.call(&admin, Method::GET, "/staff/audit/export?format=jsonl", None).await.text().await.unwrap_or_default();
    let lines: Vec<Value> = jsonl.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let times: Vec<&str> = lines.iter().filter_map(|e| e["at"].as_str()).collect();
    assert!(!times.is_empty() && times.windows(2).all(|w| w[0] <= w[1]), "oldest first: {times:?}");
    // A range that ends before anything happened is empty, not an error.
    let early = (today - Duration::days(20)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let empty = app.call(&admin, Method::GET, &format!("/staff/audit/export?to={early}"), None).await.text().await.unwrap_or_default();
    assert_eq!(empty.lines().count(), 1, "only the header: {empty}");

    // A range as a file: written to the blob store, handed over as a link that works for five minutes,
    // holding exactly what the direct export of the same range holds.
    let now = portico::clock::Clock::now(app.clock.as_ref());
    let (from, to) = (now - Duration::days(2), now + Duration::minutes(1));
    let range = json!({ "from": from.to_rfc3339(), "to": to.to_rfc3339() });
    problem(app.call(&desk, Method::POST, "/staff/audit/exports", Some(range.clone())).await, 403).await;
    let too_long = json!({ "from": (now - Duration::days(40)).to_rfc3339(), "to": now.to_rfc3339() });
    problem(app.call(&admin, Method::POST, "/staff/audit/exports", Some(too_long)).await, 400).await;
    problem(
        app.call(
            &admin,
            Method::POST,
            "/staff/audit/exports",
            Some(json!({ "from": from.to_rfc3339(), "to": to.to_rfc3339(), "format": "xml" })),
        )
        .await,
        400,
    )
    .await;
    let direct = app
        .call(
            &admin,
            Method::GET,
            &format!("/staff/audit/export?from={}&to={}", urlencode(&from.to_rfc3339()), urlencode(&to.to_rfc3339())),
            None,
        )
        .await
        .text()
        .await
        .unwrap_or_default();
    let file = app.call_ok(&admin, Method::POST, "/staff/audit/exports", Some(range), 200).await;
    let url = file["url"].as_str().unwrap_or_default().to_string();
    assert!(file["file_name"].as_str().is_some_and(|n| n.starts_with("audit-") && n.ends_with(".csv")), "{file}");
    let (status, disposition, bytes) = crate::attachments::fetch(&app, &url).await;
    assert_eq!(status, 200);
    assert!(disposition.starts_with("attachment; filename=\"audit-"), "{disposition}");
    let body = String::from_utf8(bytes).unwrap_or_default();
    assert_eq!(file["bytes"].as_u64(), Some(body.len() as u64));
    // The direct export ran first: the file holds its rows and one more, the direct export's own event
    // (events of the same second sort by request id, so it need not come last).
    let (direct_rows, file_rows): (Vec<&str>, Vec<&str>) = (direct.lines().collect(), body.lines().collect());
    let extra: Vec<&&str> = file_rows.iter().filter(|row| !direct_rows.contains(row)).collect();
    assert!(direct_rows.iter().all(|row| file_rows.contains(row)), "the file holds every event the direct export held");
    assert!(extra.len() == 1 && extra[0].contains(",audit.export,"), "and the direct export itself: {extra:?}");
    let times: Vec<&str> = file_rows.iter().skip(1).filter_map(|row| row.split(',').next()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "oldest first");
    assert_eq!(file["events"].as_u64(), Some(file_rows.len() as u64 - 1), "every row but the header is an event");
    assert!(!body.contains(cara.patient_id.as_str()), "no Lakeside event in Riverside's file");
    app.advance(Duration::minutes(6));
    assert_ne!(crate::attachments::fetch(&app, &url).await.0, 200, "the link is dead after five minutes");

    // Each search and export was itself audited.
    let actions = app.audit_actions().await;
    assert!(actions.iter().any(|a| a == "audit.search") && actions.iter().any(|a| a == "audit.export"), "{actions:?}");
    assert!(actions.iter().any(|a| a == "audit.export.file"), "{actions:?}");
}

fn urlencode(raw: &str) -> String {
    url::form_urlencoded::byte_serialize(raw.as_bytes()).collect()
}

/// A patient sees their own sign-ins (device and address) and which staff roles opened their record,
/// never staff members' addresses nor another patient's log, and can sign out every other session.
#[tokio::test]
async fn patients_see_who_opened_their_record_and_end_their_other_sessions() {
    let app = spawn_app().await;
    // The phone signs in from its own browser; the laptop through the suite's client.
    let started: Value = app.start_code("email", "ann@example.com").await.json().await.unwrap_or_default();
    let code = app.last_code("ann@example.com");
    let verified = app
        .request(Method::POST, "/auth/otp/verify")
        .header("user-agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)")
        .json(&serde_json::json!({ "challenge_id": started["challenge_id"], "code": code }))
        .send()
        .await
        .unwrap_or_else(|e| panic!("verify: {e}"));
    let phone = portico_tests::session_from(verified).await;
    app.call_ok(&phone.access, Method::GET, "/portal/me", None, 200).await;
    app.advance(Duration::seconds(61));
    // A tablet signed in and never used since.
    let tablet = app.sign_in("ann@example.com").await;
    let laptop = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;
    let desk = app.staff_token(&app.demo().front_desk_email.clone()).await;
    let ann_id = app.ann().patient_id.to_string();
    app.call_ok(&desk, Method::GET, &format!("/staff/patients/{ann_id}"), None, 200).await;
    app.call_ok(&laptop.access, Method::GET, "/portal/me", None, 200).await;

    let log = app.call_ok(&laptop.access, Method::GET, "/portal/access-log", None, 200).await;
    let entries = log["entries"].as_array().cloned().unwrap_or_default();
    let staff_read = entries.iter().find(|e| e["by"] == "staff" && e["action"] == "patient.read").cloned().unwrap_or_default();
    assert_eq!(staff_read["roles"], serde_json::json!(["front-desk"]), "{entries:?}");
    assert!(staff_read["ip"].is_null() && staff_read["device"].is_null(), "a staff member's address is not the patient's to see");
    let sign_ins: Vec<&Value> =
        entries.iter().filter(|e| e["by"] == "you" && e["action"].as_str().is_some_and(|a| a.starts_with("auth.sign_in"))).collect();
    assert_eq!(sign_ins.len(), 3, "every sign-in: {entries:?}");
    assert!(sign_ins.iter().all(|e| e["ip"] == "127.0.0.1"), "{sign_ins:?}");
    assert!(
        sign_ins.iter().any(|e| e["device"].as_str().is_some_and(|d| d.contains("iPhone"))),
        "the phone's sign-in names it: {sign_ins:?}"
    );
    assert!(!entries.iter().any(|e| e["action"] == "patient.me.read"), "her own reading is not listed");
    let bens = app.call_ok(&ben.access, Method::GET, "/portal/access-log", None, 200).await;
    assert!(!bens["entries"].as_array().into_iter().flatten().any(|e| e["action"] == "patient.read"), "Ben's log is his own: {bens}");
    problem(app.call(&laptop.access, Method::GET, "/portal/access-log?cursor=zz", None).await, 400).await;
    // However much Ann reads her own portal, each page of her log is full: the log has its own index.
    for _ in 0..12 {
        app.call_ok(&laptop.access, Method::GET, "/portal/me", None, 200).await;
    }
    let first = app.call_ok(&laptop.access, Method::GET, "/portal/access-log?limit=3", None, 200).await;
    assert_eq!(first["entries"].as_array().map(Vec::len), Some(3), "a full page: {first}");
    let cursor = first["next_cursor"].as_str().unwrap_or_default().to_string();
    let second = app.call_ok(&laptop.access, Method::GET, &format!("/portal/access-log?limit=3&cursor={cursor}"), None, 200).await;
    assert_eq!(second["entries"].as_array().map(Vec::len), Some(1), "the fourth and last entry: {second}");
    assert!(second["next_cursor"].is_null());
    let bens_cursor = app.call(&ben.access, Method::GET, &format!("/portal/access-log?cursor={cursor}"), None).await;
    assert_ne!(bens_cursor.status(), 200, "a cursor of Ann's log reads nothing of it for Ben");

    // Lost phone: from the laptop, everything else ends; the laptop goes on; the phone is refused, and
    // so is the tablet, whose session had not started yet.
    let ended = app.call_ok(&laptop.access, Method::POST, "/portal/sessions/end-others", None, 200).await;
    assert_eq!(ended["ended"], 1, "the phone's session was running");
    problem(app.call(&phone.access, Method::GET, "/portal/me", None).await, 401).await;
    problem(app.call(&tablet.access, Method::GET, "/portal/me", None).await, 401).await;
    app.call_ok(&laptop.access, Method::GET, "/portal/me", None, 200).await;
    app.call_ok(&ben.access, Method::GET, "/portal/me", None, 200).await;
    let again = app.call_ok(&laptop.access, Method::POST, "/portal/sessions/end-others", None, 200).await;
    assert_eq!(again["ended"], 0, "nothing left to end");
    // A sign-in afterwards works as ever.
    app.advance(Duration::seconds(2));
    let fresh = app.sign_in("ann@example.com").await;
    app.call_ok(&fresh.access, Method::GET, "/portal/me", None, 200).await;
}
