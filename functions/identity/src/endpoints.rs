//! Each identity route bound to its handler and what it uses: the type a binary names to serve it.

use portico::endpoint;

use crate::access_log::AccessLogDeps;
use crate::deps::PortalDeps;
use crate::handlers::{auth, portal, proxies};
use crate::profile::ContactDeps;
use crate::proxies::{AcceptDeps, InviteDeps};
use crate::routes;
use crate::sign_in::{CodeDeps, SessionDeps, SignInDeps};

endpoint!(AuthOtpStart, routes::AUTH_OTP_START, CodeDeps, auth::otp_start);
endpoint!(AuthOtpVerify, routes::AUTH_OTP_VERIFY, SignInDeps, auth::otp_verify);
endpoint!(AuthLinkRedeem, routes::AUTH_LINK, SignInDeps, auth::link_redeem);
endpoint!(AuthLinkOpen, routes::AUTH_LINK_OPEN, CodeDeps, auth::link_open);
endpoint!(AuthRefresh, routes::AUTH_REFRESH, SessionDeps, auth::refresh);
endpoint!(AuthLogout, routes::AUTH_LOGOUT, SessionDeps, auth::logout);
endpoint!(PortalHomeGet, routes::PORTAL_HOME_GET, PortalDeps, portal::home);
endpoint!(PortalAccessLogGet, routes::PORTAL_ACCESS_LOG_GET, AccessLogDeps, portal::access_log);
endpoint!(PortalTimelineGet, routes::PORTAL_TIMELINE_GET, PortalDeps, portal::timeline);
endpoint!(PortalNotificationsList, routes::PORTAL_NOTIFICATIONS_LIST, PortalDeps, portal::notifications);
endpoint!(PortalNotificationsRead, routes::PORTAL_NOTIFICATIONS_READ, PortalDeps, portal::notification_read);
endpoint!(PortalNotificationsReadAll, routes::PORTAL_NOTIFICATIONS_READ_ALL, PortalDeps, portal::notifications_read_all);
endpoint!(PortalSessionsEndOthers, routes::PORTAL_SESSIONS_END_OTHERS, AccessLogDeps, portal::end_other_sessions);
endpoint!(PortalMeGet, routes::PORTAL_ME_GET, PortalDeps, portal::me_get);
endpoint!(PortalMeUpdate, routes::PORTAL_ME_UPDATE, ContactDeps, portal::me_update);
endpoint!(PortalContactVerify, routes::PORTAL_CONTACT_VERIFY, ContactDeps, portal::contact_verify);
endpoint!(PortalConsentsGet, routes::PORTAL_CONSENTS_GET, PortalDeps, portal::consents_get);
endpoint!(PortalConsentsUpdate, routes::PORTAL_CONSENTS_UPDATE, PortalDeps, portal::consents_update);
endpoint!(PortalPreferencesGet, routes::PORTAL_PREFERENCES_GET, PortalDeps, portal::preferences_get);
endpoint!(PortalPreferencesUpdate, routes::PORTAL_PREFERENCES_UPDATE, PortalDeps, portal::preferences_update);
endpoint!(PortalProxiesList, routes::PORTAL_PROXIES_LIST, PortalDeps, proxies::list);
endpoint!(PortalProxiesInvite, routes::PORTAL_PROXIES_INVITE, InviteDeps, proxies::invite);
endpoint!(PortalProxiesAccept, routes::PORTAL_PROXIES_ACCEPT, AcceptDeps, proxies::accept);
endpoint!(PortalProxiesRevoke, routes::PORTAL_PROXIES_REVOKE, PortalDeps, proxies::revoke);
