use http::{HeaderName, HeaderValue, StatusCode};
use serde::Serialize;

/// A successful response before the edge adds its headers.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub body: Option<Vec<u8>>,
    pub content_type: Option<&'static str>,
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl Reply {
    pub fn json(status: StatusCode, body: &impl Serialize) -> Self {
        // Serialising our own response types cannot fail; an empty object is the defensive fallback.
        let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
        Reply { status, body: Some(bytes), content_type: Some("application/json"), headers: Vec::new() }
    }

    pub fn ok(body: &impl Serialize) -> Self {
        Reply::json(StatusCode::OK, body)
    }

    pub fn created(body: &impl Serialize, location: &str) -> Self {
        let reply = Reply::json(StatusCode::CREATED, body);
        match HeaderValue::from_str(location) {
            Ok(value) => reply.header(http::header::LOCATION, value),
            Err(_) => reply,
        }
    }

    pub fn accepted(body: &impl Serialize) -> Self {
        Reply::json(StatusCode::ACCEPTED, body)
    }

    /// A body that is not JSON (a calendar file), with its content type.
    pub fn bytes(content_type: &'static str, body: Vec<u8>) -> Self {
        Reply { status: StatusCode::OK, body: Some(body), content_type: Some(content_type), headers: Vec::new() }
    }

    pub fn no_content() -> Self {
        Reply { status: StatusCode::NO_CONTENT, body: None, content_type: None, headers: Vec::new() }
    }

    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }
}
