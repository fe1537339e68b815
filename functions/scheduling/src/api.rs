//! The wire shapes of scheduling's routes.

use chrono::{DateTime, NaiveDate, Utc};
use portico::directory::PatientNames;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::model::{Appointment, Block, Booking, LateCancel, Service, Status, VisitMode, Window};
use crate::waitlist::{Offer, OfferStatus, PartOfDay, Place, PlaceStatus, Priority, Report};

/// Limits the API document states for the web apps.
pub const LIMITS: &[portico::http::openapi::Limit] = &[];

/// A clinician who sees a service.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClinicianView {
    pub clinician_id: String,
    pub name: String,
}

/// A service a patient may book or ask for.
#[derive(Debug, Serialize, ToSchema)]
pub struct BookableService {
    pub service_id: String,
    pub name: String,
    pub duration_minutes: i64,
    pub mode: VisitMode,
    /// `patients` (book a free time) or `request_only` (ask; the practice confirms).
    pub booking: Booking,
    pub clinicians: Vec<ClinicianView>,
    /// How far ahead, and how soon, it can be booked online.
    pub horizon_days: i64,
    pub min_notice_minutes: i64,
    /// Cancelling later than this before the start is late (see `late_cancel`); rescheduling online
    /// closes this long before.
    pub cancel_notice_hours: i64,
    pub reschedule_notice_hours: i64,
    pub late_cancel: LateCancel,
    /// Patients may join its waitlist for an earlier time.
    pub waitlist: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BookableServices {
    pub services: Vec<BookableService>,
}

/// One time a patient may book.
#[derive(Debug, Serialize, ToSchema)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub clinician_id: String,
    pub clinician_name: String,
    /// Where the clinician is: the visit's own zone.
    pub clinician_time_zone: String,
    /// The start in the patient's zone (RFC 3339 with its offset), for the label.
    pub local_start: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Availability {
    pub service_id: String,
    /// The patient's zone the labels are in.
    pub time_zone: String,
    pub slots: Vec<Slot>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HoldRequest {
    pub service_id: String,
    pub clinician_id: String,
    pub start: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HoldView {
    pub service_id: String,
    pub clinician_id: String,
    pub start: DateTime<Utc>,
    /// The slot is kept for you until then.
    pub expires_at: DateTime<Utc>,
}

/// Books a time (or asks for it, for a request-only service). Send an `Idempotency-Key` header: the
/// same key and body within 24 hours answer the same appointment.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BookRequest {
    pub service_id: String,
    pub clinician_id: String,
    pub start: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AppointmentView {
    pub appointment_id: String,
    pub service_id: String,
    pub service_name: String,
    pub mode: VisitMode,
    pub clinician_id: String,
    pub clinician_name: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The clinician's zone.
    pub time_zone: String,
    pub status: Status,
    pub late_cancel: bool,
    pub cancel_reason: Option<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub version: u64,
    /// For a video visit: when it can be joined (15 minutes before the start to 30 after the end).
    pub join_opens_at: Option<DateTime<Utc>>,
    pub join_closes_at: Option<DateTime<Utc>>,
}

impl From<&Appointment> for AppointmentView {
    fn from(a: &Appointment) -> Self {
        AppointmentView {
            appointment_id: a.appointment_id.to_string(),
            service_id: a.service_id.to_string(),
            service_name: a.service_name.clone(),
            mode: a.mode,
            clinician_id: a.clinician_id.to_string(),
            clinician_name: a.clinician_name.clone(),
            start: a.start,
            end: a.end,
            time_zone: a.time_zone.clone(),
            status: a.status,
            late_cancel: a.late_cancel,
            cancel_reason: a.cancel_reason.clone(),
            confirmed_at: a.confirmed_at,
            created_at: a.created_at,
            version: a.version,
            join_opens_at: (a.mode == VisitMode::Telehealth).then(|| crate::telehealth::window(a).0),
            join_closes_at: (a.mode == VisitMode::Telehealth).then(|| crate::telehealth::window(a).1),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AppointmentList {
    /// Soonest first: requested, booked and arrived ones still ahead.
    pub upcoming: Vec<AppointmentView>,
    /// Most recent first.
    pub past: Vec<AppointmentView>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    #[serde(default)]
    #[schema(max_length = 500)]
    pub reason: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RescheduleRequest {
    pub start: DateTime<Utc>,
    /// Another clinician who sees the service; absent keeps the same one.
    #[serde(default)]
    pub clinician_id: Option<String>,
}

/// A service as staff write it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceInput {
    pub name: String,
    pub duration_minutes: i64,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub mode: VisitMode,
    pub booking: Booking,
    pub min_notice_minutes: i64,
    pub horizon_days: i64,
    pub cancel_notice_hours: i64,
    pub reschedule_notice_hours: i64,
    pub late_cancel: LateCancel,
    pub waitlist: bool,
    /// Hidden from a parent with limited access to a teen's account.
    #[serde(default)]
    pub confidential: bool,
    pub clinicians: Vec<String>,
    pub active: bool,
    /// The version read, when changing a service (a stale one answers 409).
    #[serde(default)]
    pub version: Option<u64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceList {
    pub services: Vec<Service>,
}

/// A clinician's schedule as staff write it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleInput {
    pub time_zone: String,
    pub grid_minutes: i64,
    pub windows: Vec<Window>,
    pub blocks: Vec<Block>,
    /// The version read (absent for a first schedule; a stale one answers 409).
    #[serde(default)]
    pub version: Option<u64>,
}

/// An appointment on the staff's schedule views.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffAppointmentView {
    #[serde(flatten)]
    pub appointment: AppointmentView,
    pub patient_id: String,
    pub patient: Option<PatientNames>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScheduleView {
    /// Soonest first.
    pub appointments: Vec<StaffAppointmentView>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffBookRequest {
    pub patient_id: String,
    pub service_id: String,
    pub clinician_id: String,
    pub start: DateTime<Utc>,
}

/// A staff move on an appointment: `booked` confirms a request; `arrived`, `fulfilled`, `no_show`;
/// `cancelled` (staff are exempt from the late rules).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusRequest {
    pub patient_id: String,
    pub status: Status,
    #[serde(default)]
    #[schema(max_length = 500)]
    pub reason: Option<String>,
}

// ---- waitlist -------------------------------------------------------------------------------------

/// Join a service's waitlist: the clinicians, days and parts of the day you can make, between two
/// dates; optionally the booked appointment an earlier time would replace.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JoinWaitlist {
    pub service_id: String,
    /// Empty or absent: any clinician who sees the service.
    #[serde(default)]
    #[schema(max_items = 20)]
    pub clinicians: Vec<String>,
    /// `mon` … `sun`; empty or absent: any day.
    #[serde(default)]
    #[schema(max_items = 7, value_type = Vec<crate::model::Weekday>)]
    pub days: Vec<String>,
    /// Empty or absent: any time of day.
    #[serde(default)]
    #[schema(max_items = 3)]
    pub parts_of_day: Vec<PartOfDay>,
    /// The first and last days you can come (`YYYY-MM-DD`, in the visit's zone).
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    /// Your booked appointment for this service that an earlier time would replace (it is cancelled in
    /// the same step as the claim).
    #[serde(default)]
    pub replaces: Option<String>,
}

/// A place on a waitlist.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlaceView {
    pub entry_id: String,
    pub service_id: String,
    pub service_name: String,
    pub clinicians: Vec<String>,
    #[schema(value_type = Vec<crate::model::Weekday>)]
    pub days: Vec<String>,
    pub parts_of_day: Vec<PartOfDay>,
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    pub replaces: Option<String>,
    pub replaces_start: Option<DateTime<Utc>>,
    pub priority: Priority,
    pub status: PlaceStatus,
    pub created_at: DateTime<Utc>,
    pub version: u64,
}

impl From<&Place> for PlaceView {
    fn from(p: &Place) -> Self {
        PlaceView {
            entry_id: p.entry_id.to_string(),
            service_id: p.service_id.to_string(),
            service_name: p.service_name.clone(),
            clinicians: p.clinicians.iter().map(ToString::to_string).collect(),
            days: p.days.clone(),
            parts_of_day: p.parts_of_day.clone(),
            from: p.from,
            to: p.to,
            replaces: p.replaces.as_ref().map(ToString::to_string),
            replaces_start: p.replaces_start,
            priority: p.priority,
            status: p.status,
            created_at: p.created_at,
            version: p.version,
        }
    }
}

/// A freed time offered to you: claim it before `expires_at`; the first claim wins.
#[derive(Debug, Serialize, ToSchema)]
pub struct OfferView {
    pub offer_id: String,
    pub entry_id: String,
    pub service_id: String,
    pub service_name: String,
    pub clinician_id: String,
    pub clinician_name: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The clinician's zone.
    pub time_zone: String,
    pub expires_at: DateTime<Utc>,
    /// `offered` (claim it), `claimed`, `gone` (someone else was first), or `expired`.
    pub status: OfferStatus,
    /// The appointment a claim cancels, if the place was to move one earlier.
    pub replaces: Option<String>,
}

impl OfferView {
    pub fn of(o: &Offer, status: OfferStatus) -> Self {
        OfferView {
            offer_id: o.offer_id.to_string(),
            entry_id: o.entry_id.to_string(),
            service_id: o.service_id.to_string(),
            service_name: o.service_name.clone(),
            clinician_id: o.clinician_id.to_string(),
            clinician_name: o.clinician_name.clone(),
            start: o.start,
            end: o.end,
            time_zone: o.time_zone.clone(),
            expires_at: o.expires_at,
            status,
            replaces: o.replaces.as_ref().map(ToString::to_string),
        }
    }
}

/// Your places and your offers (those still ahead).
#[derive(Debug, Serialize, ToSchema)]
pub struct WaitlistView {
    pub places: Vec<PlaceView>,
    pub offers: Vec<OfferView>,
}

/// A claim that landed: the new appointment, and the later one it replaced (now cancelled).
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimView {
    pub appointment: AppointmentView,
    pub replaced_appointment_id: Option<String>,
}

/// A waiting place as staff see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffPlaceView {
    pub patient_id: String,
    pub patient: Option<PatientNames>,
    #[serde(flatten)]
    pub place: PlaceView,
}

/// The practice's waiting lines and how the waitlist did over the period asked.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffWaitlist {
    /// In offer order within each service: priority, then first come.
    pub places: Vec<StaffPlaceView>,
    pub report: Report,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

/// A place's new priority.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorityChange {
    pub patient_id: String,
    pub priority: Priority,
    /// The place's `version` as read (a stale one answers 409).
    pub version: u64,
}

/// Your seat in a video visit: the meeting and your own attendee token (for the video client), and the
/// join page where the provider serves one (the local stand-in).
#[derive(Debug, Serialize, ToSchema)]
pub struct JoinView {
    pub appointment_id: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub meeting: portico::video::Meeting,
    pub attendee: portico::video::Attendee,
    pub join_url: Option<String>,
}

/// Whose video visit the clinician joins.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffJoinRequest {
    pub patient_id: String,
}
