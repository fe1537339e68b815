//! Identity: passwordless sign-in (codes, invitation links, refresh, logout), the Cognito triggers that
//! drive it, and the patient's own profile, consents, communication preferences and access log.

pub mod access_log;
pub mod api;
pub mod deps;
pub mod endpoints;
mod errors;
pub mod handlers;
pub mod keys;
pub mod limits;
pub mod profile;
pub mod proxies;
pub mod routes;
pub mod sign_in;
pub mod triggers;

use portico::lambda::{Capability, Trigger, endpoint, function};

use endpoints::*;
use handlers::{auth, portal, proxies as proxy_routes};
use triggers::{CognitoCreateChallenge, CognitoDefineChallenge, CognitoPreToken, CognitoStaffPreToken, CognitoVerifyChallenge};

/// The identity capability, described once.
pub fn capability() -> Capability {
    Capability {
        name: "identity",
        endpoints: vec![
            endpoint::<AuthOtpStart>(),
            endpoint::<AuthOtpVerify>(),
            endpoint::<AuthLinkRedeem>(),
            endpoint::<AuthLinkOpen>(),
            endpoint::<AuthRefresh>(),
            endpoint::<AuthLogout>(),
            endpoint::<PortalHomeGet>(),
            endpoint::<PortalMeGet>(),
            endpoint::<PortalMeUpdate>(),
            endpoint::<PortalContactVerify>(),
            endpoint::<PortalConsentsGet>(),
            endpoint::<PortalConsentsUpdate>(),
            endpoint::<PortalPreferencesGet>(),
            endpoint::<PortalPreferencesUpdate>(),
            endpoint::<PortalAccessLogGet>(),
            endpoint::<PortalTimelineGet>(),
            endpoint::<PortalNotificationsList>(),
            endpoint::<PortalNotificationsRead>(),
            endpoint::<PortalNotificationsReadAll>(),
            endpoint::<PortalSessionsEndOthers>(),
            endpoint::<PortalProxiesList>(),
            endpoint::<PortalProxiesInvite>(),
            endpoint::<PortalProxiesAccept>(),
            endpoint::<PortalProxiesRevoke>(),
        ],
        functions: vec![
            function::<CognitoDefineChallenge>(Trigger::Cognito),
            function::<CognitoCreateChallenge>(Trigger::Cognito),
            function::<CognitoVerifyChallenge>(Trigger::Cognito),
            function::<CognitoPreToken>(Trigger::Cognito),
            function::<CognitoStaffPreToken>(Trigger::Cognito),
        ],
        key_prefixes: keys::KEY_PREFIXES,
        openapi: <IdentityApi as utoipa::OpenApi>::openapi,
        limits: api::LIMITS,
    }
}

/// The OpenAPI description of this capability's routes.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    auth::otp_start,
    auth::otp_verify,
    auth::link_redeem,
    auth::link_open,
    auth::refresh,
    auth::logout,
    portal::home,
    portal::me_get,
    portal::me_update,
    portal::contact_verify,
    portal::consents_get,
    portal::consents_update,
    portal::preferences_get,
    portal::preferences_update,
    portal::access_log,
    portal::timeline,
    portal::notifications,
    portal::notification_read,
    proxy_routes::list,
    proxy_routes::invite,
    proxy_routes::accept,
    proxy_routes::revoke,
    portal::notifications_read_all,
    portal::end_other_sessions
))]
pub struct IdentityApi;
