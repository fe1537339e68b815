//! `DELETE /portal/proxies/{id}`: ends a grant, effective on the next request.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalProxiesRevoke>(env!("CARGO_BIN_NAME")).await
}
