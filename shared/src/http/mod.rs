//! HTTP glue shared by every route: the edge (tenant, principal, audit, headers), request parsing,
//! problem documents and replies.

mod edge;
pub mod fields;
pub mod headers;
pub mod openapi;
pub mod parse;
pub mod problem;
pub mod reply;
pub mod route;
pub mod viewer;

pub use edge::{Edge, Exchange};
pub use fields::{Fields, PAGE_DEFAULT, PAGE_MAX, page_size};
pub use problem::{ApiError, FieldError, Problem};
pub use reply::Reply;
pub use route::{Access, AuditAction, Route};

/// Builds the response for a request no route matched, with the same headers as every other response.
pub fn not_found(req: &lambda_http::Request) -> lambda_http::Response<lambda_http::Body> {
    let mut response = edge::problem_response(&ApiError::NotFound, req.uri().path(), "-");
    headers::secure(response.headers_mut());
    response
}
