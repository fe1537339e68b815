//! Scheduling's HTTP handlers: the patient's side and the staff's, and what both ask the same way.

pub mod portal;
pub mod staff;
pub mod visits;
pub mod waitlist;

use chrono::{DateTime, Duration, Utc};
use portico::directory::staff as team;
use portico::http::{ApiError, Exchange};
use portico::ids::{PatientId, PracticeId, StaffId};
use portico::store::Table;

use crate::api::{Availability, Slot};
use crate::book::{self, Seeker};
use crate::model::Service;

/// An instant from the query string (RFC 3339), when it is there.
fn instant(x: &Exchange<'_>, name: &'static str) -> Result<Option<DateTime<Utc>>, ApiError> {
    x.query(name)
        .map(|raw| {
            DateTime::parse_from_rfc3339(&raw)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|_| ApiError::field(name, "must be an RFC 3339 instant"))
        })
        .transpose()
}

/// A clinician's name as the team lists it (empty for someone no longer on it).
async fn clinician_name(table: &dyn Table, practice: &PracticeId, id: &StaffId) -> Result<String, ApiError> {
    Ok(team::get(table, practice, id).await?.map(|m| m.display_name).unwrap_or_default())
}

/// The free times of a service, from every clinician who sees it (or the one asked for): one query of
/// each clinician's schedule and cells. Labels are in `zone`.
#[allow(clippy::too_many_arguments)]
async fn free_times(
    table: &dyn Table,
    practice: &PracticeId,
    service: &Service,
    only: Option<&StaffId>,
    seeker: Seeker<'_>,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    zone: String,
    now: DateTime<Utc>,
) -> Result<Availability, ApiError> {
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
    let mut slots = Vec::new();
    for clinician in service.clinicians.iter().filter(|c| only.is_none_or(|o| o == *c)) {
        let Some(schedule) = book::schedule(table, practice, clinician).await? else { continue };
        // The cells a visit's buffers reach just outside the range count too.
        let taken = book::taken(table, practice, clinician, from - Duration::hours(4), to + Duration::hours(4)).await?;
        let name = clinician_name(table, practice, clinician).await?;
        for start in book::open_slots(service, &schedule, &taken, seeker, (from, to), now) {
            slots.push(Slot {
                start,
                end: start + service.duration(),
                clinician_id: clinician.to_string(),
                clinician_name: name.clone(),
                clinician_time_zone: schedule.time_zone.clone(),
                local_start: start.with_timezone(&tz).to_rfc3339(),
            });
        }
    }
    slots.sort_by(|a, b| a.start.cmp(&b.start).then(a.clinician_id.cmp(&b.clinician_id)));
    Ok(Availability { service_id: service.service_id.to_string(), time_zone: zone, slots })
}

/// A patient id from a request body.
fn patient_id(raw: &str) -> Result<PatientId, ApiError> {
    PatientId::parse(raw).ok_or_else(|| ApiError::field("patient_id", "is not a patient id"))
}
