//! CORS preflights.

use portico::http::{ApiError, Exchange, Reply, headers};

/// Answers a CORS preflight for the practice whose host this is: allowed origins get the methods and
/// headers they may use (the edge adds the origin itself); others get no CORS headers, so the browser
/// refuses the call.
#[utoipa::path(options, path = "/{proxy+}", tag = "cors", params(("proxy+" = String, Path, description = "Any path")),
    responses((status = 204, description = "Preflight answered")))]
pub async fn preflight(_: &(), x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let mut reply = Reply::no_content();
    if x.origin_allowed().await? {
        for (name, value) in headers::preflight() {
            reply = reply.header(name, value);
        }
    }
    Ok(reply)
}
