//! The practice capability's routes, declared once.

use portico::directory::Role;
use portico::http::{Access, AuditAction, Route};

const fn audit(action: &'static str, object: &'static str) -> Option<AuditAction> {
    Some(AuditAction { action, object })
}

/// Who may enrol and invite patients.
pub const ENROLLERS: &[Role] = &[Role::Admin, Role::FrontDesk, Role::Clinician];
/// Disabling a patient's account is for admins; every staff role may look patients up.
pub const ADMINS: &[Role] = &[Role::Admin];

pub const STAFF_PATIENTS_CREATE: Route = Route {
    method: "POST",
    path: "/staff/patients",
    function: "staff-patients-create",
    access: Access::Staff(ENROLLERS),
    audit: audit("patient.create", "patient"),
};
pub const STAFF_PATIENTS_SEARCH: Route = Route {
    method: "GET",
    path: "/staff/patients",
    function: "staff-patients-search",
    access: Access::Staff(&Role::ALL),
    audit: audit("patient.search", "patient_list"),
};
pub const STAFF_PATIENTS_GET: Route = Route {
    method: "GET",
    path: "/staff/patients/{id}",
    function: "staff-patients-get",
    access: Access::Staff(&Role::ALL),
    audit: audit("patient.read", "patient"),
};
/// Consent and delivery facts are PHI like the rest of the chart: every role that sees patients, audited.
/// Correcting a record is the front desk's and administrators' work; clinicians ask them.
pub const STAFF_PATIENTS_UPDATE: Route = Route {
    method: "PATCH",
    path: "/staff/patients/{id}",
    function: "staff-patients-update",
    access: Access::Staff(&[Role::Admin, Role::FrontDesk]),
    audit: audit("patient.update", "patient"),
};
pub const STAFF_PATIENTS_CONTACT_GET: Route = Route {
    method: "GET",
    path: "/staff/patients/{id}/contact",
    function: "staff-patients-contact-get",
    access: Access::Staff(&Role::ALL),
    audit: audit("patient.contact.read", "patient"),
};
pub const STAFF_PATIENTS_INVITE: Route = Route {
    method: "POST",
    path: "/staff/patients/{id}/invite",
    function: "staff-patients-invite",
    access: Access::Staff(ENROLLERS),
    audit: audit("patient.invite", "patient"),
};
pub const STAFF_PATIENTS_DISABLE: Route = Route {
    method: "POST",
    path: "/staff/patients/{id}/disable",
    function: "staff-patients-disable",
    access: Access::Staff(ADMINS),
    audit: audit("patient.disable", "patient"),
};
pub const STAFF_PATIENTS_ENABLE: Route = Route {
    method: "POST",
    path: "/staff/patients/{id}/enable",
    function: "staff-patients-enable",
    access: Access::Staff(ADMINS),
    audit: audit("patient.enable", "patient"),
};
/// Recording what a patient said on the phone or signed on paper is the front desk's work too.
pub const STAFF_PATIENTS_SMS_CONSENT: Route = Route {
    method: "POST",
    path: "/staff/patients/{id}/sms-consent",
    function: "staff-patients-sms-consent",
    access: Access::Staff(&[Role::Admin, Role::FrontDesk]),
    audit: audit("patient.consent.record", "consent"),
};
pub const STAFF_PATIENTS_SUPPRESSION_CLEAR: Route = Route {
    method: "POST",
    path: "/staff/patients/{id}/email-suppression/clear",
    function: "staff-patients-suppression-clear",
    access: Access::Staff(&[Role::Admin, Role::FrontDesk]),
    audit: audit("patient.suppression.clear", "patient"),
};
/// The practice's public face, before sign-in: name, logo, how to reach it.
pub const AUTH_PRACTICE_GET: Route =
    Route { method: "GET", path: "/auth/practice", function: "auth-practice-get", access: Access::Public, audit: None };
pub const STAFF_ME_GET: Route =
    Route { method: "GET", path: "/staff/me", function: "staff-me-get", access: Access::Staff(&Role::ALL), audit: None };
/// Colleagues' names and roles are for every staff member (assignees, authors); changing them is not.
pub const STAFF_TEAM_LIST: Route = Route {
    method: "GET",
    path: "/staff/team",
    function: "staff-team-list",
    access: Access::Staff(&Role::ALL),
    audit: audit("staff.list", "staff_list"),
};
pub const STAFF_TEAM_DISABLE: Route = Route {
    method: "POST",
    path: "/staff/team/{id}/disable",
    function: "staff-team-disable",
    access: Access::Staff(ADMINS),
    audit: audit("staff.disable", "staff"),
};
pub const STAFF_TEAM_INVITE: Route = Route {
    method: "POST",
    path: "/staff/team",
    function: "staff-team-invite",
    access: Access::Staff(ADMINS),
    audit: audit("staff.invite", "staff"),
};
pub const STAFF_TEAM_ROLES: Route = Route {
    method: "PUT",
    path: "/staff/team/{id}/roles",
    function: "staff-team-roles",
    access: Access::Staff(ADMINS),
    audit: audit("staff.roles", "staff"),
};
pub const STAFF_TEAM_ENABLE: Route = Route {
    method: "POST",
    path: "/staff/team/{id}/enable",
    function: "staff-team-enable",
    access: Access::Staff(ADMINS),
    audit: audit("staff.enable", "staff"),
};
/// The practice's settings are its administrators'.
pub const STAFF_PRACTICE_GET: Route = Route {
    method: "GET",
    path: "/staff/practice",
    function: "staff-practice-get",
    access: Access::Staff(ADMINS),
    audit: audit("practice.settings.read", "practice"),
};
pub const STAFF_PRACTICE_UPDATE: Route = Route {
    method: "PUT",
    path: "/staff/practice",
    function: "staff-practice-update",
    access: Access::Staff(ADMINS),
    audit: audit("practice.settings.update", "practice"),
};
pub const STAFF_PRACTICE_CONSENTS_PUBLISH: Route = Route {
    method: "POST",
    path: "/staff/practice/consents",
    function: "staff-practice-consents-publish",
    access: Access::Staff(ADMINS),
    audit: audit("practice.consent.publish", "consent_document"),
};
pub const STAFF_PRACTICE_HISTORY: Route = Route {
    method: "GET",
    path: "/staff/practice/history",
    function: "staff-practice-history",
    access: Access::Staff(ADMINS),
    audit: audit("practice.settings.history", "practice"),
};
/// Reviewing the audit trail is for administrators, and is itself audited.
pub const STAFF_AUDIT_SEARCH: Route = Route {
    method: "GET",
    path: "/staff/audit",
    function: "staff-audit-search",
    access: Access::Staff(ADMINS),
    audit: audit("audit.search", "audit"),
};
pub const STAFF_AUDIT_EXPORT: Route = Route {
    method: "GET",
    path: "/staff/audit/export",
    function: "staff-audit-export",
    access: Access::Staff(ADMINS),
    audit: audit("audit.export", "audit"),
};
pub const STAFF_AUDIT_EXPORT_FILE: Route = Route {
    method: "POST",
    path: "/staff/audit/exports",
    function: "staff-audit-export-file",
    access: Access::Staff(ADMINS),
    audit: audit("audit.export.file", "audit"),
};
/// Browsers ask before cross-origin calls; the answer depends on the practice's allowlist.
pub const HTTP_CORS_PREFLIGHT: Route =
    Route { method: "OPTIONS", path: "/{proxy+}", function: "http-cors-preflight", access: Access::Public, audit: None };

/// Who can act for a patient: every role that sees patients (billing staff need the guarantor).
pub const STAFF_PATIENT_PROXIES_LIST: Route = Route {
    method: "GET",
    path: "/staff/patients/{id}/proxies",
    function: "staff-patient-proxies-list",
    access: Access::Staff(&Role::ALL),
    audit: audit("proxy.list", "patient"),
};
pub const STAFF_PATIENT_PROXIES_CREATE: Route = Route {
    method: "POST",
    path: "/staff/patients/{id}/proxies",
    function: "staff-patient-proxies-create",
    access: Access::Staff(ENROLLERS),
    audit: audit("proxy.grant", "grant"),
};
pub const STAFF_PATIENT_PROXIES_REVOKE: Route = Route {
    method: "DELETE",
    path: "/staff/patients/{id}/proxies/{grant_id}",
    function: "staff-patient-proxies-revoke",
    access: Access::Staff(ENROLLERS),
    audit: audit("proxy.revoke", "grant"),
};
