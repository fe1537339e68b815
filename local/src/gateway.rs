//! API Gateway's part: match the route, run the JWT authorizer, build the payload 2.0 event, invoke the
//! handler, return its response. Plus the local-only routes under `/_local/`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, State};
use axum::response::Response;
use http::{HeaderValue, StatusCode, header};
use portico::http::{Access, headers};
use serde::Deserialize;
use serde_json::json;

use crate::App;
use crate::counting::counted;
use crate::event::{Incoming, api_gateway_event};
use crate::static_files;

/// API Gateway's payload limit.
const MAX_BODY: usize = 10 * 1024 * 1024;

pub fn serve(listener: tokio::net::TcpListener, app: Arc<App>) -> (tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let router = axum::Router::new().fallback(dispatch).with_state(app);
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(async move {
        let graceful = axum::serve(listener, service).with_graceful_shutdown(async {
            let _ = rx.await;
        });
        if let Err(e) = graceful.await {
            tracing::error!(error = %e, "gateway stopped");
        }
    });
    (tx, task)
}

/// A response made by the gateway itself (as API Gateway's own errors are), with the same security
/// headers every response carries.
pub(crate) fn gateway_response(status: StatusCode, body: serde_json::Value) -> Response {
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers::secure(response.headers_mut());
    response
}

fn first_segment(path: &str) -> &str {
    path.trim_start_matches('/').split('/').next().unwrap_or_default()
}

fn bearer(headers: &http::HeaderMap) -> Option<&str> {
    headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ").map(str::trim)
}

/// Whether a request comes from this machine and names it: the `/_local/*` routes (staff sign-in without a
/// password, simulated webhooks, the local file store) must not answer a neighbour when the gateway
/// listens on every interface, nor a web page that rebinds its own name to 127.0.0.1.
fn from_this_machine(headers: &http::HeaderMap, peer: SocketAddr) -> bool {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let name = portico::tenant::normalize_host(host).unwrap_or_else(|| host.rsplit_once(':').map_or(host, |(h, _)| h).to_string());
    let local_name = name == "localhost" || name.ends_with(".localhost") || name == "127.0.0.1" || name == "[::1]";
    peer.ip().is_loopback() && local_name
}

/// The client API Gateway would see: the peer, or for a peer on this machine (a test, a local proxy) the
/// first address of `X-Forwarded-For`.
fn client_address(headers: &http::HeaderMap, peer: SocketAddr) -> SocketAddr {
    let forwarded = headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()).and_then(|v| v.split(',').next()).map(str::trim);
    match forwarded.and_then(|ip| ip.parse::<std::net::IpAddr>().ok()) {
        Some(ip) if peer.ip().is_loopback() => SocketAddr::new(ip, peer.port()),
        _ => peer,
    }
}

async fn dispatch(State(app): State<Arc<App>>, ConnectInfo(peer): ConnectInfo<SocketAddr>, request: axum::extract::Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_string();
    if path.starts_with("/_local/") && !from_this_machine(&parts.headers, peer) {
        return gateway_response(StatusCode::NOT_FOUND, json!({ "message": "Not Found" }));
    }
    if path == "/_local/blobs/upload" {
        return crate::local_routes::blob_upload(&app, &parts.headers, body).await;
    }
    if path == "/_local/ses/bounce" && parts.method == axum::http::Method::POST {
        let host = parts.headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        let body = to_bytes(body, 64 * 1024).await.unwrap_or_default();
        return crate::local_routes::simulate_bounce(&app, &host, &body).await;
    }
    if let Some(local) = path.strip_prefix("/_local/") {
        let body = to_bytes(body, 64 * 1024).await.unwrap_or_default();
        let json_body =
            parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("application/json"));
        return local_route(&app, parts.method.as_str(), local, parts.uri.query(), &body, peer, json_body).await;
    }
    let Ok(body) = to_bytes(body, MAX_BODY).await else {
        return gateway_response(StatusCode::PAYLOAD_TOO_LARGE, json!({ "message": "Request Entity Too Large" }));
    };
    api(&app, parts.method.as_str(), &parts.uri, &parts.headers, &body, client_address(&parts.headers, peer)).await
}

/// API Gateway's part for one request: route, authorize, build the event, invoke the handler.
pub(crate) async fn api(app: &App, method: &str, uri: &http::Uri, headers: &http::HeaderMap, body: &[u8], peer: SocketAddr) -> Response {
    let path = uri.path().to_string();
    let matched = app.routes.iter().find_map(|(route, handler)| route.matches(method, &path).map(|params| (route, handler, params)));
    let Some((route, handler, params)) = matched else {
        // Paths under the API's prefixes are the API's, even when no route matches; the rest are the apps'.
        let api_prefix =
            app.routes.iter().any(|(route, _)| first_segment(route.path) == first_segment(&path) && !route.path.starts_with("/{"));
        if (method == "GET" || method == "HEAD") && !api_prefix {
            return static_files::serve(&app.web_dir, &path).await;
        }
        return gateway_response(StatusCode::NOT_FOUND, json!({ "message": "Not Found" }));
    };
    // The JWT authorizer: signature, issuer, expiry and audience (the pool's app client).
    let config = app.identity.config();
    let expected = match route.access {
        Access::Patient => Some((&config.patient_issuer, &config.patient_client_id)),
        Access::Staff(_) => Some((&config.staff_issuer, &config.staff_client_id)),
        Access::Public | Access::Webhook => None,
    };
    let claims = match expected {
        None => None,
        Some((issuer, client)) => {
            let verified = bearer(headers).and_then(|token| app.identity.verify(token).ok());
            match verified {
                Some(claims) if claims.get("iss") == Some(issuer) && claims.get("client_id") == Some(client) => Some(claims),
                _ => return gateway_response(StatusCode::UNAUTHORIZED, json!({ "message": "Unauthorized" })),
            }
        }
    };
    let now_ms = app.clock.now().timestamp_millis();
    let incoming = Incoming {
        method,
        path: &path,
        query: uri.query(),
        headers,
        body,
        peer,
        route_key: format!("{} {}", route.method, route.path),
        path_parameters: params,
        claims,
        request_id: portico::crypto::random_token(12),
        now_ms,
    };
    let event = api_gateway_event(&incoming);
    let lambda_request = match lambda_http::request::from_str(&event.to_string()) {
        Ok(request) => request,
        Err(e) => return gateway_response(StatusCode::BAD_REQUEST, json!({ "message": format!("Bad Request: {e}") })),
    };
    let (response, requests) = counted(handler(lambda_request)).await;
    app.stats.record(route.function, requests, response.status().is_success());
    let (parts, body) = response.into_parts();
    let bytes = match body {
        lambda_http::Body::Empty => Vec::new(),
        lambda_http::Body::Text(text) => text.into_bytes(),
        lambda_http::Body::Binary(bytes) => bytes,
        _ => Vec::new(),
    };
    Response::from_parts(parts, Body::from(bytes))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StaffSignIn {
    email: String,
}

async fn local_route(app: &App, method: &str, path: &str, query: Option<&str>, body: &[u8], peer: SocketAddr, json_body: bool) -> Response {
    match (method, path) {
        ("GET", "queues") => gateway_response(StatusCode::OK, json!(app.local_queue.as_ref().map(|q| q.snapshot()))),
        ("GET", "blobs/download") => crate::local_routes::blob_download(app, query).await,
        ("POST", "twilio/inbound") => crate::local_routes::simulate_inbound(app, body, peer).await,
        ("POST", "twilio/status") => crate::local_routes::simulate_status(app, body, peer).await,
        ("GET", "stripe/v3.js") => crate::local_routes::stripe_js(),
        ("POST", "stripe/confirm") if json_body => crate::local_routes::stripe_confirm(app, body, false).await,
        ("POST", "stripe/confirm-setup") if json_body => crate::local_routes::stripe_confirm(app, body, true).await,
        ("POST", "stripe/events") if json_body => crate::local_routes::simulate_stripe_event(app, body).await,
        ("GET", "outbox") => gateway_response(StatusCode::OK, json!(app.outbox.entries())),
        ("GET", "stats") => gateway_response(StatusCode::OK, json!(app.stats.snapshot())),
        ("GET", "idp/patients/.well-known/jwks.json") | ("GET", "idp/staff/.well-known/jwks.json") => {
            gateway_response(StatusCode::OK, app.identity.jwks())
        }
        ("POST", "staff/sign-in") => {
            let Ok(request) = serde_json::from_slice::<StaffSignIn>(body) else {
                return gateway_response(StatusCode::BAD_REQUEST, json!({ "message": "send {\"email\": \"...\"}" }));
            };
            match app.identity.sign_in_staff(&request.email).await {
                Ok(login) => {
                    use secrecy::ExposeSecret as _;
                    gateway_response(
                        StatusCode::OK,
                        json!({ "access_token": login.tokens.access.expose_secret(), "staff_id": login.staff_id, "expires_in": login.tokens.expires_in }),
                    )
                }
                Err(_) => gateway_response(StatusCode::UNAUTHORIZED, json!({ "message": "No active staff member has that email." })),
            }
        }
        // JSON only: a web page cannot send it without a preflight, which this route never answers.
        ("POST", "operator/practices") if json_body => crate::local_routes::onboard(app, body).await,
        ("POST", "operator/practices") => {
            gateway_response(StatusCode::UNSUPPORTED_MEDIA_TYPE, json!({ "message": "send application/json" }))
        }
        _ => gateway_response(StatusCode::NOT_FOUND, json!({ "message": "Not Found" })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(value: &str) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        headers.insert(header::HOST, http::HeaderValue::from_str(value).unwrap_or(http::HeaderValue::from_static("x")));
        headers
    }

    #[test]
    fn local_routes_answer_only_this_machine_by_its_own_name() {
        let loopback: SocketAddr = ([127, 0, 0, 1], 50000).into();
        let neighbour: SocketAddr = ([192, 168, 1, 20], 50000).into();
        assert!(from_this_machine(&host("riverside.localhost:3000"), loopback));
        assert!(from_this_machine(&host("localhost:3000"), loopback));
        assert!(from_this_machine(&host("127.0.0.1:3000"), loopback));
        assert!(!from_this_machine(&host("riverside.localhost:3000"), neighbour), "a neighbour on the network");
        assert!(!from_this_machine(&host("evil.example"), loopback), "a page that rebound its name to 127.0.0.1");
        assert!(!from_this_machine(&http::HeaderMap::new(), loopback), "no host at all");
    }

    #[test]
    fn only_this_machine_may_say_whom_it_forwards() {
        let mut headers = host("riverside.localhost");
        headers.insert("x-forwarded-for", http::HeaderValue::from_static("203.0.113.9, 10.0.0.1"));
        let loopback: SocketAddr = ([127, 0, 0, 1], 50000).into();
        let neighbour: SocketAddr = ([192, 168, 1, 20], 50000).into();
        assert_eq!(client_address(&headers, loopback).ip().to_string(), "203.0.113.9");
        assert_eq!(client_address(&headers, neighbour), neighbour);
    }
}
