//! Request parsing at the edge: content type (415), size (413), syntax, unknown fields and types (400,
//! with the failing field's path). Domain validation follows in each DTO's conversion.

use lambda_http::{Body, Request, RequestExt};
use serde::de::DeserializeOwned;

use super::problem::{ApiError, FieldError};

/// JSON bodies larger than this are refused before parsing.
pub const MAX_JSON_BODY: usize = 64 * 1024;

/// The raw body, whether API Gateway sent it as text or base64.
pub fn body_bytes(req: &Request) -> &[u8] {
    match req.body() {
        Body::Empty => &[],
        Body::Text(text) => text.as_bytes(),
        Body::Binary(bytes) => bytes,
        _ => &[],
    }
}

pub fn has_content_type(req: &Request, expected: &str) -> bool {
    req.headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case(expected))
}

/// Parses a JSON body into `T` (whose fields should be `deny_unknown_fields`).
pub fn json<T: DeserializeOwned>(req: &Request) -> Result<T, ApiError> {
    let bytes = body_bytes(req);
    if bytes.len() > MAX_JSON_BODY {
        return Err(ApiError::PayloadTooLarge { limit: MAX_JSON_BODY });
    }
    if !has_content_type(req, "application/json") {
        return Err(ApiError::UnsupportedMediaType { expected: "application/json" });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::BadRequest { detail: "The request body is empty; send a JSON object.".into(), errors: vec![] });
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let parsed: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    let syntax = |inner: &serde_json::Error| ApiError::BadRequest {
        detail: format!("The body is not valid JSON (line {}, column {}).", inner.line(), inner.column()),
        errors: vec![],
    };
    match parsed {
        Ok(value) => match de.end() {
            Ok(()) => Ok(value),
            Err(trailing) => Err(syntax(&trailing)),
        },
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if inner.is_syntax() || inner.is_eof() {
                return Err(syntax(&inner));
            }
            Err(ApiError::invalid(vec![field_error(&path, &inner)]))
        }
    }
}

/// Names the failing field. serde reports an unknown field at its parent's path, so the field's own name
/// is taken from the message.
fn field_error(path: &str, e: &serde_json::Error) -> FieldError {
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_string();
    let unknown = message.strip_prefix("unknown field `").and_then(|rest| rest.split('`').next());
    let field = match (unknown, path) {
        (Some(name), "." | "") => name.to_string(),
        (Some(name), path) if path == name || path.ends_with(&format!(".{name}")) => path.to_string(),
        (Some(name), parent) => format!("{parent}.{name}"),
        (None, ".") => String::new(),
        (None, path) => path.to_string(),
    };
    let detail = if unknown.is_some() { "is not a field of this request".to_string() } else { message };
    FieldError::new(field, detail)
}

/// A path parameter, parsed into its id type. A malformed id cannot name anything: 404.
pub fn path_id<T>(req: &Request, name: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, ApiError> {
    req.path_parameters_ref().and_then(|p| p.first(name)).and_then(parse).ok_or(ApiError::NotFound)
}

pub fn query_param(req: &Request, name: &str) -> Option<String> {
    req.query_string_parameters_ref().and_then(|q| q.first(name)).map(str::to_string)
}
