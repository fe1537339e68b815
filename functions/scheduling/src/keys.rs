//! Key layout of the items scheduling owns (ARCHITECTURE §3: built here, never in handlers).
//!
//! In the practice's partition: services, clinicians' schedules, and the grid cells an appointment or
//! a hold occupies (one item per five minutes of a clinician's time, so two bookings that overlap by a
//! minute collide on a cell's condition). In the patient's partition: their appointments and holds.
//! The index finds appointments by start, for the practice and for each clinician.
//!
//! The waitlist: a patient's places and offers in their partition (a waiting place is also in its
//! service's line in the index, by priority and arrival); each freed time's opening in the practice's
//! partition (and in the index by creation, for the report); the rounds due in a global partition per
//! minute, like reminders.

use chrono::{DateTime, Utc};
use portico::ids::{AppointmentId, OfferId, PatientId, PracticeId, ServiceId, StaffId, WaitlistId};
use portico::keys::{Partition, Prefix, patient_partition, practice_partition};
use portico::store::Key;

/// The sort keys scheduling writes.
pub const KEY_PREFIXES: &[Prefix] = &[
    Prefix { partition: Partition::Practice, prefix: "SERVICE#", owner: "scheduling" },
    Prefix { partition: Partition::Practice, prefix: "SCHEDULE#", owner: "scheduling" },
    Prefix { partition: Partition::Practice, prefix: "CELL#", owner: "scheduling" },
    Prefix { partition: Partition::Patient, prefix: "APPT#", owner: "scheduling" },
    Prefix { partition: Partition::Patient, prefix: "HOLD#", owner: "scheduling" },
    Prefix { partition: Partition::Global, prefix: "REMIND#", owner: "scheduling" },
    Prefix { partition: Partition::Global, prefix: "SWEEP#reminders", owner: "scheduling" },
    Prefix { partition: Partition::Patient, prefix: "WAIT#", owner: "scheduling" },
    Prefix { partition: Partition::Patient, prefix: "OFFER#", owner: "scheduling" },
    Prefix { partition: Partition::Practice, prefix: "OPENING#", owner: "scheduling" },
    Prefix { partition: Partition::Global, prefix: "ROUND#", owner: "scheduling" },
    Prefix { partition: Partition::Global, prefix: "SWEEP#rounds", owner: "scheduling" },
    Prefix { partition: Partition::Patient, prefix: "ROOM#", owner: "scheduling" },
    Prefix { partition: Partition::Global, prefix: "ROOMEND#", owner: "scheduling" },
    Prefix { partition: Partition::Global, prefix: "SWEEP#rooms", owner: "scheduling" },
];

pub const SERVICE_PREFIX: &str = "SERVICE#";

pub fn service(practice: &PracticeId, id: &ServiceId) -> Key {
    Key::new(practice_partition(practice), format!("{SERVICE_PREFIX}{id}"))
}

pub fn schedule(practice: &PracticeId, clinician: &StaffId) -> Key {
    Key::new(practice_partition(practice), format!("SCHEDULE#{clinician}"))
}

/// The sort key of a clinician's cell starting at `minute` (minutes since the epoch, UTC).
pub fn cell_sort(clinician: &StaffId, minute: i64) -> String {
    format!("CELL#{clinician}#{minute:010}")
}

pub fn cell(practice: &PracticeId, clinician: &StaffId, minute: i64) -> Key {
    Key::new(practice_partition(practice), cell_sort(clinician, minute))
}

pub const APPOINTMENT_PREFIX: &str = "APPT#";

pub fn appointment(practice: &PracticeId, patient: &PatientId, id: &AppointmentId) -> Key {
    Key::new(patient_partition(practice, patient), format!("{APPOINTMENT_PREFIX}{id}"))
}

pub fn hold(practice: &PracticeId, patient: &PatientId, service: &ServiceId) -> Key {
    Key::new(patient_partition(practice, patient), format!("HOLD#{service}"))
}

/// The index partition of the practice's appointments, by start.
pub fn practice_appointments(practice: &PracticeId) -> String {
    format!("{}#APPTS", practice_partition(practice))
}

/// The index partition of one clinician's appointments, by start.
pub fn clinician_appointments(practice: &PracticeId, clinician: &StaffId) -> String {
    format!("{}#APPTS#{clinician}", practice_partition(practice))
}

pub fn by_start(start: DateTime<Utc>, id: &AppointmentId) -> String {
    format!("{}#{id}", portico::time::sortable(start))
}

/// The global partition of the reminders due in one minute (one query per minute swept).
pub fn reminders_at(minute: DateTime<Utc>) -> String {
    format!("REMIND#{}", minute.format("%Y-%m-%dT%H:%M"))
}

pub fn reminder(due: DateTime<Utc>, practice: &PracticeId, appointment: &AppointmentId, hours: u32) -> Key {
    Key::new(reminders_at(due), format!("{practice}#{appointment}#{hours}"))
}

pub const WAITLIST_PREFIX: &str = "WAIT#";

pub fn waitlist_place(practice: &PracticeId, patient: &PatientId, id: &WaitlistId) -> Key {
    Key::new(patient_partition(practice, patient), format!("{WAITLIST_PREFIX}{id}"))
}

/// The index partition of a service's waiting line.
pub fn waitlist_line(practice: &PracticeId, service: &ServiceId) -> String {
    format!("{}#WAITLINE#{service}", practice_partition(practice))
}

pub const OFFER_PREFIX: &str = "OFFER#";

pub fn offer(practice: &PracticeId, patient: &PatientId, id: &OfferId) -> Key {
    Key::new(patient_partition(practice, patient), format!("{OFFER_PREFIX}{id}"))
}

pub fn opening(practice: &PracticeId, id: &str) -> Key {
    Key::new(practice_partition(practice), format!("OPENING#{id}"))
}

/// The index partition of the practice's openings, by creation.
pub fn openings(practice: &PracticeId) -> String {
    format!("{}#OPENINGS", practice_partition(practice))
}

/// The global partition of the waitlist rounds due in one minute.
pub fn rounds_at(minute: DateTime<Utc>) -> String {
    format!("ROUND#{}", minute.format("%Y-%m-%dT%H:%M"))
}

pub fn round_due(at: DateTime<Utc>, practice: &PracticeId, opening: &str) -> Key {
    Key::new(rounds_at(at), format!("{practice}#{opening}"))
}

/// A video visit's meeting, while its window is open.
pub fn room(practice: &PracticeId, patient: &PatientId, appointment: &AppointmentId) -> Key {
    Key::new(patient_partition(practice, patient), format!("ROOM#{appointment}"))
}

/// The global partition of the video meetings to end in one minute.
pub fn rooms_ending(minute: DateTime<Utc>) -> String {
    format!("ROOMEND#{}", minute.format("%Y-%m-%dT%H:%M"))
}

pub fn room_end(minute: DateTime<Utc>, room: &Key) -> Key {
    Key::new(rooms_ending(minute), format!("{}#{}", room.pk, room.sk))
}
