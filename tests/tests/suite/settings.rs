//! The practice's settings, as its administrators keep them: versioned edits with who changed what,
//! checked fields, care teams of active staff, and consent documents published in new versions that
//! ask patients again.

use portico_tests::{problem, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn admins_edit_versioned_settings_and_a_new_required_document_asks_patients_again() {
    let app = spawn_app().await;
    let admin = app.admin_token().await;
    let desk = app.staff_token(&app.demo().front_desk_email.clone()).await;
    problem(app.call(&desk, Method::GET, "/staff/practice", None).await, 403).await;
    let view = app.call_ok(&admin, Method::GET, "/staff/practice", None, 200).await;
    let version = view["version"].as_u64().unwrap_or_default();
    let clinician_token = app.staff_token(&app.demo().clinician_email.clone()).await;
    let clinician =
        app.call_ok(&clinician_token, Method::GET, "/staff/me", None, 200).await["staff_id"].as_str().unwrap_or_default().to_string();
    let edit = |version: u64| {
        json!({
            "version": version,
            "contact_phone": "+15555550150",
            "contact_email": "desk@riverside.example",
            "logo_url": "https://riverside.example/logo.svg",
            "invite_ttl_hours": 48,
            "message_retention_days": 3000,
            "allowed_origins": ["https://crm.riverside.example"],
            "default_time_zone": "America/Chicago",
            "care_teams": { "clinical": [clinician.clone()] },
            "sign_in_codes_per_hour": 200,
            "sms_countries": ["US", "CA"]
        })
    };
    // Checked field by field; nothing of a refused edit is kept.
    for (field, value) in [
        ("allowed_origins", json!(["http://crm.evil.example"])),
        ("message_retention_days", json!(30)),
        ("care_teams", json!({ "clinical": ["staff-nobody"] })),
        ("default_time_zone", json!("Mars/Olympus")),
        ("logo_url", json!("http://riverside.example/logo.svg")),
    ] {
        let mut bad = edit(version);
        bad[field] = value;
        let refused = problem(app.call(&admin, Method::PUT, "/staff/practice", Some(bad)).await, 400).await;
        assert_eq!(refused["errors"][0]["field"], field, "{refused}");
    }
    let saved = app.call_ok(&admin, Method::PUT, "/staff/practice", Some(edit(version)), 200).await;
    assert_eq!((saved["version"].as_u64(), saved["invite_ttl_hours"].as_u64()), (Some(version + 1), Some(48)));
    problem(app.call(&admin, Method::PUT, "/staff/practice", Some(edit(version))).await, 409).await;
    // The portal shows the new logo at once (this gateway's cache is dropped on save).
    let info: Value = app.request(Method::GET, "/auth/practice").send().await.unwrap().json().await.unwrap_or_default();
    assert_eq!(info["logo_url"], "https://riverside.example/logo.svg");

    // Ann accepted the privacy notice at version 1; version 2 asks her again, her decision kept as v1.
    let ann = app.sign_in("ann@example.com").await;
    app.call_ok(
        &ann.access,
        Method::PUT,
        "/portal/consents",
        Some(json!({ "kind": "privacy_notice", "version": 1, "decision": "accept" })),
        200,
    )
    .await;
    let before = app.call_ok(&ann.access, Method::GET, "/portal/home", None, 200).await["consents_needing_decision"].as_u64();
    let publication = json!({ "version": version + 1, "kind": "privacy_notice", "title": "Notice of privacy practices",
        "summary": "Updated: how we use and protect your health information.", "url": "https://riverside.example/legal/privacy-2", "required": true });
    let published = app.call_ok(&admin, Method::POST, "/staff/practice/consents", Some(publication), 201).await;
    let notice = published["consent_documents"].as_array().into_iter().flatten().find(|d| d["kind"] == "privacy_notice").cloned();
    assert_eq!(notice.map(|d| d["version"].clone()), Some(json!(2)));
    let consents = app.call_ok(&ann.access, Method::GET, "/portal/consents", None, 200).await;
    let privacy =
        consents["consents"].as_array().into_iter().flatten().find(|c| c["kind"] == "privacy_notice").cloned().unwrap_or_default();
    assert_eq!(
        (privacy["status"].as_str(), privacy["decided_version"].as_u64(), privacy["current_version"].as_u64()),
        (Some("outdated"), Some(1), Some(2))
    );
    let after = app.call_ok(&ann.access, Method::GET, "/portal/home", None, 200).await["consents_needing_decision"].as_u64();
    assert_eq!(after, before.map(|n| n + 1), "asked again");

    // Texts are the patient's choice: their consent cannot be made required.
    let texts = json!({ "version": version + 2, "kind": "sms_messages", "title": "Text messages", "summary": "We may text you.",
        "url": "https://riverside.example/legal/sms-2", "required": true });
    let refused = problem(app.call(&admin, Method::POST, "/staff/practice/consents", Some(texts)).await, 400).await;
    assert_eq!(refused["errors"][0]["field"], "required", "{refused}");

    // Who changed what, newest first.
    let history = app.call_ok(&admin, Method::GET, "/staff/practice/history", None, 200).await;
    let changes = history["changes"].as_array().cloned().unwrap_or_default();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0]["fields"], json!(["consent_documents"]));
    assert!(
        changes[1]["fields"].as_array().is_some_and(|f| f.contains(&json!("logo_url")) && f.contains(&json!("care_teams"))),
        "{changes:?}"
    );
    assert_eq!(changes[1]["changed_by"], app.call_ok(&admin, Method::GET, "/staff/me", None, 200).await["staff_id"]);
}
