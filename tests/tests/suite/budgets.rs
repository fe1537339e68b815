//! Data requests per screen: each read route has a budget, counted on the table and the audit trail
//! (session, data and audit together), on warm calls. A read that costs more fails here.

use portico_tests::budgets::BUDGETS;
use portico_tests::spawn_app;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn read_screens_stay_within_their_data_request_budgets() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let staff = app.admin_token().await;
    let ann_id = app.ann().patient_id.to_string();
    let opened = app
        .call_ok(&ann.access, Method::POST, "/portal/threads", Some(json!({ "topic": "other", "subject": "Hi", "body": "Hello" })), 201)
        .await;
    let thread = opened["thread"]["thread_id"].as_str().unwrap().to_string();
    let patient_reads = [
        "/portal/home".to_string(),
        "/portal/me".into(),
        "/portal/preferences".into(),
        "/portal/consents".into(),
        "/portal/threads".into(),
        format!("/portal/threads/{thread}"),
        "/portal/billing".into(),
    ];
    let staff_reads = [
        format!("/staff/patients/{ann_id}"),
        "/staff/threads".into(),
        format!("/staff/patients/{ann_id}/threads/{thread}"),
        "/staff/templates".into(),
        format!("/staff/patients/{ann_id}/ledger"),
    ];
    let tour = async || {
        for path in &patient_reads {
            app.call_ok(&ann.access, Method::GET, path, None, 200).await;
        }
        for path in &staff_reads {
            app.call_ok(&staff, Method::GET, path, None, 200).await;
        }
    };
    tour().await;
    let stats = &app.gateway.app.stats;
    stats.clear();
    tour().await;
    let counted = stats.snapshot();
    let mut over = Vec::new();
    for (function, budget) in BUDGETS {
        let seen = counted.get(function).map(|s| s.ok_max).unwrap_or(usize::MAX);
        if seen > *budget {
            over.push(format!("{function}: {seen} data requests, budget {budget}"));
        }
    }
    assert!(over.is_empty(), "{}", over.join("\n"));
}
