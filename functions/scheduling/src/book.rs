//! The rules of booking, written against the table: holds, race-free booking, requests, cancelling,
//! rescheduling and the staff's moves. Every change to a clinician's time is one transaction over the
//! five-minute cells it covers, each put on the condition that nobody else holds it, so of two bookings
//! that overlap by a minute exactly one lands. Every change to an appointment is conditional on its
//! status and version; anything else is a conflict.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use portico::bell::{BellItem, BellKind};
use portico::directory::{PatientNames, Practice};
use portico::idempotency::{self, Claimed};
use portico::ids::{AppointmentId, PatientId, PracticeId, ServiceId, StaffId};
use portico::store::{Condition, Index, Item, Query, StoreError, Table, Write};
use portico::tasks::{self, Task};
use portico::timeline::{TimelineEntry, TimelineKind};
use serde::{Deserialize, Serialize};

use crate::grid;
use crate::keys;
use crate::model::{Appointment, Booker, Booking, CANCEL_GRACE_MINUTES, HOLD_MINUTES, LateCancel, Schedule, Service, Status};

#[derive(Debug, thiserror::Error)]
pub enum BookingError {
    #[error("the time is taken")]
    Taken,
    #[error("the clinician does not offer that time for this service")]
    NotOffered,
    #[error("too soon: the service needs more notice")]
    TooSoon,
    #[error("too far ahead")]
    TooFar,
    #[error("patients do not book this service online")]
    StaffOnly,
    #[error("this service is requested, not held")]
    RequestOnly,
    #[error("the appointment changed meanwhile, or cannot make that move")]
    Conflict,
    #[error("too close to the start to do this online")]
    TooLate,
    #[error("the same Idempotency-Key was used for a different booking")]
    KeyReused,
    #[error(transparent)]
    Store(#[from] StoreError),
}

// ---- reading --------------------------------------------------------------------------------------

pub async fn service(table: &dyn Table, practice: &PracticeId, id: &ServiceId) -> Result<Option<Service>, StoreError> {
    let found: Option<Service> = table.get(&keys::service(practice, id)).await?.map(|i| i.record()).transpose()?;
    Ok(found.map(|mut s| {
        s.practice_id = Some(practice.clone());
        s
    }))
}

/// Every item a query finds, page after page.
pub async fn all<T: serde::de::DeserializeOwned>(table: &dyn Table, query: Query) -> Result<Vec<T>, StoreError> {
    let mut found = Vec::new();
    let mut page = table.query(query.clone()).await?;
    loop {
        for item in &page.items {
            found.push(item.record::<T>()?);
        }
        match page.next.take() {
            Some(next) => page = table.query(query.clone().after(Some(next))).await?,
            None => return Ok(found),
        }
    }
}

pub async fn services(table: &dyn Table, practice: &PracticeId) -> Result<Vec<Service>, StoreError> {
    let query = Query::partition(Index::Table, portico::keys::practice_partition(practice)).begins_with(keys::SERVICE_PREFIX);
    let mut found: Vec<Service> = all(table, query).await?;
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

pub async fn schedule(table: &dyn Table, practice: &PracticeId, clinician: &StaffId) -> Result<Option<Schedule>, StoreError> {
    table.get(&keys::schedule(practice, clinician)).await?.map(|i| i.record()).transpose()
}

pub async fn appointment(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    id: &AppointmentId,
) -> Result<Option<Appointment>, StoreError> {
    table.get(&keys::appointment(practice, patient, id)).await?.map(|i| i.record()).transpose()
}

/// A patient's appointments, in one query of their partition, soonest first.
pub async fn for_patient(table: &dyn Table, practice: &PracticeId, patient: &PatientId) -> Result<Vec<Appointment>, StoreError> {
    let query = Query::partition(Index::Table, portico::keys::patient_partition(practice, patient)).begins_with(keys::APPOINTMENT_PREFIX);
    let mut found: Vec<Appointment> = all(table, query).await?;
    found.sort_by_key(|a| a.start);
    Ok(found)
}

/// The practice's (or one clinician's) appointments starting in `[from, to)`, in one query of the index.
pub async fn between(
    table: &dyn Table,
    practice: &PracticeId,
    clinician: Option<&StaffId>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Appointment>, StoreError> {
    let (index, partition) = match clinician {
        Some(c) => (Index::Gsi2, keys::clinician_appointments(practice, c)),
        None => (Index::Gsi1, keys::practice_appointments(practice)),
    };
    let query = Query::partition(index, partition).between(portico::time::sortable(from), portico::time::sortable(to));
    all(table, query).await
}

/// Who holds each of a clinician's cells in `[from, to)`: booked, or held until an instant by a patient.
#[derive(Debug, Default)]
pub struct Taken {
    booked: BTreeSet<i64>,
    held: Vec<(i64, PatientId, i64)>,
}

impl Taken {
    /// Whether `cells` are free for `patient` at `now` (their own hold does not count against them).
    pub fn free_for(&self, cells: &[i64], patient: Option<&PatientId>, now: DateTime<Utc>) -> bool {
        cells.iter().all(|c| {
            !self.booked.contains(c)
                && !self.held.iter().any(|(cell, holder, until)| cell == c && *until > now.timestamp() && Some(holder) != patient)
        })
    }

    /// Whether any of `cells` is booked (not merely held).
    pub fn booked_any(&self, cells: &[i64]) -> bool {
        cells.iter().any(|c| self.booked.contains(c))
    }

    /// When the last live hold on any of `cells` lapses, if one is held at `now`.
    pub fn held_until(&self, cells: &[i64], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let last = self
            .held
            .iter()
            .filter(|(cell, _, until)| cells.contains(cell) && *until > now.timestamp())
            .map(|(_, _, until)| *until)
            .max()?;
        DateTime::from_timestamp(last, 0)
    }
}

pub async fn taken(
    table: &dyn Table,
    practice: &PracticeId,
    clinician: &StaffId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Taken, StoreError> {
    let query = Query::partition(Index::Table, portico::keys::practice_partition(practice))
        .between(keys::cell_sort(clinician, grid::cell_of(from)), keys::cell_sort(clinician, grid::cell_of(to)));
    let mut taken = Taken::default();
    let mut page = table.query(query.clone()).await?;
    loop {
        for item in &page.items {
            let minute = item.i64("minute").unwrap_or_default();
            match (item.str("booked"), item.str("holder").and_then(PatientId::parse), item.i64("hold_expires")) {
                (Some(_), _, _) => {
                    taken.booked.insert(minute);
                }
                (None, Some(holder), Some(until)) => taken.held.push((minute, holder, until)),
                _ => {}
            }
        }
        match page.next.take() {
            Some(next) => page = table.query(query.clone().after(Some(next))).await?,
            None => break,
        }
    }
    Ok(taken)
}

// ---- availability ---------------------------------------------------------------------------------

/// Who is looking for a time: a patient online (notice and horizon apply; their own hold does not
/// count against them), or staff booking for a patient (neither applies).
#[derive(Debug, Clone, Copy)]
pub enum Seeker<'a> {
    Patient(&'a PatientId),
    Staff,
}

/// The slots that can be booked: on the schedule, not blocked, and every cell (buffers included) free of
/// bookings and of others' live holds; online, within the service's notice and horizon too.
pub fn open_slots(
    service: &Service,
    schedule: &Schedule,
    taken: &Taken,
    seeker: Seeker<'_>,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    let (from, to, patient) = match seeker {
        Seeker::Patient(patient) => (
            from.max(now + Duration::minutes(service.min_notice_minutes)),
            to.min(now + Duration::days(service.horizon_days)),
            Some(patient),
        ),
        Seeker::Staff => (from.max(now), to, None),
    };
    grid::starts(schedule, service.duration_minutes, from, to)
        .into_iter()
        .filter(|start| {
            let (a, b) = service.occupies(*start);
            !grid::blocked(&schedule.blocks, a, b) && taken.free_for(&grid::cells(a, b), patient, now)
        })
        .collect()
}

/// Checks that a patient may book `start` (staff skip notice and horizon).
fn check_slot(
    service: &Service,
    schedule: &Schedule,
    start: DateTime<Utc>,
    by_staff: bool,
    now: DateTime<Utc>,
) -> Result<(), BookingError> {
    if !grid::offered(schedule, service, start) {
        return Err(BookingError::NotOffered);
    }
    if start <= now {
        return Err(BookingError::TooSoon);
    }
    if !by_staff {
        if start < now + Duration::minutes(service.min_notice_minutes) {
            return Err(BookingError::TooSoon);
        }
        if start > now + Duration::days(service.horizon_days) {
            return Err(BookingError::TooFar);
        }
    }
    Ok(())
}

// ---- cells ----------------------------------------------------------------------------------------

fn cell_item(practice: &PracticeId, clinician: &StaffId, minute: i64) -> Item {
    Item::new(keys::cell(practice, clinician, minute)).with("minute", minute)
}

/// Free for `patient`: nobody's, or their own hold, or a hold that has lapsed (checked here, never left
/// to the table's expiry).
fn free_for(patient: &PatientId, now: DateTime<Utc>) -> Condition {
    Condition::NotExists.or(Condition::eq("holder", patient.as_str())).or(Condition::lt("hold_expires", now.timestamp()))
}

fn take_cells(appointment: &Appointment, cells: &[i64], keep: &BTreeSet<i64>, now: DateTime<Utc>) -> Vec<Write> {
    cells
        .iter()
        .filter(|c| !keep.contains(c))
        .map(|minute| {
            let item =
                cell_item(&appointment.practice_id, &appointment.clinician_id, *minute).with("booked", appointment.appointment_id.as_str());
            Write::put(item, free_for(&appointment.patient_id, now))
        })
        .collect()
}

fn release_cells(appointment: &Appointment, keep: &BTreeSet<i64>) -> Vec<Write> {
    appointment
        .cells
        .iter()
        .filter(|c| !keep.contains(c))
        .map(|minute| Write::Delete {
            key: keys::cell(&appointment.practice_id, &appointment.clinician_id, *minute),
            condition: Condition::eq("booked", appointment.appointment_id.as_str()),
        })
        .collect()
}

/// The patient's hold on a service: the cells it keeps until `expires`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Hold {
    pub service_id: ServiceId,
    pub clinician_id: StaffId,
    pub start: DateTime<Utc>,
    pub cells: Vec<i64>,
    pub expires: DateTime<Utc>,
}

/// Gives back a live hold's cells (those not in `keep`), each on condition that it is still this
/// patient's hold. Best effort, after the change that replaced the hold: a lapsed hold is free anyway.
async fn release_hold_cells(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    hold: Option<&Hold>,
    keep: &BTreeSet<i64>,
    clinician: &StaffId,
    now: DateTime<Utc>,
) {
    let Some(hold) = hold.filter(|h| h.expires > now) else { return };
    for minute in hold.cells.iter().filter(|c| !(&hold.clinician_id == clinician && keep.contains(c))) {
        let condition = Condition::eq("holder", patient.as_str()).and(Condition::Missing("booked".into()));
        if let Err(e) = table.delete(&keys::cell(practice, &hold.clinician_id, *minute), condition).await
            && !e.is_condition_failed()
        {
            tracing::warn!(error = %e, "a held cell was not given back; it lapses with the hold");
        }
    }
}

async fn current_hold(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    service: &ServiceId,
) -> Result<Option<Hold>, StoreError> {
    table.get(&keys::hold(practice, patient, service)).await?.map(|i| i.record()).transpose()
}

/// Gives up a patient's live hold on a service: its cells and the hold itself. False when there was none.
pub async fn release_hold(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    service: &ServiceId,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let Some(hold) = current_hold(table, practice, patient, service).await?.filter(|h| h.expires > now) else { return Ok(false) };
    release_hold_cells(table, practice, patient, Some(&hold), &BTreeSet::new(), &hold.clinician_id, now).await;
    match table.delete(&keys::hold(practice, patient, service), Condition::Exists).await {
        Ok(()) => Ok(true),
        Err(e) if e.is_condition_failed() => Ok(false),
        Err(e) => Err(e),
    }
}

/// Reads a failed transaction: a cell's condition (or a conflict) means someone else has the time.
fn taken_or(e: StoreError) -> BookingError {
    match e {
        StoreError::ConditionFailed { .. } | StoreError::Conflict => BookingError::Taken,
        other => BookingError::Store(other),
    }
}

/// Holds a slot for [`HOLD_MINUTES`]: the patient's earlier hold on the service is given up.
pub async fn hold(
    table: &dyn Table,
    service: &Service,
    schedule: &Schedule,
    practice: &PracticeId,
    patient: &PatientId,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Hold, BookingError> {
    match service.booking {
        Booking::Patients => {}
        Booking::RequestOnly => return Err(BookingError::RequestOnly),
        Booking::StaffOnly => return Err(BookingError::StaffOnly),
    }
    check_slot(service, schedule, start, false, now)?;
    let (a, b) = service.occupies(start);
    let cells = grid::cells(a, b);
    let expires = now + Duration::minutes(HOLD_MINUTES);
    let hold =
        Hold { service_id: service.service_id.clone(), clinician_id: schedule.clinician_id.clone(), start, cells: cells.clone(), expires };
    let earlier = current_hold(table, practice, patient, &service.service_id).await?;
    let keep: BTreeSet<i64> = cells.iter().copied().collect();
    let mut writes: Vec<Write> = cells
        .iter()
        .map(|minute| {
            let item = cell_item(practice, &schedule.clinician_id, *minute)
                .with("holder", patient.as_str())
                .with("hold_expires", expires.timestamp())
                .expiring_at(expires.timestamp() + 3600);
            Write::put(item, free_for(patient, now))
        })
        .collect();
    writes.push(Write::put(
        Item::from_record(keys::hold(practice, patient, &service.service_id), &hold)?.expiring_at(expires.timestamp() + 3600),
        Condition::Always,
    ));
    table.transact(writes).await.map_err(taken_or)?;
    release_hold_cells(table, practice, patient, earlier.as_ref(), &keep, &schedule.clinician_id, now).await;
    Ok(hold)
}

/// How long an `Idempotency-Key` is remembered.
const KEY_HOURS: i64 = 24;

/// What a booking asks for, to compare a repeated `Idempotency-Key` with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Booked {
    appointment_id: AppointmentId,
    request: String,
}

/// A new appointment (booked, or requested for a request-only service) for `patient`.
pub struct NewAppointment<'a> {
    pub practice: &'a Practice,
    pub service: &'a Service,
    pub schedule: &'a Schedule,
    pub patient: &'a PatientId,
    pub names: Option<PatientNames>,
    pub clinician_name: String,
    pub start: DateTime<Utc>,
    pub booker: Booker,
    /// The caller's `Idempotency-Key` and a digest of what they asked, when they sent one.
    pub key: Option<(String, String)>,
}

/// Books (or requests) in one transaction: the cells, the appointment, its staff task, the hold given
/// up, and the idempotency record. The same key with the same request answers the same appointment.
pub async fn book(table: &dyn Table, new: NewAppointment<'_>, now: DateTime<Utc>) -> Result<(Appointment, bool), BookingError> {
    let by_staff = matches!(new.booker, Booker::Staff { .. });
    if !by_staff && new.service.booking == Booking::StaffOnly {
        return Err(BookingError::StaffOnly);
    }
    let practice = &new.practice.id;
    let claimed = new.key.as_ref().map(|(key, _)| Claimed::new(practice, "booking", &format!("{}:{key}", new.patient)));
    if let (Some(claimed), Some((_, request))) = (&claimed, &new.key)
        && let Some(earlier) = replay(table, claimed, request, practice, new.patient, now).await?
    {
        return Ok((earlier, false));
    }
    check_slot(new.service, new.schedule, new.start, by_staff, now)?;
    let requested = !by_staff && new.service.booking == Booking::RequestOnly;
    let (a, b) = new.service.occupies(new.start);
    let cells = if requested { Vec::new() } else { grid::cells(a, b) };
    let appointment = Appointment {
        practice_id: practice.clone(),
        appointment_id: AppointmentId::generate(now),
        patient_id: new.patient.clone(),
        patient_names: new.names.clone(),
        service_id: new.service.service_id.clone(),
        service_name: new.service.name.clone(),
        mode: new.service.mode,
        confidential: new.service.confidential,
        clinician_id: new.schedule.clinician_id.clone(),
        clinician_name: new.clinician_name.clone(),
        start: new.start,
        end: new.start + new.service.duration(),
        time_zone: new.schedule.time_zone.clone(),
        status: if requested { Status::Requested } else { Status::Booked },
        cells: cells.clone(),
        late_cancel: false,
        cancel_reason: None,
        confirmed_at: None,
        booked_by: new.booker.clone(),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    // The key's record first: a repeated request fails on it before anything else.
    let mut writes = Vec::new();
    if let (Some(claimed), Some((_, request))) = (&claimed, &new.key) {
        let record = Booked { appointment_id: appointment.appointment_id.clone(), request: request.clone() };
        writes.push(idempotency::once_for(claimed, &record, now, Duration::hours(KEY_HOURS))?);
    }
    writes.extend(placed(new.practice, &appointment, by_staff, now)?);
    let hold = current_hold(table, practice, new.patient, &new.service.service_id).await?;
    if hold.is_some() {
        writes.push(Write::Delete { key: keys::hold(practice, new.patient, &new.service.service_id), condition: Condition::Always });
    }
    match table.transact(writes).await {
        Ok(()) => {
            // The hold's other cells lapse on their own; giving them back now is a courtesy.
            let taking: BTreeSet<i64> = cells.iter().copied().collect();
            release_hold_cells(table, practice, new.patient, hold.as_ref(), &taking, &new.schedule.clinician_id, now).await;
            Ok((appointment, true))
        }
        // With a key, whatever failed may be the same request landing first (a retry, a second tab):
        // answer what it booked.
        Err(StoreError::ConditionFailed { .. } | StoreError::Conflict) if claimed.is_some() => {
            let (Some(claimed), Some((_, request))) = (&claimed, &new.key) else { return Err(BookingError::Conflict) };
            match replay(table, claimed, request, practice, new.patient, now).await? {
                Some(earlier) => Ok((earlier, false)),
                None => Err(BookingError::Taken),
            }
        }
        Err(e) => Err(taken_or(e)),
    }
}

/// What a new appointment writes: its cells (each free, or the patient's own hold), itself, its
/// reminders when booked, its home card and timeline entry, and the staff's task.
fn placed(practice: &Practice, appointment: &Appointment, by_staff: bool, now: DateTime<Utc>) -> Result<Vec<Write>, StoreError> {
    let mut writes = take_cells(appointment, &appointment.cells, &BTreeSet::new(), now);
    writes.push(Write::put(appointment_item(appointment)?, Condition::NotExists));
    if appointment.status == Status::Booked {
        writes.extend(crate::reminders::due_writes(appointment, practice, now)?);
    }
    writes.extend(consequences(appointment, Some(TimelineKind::AppointmentBooked), by_staff, now)?);
    let id = appointment.appointment_id.as_str();
    let task = Task::for_appointment(&practice.id, &appointment.patient_id, appointment.patient_names.as_ref(), id, now);
    writes.push(tasks::ensure_open_write(None, &task)?);
    Ok(writes)
}

/// A booking the practice offered the patient (a waitlist claim): booked at once, with what a booking
/// writes; the caller adds its own writes and commits them together.
pub fn booking_writes(
    practice: &Practice,
    (service, schedule): (&Service, &Schedule),
    patient: &PatientId,
    (names, booker): (Option<PatientNames>, Booker),
    (clinician_name, start): (&str, DateTime<Utc>),
    now: DateTime<Utc>,
) -> Result<(Appointment, Vec<Write>), StoreError> {
    let (a, b) = service.occupies(start);
    let appointment = Appointment {
        practice_id: practice.id.clone(),
        appointment_id: AppointmentId::generate(now),
        patient_id: patient.clone(),
        patient_names: names,
        service_id: service.service_id.clone(),
        service_name: service.name.clone(),
        mode: service.mode,
        confidential: service.confidential,
        clinician_id: schedule.clinician_id.clone(),
        clinician_name: clinician_name.to_string(),
        start,
        end: start + service.duration(),
        time_zone: schedule.time_zone.clone(),
        status: Status::Booked,
        cells: grid::cells(a, b),
        late_cancel: false,
        cancel_reason: None,
        confirmed_at: None,
        booked_by: booker,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let writes = placed(practice, &appointment, false, now)?;
    Ok((appointment, writes))
}

/// One write per item: updates of the same item (two appointments' changes to the home card) become
/// one, since a transaction may touch an item only once.
pub fn merged(writes: Vec<Write>) -> Vec<Write> {
    let mut out: Vec<Write> = Vec::with_capacity(writes.len());
    for write in writes {
        if let Write::Update(update) = &write
            && let Some(Write::Update(first)) = out.iter_mut().find(|w| matches!(w, Write::Update(f) if f.key == update.key))
        {
            first.set.extend(update.set.iter().cloned());
            first.add.extend(update.add.iter().cloned());
            first.remove.extend(update.remove.iter().cloned());
            continue;
        }
        out.push(write);
    }
    out
}

/// When a booked time is given back far enough ahead, the waitlist may be offered it.
fn freed(before: &Appointment, now: DateTime<Utc>) -> Result<Option<Write>, StoreError> {
    if before.status != Status::Booked || before.start - now <= Duration::hours(crate::waitlist::LAST_OFFER_HOURS) {
        return Ok(None);
    }
    let kind = portico::events::EventKind::SlotFreed {
        clinician_id: before.clinician_id.clone(),
        service_id: before.service_id.clone(),
        start: before.start,
    };
    Ok(Some(portico::events::Event::new(&before.practice_id, &before.patient_id, kind, now).write()?))
}

/// The appointment an earlier booking with the same key made, if any; a different request is refused.
async fn replay(
    table: &dyn Table,
    claimed: &Claimed,
    request: &str,
    practice: &PracticeId,
    patient: &PatientId,
    now: DateTime<Utc>,
) -> Result<Option<Appointment>, BookingError> {
    match idempotency::outcome::<Booked>(table, claimed, now).await? {
        None => Ok(None),
        Some(earlier) if earlier.request == request => Ok(appointment(table, practice, patient, &earlier.appointment_id).await?),
        Some(_) => Err(BookingError::KeyReused),
    }
}

/// What a change of an appointment writes besides itself, in its transaction: the home item's
/// upcoming list (and bell count), a timeline entry, and when the practice made the change, a bell item.
fn consequences(after: &Appointment, change: Option<TimelineKind>, by_staff: bool, now: DateTime<Utc>) -> Result<Vec<Write>, StoreError> {
    let (practice, patient, id) = (&after.practice_id, &after.patient_id, after.appointment_id.as_str());
    let ahead = matches!(after.status, Status::Requested | Status::Booked) && after.start > now;
    let upcoming = ahead.then(|| portico::home::Upcoming {
        appointment_id: id.to_string(),
        start: after.start,
        service_name: after.service_name.clone(),
        clinician_name: after.clinician_name.clone(),
        status: after.status.as_str().to_string(),
        confidential: after.confidential,
    });
    // The practice's changes to a booking ring the bell; attendance is the patient's own doing.
    let rang = by_staff && change.is_some_and(|kind| !kind.is_attendance());
    let mut writes = vec![portico::home::appointment_changed(practice, patient, id, upcoming.as_ref(), rang)?];
    if let Some(kind) = change {
        let source = format!("{id}-v{}", after.version);
        let by = if by_staff { "staff" } else { "patient" };
        let mut entry = TimelineEntry::appointment(now, kind, &after.service_name, id, after.start, by);
        entry.confidential = after.confidential;
        writes.push(portico::timeline::entry_write(practice, patient, &source, &entry)?);
        if rang {
            let item = BellItem {
                id: portico::bell::new_id(now, &source),
                at: now,
                kind: BellKind::AppointmentChanged,
                thread_id: None,
                appointment_id: Some(id.to_string()),
                appointment_change: Some(
                    match kind {
                        TimelineKind::AppointmentMoved => "moved",
                        TimelineKind::AppointmentCancelled => "cancelled",
                        _ => "booked",
                    }
                    .to_string(),
                ),
                title: Some(after.service_name.clone()),
                read_at: None,
            };
            writes.push(portico::bell::ring(practice, patient, &item)?);
        }
        if kind == TimelineKind::AppointmentBooked && after.status == Status::Booked {
            // Every booking is confirmed to the patient, by whoever made it: the practice and the time,
            // nothing else; sent only while it still stands at that time.
            let key = keys::appointment(practice, patient, &after.appointment_id);
            let at = serde_json::to_value(after.start).map_err(|e| StoreError::Invalid(e.to_string()))?;
            let still = portico::events::Still {
                pk: key.pk,
                sk: key.sk,
                equals: vec![("status".into(), serde_json::json!(Status::Booked.as_str())), ("start".into(), at)],
                until: after.start,
            };
            let notice = portico::events::EventKind::PatientNotice {
                category: portico::notify::gate::Category::AppointmentReminders,
                template: portico::notify::wording::TemplateKind::AppointmentBooked,
                urgent: false,
                item: None,
                when: Some(portico::events::When { at: after.start, time_zone: after.time_zone.clone() }),
                still: Some(still),
                answers_text: false,
            };
            writes.push(portico::events::Event::new(practice, patient, notice, now).write()?);
        } else if rang {
            // A change the practice made tells the patient, without details, through the send gate.
            let notice = portico::events::EventKind::PatientNotice {
                category: portico::notify::gate::Category::AppointmentReminders,
                template: portico::notify::wording::TemplateKind::AppointmentUpdate,
                urgent: false,
                item: None,
                when: None,
                still: None,
                answers_text: false,
            };
            writes.push(portico::events::Event::new(practice, patient, notice, now).write()?);
        }
    }
    Ok(writes)
}

fn appointment_item(appointment: &Appointment) -> Result<Item, StoreError> {
    let sort = keys::by_start(appointment.start, &appointment.appointment_id);
    Ok(Item::from_record(keys::appointment(&appointment.practice_id, &appointment.patient_id, &appointment.appointment_id), appointment)?
        .indexed(Index::Gsi1, keys::practice_appointments(&appointment.practice_id), sort.clone())
        .indexed(Index::Gsi2, keys::clinician_appointments(&appointment.practice_id, &appointment.clinician_id), sort))
}

/// The appointment as changed, put on the condition that it is still as read.
fn save(before: &Appointment, after: &Appointment) -> Result<Write, StoreError> {
    Ok(Write::put(appointment_item(after)?, Condition::VersionIs(before.version).and(Condition::eq("status", before.status.as_str()))))
}

fn changed(before: &Appointment, now: DateTime<Utc>) -> Appointment {
    let mut after = before.clone();
    after.updated_at = now;
    after.version = before.version + 1;
    after
}

/// Whether cancelling now is late: inside the service's cancel notice, and not in the grace minutes
/// after booking.
pub fn is_late(appointment: &Appointment, service: &Service, now: DateTime<Utc>) -> bool {
    let grace = now < appointment.created_at + Duration::minutes(CANCEL_GRACE_MINUTES);
    !grace && appointment.start - now < Duration::hours(service.cancel_notice_hours)
}

/// Cancels: the time is released in the same transaction. Staff are exempt from the late rules.
pub async fn cancel(
    table: &dyn Table,
    before: &Appointment,
    service: Option<&Service>,
    reason: Option<String>,
    by_staff: bool,
    now: DateTime<Utc>,
) -> Result<Appointment, BookingError> {
    if !before.status.may_become(Status::Cancelled) {
        return Err(BookingError::Conflict);
    }
    let late = !by_staff && service.is_some_and(|s| is_late(before, s, now));
    if late && service.is_some_and(|s| s.late_cancel == LateCancel::Block) {
        return Err(BookingError::TooLate);
    }
    let late = late && service.is_some_and(|s| s.late_cancel == LateCancel::AllowAsLate);
    let (after, writes) = cancelled(before, (late, reason), by_staff, now)?;
    table.transact(writes).await.map_err(|e| match e {
        StoreError::ConditionFailed { .. } | StoreError::Conflict => BookingError::Conflict,
        other => BookingError::Store(other),
    })?;
    Ok(after)
}

/// The appointment cancelled, and its writes: the time released (and offered to the waitlist), the
/// appointment on condition it is as read, its home card and timeline.
fn cancelled(
    before: &Appointment,
    (late, reason): (bool, Option<String>),
    by_staff: bool,
    now: DateTime<Utc>,
) -> Result<(Appointment, Vec<Write>), StoreError> {
    let mut after = changed(before, now);
    after.status = Status::Cancelled;
    after.late_cancel = late;
    after.cancel_reason = reason;
    after.cells = Vec::new();
    let mut writes = release_cells(before, &BTreeSet::new());
    writes.push(save(before, &after)?);
    writes.extend(consequences(&after, Some(TimelineKind::AppointmentCancelled), by_staff, now)?);
    writes.extend(freed(before, now)?);
    Ok((after, writes))
}

/// The patient's later appointment a waitlist claim replaces, cancelled in the claim's transaction.
pub fn cancel_writes(before: &Appointment, reason: &str, now: DateTime<Utc>) -> Result<(Appointment, Vec<Write>), StoreError> {
    cancelled(before, (false, Some(reason.to_string())), false, now)
}

/// Where an appointment moves to.
pub struct Move<'a> {
    pub practice: &'a Practice,
    pub service: &'a Service,
    pub schedule: &'a Schedule,
    pub clinician_name: &'a str,
    pub start: DateTime<Utc>,
    pub by_staff: bool,
}

/// Moves an appointment: the old cells released and the new ones taken in one transaction; if the new
/// time is taken, nothing changes.
pub async fn reschedule(table: &dyn Table, before: &Appointment, to: Move<'_>, now: DateTime<Utc>) -> Result<Appointment, BookingError> {
    let Move { practice, service, schedule, clinician_name, start, by_staff } = to;
    if before.status != Status::Booked && before.status != Status::Requested {
        return Err(BookingError::Conflict);
    }
    if !by_staff && before.start - now < Duration::hours(service.reschedule_notice_hours) {
        return Err(BookingError::TooLate);
    }
    check_slot(service, schedule, start, by_staff, now)?;
    let mut after = changed(before, now);
    let (a, b) = service.occupies(start);
    after.start = start;
    after.end = start + service.duration();
    after.clinician_id = schedule.clinician_id.clone();
    after.clinician_name = clinician_name.to_string();
    after.time_zone = schedule.time_zone.clone();
    after.confirmed_at = None;
    let mut writes = Vec::new();
    if before.status == Status::Booked {
        after.cells = grid::cells(a, b);
        let same = before.clinician_id == after.clinician_id;
        let overlap: BTreeSet<i64> =
            if same { before.cells.iter().copied().filter(|c| after.cells.contains(c)).collect() } else { BTreeSet::new() };
        writes.extend(release_cells(before, &overlap));
        writes.extend(take_cells(&after, &after.cells, &overlap, now));
        // The old time's reminders no longer match its start; the new time gets its own.
        writes.extend(crate::reminders::due_writes(&after, practice, now)?);
        if before.start != after.start || before.clinician_id != after.clinician_id {
            writes.extend(freed(before, now)?);
        }
    }
    writes.push(save(before, &after)?);
    writes.extend(consequences(&after, Some(TimelineKind::AppointmentMoved), by_staff, now)?);
    table.transact(writes).await.map_err(taken_or)?;
    Ok(after)
}

/// A staff move: confirm a request (which takes the time like a booking), arrived, fulfilled, no-show.
pub async fn transition(table: &dyn Table, before: &Appointment, next: Status, now: DateTime<Utc>) -> Result<Appointment, BookingError> {
    if !before.status.may_become(next) || next == Status::Cancelled {
        return Err(BookingError::Conflict);
    }
    let mut after = changed(before, now);
    after.status = next;
    if before.status == Status::Requested {
        // Confirming a request takes the clinician's time: that is `confirm_request`.
        return Err(BookingError::Conflict);
    }
    // Nobody arrives a day early, and nobody is a no-show before the start.
    let too_early = match next {
        Status::Arrived => now < before.start - Duration::hours(2),
        Status::NoShow | Status::Fulfilled => now < before.start,
        _ => false,
    };
    if too_early {
        return Err(BookingError::Conflict);
    }
    let mut writes = Vec::new();
    if next == Status::Fulfilled || next == Status::NoShow {
        // The visit is over: the time is no longer held.
        writes.extend(release_cells(before, &BTreeSet::new()));
        after.cells = Vec::new();
    }
    writes.push(save(before, &after)?);
    // Arriving and a visit taking place are the patient's attendance, on their timeline (billing shows
    // the times, never the visit, when a payment is disputed).
    let attended = match next {
        Status::Arrived => Some(TimelineKind::AppointmentArrived),
        Status::Fulfilled => Some(TimelineKind::AppointmentCompleted),
        _ => None,
    };
    writes.extend(consequences(&after, attended, true, now)?);
    table.transact(writes).await.map_err(|e| match e {
        StoreError::ConditionFailed { .. } | StoreError::Conflict => BookingError::Conflict,
        other => BookingError::Store(other),
    })?;
    Ok(after)
}

/// Confirms a request: the lock transaction runs now, as for a booking.
pub async fn confirm_request(
    table: &dyn Table,
    practice: &Practice,
    before: &Appointment,
    (service, schedule): (&Service, &Schedule),
    now: DateTime<Utc>,
) -> Result<Appointment, BookingError> {
    if before.status != Status::Requested {
        return Err(BookingError::Conflict);
    }
    // Still a time the clinician offers (not past, not blocked since), as for a booking by staff.
    check_slot(service, schedule, before.start, true, now)?;
    let mut after = changed(before, now);
    after.status = Status::Booked;
    let (a, b) = service.occupies(before.start);
    after.cells = grid::cells(a, b);
    let mut writes = take_cells(&after, &after.cells, &BTreeSet::new(), now);
    writes.extend(crate::reminders::due_writes(&after, practice, now)?);
    writes.push(save(before, &after)?);
    writes.extend(consequences(&after, Some(TimelineKind::AppointmentBooked), true, now)?);
    table.transact(writes).await.map_err(taken_or)?;
    Ok(after)
}

/// The patient confirms they will come.
pub async fn confirm_attendance(table: &dyn Table, before: &Appointment, now: DateTime<Utc>) -> Result<Appointment, BookingError> {
    if before.status != Status::Booked {
        return Err(BookingError::Conflict);
    }
    if before.confirmed_at.is_some() {
        return Ok(before.clone());
    }
    let (after, writes) = attendance(before, now)?;
    table.transact(writes).await.map_err(|e| match e {
        StoreError::ConditionFailed { .. } | StoreError::Conflict => BookingError::Conflict,
        other => BookingError::Store(other),
    })?;
    Ok(after)
}

/// The appointment confirmed, and the write that confirms it on condition it is still as read.
pub fn attendance(before: &Appointment, now: DateTime<Utc>) -> Result<(Appointment, Vec<Write>), StoreError> {
    let mut after = changed(before, now);
    after.confirmed_at = Some(now);
    let write = save(before, &after)?;
    Ok((after, vec![write]))
}
