//! The messaging capability's routes, declared once.

use portico::directory::Role;
use portico::http::{Access, AuditAction, Route};

const fn audit(action: &'static str, object: &'static str) -> Option<AuditAction> {
    Some(AuditAction { action, object })
}

const fn patient(method: &'static str, path: &'static str, function: &'static str, action: &'static str, object: &'static str) -> Route {
    Route { method, path, function, access: Access::Patient, audit: audit(action, object) }
}

const fn staff(
    method: &'static str,
    path: &'static str,
    function: &'static str,
    roles: &'static [Role],
    action: &'static str,
    object: &'static str,
) -> Route {
    Route { method, path, function, access: Access::Staff(roles), audit: audit(action, object) }
}

/// Staff in any role use the inbox (which topics each reads is `portico::auth::access`); deleting a
/// message is for clinicians and admins.
pub const EDITORS: &[Role] = &[Role::Admin, Role::Clinician];

pub const PORTAL_THREADS_LIST: Route = patient("GET", "/portal/threads", "portal-threads-list", "messages.threads.list", "thread");
pub const PORTAL_THREADS_CREATE: Route = patient("POST", "/portal/threads", "portal-threads-create", "messages.thread.create", "thread");
pub const PORTAL_THREADS_GET: Route = patient("GET", "/portal/threads/{id}", "portal-threads-get", "messages.thread.read", "thread");
pub const PORTAL_MESSAGES_CREATE: Route =
    patient("POST", "/portal/threads/{id}/messages", "portal-messages-create", "messages.message.create", "message");
pub const PORTAL_THREADS_READ: Route =
    patient("POST", "/portal/threads/{id}/read", "portal-threads-read", "messages.thread.mark_read", "thread");
pub const PORTAL_THREADS_CLOSE: Route =
    patient("POST", "/portal/threads/{id}/close", "portal-threads-close", "messages.thread.close", "thread");
pub const PORTAL_ATTACHMENTS_CREATE: Route =
    patient("POST", "/portal/attachments", "portal-attachments-create", "messages.attachment.upload", "attachment");
pub const PORTAL_ATTACHMENTS_COMPLETE: Route =
    patient("POST", "/portal/attachments/{id}/complete", "portal-attachments-complete", "messages.attachment.complete", "attachment");
pub const PORTAL_ATTACHMENTS_GET: Route =
    patient("GET", "/portal/attachments/{id}", "portal-attachments-get", "messages.attachment.download", "attachment");

pub const STAFF_THREADS_LIST: Route = staff("GET", "/staff/threads", "staff-threads-list", &Role::ALL, "messages.inbox.list", "thread");
pub const STAFF_THREADS_CREATE: Route =
    staff("POST", "/staff/patients/{id}/threads", "staff-threads-create", &Role::ALL, "messages.thread.create", "thread");
pub const STAFF_THREADS_GET: Route =
    staff("GET", "/staff/patients/{id}/threads/{thread}", "staff-threads-get", &Role::ALL, "messages.thread.read", "thread");
pub const STAFF_THREADS_UPDATE: Route =
    staff("PATCH", "/staff/patients/{id}/threads/{thread}", "staff-threads-update", &Role::ALL, "messages.thread.update", "thread");
pub const STAFF_MESSAGES_CREATE: Route = staff(
    "POST",
    "/staff/patients/{id}/threads/{thread}/messages",
    "staff-messages-create",
    &Role::ALL,
    "messages.message.create",
    "message",
);
pub const STAFF_MESSAGES_DELETE: Route = staff(
    "DELETE",
    "/staff/patients/{id}/threads/{thread}/messages/{message}",
    "staff-messages-delete",
    EDITORS,
    "messages.message.delete",
    "message",
);
pub const STAFF_ATTACHMENTS_CREATE: Route =
    staff("POST", "/staff/patients/{id}/attachments", "staff-attachments-create", &Role::ALL, "messages.attachment.upload", "attachment");
pub const STAFF_ATTACHMENTS_COMPLETE: Route = staff(
    "POST",
    "/staff/patients/{id}/attachments/{attachment}/complete",
    "staff-attachments-complete",
    &Role::ALL,
    "messages.attachment.complete",
    "attachment",
);
pub const STAFF_ATTACHMENTS_GET: Route = staff(
    "GET",
    "/staff/patients/{id}/attachments/{attachment}",
    "staff-attachments-get",
    &Role::ALL,
    "messages.attachment.download",
    "attachment",
);
pub const WEBHOOK_TWILIO_INBOUND: Route = Route {
    method: "POST",
    path: "/webhooks/twilio/inbound",
    function: "webhook-twilio-inbound",
    access: Access::Webhook,
    audit: audit("messages.sms.inbound", "message"),
};
