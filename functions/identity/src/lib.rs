//! Identity: passwordless sign-in (codes, invitation links, refresh, logout), the Cognito triggers that
//! drive it, and the patient's own profile, consents and communication preferences.

pub mod api;
pub mod consents;
mod errors;
pub mod handlers;
pub mod keys;
pub mod limits;
pub mod profile;
pub mod routes;
pub mod sign_in;
pub mod triggers;

use std::sync::Arc;

use portico::http::{Handler, Route, mount};
use portico::notify::Sender;
use portico::wiring::Ports;

use handlers::{PortalDeps, auth, portal};
use profile::ContactDeps;
use sign_in::{CodeDeps, SessionDeps, SignInDeps};

/// Every route of this capability with its handler, for the local gateway.
pub fn mount_routes(ports: &Ports) -> Vec<(&'static Route, Handler)> {
    let sender = Sender { mail: Arc::clone(&ports.mailer), sms: Arc::clone(&ports.sms) };
    let sign_in = || SignInDeps { edge: Arc::clone(&ports.edge), hasher: ports.hasher.clone(), identity: Arc::clone(&ports.identity) };
    let codes = Arc::new(CodeDeps { sign_in: sign_in(), sender: sender.clone(), floor: ports.sign_in_floor });
    let sessions = Arc::new(SessionDeps { edge: Arc::clone(&ports.edge), identity: Arc::clone(&ports.identity) });
    let sign_in = Arc::new(sign_in());
    let contact = Arc::new(ContactDeps { edge: Arc::clone(&ports.edge), hasher: ports.hasher.clone(), sender });
    let portal = Arc::new(PortalDeps { edge: Arc::clone(&ports.edge) });
    vec![
        (&routes::AUTH_OTP_START, mount(&codes, |d, r| async move { auth::otp_start(&d, r).await })),
        (&routes::AUTH_OTP_VERIFY, mount(&sign_in, |d, r| async move { auth::otp_verify(&d, r).await })),
        (&routes::AUTH_LINK, mount(&sign_in, |d, r| async move { auth::link_redeem(&d, r).await })),
        (&routes::AUTH_REFRESH, mount(&sessions, |d, r| async move { auth::refresh(&d, r).await })),
        (&routes::AUTH_LOGOUT, mount(&sessions, |d, r| async move { auth::logout(&d, r).await })),
        (&routes::PORTAL_ME_GET, mount(&portal, |d, r| async move { portal::me_get(&d, r).await })),
        (&routes::PORTAL_ME_UPDATE, mount(&contact, |d, r| async move { portal::me_update(&d, r).await })),
        (&routes::PORTAL_CONTACT_VERIFY, mount(&contact, |d, r| async move { portal::contact_verify(&d, r).await })),
        (&routes::PORTAL_CONSENTS_GET, mount(&portal, |d, r| async move { portal::consents_get(&d, r).await })),
        (&routes::PORTAL_CONSENTS_UPDATE, mount(&portal, |d, r| async move { portal::consents_update(&d, r).await })),
        (&routes::PORTAL_PREFERENCES_GET, mount(&portal, |d, r| async move { portal::preferences_get(&d, r).await })),
        (&routes::PORTAL_PREFERENCES_UPDATE, mount(&portal, |d, r| async move { portal::preferences_update(&d, r).await })),
    ]
}

/// The OpenAPI description of this capability's routes.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    auth::otp_start,
    auth::otp_verify,
    auth::link_redeem,
    auth::refresh,
    auth::logout,
    portal::me_get,
    portal::me_update,
    portal::contact_verify,
    portal::consents_get,
    portal::consents_update,
    portal::preferences_get,
    portal::preferences_update
))]
pub struct IdentityApi;
