//! HTTP glue shared by every route: the edge (tenant, principal, audit, headers), request parsing,
//! problem documents and replies.

mod edge;
pub mod fields;
pub mod headers;
pub mod parse;
pub mod problem;
pub mod reply;
pub mod route;

pub use edge::{Edge, Exchange};
pub use fields::{Fields, Patch};
pub use problem::{ApiError, FieldError, Problem};
pub use reply::Reply;
pub use route::{Access, AuditAction, Route};

/// Builds the response for a request no route matched, with the same headers as every other response.
pub fn not_found(req: &lambda_http::Request) -> lambda_http::Response<lambda_http::Body> {
    let mut response = edge::problem_response(&ApiError::NotFound, req.uri().path(), "-");
    headers::secure(response.headers_mut());
    response
}

/// Runs an HTTP handler as a Lambda function. The handler never fails (the edge turns every error into
/// a problem document), so the runtime only ever sees responses.
pub async fn run<'a, F, Fut>(handler: F) -> Result<(), lambda_http::Error>
where
    F: Fn(lambda_http::Request) -> Fut + 'a,
    Fut: std::future::Future<Output = lambda_http::Response<lambda_http::Body>> + Send + 'a,
{
    lambda_http::run(lambda_http::service_fn(move |req| {
        let response = handler(req);
        async move { Ok::<_, std::convert::Infallible>(response.await) }
    }))
    .await
}

/// A handler as the local gateway holds it: state captured, one request in, one response out.
pub type Handler = std::sync::Arc<
    dyn Fn(lambda_http::Request) -> futures::future::BoxFuture<'static, lambda_http::Response<lambda_http::Body>> + Send + Sync,
>;

/// Wraps a handler and its state for the local gateway.
pub fn mount<D, F, Fut>(deps: &std::sync::Arc<D>, f: F) -> Handler
where
    D: Send + Sync + 'static,
    F: Fn(std::sync::Arc<D>, lambda_http::Request) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = lambda_http::Response<lambda_http::Body>> + Send + 'static,
{
    let deps = std::sync::Arc::clone(deps);
    std::sync::Arc::new(move |req| Box::pin(f(std::sync::Arc::clone(&deps), req)))
}
