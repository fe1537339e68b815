//! Security headers on every response, errors included, and CORS from the practice's allowlist.

use portico_tests::{TestApp, spawn_app};
use reqwest::{Method, Response};
use serde_json::json;

fn assert_secure(response: &Response, what: &str) {
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert!(header("strict-transport-security").starts_with("max-age="), "{what}: HSTS");
    assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
    assert!(header("content-security-policy").contains("frame-ancestors 'none'"), "{what}: CSP");
    assert_eq!(header("referrer-policy"), "no-referrer", "{what}");
    // API answers may carry PHI and are never stored; the apps' pages are revalidated; only their
    // content-hashed assets (found ones) are kept.
    let path = response.url().path();
    let api = ["/portal", "/staff", "/auth"].iter().any(|p| path.starts_with(p));
    let cache = header("cache-control");
    if api {
        assert!(cache.contains("no-store"), "{what}: cache-control {cache}");
    } else if response.status() == 200 && path.contains("/assets/") {
        assert!(cache.contains("immutable"), "{what}: cache-control {cache}");
    } else {
        assert!(cache.contains("no-store") || cache.contains("no-cache"), "{what}: cache-control {cache}");
    }
}

async fn send(app: &TestApp, method: Method, path: &str, token: Option<&str>, body: Option<&str>) -> Response {
    let mut request = app.request(method, path);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.header("content-type", "application/json").body(body.to_string());
    }
    request.send().await.unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let cases = [
        (Method::GET, "/portal/me", Some(ann.access.as_str()), None, 200),
        (Method::POST, "/auth/otp/start", None, Some(r#"{"channel":"email","address":"zed@example.com"}"#), 202),
        (Method::POST, "/auth/otp/start", None, Some("{"), 400),
        (Method::GET, "/portal/me", None, None, 401),
        (Method::GET, "/portal/me", Some("not-a-token"), None, 401),
        (Method::POST, "/auth/otp/verify", None, Some(r#"{"challenge_id":"ch_01ARZ3NDEKTSV4RRFFQ69G5FAV","code":"123456"}"#), 401),
        (Method::GET, "/portal/no/such/route", None, None, 404),
        (Method::GET, "/no/such/page", None, None, 200),
        (Method::DELETE, "/portal/me", Some(ann.access.as_str()), None, 404),
        (Method::POST, "/auth/link", None, None, 415),
        (Method::GET, "/", None, None, 200),
        (Method::GET, "/assets/app-3f2a1b.js", None, None, 200),
        (Method::GET, "/assets/missing.js", None, None, 404),
        (Method::GET, "/console/inbox", None, None, 200),
        (Method::GET, "/package.json", None, None, 404),
    ];
    for (method, path, token, body, status) in cases {
        let response = send(&app, method.clone(), path, token, body).await;
        assert_eq!(response.status().as_u16(), status, "{method} {path}");
        assert_secure(&response, &format!("{method} {path} ({status})"));
    }
    let limited = {
        send(&app, Method::POST, "/auth/otp/start", None, Some(r#"{"channel":"email","address":"ann@example.com"}"#)).await;
        send(&app, Method::POST, "/auth/otp/start", None, Some(r#"{"channel":"email","address":"ann@example.com"}"#)).await
    };
    assert_eq!(limited.status(), 429);
    assert_secure(&limited, "429");
    let page = send(&app, Method::GET, "/", None, None).await;
    let policy = page.headers().get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert!(policy.contains("default-src 'self'") && !policy.contains("unsafe"), "the page's policy is strict: {policy}");
    let cache = |response: &reqwest::Response| {
        response.headers().get("cache-control").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
    };
    assert_eq!(cache(&page), "no-cache", "pages are revalidated");
    let asset = send(&app, Method::GET, "/assets/app-3f2a1b.js", None, None).await;
    assert_eq!(cache(&asset), "public, max-age=31536000, immutable", "hashed assets are cached for good");
    let console = send(&app, Method::GET, "/console/patients/pt_1", None, None).await.text().await.unwrap_or_default();
    assert!(console.contains("Console (test build)"), "a console route is the console's page: {console}");
}

#[tokio::test]
async fn cors_answers_only_the_practices_allowed_origins() {
    let app = spawn_app().await;
    let portal = format!("http://riverside.localhost:{}", app.gateway.addr.port());
    let crm = "http://crm.riverside.localhost:5173";
    for origin in [portal.as_str(), crm] {
        let response = app
            .request(Method::POST, "/auth/otp/start")
            .header("origin", origin)
            .json(&json!({ "channel": "email", "address": "x@example.com" }))
            .send()
            .await
            .unwrap();
        let allowed = response.headers().get("access-control-allow-origin").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        assert_eq!(allowed, origin, "{origin} is allowed");
        assert_eq!(response.headers().get("access-control-allow-credentials").and_then(|v| v.to_str().ok()), Some("true"));
        assert!(response.headers().get_all("vary").iter().any(|v| v.to_str().unwrap_or_default().contains("Origin")));
        app.advance(chrono::Duration::seconds(61));
    }
    let foreign = app.request(Method::GET, "/portal/me").header("origin", "https://evil.example").send().await.unwrap();
    assert!(foreign.headers().get("access-control-allow-origin").is_none(), "other origins get no CORS grant");
    let other_practice = app
        .request(Method::GET, "/portal/me")
        .header("origin", format!("http://lakeside.localhost:{}", app.gateway.addr.port()))
        .send()
        .await
        .unwrap();
    assert!(
        other_practice.headers().get("access-control-allow-origin").is_none(),
        "another practice's portal is not this practice's origin"
    );

    let preflight = app
        .request(Method::OPTIONS, "/portal/me")
        .header("origin", crm)
        .header("access-control-request-method", "PATCH")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 204);
    assert_eq!(preflight.headers().get("access-control-allow-origin").and_then(|v| v.to_str().ok()), Some(crm));
    assert!(preflight.headers().get("access-control-allow-methods").and_then(|v| v.to_str().ok()).unwrap_or_default().contains("PATCH"));
    assert_secure(&preflight, "preflight");
    let refused = app.request(Method::OPTIONS, "/portal/me").header("origin", "https://evil.example").send().await.unwrap();
    assert_eq!(refused.status(), 204);
    assert!(refused.headers().get("access-control-allow-origin").is_none());
}
