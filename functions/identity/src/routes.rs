//! The identity capability's routes, declared once.

use portico::http::{Access, AuditAction, Route};

const fn audit(action: &'static str, object: &'static str) -> Option<AuditAction> {
    Some(AuditAction { action, object })
}

pub const AUTH_OTP_START: Route = Route {
    method: "POST",
    path: "/auth/otp/start",
    function: "auth-otp-start",
    access: Access::Public,
    audit: audit("auth.code.send", "patient"),
};
pub const AUTH_OTP_VERIFY: Route = Route {
    method: "POST",
    path: "/auth/otp/verify",
    function: "auth-otp-verify",
    access: Access::Public,
    audit: audit("auth.sign_in.code", "patient"),
};
pub const AUTH_LINK: Route = Route {
    method: "POST",
    path: "/auth/link",
    function: "auth-link-redeem",
    access: Access::Public,
    audit: audit("auth.sign_in.link", "patient"),
};
/// A notice's single-use link: public (the link is the credential for "something is waiting").
pub const AUTH_LINK_OPEN: Route = Route {
    method: "POST",
    path: "/auth/open",
    function: "auth-link-open",
    access: Access::Public,
    audit: audit("auth.link.open", "patient"),
};
pub const AUTH_REFRESH: Route = Route {
    method: "POST",
    path: "/auth/refresh",
    function: "auth-refresh",
    access: Access::Public,
    audit: audit("auth.refresh", "session"),
};
pub const AUTH_LOGOUT: Route =
    Route { method: "POST", path: "/auth/logout", function: "auth-logout", access: Access::Public, audit: audit("auth.logout", "session") };

/// Reading one's own access log reads the audit trail, so it is audited like any other read of it.
pub const PORTAL_ACCESS_LOG_GET: Route = Route {
    method: "GET",
    path: "/portal/access-log",
    function: "portal-access-log-get",
    access: Access::Patient,
    audit: audit("patient.access_log.read", "patient"),
};
/// The portal's bell.
pub const PORTAL_NOTIFICATIONS_LIST: Route = Route {
    method: "GET",
    path: "/portal/notifications",
    function: "portal-notifications-list",
    access: Access::Patient,
    audit: audit("patient.notifications.read", "patient"),
};
pub const PORTAL_NOTIFICATIONS_READ: Route = Route {
    method: "POST",
    path: "/portal/notifications/{id}/read",
    function: "portal-notifications-read",
    access: Access::Patient,
    audit: audit("patient.notifications.mark_read", "patient"),
};
pub const PORTAL_NOTIFICATIONS_READ_ALL: Route = Route {
    method: "POST",
    path: "/portal/notifications/read-all",
    function: "portal-notifications-read-all",
    access: Access::Patient,
    audit: audit("patient.notifications.mark_all_read", "patient"),
};
/// What happened in the patient's care, newest first.
pub const PORTAL_TIMELINE_GET: Route = Route {
    method: "GET",
    path: "/portal/timeline",
    function: "portal-timeline-get",
    access: Access::Patient,
    audit: audit("patient.timeline.read", "patient"),
};
pub const PORTAL_SESSIONS_END_OTHERS: Route = Route {
    method: "POST",
    path: "/portal/sessions/end-others",
    function: "portal-sessions-end-others",
    access: Access::Patient,
    audit: audit("session.end_others", "session"),
};
pub const PORTAL_HOME_GET: Route = Route {
    method: "GET",
    path: "/portal/home",
    function: "portal-home-get",
    access: Access::Patient,
    audit: audit("patient.home.read", "patient"),
};
pub const PORTAL_ME_GET: Route = Route {
    method: "GET",
    path: "/portal/me",
    function: "portal-me-get",
    access: Access::Patient,
    audit: audit("patient.profile.read", "patient"),
};
pub const PORTAL_ME_UPDATE: Route = Route {
    method: "PATCH",
    path: "/portal/me",
    function: "portal-me-update",
    access: Access::Patient,
    audit: audit("patient.profile.update", "patient"),
};
pub const PORTAL_CONTACT_VERIFY: Route = Route {
    method: "POST",
    path: "/portal/me/contact/verify",
    function: "portal-contact-verify",
    access: Access::Patient,
    audit: audit("patient.contact.update", "patient"),
};
pub const PORTAL_CONSENTS_GET: Route = Route {
    method: "GET",
    path: "/portal/consents",
    function: "portal-consents-get",
    access: Access::Patient,
    audit: audit("patient.consents.read", "patient"),
};
pub const PORTAL_CONSENTS_UPDATE: Route = Route {
    method: "PUT",
    path: "/portal/consents",
    function: "portal-consents-update",
    access: Access::Patient,
    audit: audit("patient.consents.update", "patient"),
};
pub const PORTAL_PREFERENCES_GET: Route = Route {
    method: "GET",
    path: "/portal/preferences",
    function: "portal-preferences-get",
    access: Access::Patient,
    audit: audit("patient.preferences.read", "patient"),
};
pub const PORTAL_PREFERENCES_UPDATE: Route = Route {
    method: "PUT",
    path: "/portal/preferences",
    function: "portal-preferences-update",
    access: Access::Patient,
    audit: audit("patient.preferences.update", "patient"),
};

/// Who can act for the patient, and whom they act for.
pub const PORTAL_PROXIES_LIST: Route = Route {
    method: "GET",
    path: "/portal/proxies",
    function: "portal-proxies-list",
    access: Access::Patient,
    audit: audit("proxy.list", "patient"),
};
pub const PORTAL_PROXIES_INVITE: Route = Route {
    method: "POST",
    path: "/portal/proxies/invitations",
    function: "portal-proxies-invite",
    access: Access::Patient,
    audit: audit("proxy.invite", "grant"),
};
/// Public: the invitee may have no account yet; the link, a code and the patient's date of birth prove it.
pub const PORTAL_PROXIES_ACCEPT: Route = Route {
    method: "POST",
    path: "/portal/proxies/accept",
    function: "portal-proxies-accept",
    access: Access::Public,
    audit: audit("proxy.accept", "patient"),
};
pub const PORTAL_PROXIES_REVOKE: Route = Route {
    method: "DELETE",
    path: "/portal/proxies/{id}",
    function: "portal-proxies-revoke",
    access: Access::Patient,
    audit: audit("proxy.revoke", "grant"),
};
