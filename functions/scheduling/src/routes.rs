//! The scheduling capability's routes, declared once.

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

/// Who books and moves appointments: not billing.
pub const SCHEDULERS: &[Role] = &[Role::Admin, Role::FrontDesk, Role::Clinician];
/// Who sets clinicians' schedules: the front desk runs them with the administrators.
pub const SCHEDULE_KEEPERS: &[Role] = &[Role::Admin, Role::FrontDesk];
/// Who defines services: administrators.
pub const ADMINS: &[Role] = &[Role::Admin];

pub const PORTAL_SERVICES_LIST: Route =
    patient("GET", "/portal/availability/services", "portal-services-list", "appointments.services.list", "service");
pub const PORTAL_AVAILABILITY_GET: Route =
    patient("GET", "/portal/availability", "portal-availability-get", "appointments.availability.read", "service");
pub const PORTAL_HOLDS_CREATE: Route = patient("POST", "/portal/holds", "portal-holds-create", "appointments.hold.create", "hold");
pub const PORTAL_HOLDS_RELEASE: Route =
    patient("DELETE", "/portal/holds/{service_id}", "portal-holds-release", "appointments.hold.release", "hold");
pub const PORTAL_APPOINTMENTS_CREATE: Route =
    patient("POST", "/portal/appointments", "portal-appointments-create", "appointments.appointment.create", "appointment");
pub const PORTAL_APPOINTMENTS_LIST: Route =
    patient("GET", "/portal/appointments", "portal-appointments-list", "appointments.appointments.list", "appointment");
pub const PORTAL_APPOINTMENTS_CANCEL: Route =
    patient("POST", "/portal/appointments/{id}/cancel", "portal-appointments-cancel", "appointments.appointment.cancel", "appointment");
pub const PORTAL_APPOINTMENTS_RESCHEDULE: Route = patient(
    "POST",
    "/portal/appointments/{id}/reschedule",
    "portal-appointments-reschedule",
    "appointments.appointment.reschedule",
    "appointment",
);
pub const PORTAL_APPOINTMENTS_CONFIRM: Route =
    patient("POST", "/portal/appointments/{id}/confirm", "portal-appointments-confirm", "appointments.appointment.confirm", "appointment");

pub const PORTAL_APPOINTMENTS_CALENDAR: Route = patient(
    "GET",
    "/portal/appointments/{id}/calendar",
    "portal-appointments-calendar",
    "appointments.appointment.calendar",
    "appointment",
);

pub const PORTAL_WAITLIST_LIST: Route =
    patient("GET", "/portal/waitlist", "portal-waitlist-list", "appointments.waitlist.list", "waitlist");
pub const PORTAL_WAITLIST_JOIN: Route =
    patient("POST", "/portal/waitlist", "portal-waitlist-join", "appointments.waitlist.join", "waitlist");
pub const PORTAL_WAITLIST_LEAVE: Route =
    patient("DELETE", "/portal/waitlist/{entry_id}", "portal-waitlist-leave", "appointments.waitlist.leave", "waitlist");
pub const PORTAL_WAITLIST_CLAIM: Route =
    patient("POST", "/portal/waitlist/offers/{offer_id}/claim", "portal-waitlist-claim", "appointments.waitlist.claim", "waitlist_offer");

pub const PORTAL_APPOINTMENTS_JOIN: Route =
    patient("POST", "/portal/appointments/{id}/join", "portal-appointments-join", "appointments.visit.join", "appointment");

pub const STAFF_SERVICES_LIST: Route =
    staff("GET", "/staff/services", "staff-services-list", &Role::ALL, "scheduling.services.list", "service");
pub const STAFF_SERVICES_CREATE: Route =
    staff("POST", "/staff/services", "staff-services-create", ADMINS, "scheduling.service.create", "service");
pub const STAFF_SERVICES_UPDATE: Route =
    staff("PUT", "/staff/services/{id}", "staff-services-update", ADMINS, "scheduling.service.update", "service");
pub const STAFF_SCHEDULE_GET: Route =
    staff("GET", "/staff/schedule/{clinician}", "staff-schedule-get", &Role::ALL, "scheduling.schedule.read", "schedule");
pub const STAFF_SCHEDULE_PUT: Route =
    staff("PUT", "/staff/schedule/{clinician}", "staff-schedule-put", SCHEDULE_KEEPERS, "scheduling.schedule.update", "schedule");
pub const STAFF_AVAILABILITY_GET: Route =
    staff("GET", "/staff/availability", "staff-availability-get", SCHEDULERS, "scheduling.availability.read", "service");
pub const STAFF_APPOINTMENTS_VIEW: Route =
    staff("GET", "/staff/appointments", "staff-appointments-view", SCHEDULERS, "scheduling.appointments.list", "appointment");
pub const STAFF_APPOINTMENTS_CREATE: Route =
    staff("POST", "/staff/appointments", "staff-appointments-create", SCHEDULERS, "scheduling.appointment.create", "appointment");
pub const STAFF_APPOINTMENTS_STATUS: Route = staff(
    "POST",
    "/staff/appointments/{id}/status",
    "staff-appointments-status",
    SCHEDULERS,
    "scheduling.appointment.status",
    "appointment",
);
pub const STAFF_WAITLIST_LIST: Route =
    staff("GET", "/staff/appointments/waitlist", "staff-waitlist-list", SCHEDULERS, "scheduling.waitlist.list", "waitlist");
pub const STAFF_WAITLIST_PRIORITY: Route = staff(
    "POST",
    "/staff/appointments/waitlist/{entry_id}/priority",
    "staff-waitlist-priority",
    SCHEDULERS,
    "scheduling.waitlist.priority",
    "waitlist",
);
/// Who joins video visits: clinicians (only the visit's own, checked in the handler).
pub const CLINICIANS: &[Role] = &[Role::Clinician];
pub const STAFF_APPOINTMENTS_JOIN: Route =
    staff("POST", "/staff/appointments/{id}/join", "staff-appointments-join", CLINICIANS, "scheduling.visit.join", "appointment");
