//! Every HTTP error is an RFC 9457 problem document, shaped here and nowhere else.

use chrono::{DateTime, Utc};
use http::StatusCode;
use serde::Serialize;

use crate::store::StoreError;

/// One invalid field of a request: a JSON path (`email`, `consents[0].kind`) and what is wrong with it,
/// in English words and, where a reader must be told which of several reasons it was, a stable `code`
/// the apps word in the reader's language (each route's description lists its codes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, detail: impl Into<String>) -> Self {
        FieldError { field: field.into(), detail: detail.into(), code: None }
    }

    /// A field error with a stable code (`final`, `not_found`, `processing`).
    pub fn coded(field: impl Into<String>, code: &'static str, detail: impl Into<String>) -> Self {
        FieldError { field: field.into(), detail: detail.into(), code: Some(code) }
    }
}

/// The expected failures of a request, plus one opaque variant for everything else.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("bad request: {detail}")]
    BadRequest { detail: String, errors: Vec<FieldError> },
    #[error("unauthorized: {0}")]
    Unauthorized(&'static str),
    /// A wrong or expired code or link: 401 with a detail that says what to do next.
    #[error("credentials refused: {0}")]
    BadCredentials(String),
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    /// The change needs a sign-in from the last few minutes (a borrowed session must not take over the
    /// account): 403 with its own problem type, so the app can ask for a code and try again.
    #[error("recent sign-in required")]
    RecentSignInRequired,
    /// Acting for someone without a live grant (none, revoked, expired, outgrown, another practice's):
    /// 403 with its own problem type, so the portal can return the person to their own account.
    #[error("acting refused")]
    ActingRefused,
    /// Outside the time something can be done (a video visit's join window): 403 saying when it opens
    /// and closes, so the app can show it and try again then.
    #[error("not open now")]
    NotOpen { detail: &'static str, opens_at: DateTime<Utc>, closes_at: DateTime<Utc> },
    /// Also the answer for other tenants' and other patients' objects: existence is never revealed.
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("payload too large")]
    PayloadTooLarge { limit: usize },
    #[error("unsupported media type")]
    UnsupportedMediaType { expected: &'static str },
    #[error("unprocessable: {detail}")]
    Unprocessable { detail: String, errors: Vec<FieldError> },
    #[error("too many requests")]
    TooManyRequests { retry_after_seconds: u64 },
    /// A provider the request needs (the card processor) did not answer: nothing was done; the same
    /// request may be sent again (503 with `Retry-After`).
    #[error("provider unavailable: {0}")]
    ProviderUnavailable(&'static str),
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl ApiError {
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        ApiError::BadRequest { detail: "The request has invalid fields.".into(), errors }
    }

    pub fn field(field: &str, detail: &str) -> Self {
        ApiError::invalid(vec![FieldError::new(field, detail)])
    }

    pub fn internal(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        ApiError::Internal(Box::new(e))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) | ApiError::BadCredentials(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) | ApiError::RecentSignInRequired | ApiError::ActingRefused | ApiError::NotOpen { .. } => {
                StatusCode::FORBIDDEN
            }
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::ProviderUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problem document. Internal errors say nothing beyond the request id; the cause is logged.
    pub fn problem(&self, instance: &str, request_id: &str) -> Problem {
        let (slug, title, detail, errors) = match self {
            ApiError::BadRequest { detail, errors } => {
                ("invalid-request", "Your request could not be read", detail.clone(), errors.clone())
            }
            ApiError::Unauthorized(why) => ("unauthorized", "Please sign in again", why.to_string(), vec![]),
            ApiError::BadCredentials(why) => ("bad-credentials", "That did not work", why.clone(), vec![]),
            ApiError::Forbidden(why) => ("forbidden", "You do not have access to this", why.to_string(), vec![]),
            ApiError::ActingRefused => ("acting-refused", "No access", "You cannot act for this person.".into(), vec![]),
            ApiError::NotOpen { detail, .. } => ("not-open", "Not open yet", detail.to_string(), vec![]),
            ApiError::RecentSignInRequired => (
                "recent-sign-in-required",
                "Please confirm it's you",
                "For your security, changing how you sign in needs a code sent to your current email or phone.".into(),
                vec![],
            ),
            ApiError::NotFound => ("not-found", "Not found", "Nothing exists at this address for you.".into(), vec![]),
            ApiError::MethodNotAllowed => {
                ("method-not-allowed", "Method not allowed", "This address does not accept that method.".into(), vec![])
            }
            ApiError::Conflict(why) => ("conflict", "This changed since you last looked", why.to_string(), vec![]),
            ApiError::PayloadTooLarge { limit } => {
                ("payload-too-large", "The request is too large", format!("Bodies are limited to {limit} bytes."), vec![])
            }
            ApiError::UnsupportedMediaType { expected } => {
                ("unsupported-media-type", "Unsupported content type", format!("Send the body as {expected}."), vec![])
            }
            ApiError::Unprocessable { detail, errors } => {
                ("unprocessable", "The request cannot be applied", detail.clone(), errors.clone())
            }
            ApiError::TooManyRequests { retry_after_seconds } => {
                ("too-many-requests", "Too many requests", format!("Please wait {retry_after_seconds} seconds and try again."), vec![])
            }
            ApiError::ProviderUnavailable(why) => ("provider-unavailable", "Please try again in a moment", why.to_string(), vec![]),
            ApiError::Internal(_) => (
                "internal",
                "Something went wrong on our side",
                format!("Please try again. If it keeps happening, quote request {request_id}."),
                vec![],
            ),
        };
        Problem {
            problem_type: format!("https://portico.health/problems/{slug}"),
            title: title.to_string(),
            status: self.status().as_u16(),
            detail,
            instance: instance.to_string(),
            request_id: request_id.to_string(),
            errors,
            opens_at: match self {
                ApiError::NotOpen { opens_at, .. } => Some(*opens_at),
                _ => None,
            },
            closes_at: match self {
                ApiError::NotOpen { closes_at, .. } => Some(*closes_at),
                _ => None,
            },
        }
    }
}

/// RFC 9457 `application/problem+json`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub instance: String,
    pub request_id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// For `not-open`: when it opens, and when it closes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<DateTime<Utc>>,
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::ConditionFailed { .. } | StoreError::Conflict => {
                ApiError::Conflict("Someone else changed this at the same time. Reload and try again.")
            }
            StoreError::BadCursor => ApiError::field("cursor", "is not a cursor from this list"),
            other => ApiError::internal(other),
        }
    }
}

impl From<crate::tasks::TaskError> for ApiError {
    fn from(e: crate::tasks::TaskError) -> Self {
        use crate::tasks::TaskError;
        match e {
            TaskError::NotFound => ApiError::NotFound,
            TaskError::Done => ApiError::Conflict("This task is done already."),
            TaskError::HeldByOther => ApiError::Conflict("Someone else holds this task."),
            TaskError::NotHeld => ApiError::Conflict("You do not hold this task."),
            TaskError::Store(e) => e.into(),
        }
    }
}

impl From<crate::consents::ConsentError> for ApiError {
    fn from(e: crate::consents::ConsentError) -> Self {
        match e {
            crate::consents::ConsentError::NotApplicable(detail) => ApiError::Unprocessable { detail, errors: vec![] },
            crate::consents::ConsentError::Store(e) => e.into(),
        }
    }
}
