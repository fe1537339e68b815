//! `POST /portal/proxies/accept`: the invitee accepts with the link, the code and the patient's date of birth.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_identity::endpoints::PortalProxiesAccept>(env!("CARGO_BIN_NAME")).await
}
