//! Scheduling: the services a practice offers, clinicians' weekly schedules, availability, five-minute
//! holds, race-free booking (or requests staff confirm), cancel and reschedule for patients, and the
//! staff's schedule views and moves, reminders with a "C" to confirm, and the waitlist.

pub mod api;
pub mod book;
pub mod deps;
pub mod endpoints;
mod errors;
pub mod functions;
pub mod grid;
pub mod handlers;
pub mod keys;
pub mod minutes;
pub mod model;
pub mod reminders;
pub mod replies;
pub mod routes;
pub mod telehealth;
pub mod waitlist;

use portico::lambda::{Capability, Trigger, endpoint, scheduled, worker};

use endpoints::*;
use handlers::{portal, staff, visits, waitlist as waiting};

/// The scheduling capability, described once.
pub fn capability() -> Capability {
    Capability {
        name: "scheduling",
        endpoints: vec![
            endpoint::<PortalServicesList>(),
            endpoint::<PortalAvailabilityGet>(),
            endpoint::<PortalHoldsCreate>(),
            endpoint::<PortalHoldsRelease>(),
            endpoint::<PortalAppointmentsCreate>(),
            endpoint::<PortalAppointmentsList>(),
            endpoint::<PortalAppointmentsCancel>(),
            endpoint::<PortalAppointmentsReschedule>(),
            endpoint::<PortalAppointmentsConfirm>(),
            endpoint::<PortalAppointmentsCalendar>(),
            endpoint::<StaffServicesList>(),
            endpoint::<StaffServicesCreate>(),
            endpoint::<StaffServicesUpdate>(),
            endpoint::<StaffScheduleGet>(),
            endpoint::<StaffSchedulePut>(),
            endpoint::<StaffAvailabilityGet>(),
            endpoint::<StaffAppointmentsView>(),
            endpoint::<StaffAppointmentsCreate>(),
            endpoint::<StaffAppointmentsStatus>(),
            endpoint::<PortalWaitlistList>(),
            endpoint::<PortalWaitlistJoin>(),
            endpoint::<PortalWaitlistLeave>(),
            endpoint::<PortalWaitlistClaim>(),
            endpoint::<StaffWaitlistList>(),
            endpoint::<StaffWaitlistPriority>(),
            endpoint::<PortalAppointmentsJoin>(),
            endpoint::<StaffAppointmentsJoin>(),
        ],
        functions: vec![
            scheduled::<functions::SchedulingSweep>(Trigger::Schedule),
            worker::<functions::WorkerScheduling>(portico::events::SCHEDULING_QUEUE),
        ],
        key_prefixes: keys::KEY_PREFIXES,
        openapi: <SchedulingApi as utoipa::OpenApi>::openapi,
        limits: api::LIMITS,
    }
}

/// The OpenAPI description of this capability's routes.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    portal::services,
    portal::availability,
    portal::hold,
    portal::hold_release,
    portal::book,
    portal::list,
    portal::cancel,
    portal::reschedule,
    portal::confirm,
    portal::calendar,
    staff::services_list,
    staff::services_create,
    staff::services_update,
    staff::schedule_get,
    staff::schedule_put,
    staff::availability,
    staff::appointments_view,
    staff::appointments_create,
    staff::appointments_status,
    waiting::list,
    waiting::join,
    waiting::leave,
    waiting::claim,
    waiting::staff_list,
    waiting::staff_priority,
    visits::join,
    visits::staff_join
))]
pub struct SchedulingApi;
