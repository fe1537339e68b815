//! Each scheduling route bound to its handler and what it uses: the type a binary names to serve it.

use portico::endpoint;

use crate::deps::{SchedulingDeps, VisitDeps};
use crate::handlers::{portal, staff, visits, waitlist};
use crate::routes;

endpoint!(PortalServicesList, routes::PORTAL_SERVICES_LIST, SchedulingDeps, portal::services);
endpoint!(PortalAvailabilityGet, routes::PORTAL_AVAILABILITY_GET, SchedulingDeps, portal::availability);
endpoint!(PortalHoldsCreate, routes::PORTAL_HOLDS_CREATE, SchedulingDeps, portal::hold);
endpoint!(PortalHoldsRelease, routes::PORTAL_HOLDS_RELEASE, SchedulingDeps, portal::hold_release);
endpoint!(PortalAppointmentsCreate, routes::PORTAL_APPOINTMENTS_CREATE, SchedulingDeps, portal::book);
endpoint!(PortalAppointmentsList, routes::PORTAL_APPOINTMENTS_LIST, SchedulingDeps, portal::list);
endpoint!(PortalAppointmentsCancel, routes::PORTAL_APPOINTMENTS_CANCEL, SchedulingDeps, portal::cancel);
endpoint!(PortalAppointmentsReschedule, routes::PORTAL_APPOINTMENTS_RESCHEDULE, SchedulingDeps, portal::reschedule);
endpoint!(PortalAppointmentsConfirm, routes::PORTAL_APPOINTMENTS_CONFIRM, SchedulingDeps, portal::confirm);
endpoint!(PortalAppointmentsCalendar, routes::PORTAL_APPOINTMENTS_CALENDAR, SchedulingDeps, portal::calendar);
endpoint!(StaffServicesList, routes::STAFF_SERVICES_LIST, SchedulingDeps, staff::services_list);
endpoint!(StaffServicesCreate, routes::STAFF_SERVICES_CREATE, SchedulingDeps, staff::services_create);
endpoint!(StaffServicesUpdate, routes::STAFF_SERVICES_UPDATE, SchedulingDeps, staff::services_update);
endpoint!(StaffScheduleGet, routes::STAFF_SCHEDULE_GET, SchedulingDeps, staff::schedule_get);
endpoint!(StaffSchedulePut, routes::STAFF_SCHEDULE_PUT, SchedulingDeps, staff::schedule_put);
endpoint!(StaffAvailabilityGet, routes::STAFF_AVAILABILITY_GET, SchedulingDeps, staff::availability);
endpoint!(StaffAppointmentsView, routes::STAFF_APPOINTMENTS_VIEW, SchedulingDeps, staff::appointments_view);
endpoint!(StaffAppointmentsCreate, routes::STAFF_APPOINTMENTS_CREATE, SchedulingDeps, staff::appointments_create);
endpoint!(StaffAppointmentsStatus, routes::STAFF_APPOINTMENTS_STATUS, SchedulingDeps, staff::appointments_status);
endpoint!(PortalWaitlistList, routes::PORTAL_WAITLIST_LIST, SchedulingDeps, waitlist::list);
endpoint!(PortalWaitlistJoin, routes::PORTAL_WAITLIST_JOIN, SchedulingDeps, waitlist::join);
endpoint!(PortalWaitlistLeave, routes::PORTAL_WAITLIST_LEAVE, SchedulingDeps, waitlist::leave);
endpoint!(PortalWaitlistClaim, routes::PORTAL_WAITLIST_CLAIM, SchedulingDeps, waitlist::claim);
endpoint!(StaffWaitlistList, routes::STAFF_WAITLIST_LIST, SchedulingDeps, waitlist::staff_list);
endpoint!(StaffWaitlistPriority, routes::STAFF_WAITLIST_PRIORITY, SchedulingDeps, waitlist::staff_priority);
endpoint!(PortalAppointmentsJoin, routes::PORTAL_APPOINTMENTS_JOIN, VisitDeps, visits::join);
endpoint!(StaffAppointmentsJoin, routes::STAFF_APPOINTMENTS_JOIN, VisitDeps, visits::staff_join);
