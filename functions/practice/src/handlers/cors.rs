use http::StatusCode;
use lambda_http::{Body, Request, Response};
use portico::http::{Edge, headers};

/// Answers a CORS preflight for the practice whose host this is: allowed origins get the methods and
/// headers they may use; others get no CORS headers, so the browser refuses the call.
#[utoipa::path(options, path = "/{proxy+}", tag = "cors", params(("proxy+" = String, Path, description = "Any path")),
    responses((status = 204, description = "Preflight answered")))]
pub async fn preflight(edge: &Edge, req: Request) -> Response<Body> {
    let mut response = Response::new(Body::Empty);
    *response.status_mut() = StatusCode::NO_CONTENT;
    headers::secure(response.headers_mut());
    let host = req.headers().get(http::header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let origin = req.headers().get(http::header::ORIGIN).and_then(|v| v.to_str().ok());
    if let (Some(origin), Ok(Some(practice))) = (origin, edge.tenants.for_host(host).await)
        && edge.tenants.allows_origin(&practice, origin)
    {
        headers::allow_origin(response.headers_mut(), origin);
        headers::allow_preflight(response.headers_mut());
    }
    response
}
