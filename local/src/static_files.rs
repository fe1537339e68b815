//! The web apps, served as CloudFront serves them: the patient portal at `/` and the staff console at
//! `/console/`, each a single-page app built into `web/dist/<app>/`. Hashed assets are cached for a
//! year; HTML never is; a path that names no file falls back to the app's `index.html` (the app's own
//! router takes it from there). Every page carries a strict content security policy.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::response::Response;
use http::{HeaderValue, StatusCode, header};
use portico::http::headers;

/// The pages' content security policy. CloudFront sends it in AWS, with the upload bucket added to
/// `connect-src` (`WebHeadersPolicy` in infra/template.yaml; `consistency::the_pages_carry_the_local_gateways_headers_in_aws`).
pub const PAGE_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// Where the console is mounted; everything else belongs to the portal.
pub const CONSOLE_PREFIX: &str = "/console";

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("json" | "webmanifest") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The built app a path belongs to (`web/dist/<app>`, which may not be built yet), its name, and the
/// path within it.
fn locate(web_dir: &Path, path: &str) -> (PathBuf, &'static str, String) {
    let (app, rest) = match path.strip_prefix(CONSOLE_PREFIX) {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => ("console", rest),
        _ => ("portal", path),
    };
    (web_dir.join("dist").join(app), app, rest.trim_start_matches('/').to_string())
}

fn is_safe(relative: &str) -> bool {
    relative.split('/').all(|part| !part.is_empty() && !part.starts_with('.') && !part.contains('\\'))
}

pub async fn serve(web_dir: &Path, path: &str) -> Response {
    let (root, app, relative) = locate(web_dir, path);
    if !root.is_dir() {
        // Never the source folder in its place: it holds package files and unbuilt code. Nothing to
        // serve is a 404 (the gateway itself is fine), with the way to build it.
        let mut response = Response::new(Body::from(format!("The {app} is not built yet: run `make web`.\n")));
        *response.status_mut() = StatusCode::NOT_FOUND;
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
        headers::secure(response.headers_mut());
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return response;
    }
    let relative = if relative.is_empty() { "index.html".to_string() } else { relative };
    let file =
        if is_safe(&relative) { tokio::fs::read(root.join(&relative)).await.ok().map(|bytes| (relative.clone(), bytes)) } else { None };
    // A route of the app (no extension) that is not a file: the app's page, whose router shows it.
    let is_route = !relative.rsplit('/').next().unwrap_or_default().contains('.');
    let file = match file {
        Some(found) => Some(found),
        None if is_route && is_safe(&relative) => {
            tokio::fs::read(root.join("index.html")).await.ok().map(|b| ("index.html".to_string(), b))
        }
        None => None,
    };
    let mut response = match &file {
        Some((name, bytes)) => {
            let mut response = Response::new(Body::from(bytes.clone()));
            response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(name)));
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
    // Content-hashed assets never change under their name; everything else is revalidated.
    let immutable = file.as_ref().is_some_and(|(name, _)| name.starts_with("assets/"));
    let cache = if immutable { "public, max-age=31536000, immutable" } else { "no-cache" };
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}
