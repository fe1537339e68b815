//! The platform functions' routes, declared once.

use portico::directory::Role;
use portico::http::{Access, AuditAction, Route};

const fn audit(action: &'static str, object: &'static str) -> Option<AuditAction> {
    Some(AuditAction { action, object })
}

const fn staff(
    method: &'static str,
    path: &'static str,
    function: &'static str,
    roles: &'static [Role],
    audit: Option<AuditAction>,
) -> Route {
    Route { method, path, function, access: Access::Staff(roles), audit }
}

pub const ADMINS: &[Role] = &[Role::Admin];

pub const STAFF_TASKS_LIST: Route = staff("GET", "/staff/tasks", "staff-tasks-list", &Role::ALL, audit("tasks.list", "task"));
pub const STAFF_TASKS_CLAIM: Route = staff("POST", "/staff/tasks/{id}/claim", "staff-tasks-claim", &Role::ALL, audit("task.claim", "task"));
pub const STAFF_TASKS_RELEASE: Route =
    staff("POST", "/staff/tasks/{id}/release", "staff-tasks-release", &Role::ALL, audit("task.release", "task"));
pub const STAFF_TASKS_COMPLETE: Route =
    staff("POST", "/staff/tasks/{id}/complete", "staff-tasks-complete", &Role::ALL, audit("task.complete", "task"));

pub const STAFF_TEMPLATES_LIST: Route = staff("GET", "/staff/templates", "staff-templates-list", &Role::ALL, None);
pub const STAFF_TEMPLATES_UPDATE: Route =
    staff("PUT", "/staff/templates/{kind}", "staff-templates-update", ADMINS, audit("practice.template.update", "template"));

pub const WEBHOOK_TWILIO_STATUS: Route = Route {
    method: "POST",
    path: "/webhooks/twilio/status",
    function: "webhook-twilio-status",
    access: Access::Webhook,
    audit: audit("messages.sms.status", "notification"),
};
pub const PUBLIC_EMAIL_UNSUBSCRIBE: Route = Route {
    method: "POST",
    path: "/email/unsubscribe",
    function: "public-email-unsubscribe",
    access: Access::Public,
    audit: audit("patient.preferences.unsubscribe", "patient"),
};
