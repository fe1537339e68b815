//! The web app, served as CloudFront would serve it: static files with a strict content security policy.

use std::path::Path;

use axum::body::Body;
use axum::response::Response;
use http::{HeaderValue, StatusCode, header};
use portico::http::headers;

const PAGE_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("json" | "webmanifest") => "application/json",
        _ => "application/octet-stream",
    }
}

pub async fn serve(dir: &Path, path: &str) -> Response {
    let relative = match path.trim_start_matches('/') {
        "" => "index.html",
        other => other,
    };
    let safe = relative.split('/').all(|part| !part.is_empty() && !part.starts_with('.') && !part.contains('\\'));
    let bytes = if safe { tokio::fs::read(dir.join(relative)).await.ok() } else { None };
    let mut response = match bytes {
        Some(bytes) => {
            let mut response = Response::new(Body::from(bytes));
            response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(relative)));
            response
        }
        None => {
            let mut response = Response::new(Body::from("Not Found"));
            *response.status_mut() = StatusCode::NOT_FOUND;
            response
        }
    };
    headers::secure(response.headers_mut());
    // The page may load its own scripts and styles and call its own origin; nothing else.
    response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_POLICY));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
