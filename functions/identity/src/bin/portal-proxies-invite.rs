//! `POST /portal/proxies/invitations`: an adult invites someone to act for them.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalProxiesInvite>(env!("CARGO_BIN_NAME")).await
}
