//! What scheduling is about: the services (visit types) a practice offers, each clinician's weekly
//! schedule in their own zone, and appointments with their states. Nothing is stored in a local time
//! without its zone: windows are local `HH:MM` next to an IANA zone; instants are UTC.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use portico::directory::PatientNames;
use portico::ids::{AppointmentId, GrantId, PatientId, PracticeId, ServiceId, StaffId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Cells are five minutes of a clinician's time: every duration, buffer and grid is a multiple.
pub const CELL_MINUTES: i64 = 5;
/// The longest a visit with its buffers may be: its cells, and a reschedule's release and take, fit in
/// one transaction.
pub const MAX_SPAN_MINUTES: i64 = 180;
/// The widest availability question.
pub const MAX_RANGE_DAYS: i64 = 31;
/// How long a hold keeps a slot.
pub const HOLD_MINUTES: i64 = 5;
/// A cancellation this soon after booking is never late.
pub const CANCEL_GRACE_MINUTES: i64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VisitMode {
    InPerson,
    Telehealth,
}

/// Who may book a service online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Booking {
    /// Patients book a free slot themselves.
    Patients,
    /// Patients ask for a time; staff confirm it.
    RequestOnly,
    /// Only staff book it.
    StaffOnly,
}

/// What a cancellation inside the cancel notice does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LateCancel {
    Allow,
    /// Allowed, and recorded as late.
    AllowAsLate,
    /// Refused: the patient calls the office.
    Block,
}

/// A kind of visit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Service {
    #[schema(value_type = String)]
    pub service_id: ServiceId,
    #[serde(skip)]
    #[schema(ignore)]
    pub practice_id: Option<PracticeId>,
    pub name: String,
    pub duration_minutes: i64,
    pub buffer_before_minutes: i64,
    pub buffer_after_minutes: i64,
    pub mode: VisitMode,
    pub booking: Booking,
    /// The earliest a patient may book ahead.
    pub min_notice_minutes: i64,
    /// The furthest ahead a patient may book.
    pub horizon_days: i64,
    /// Cancelling later than this before the start is late.
    pub cancel_notice_hours: i64,
    /// Rescheduling later than this before the start is refused online.
    pub reschedule_notice_hours: i64,
    pub late_cancel: LateCancel,
    pub waitlist: bool,
    /// Private to a teen: a parent with limited access to the teen's account neither sees nor books it
    /// (the practice's confidential care: sexual health, mental health, substance use).
    #[serde(default)]
    pub confidential: bool,
    /// The clinicians who see it.
    #[schema(value_type = Vec<String>)]
    pub clinicians: Vec<StaffId>,
    pub active: bool,
    #[serde(default)]
    pub version: u64,
}

impl Service {
    /// The checks a service must pass, field by field.
    pub fn problems(&self) -> Vec<(&'static str, &'static str)> {
        let mut found = Vec::new();
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            found.push(("name", "must be 1 to 80 characters"));
        }
        let fives = |m: i64| m >= 0 && m % CELL_MINUTES == 0;
        if self.duration_minutes <= 0 || !fives(self.duration_minutes) {
            found.push(("duration_minutes", "must be a positive multiple of 5"));
        }
        if !fives(self.buffer_before_minutes) || !fives(self.buffer_after_minutes) {
            found.push(("buffer_before_minutes", "buffers must be multiples of 5, zero or more"));
        }
        if self.span_minutes() > MAX_SPAN_MINUTES {
            found.push(("duration_minutes", "with its buffers must be at most 180 minutes"));
        }
        if !(0..=60 * 24 * 30).contains(&self.min_notice_minutes) {
            found.push(("min_notice_minutes", "must be 0 to 43200"));
        }
        if !(1..=366).contains(&self.horizon_days) {
            found.push(("horizon_days", "must be 1 to 366"));
        }
        if !(0..=24 * 30).contains(&self.cancel_notice_hours) || !(0..=24 * 30).contains(&self.reschedule_notice_hours) {
            found.push(("cancel_notice_hours", "notices must be 0 to 720 hours"));
        }
        if self.clinicians.is_empty() {
            found.push(("clinicians", "must name at least one clinician"));
        }
        found
    }

    pub fn span_minutes(&self) -> i64 {
        self.buffer_before_minutes + self.duration_minutes + self.buffer_after_minutes
    }

    pub fn duration(&self) -> Duration {
        Duration::minutes(self.duration_minutes)
    }

    /// The clinician's time a visit starting at `start` occupies, buffers included.
    pub fn occupies(&self, start: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            start - Duration::minutes(self.buffer_before_minutes),
            start + Duration::minutes(self.duration_minutes + self.buffer_after_minutes),
        )
    }
}

/// One weekly window of a clinician's schedule, in their zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// `mon` … `sun`.
    #[schema(value_type = Weekday)]
    pub day: String,
    /// Local `HH:MM`.
    pub start: String,
    /// Local `HH:MM`, after `start`.
    pub end: String,
}

/// Time taken out of a schedule (a day off, a meeting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// A clinician's weekly schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Schedule {
    #[schema(value_type = String)]
    pub clinician_id: StaffId,
    /// IANA zone the windows are in.
    pub time_zone: String,
    /// Slots start every this many minutes from local midnight.
    pub grid_minutes: i64,
    pub windows: Vec<Window>,
    pub blocks: Vec<Block>,
    #[serde(default)]
    pub version: u64,
}

pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A day of the week, as the API names it.
#[derive(ToSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

pub fn parse_time(raw: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(raw, "%H:%M").ok()
}

impl Schedule {
    pub fn zone(&self) -> Option<chrono_tz::Tz> {
        self.time_zone.parse().ok()
    }

    pub fn problems(&self) -> Vec<(&'static str, &'static str)> {
        let mut found = Vec::new();
        if self.zone().is_none() {
            found.push(("time_zone", "must be an IANA zone such as America/New_York"));
        }
        if !(5..=240).contains(&self.grid_minutes) || self.grid_minutes % CELL_MINUTES != 0 {
            found.push(("grid_minutes", "must be a multiple of 5 from 5 to 240"));
        }
        if self.windows.len() > 70 {
            found.push(("windows", "at most 70"));
        }
        for window in &self.windows {
            let (start, end) = (parse_time(&window.start), parse_time(&window.end));
            if !DAYS.contains(&window.day.as_str()) {
                found.push(("windows", "day must be mon, tue, wed, thu, fri, sat or sun"));
            } else if start.zip(end).is_none_or(|(s, e)| s >= e) {
                found.push(("windows", "start and end must be HH:MM with start before end"));
            }
        }
        if self.blocks.len() > 500 || self.blocks.iter().any(|b| b.start >= b.end) {
            found.push(("blocks", "at most 500, each starting before it ends"));
        }
        found
    }
}

/// Where an appointment is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Asked for; the practice confirms it.
    Requested,
    Booked,
    Arrived,
    Fulfilled,
    NoShow,
    Cancelled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Requested => "requested",
            Status::Booked => "booked",
            Status::Arrived => "arrived",
            Status::Fulfilled => "fulfilled",
            Status::NoShow => "no_show",
            Status::Cancelled => "cancelled",
        }
    }

    /// The moves the model allows: requested → booked | cancelled; booked → arrived | no-show |
    /// cancelled; arrived → fulfilled.
    pub fn may_become(self, next: Status) -> bool {
        matches!(
            (self, next),
            (Status::Requested, Status::Booked | Status::Cancelled)
                | (Status::Booked, Status::Arrived | Status::NoShow | Status::Cancelled)
                | (Status::Arrived, Status::Fulfilled)
        )
    }
}

/// Who made or changed an appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Booker {
    Patient,
    Proxy { person_id: PatientId, grant_id: GrantId },
    Staff { staff_id: StaffId },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appointment {
    pub practice_id: PracticeId,
    pub appointment_id: AppointmentId,
    pub patient_id: PatientId,
    #[serde(default)]
    pub patient_names: Option<PatientNames>,
    pub service_id: ServiceId,
    pub service_name: String,
    pub mode: VisitMode,
    /// Copied from the service when booked.
    #[serde(default)]
    pub confidential: bool,
    pub clinician_id: StaffId,
    /// The clinician's name when booked, for the lists.
    #[serde(default)]
    pub clinician_name: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// The clinician's zone, for showing the time where the visit is.
    pub time_zone: String,
    pub status: Status,
    /// The cells (minutes since the epoch) it holds while booked.
    #[serde(default)]
    pub cells: Vec<i64>,
    #[serde(default)]
    pub late_cancel: bool,
    #[serde(default)]
    pub cancel_reason: Option<String>,
    #[serde(default)]
    pub confirmed_at: Option<DateTime<Utc>>,
    pub booked_by: Booker,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub version: u64,
}
