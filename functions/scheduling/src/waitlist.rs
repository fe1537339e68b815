//! The waitlist: patients who want a service sooner (any time, or earlier than the appointment they
//! have), offered each freed time in small batches, first claim wins.
//!
//! - A patient **joins** for a service, with the clinicians, days, parts of the day and date range they
//!   accept, and optionally the appointment an earlier time would replace. Staff may raise a place's
//!   priority; offers go by priority, then first come first served.
//! - A booked time given back (a cancel, a move, a claim's replaced appointment) is an **opening**
//!   ([`EventKind::SlotFreed`], applied once: the opening is named after its event). Each round offers
//!   it to the next [`Practice`]'s `waitlist_batch` matching patients (3 unless the practice says
//!   otherwise) for a claim window ([`claim_window`]), and the due item at the window's end starts the
//!   next round. No round starts within [`LAST_OFFER_HOURS`] of the start, nor in [`OFFER_HOURS`]'
//!   night in the visit's zone (the round waits for the morning).
//! - A **claim** is the booking's own lock transaction, and in the same transaction it fills the
//!   opening (so of three claims one wins), spends the offer and the waitlist place, and cancels the
//!   later appointment it replaces, whose time becomes an opening of its own.
//! - The **report** reads the openings: offers made, claimed, the fill rate and the days gained.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Timelike, Utc};
use portico::directory::{PatientNames, Practice};
use portico::events::{Event, EventKind, Still, When};
use portico::ids::{AppointmentId, OfferId, PatientId, PracticeId, ServiceId, StaffId, WaitlistId};
use portico::keys::patient_partition;
use portico::notify::gate::Category;
use portico::notify::wording::TemplateKind;
use portico::store::{Condition, Index, Item, Query, StoreError, Table, Write};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::book::{self, BookingError};
use crate::grid;
use crate::keys;
use crate::model::{Appointment, DAYS, Schedule, Service, Status};

/// No offer goes out this close to the start: nobody can plan on it.
pub const LAST_OFFER_HOURS: i64 = 2;
/// The local hours (in the visit's zone) rounds start in: not at night.
pub const OFFER_HOURS: (u32, u32) = (8, 21);
/// The most places one patient keeps at a practice.
pub const MAX_PLACES: usize = 5;

/// The shortest claim window worth sending: anything shorter closes the opening instead.
pub const MIN_WINDOW_MINUTES: i64 = 10;

/// How long an offer may be claimed: 15 minutes for a time within a day, an hour within three days,
/// four hours beyond; never past [`LAST_OFFER_HOURS`] before the start, and never shorter than
/// [`MIN_WINDOW_MINUTES`] (none then: too late to offer).
pub fn claim_window(start: DateTime<Utc>, now: DateTime<Utc>) -> Option<Duration> {
    let ahead = start - now;
    let window = if ahead <= Duration::days(1) {
        Duration::minutes(15)
    } else if ahead <= Duration::days(3) {
        Duration::hours(1)
    } else {
        Duration::hours(4)
    };
    let window = window.min(ahead - Duration::hours(LAST_OFFER_HOURS));
    (window >= Duration::minutes(MIN_WINDOW_MINUTES)).then_some(window)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartOfDay {
    /// Before noon.
    Morning,
    /// Noon to 17:00.
    Afternoon,
    /// From 17:00.
    Evening,
}

impl PartOfDay {
    fn of(hour: u32) -> Self {
        match hour {
            0..12 => PartOfDay::Morning,
            12..17 => PartOfDay::Afternoon,
            _ => PartOfDay::Evening,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Offered first (staff set it: a clinical need to be seen sooner).
    High,
    Normal,
}

impl Priority {
    fn rank(self) -> u8 {
        match self {
            Priority::High => 0,
            Priority::Normal => 1,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlaceStatus {
    Waiting,
    /// An offer was claimed.
    Booked,
    /// The patient left, or the date range passed.
    Left,
}

/// A patient's place on a service's waitlist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub practice_id: PracticeId,
    pub entry_id: WaitlistId,
    pub patient_id: PatientId,
    #[serde(default)]
    pub patient_names: Option<PatientNames>,
    pub service_id: ServiceId,
    pub service_name: String,
    /// Empty: any clinician who sees the service.
    pub clinicians: Vec<StaffId>,
    /// `mon` … `sun`; empty: any day.
    pub days: Vec<String>,
    /// Empty: any time of day.
    pub parts_of_day: Vec<PartOfDay>,
    /// The first and last acceptable days, in the visit's zone.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The booked appointment an earlier time would replace, and its start.
    pub replaces: Option<AppointmentId>,
    pub replaces_start: Option<DateTime<Utc>>,
    pub priority: Priority,
    pub status: PlaceStatus,
    pub created_at: DateTime<Utc>,
    pub version: u64,
}

impl Place {
    /// Still waiting on `today` (the practice's date): its last acceptable day has not passed.
    pub fn waiting_on(&self, today: NaiveDate) -> bool {
        self.status == PlaceStatus::Waiting && self.to >= today
    }

    /// Whether a freed time suits this place.
    fn suits(&self, opening: &Opening, now: DateTime<Utc>) -> bool {
        let tz: chrono_tz::Tz = opening.time_zone.parse().unwrap_or(chrono_tz::UTC);
        let local = opening.start.with_timezone(&tz);
        let day = DAYS[local.weekday().num_days_from_monday() as usize];
        self.status == PlaceStatus::Waiting
            && self.service_id == opening.service_id
            && (self.clinicians.is_empty() || self.clinicians.contains(&opening.clinician_id))
            && (self.days.is_empty() || self.days.iter().any(|d| d == day))
            && (self.parts_of_day.is_empty() || self.parts_of_day.contains(&PartOfDay::of(local.hour())))
            && (self.from..=self.to).contains(&local.date_naive())
            && self.replaces_start.is_none_or(|later| opening.start < later)
            && now.with_timezone(&tz).date_naive() <= self.to
    }

    fn item(&self) -> Result<Item, StoreError> {
        let key = keys::waitlist_place(&self.practice_id, &self.patient_id, &self.entry_id);
        let item = Item::from_record(key, self)?;
        // Only a waiting place is in the line the offers read.
        Ok(if self.status == PlaceStatus::Waiting {
            let sort = format!("{}#{}#{}", self.priority.rank(), portico::time::sortable(self.created_at), self.entry_id);
            item.indexed(Index::Gsi1, keys::waitlist_line(&self.practice_id, &self.service_id), sort)
        } else {
            item.expiring_at((self.created_at + Duration::days(400)).timestamp())
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpeningStatus {
    /// Being offered.
    Open,
    /// Claimed from the waitlist.
    Filled,
    /// Taken otherwise, too close to the start, or nobody left to offer it to.
    Closed,
}

/// A freed time and what became of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opening {
    pub practice_id: PracticeId,
    /// The id of the event that freed it.
    pub opening_id: String,
    pub service_id: ServiceId,
    pub clinician_id: StaffId,
    pub start: DateTime<Utc>,
    pub time_zone: String,
    pub status: OpeningStatus,
    /// The places offered it so far, in order.
    pub offered: Vec<WaitlistId>,
    pub rounds: u32,
    pub next_round_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub filled_by: Option<PatientId>,
    /// For a claim that replaced a later appointment: how much sooner the patient is seen.
    #[serde(default)]
    pub days_gained: Option<f64>,
    pub created_at: DateTime<Utc>,
    pub version: u64,
}

impl Opening {
    fn item(&self) -> Result<Item, StoreError> {
        Ok(Item::from_record(keys::opening(&self.practice_id, &self.opening_id), self)?
            .indexed(Index::Gsi1, keys::openings(&self.practice_id), portico::time::sortable(self.created_at))
            .expiring_at((self.created_at + Duration::days(400)).timestamp()))
    }

    /// The opening as changed, put on the condition that it is still as read.
    fn save(&self, after: &Opening) -> Result<Write, StoreError> {
        Ok(Write::put(after.item()?, Condition::VersionIs(self.version).and(Condition::eq("status", "open"))))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OfferStatus {
    /// May be claimed until `expires_at`.
    Offered,
    Claimed,
    /// Someone else claimed it first, or the time was taken otherwise.
    Gone,
    /// The claim window passed.
    Expired,
}

/// A freed time offered to one waitlisted patient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    pub practice_id: PracticeId,
    pub offer_id: OfferId,
    pub opening_id: String,
    pub entry_id: WaitlistId,
    pub patient_id: PatientId,
    pub service_id: ServiceId,
    pub service_name: String,
    pub clinician_id: StaffId,
    pub clinician_name: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub time_zone: String,
    pub expires_at: DateTime<Utc>,
    pub status: OfferStatus,
    #[serde(default)]
    pub replaces: Option<AppointmentId>,
    /// The appointment its claim made.
    #[serde(default)]
    pub booked: Option<AppointmentId>,
    pub created_at: DateTime<Utc>,
}

impl Offer {
    fn item(&self) -> Result<Item, StoreError> {
        Ok(Item::from_record(keys::offer(&self.practice_id, &self.patient_id, &self.offer_id), self)?
            .with("expires_at_ts", self.expires_at.timestamp())
            .expiring_at((self.start + Duration::days(30)).timestamp()))
    }
}

// ---- places ---------------------------------------------------------------------------------------

#[derive(Debug, thiserror::Error)]
pub enum WaitlistError {
    #[error("{0}")]
    Invalid(&'static str, &'static str),
    #[error("the service has no waitlist")]
    NoWaitlist,
    #[error("too many places")]
    TooMany,
    #[error("the offer is gone")]
    Gone,
    #[error("the offer's claim window has passed")]
    Expired,
    #[error(transparent)]
    Booking(#[from] BookingError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What a patient asks for when they join.
pub struct Joining {
    pub clinicians: Vec<StaffId>,
    pub days: Vec<String>,
    pub parts_of_day: Vec<PartOfDay>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub replaces: Option<AppointmentId>,
}

/// A patient's places at the practice, newest first.
pub async fn places(table: &dyn Table, practice: &PracticeId, patient: &PatientId) -> Result<Vec<Place>, StoreError> {
    let query = Query::partition(Index::Table, patient_partition(practice, patient)).begins_with(keys::WAITLIST_PREFIX);
    let mut found: Vec<Place> = book::all(table, query).await?;
    found.sort_by_key(|p| std::cmp::Reverse(p.created_at));
    Ok(found)
}

/// Adds a patient to a service's waitlist.
pub async fn join(
    table: &dyn Table,
    service: &Service,
    (patient, names): (&PatientId, Option<PatientNames>),
    joining: Joining,
    (now, today): (DateTime<Utc>, NaiveDate),
) -> Result<Place, WaitlistError> {
    let practice = service.practice_id.clone().ok_or(WaitlistError::NoWaitlist)?;
    if !service.waitlist || !service.active {
        return Err(WaitlistError::NoWaitlist);
    }
    if joining.to < joining.from || joining.to < today {
        return Err(WaitlistError::Invalid("to", "must be on or after from, and not in the past"));
    }
    if joining.to - joining.from > Duration::days(service.horizon_days.max(1)) {
        return Err(WaitlistError::Invalid("to", "may be at most the service's booking horizon after from"));
    }
    if joining.days.iter().any(|d| !DAYS.contains(&d.as_str())) {
        return Err(WaitlistError::Invalid("days", "each must be mon, tue, wed, thu, fri, sat or sun"));
    }
    if joining.clinicians.iter().any(|c| !service.clinicians.contains(c)) {
        return Err(WaitlistError::Invalid("clinicians", "each must see this service"));
    }
    let mine = places(table, &practice, patient).await?;
    let waiting: Vec<&Place> = mine.iter().filter(|p| p.waiting_on(today)).collect();
    if waiting.len() >= MAX_PLACES {
        return Err(WaitlistError::TooMany);
    }
    let replaces_start = match &joining.replaces {
        Some(id) => {
            let current = book::appointment(table, &practice, patient, id).await?;
            let booked = current.filter(|a| a.status == Status::Booked && a.start > now && a.service_id == service.service_id);
            Some(booked.ok_or(WaitlistError::Invalid("replaces", "must be your booked appointment for this service, still ahead"))?.start)
        }
        None => None,
    };
    let place = Place {
        practice_id: practice.clone(),
        entry_id: WaitlistId::generate(now),
        patient_id: patient.clone(),
        patient_names: names,
        service_id: service.service_id.clone(),
        service_name: service.name.clone(),
        clinicians: joining.clinicians,
        days: joining.days,
        parts_of_day: joining.parts_of_day,
        from: joining.from,
        to: joining.to,
        replaces: joining.replaces,
        replaces_start,
        priority: Priority::Normal,
        status: PlaceStatus::Waiting,
        created_at: now,
        version: 1,
    };
    table.transact(vec![Write::put(place.item()?, Condition::NotExists)]).await?;
    Ok(place)
}

/// Changes a waiting place (the patient leaves; staff set its priority), on condition it is as read.
pub async fn change(table: &dyn Table, before: &Place, after: Place) -> Result<Place, WaitlistError> {
    let mut after = after;
    after.version = before.version + 1;
    let condition = Condition::VersionIs(before.version).and(Condition::eq("status", "waiting"));
    table.transact(vec![Write::put(after.item()?, condition)]).await.map_err(|e| match e {
        StoreError::ConditionFailed { .. } | StoreError::Conflict => WaitlistError::Booking(BookingError::Conflict),
        other => WaitlistError::Store(other),
    })?;
    Ok(after)
}

pub async fn place(table: &dyn Table, practice: &PracticeId, patient: &PatientId, id: &WaitlistId) -> Result<Option<Place>, StoreError> {
    table.get(&keys::waitlist_place(practice, patient, id)).await?.map(|i| i.record()).transpose()
}

/// The waiting line of a service, in offer order (priority, then first come).
pub async fn line(table: &dyn Table, practice: &PracticeId, service: &ServiceId) -> Result<Vec<Place>, StoreError> {
    book::all(table, Query::partition(Index::Gsi1, keys::waitlist_line(practice, service))).await
}

// ---- offers ---------------------------------------------------------------------------------------

/// A patient's offers, soonest first.
pub async fn offers(table: &dyn Table, practice: &PracticeId, patient: &PatientId) -> Result<Vec<Offer>, StoreError> {
    let query = Query::partition(Index::Table, patient_partition(practice, patient)).begins_with(keys::OFFER_PREFIX);
    let mut found: Vec<Offer> = book::all(table, query).await?;
    found.sort_by_key(|o| o.start);
    Ok(found)
}

pub async fn offer(table: &dyn Table, practice: &PracticeId, patient: &PatientId, id: &OfferId) -> Result<Option<Offer>, StoreError> {
    table.get(&keys::offer(practice, patient, id)).await?.map(|i| i.record()).transpose()
}

pub async fn opening(table: &dyn Table, practice: &PracticeId, id: &str) -> Result<Option<Opening>, StoreError> {
    table.get(&keys::opening(practice, id)).await?.map(|i| i.record()).transpose()
}

/// An offer as the patient sees it now: offered until its window ends, while its opening is open.
pub fn standing(offer: &Offer, opening: Option<&Opening>, now: DateTime<Utc>) -> OfferStatus {
    match offer.status {
        OfferStatus::Offered if opening.is_none_or(|o| o.status != OpeningStatus::Open) => OfferStatus::Gone,
        OfferStatus::Offered if offer.expires_at <= now => OfferStatus::Expired,
        other => other,
    }
}

/// A freed time becomes an opening, and its first round goes out (once per event: the opening is
/// named after it).
pub async fn opened(
    table: &dyn Table,
    practice: &Practice,
    event_id: &str,
    freed: (&ServiceId, &StaffId, DateTime<Utc>),
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (service_id, clinician_id, start) = freed;
    let Some(service) = book::service(table, &practice.id, service_id).await? else { return Ok(()) };
    let Some(schedule) = book::schedule(table, &practice.id, clinician_id).await? else { return Ok(()) };
    if !service.waitlist || start - now <= Duration::hours(LAST_OFFER_HOURS) {
        return Ok(());
    }
    let opening = Opening {
        practice_id: practice.id.clone(),
        opening_id: event_id.to_string(),
        service_id: service_id.clone(),
        clinician_id: clinician_id.clone(),
        start,
        time_zone: schedule.time_zone.clone(),
        status: OpeningStatus::Open,
        offered: Vec::new(),
        rounds: 0,
        next_round_at: Some(now),
        filled_by: None,
        days_gained: None,
        created_at: now,
        version: 1,
    };
    match table.put(opening.item()?, Condition::NotExists).await {
        Ok(()) => round(table, practice, &opening, (&service, &schedule), now).await,
        // A repeated delivery: if the first round never went out (it failed, and this is the queue's
        // retry), it goes now; if it did, its window is still open and this changes nothing.
        Err(e) if e.is_condition_failed() => next_round(table, practice, event_id, now).await,
        Err(e) => Err(e),
    }
}

/// How many of a service's new times one schedule change offers to its waitlist.
pub const NEW_TIMES_OFFERED: usize = 3;

/// The schedule opened new time (a window added, a block taken away): the earliest new times of each
/// service with a waitlist in the next two weeks are offered like freed ones. Returns how many.
pub async fn schedule_opened(
    table: &dyn Table,
    practice: &Practice,
    before: Option<&Schedule>,
    after: &Schedule,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let clinician = &after.clinician_id;
    let services: Vec<Service> = book::services(table, &practice.id)
        .await?
        .into_iter()
        .filter(|s| s.waitlist && s.active && s.clinicians.contains(clinician))
        .map(|mut s| {
            s.practice_id = Some(practice.id.clone());
            s
        })
        .collect();
    if services.is_empty() {
        return Ok(0);
    }
    let range = (now, now + Duration::days(14));
    let taken = book::taken(table, &practice.id, clinician, range.0 - Duration::hours(4), range.1 + Duration::hours(4)).await?;
    let mut opened_now = 0;
    for service in &services {
        let old: BTreeSet<DateTime<Utc>> =
            before.map(|b| book::open_slots(service, b, &taken, book::Seeker::Staff, range, now).into_iter().collect()).unwrap_or_default();
        let fresh: Vec<DateTime<Utc>> = book::open_slots(service, after, &taken, book::Seeker::Staff, range, now)
            .into_iter()
            .filter(|start| !old.contains(start) && *start - now > Duration::hours(LAST_OFFER_HOURS))
            .take(NEW_TIMES_OFFERED)
            .collect();
        for start in fresh {
            let id = format!("{clinician}-{}-v{}", start.timestamp(), after.version);
            opened(table, practice, &id, (&service.service_id, clinician, start), now).await?;
            opened_now += 1;
        }
    }
    Ok(opened_now)
}

/// The next round of an opening whose window ended (from the sweep).
pub async fn next_round(table: &dyn Table, practice: &Practice, opening_id: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
    let Some(opening) = opening(table, &practice.id, opening_id).await? else { return Ok(()) };
    if opening.status != OpeningStatus::Open || opening.next_round_at.is_some_and(|at| at > now) {
        return Ok(());
    }
    let service = book::service(table, &practice.id, &opening.service_id).await?;
    let schedule = book::schedule(table, &practice.id, &opening.clinician_id).await?;
    match service.zip(schedule) {
        Some((service, schedule)) => round(table, practice, &opening, (&service, &schedule), now).await,
        None => close(table, &opening).await,
    }
}

async fn close(table: &dyn Table, opening: &Opening) -> Result<(), StoreError> {
    let mut after = opening.clone();
    after.status = OpeningStatus::Closed;
    after.next_round_at = None;
    after.version += 1;
    match table.transact(vec![opening.save(&after)?]).await {
        Ok(()) => Ok(()),
        Err(e) if e.is_condition_failed() || matches!(e, StoreError::Conflict) => Ok(()),
        Err(e) => Err(e),
    }
}

/// The start of the next offer hours in the visit's zone, if `now` is at night there.
fn night_until(time_zone: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let tz: chrono_tz::Tz = time_zone.parse().unwrap_or(chrono_tz::UTC);
    let local = now.with_timezone(&tz);
    let (open, close) = OFFER_HOURS;
    if (open..close).contains(&local.hour()) {
        return None;
    }
    let day = if local.hour() >= close { local.date_naive() + Duration::days(1) } else { local.date_naive() };
    let morning = day.and_hms_opt(open, 0, 0)?;
    morning.and_local_timezone(tz).earliest().map(|t| t.with_timezone(&Utc))
}

/// One round: the next patients in line whose wishes the time suits are offered it, each told through
/// the send gate (with the offer's window as the notice's deadline), and the round's end is due.
async fn round(
    table: &dyn Table,
    practice: &Practice,
    opening: &Opening,
    (service, schedule): (&Service, &Schedule),
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (a, b) = service.occupies(opening.start);
    let cells = grid::cells(a, b);
    let taken = book::taken(table, &practice.id, &opening.clinician_id, a, b).await?;
    let bookable = grid::offered(schedule, service, opening.start) && !grid::blocked(&schedule.blocks, a, b) && !taken.booked_any(&cells);
    if !bookable || !service.waitlist || !service.active || claim_window(opening.start, now).is_none() {
        return close(table, opening).await;
    }
    let mut after = opening.clone();
    after.version += 1;
    let mut writes = Vec::new();
    if let Some(lapses) = taken.held_until(&cells, now) {
        // Someone is holding it while they decide: if they do not book, it is offered when the hold lapses.
        after.next_round_at = Some(lapses);
        writes.push(due_write(&after, lapses)?);
        writes.push(opening.save(&after)?);
        return transact_round(table, writes).await;
    }
    if let Some(morning) = night_until(&opening.time_zone, now) {
        // At night the round waits for the morning, if the morning is still early enough.
        if claim_window(opening.start, morning).is_none() {
            return close(table, opening).await;
        }
        after.next_round_at = Some(morning);
        writes.push(due_write(&after, morning)?);
        writes.push(opening.save(&after)?);
        return transact_round(table, writes).await;
    }
    let batch = practice.settings.waitlist_batch.clamp(1, 10) as usize;
    let offered: BTreeSet<&WaitlistId> = opening.offered.iter().collect();
    let Some(window) = claim_window(opening.start, now) else { return close(table, opening).await };
    let next: Vec<Place> = line(table, &practice.id, &opening.service_id)
        .await?
        .into_iter()
        .filter(|p| !offered.contains(&p.entry_id) && p.suits(opening, now))
        .take(batch)
        .collect();
    if next.is_empty() {
        return close(table, opening).await;
    }
    let expires = now + window;
    let clinician_name =
        portico::directory::staff::get(table, &practice.id, &opening.clinician_id).await?.map(|m| m.display_name).unwrap_or_default();
    for place in &next {
        let offer = Offer {
            practice_id: practice.id.clone(),
            offer_id: OfferId::generate(now),
            opening_id: opening.opening_id.clone(),
            entry_id: place.entry_id.clone(),
            patient_id: place.patient_id.clone(),
            service_id: opening.service_id.clone(),
            service_name: service.name.clone(),
            clinician_id: opening.clinician_id.clone(),
            clinician_name: clinician_name.clone(),
            start: opening.start,
            end: opening.start + service.duration(),
            time_zone: opening.time_zone.clone(),
            expires_at: expires,
            status: OfferStatus::Offered,
            replaces: place.replaces.clone(),
            booked: None,
            created_at: now,
        };
        let key = keys::opening(&practice.id, &opening.opening_id);
        // Sent only while the time is still being offered and the window is open.
        let still = Still { pk: key.pk, sk: key.sk, equals: vec![("status".into(), json!("open"))], until: expires };
        let notice = EventKind::PatientNotice {
            category: Category::AppointmentReminders,
            template: TemplateKind::WaitlistOffer,
            urgent: false,
            item: Some(portico::links::ItemRef::offer(offer.offer_id.as_str())),
            when: Some(When { at: opening.start, time_zone: opening.time_zone.clone() }),
            still: Some(still),
            answers_text: false,
        };
        writes.push(Write::put(offer.item()?, Condition::NotExists));
        writes.push(Event::new(&practice.id, &place.patient_id, notice, now).write()?);
        after.offered.push(place.entry_id.clone());
    }
    after.rounds += 1;
    after.next_round_at = Some(expires);
    writes.push(due_write(&after, expires)?);
    writes.push(opening.save(&after)?);
    transact_round(table, writes).await
}

async fn transact_round(table: &dyn Table, writes: Vec<Write>) -> Result<(), StoreError> {
    match table.transact(writes).await {
        Ok(()) => Ok(()),
        // Another worker ran this round, or a claim filled it meanwhile.
        Err(e) if e.is_condition_failed() || matches!(e, StoreError::Conflict) => Ok(()),
        Err(e) => Err(e),
    }
}

// ---- rounds due -----------------------------------------------------------------------------------

#[derive(Debug, Clone, Serialize, Deserialize)]
struct RoundDue {
    practice_id: PracticeId,
    opening_id: String,
}

fn due_write(opening: &Opening, at: DateTime<Utc>) -> Result<Write, StoreError> {
    let due = RoundDue { practice_id: opening.practice_id.clone(), opening_id: opening.opening_id.clone() };
    let item = Item::from_record(keys::round_due(crate::minutes::due_minute(at), &opening.practice_id, &opening.opening_id), &due)?
        .expiring_at((at + Duration::days(2)).timestamp());
    Ok(Write::put(item, Condition::Always))
}

/// The openings whose rounds are due in one minute, with the due items' keys.
async fn due_at(table: &dyn Table, minute: DateTime<Utc>) -> Result<Vec<(portico::store::Key, RoundDue)>, StoreError> {
    let query = Query::partition(Index::Table, keys::rounds_at(minute));
    let mut due = Vec::new();
    let mut page = table.query(query.clone()).await?;
    loop {
        for item in &page.items {
            due.push((item.key.clone(), item.record::<RoundDue>()?));
        }
        match page.next.take() {
            Some(next) => page = table.query(query.clone().after(Some(next))).await?,
            None => return Ok(due),
        }
    }
}

/// Starts the rounds due since the last sweep (at most an hour back); returns how many ran.
pub async fn sweep(table: &dyn Table, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let sweep = crate::minutes::Sweep::start(table, "rounds", now, 60).await?;
    let mut ran = 0;
    for &at in &sweep.minutes {
        for (key, due) in due_at(table, at).await? {
            // The round first, then its due item. A round that fails is filed again for the next minute
            // (a round that runs twice changes nothing the second time: the opening's version moved on),
            // and the others go on.
            let ran_round = async {
                if let Some(practice) = portico::directory::practices::get(table, &due.practice_id).await? {
                    next_round(table, &practice, &due.opening_id, now).await?;
                }
                Ok::<(), StoreError>(())
            };
            match ran_round.await {
                Ok(()) => ran += 1,
                Err(e) => {
                    tracing::warn!(error = %e, "a waitlist round failed; it is tried again next minute");
                    let again = Item::from_record(
                        keys::round_due(crate::minutes::due_minute(now + Duration::seconds(1)), &due.practice_id, &due.opening_id),
                        &due,
                    )?;
                    table.put(again.expiring_at((now + Duration::days(2)).timestamp()), Condition::Always).await?;
                }
            }
            table.delete(&key, Condition::Always).await?;
        }
    }
    sweep.finish(table).await?;
    Ok(ran)
}

// ---- claims ---------------------------------------------------------------------------------------

/// What a claim made: the new appointment, and the one it replaced (cancelled in the same commit).
pub struct Claimed {
    pub booked: Appointment,
    pub replaced: Option<Appointment>,
    /// The same patient's claim again: the appointment it made before.
    pub again: bool,
}

/// Claims an offer: first claim wins. In one transaction: the time's cells and the new appointment (with
/// its reminders, task and home card), the opening filled, the offer and the waitlist place spent, and
/// the later appointment it replaces cancelled, its time offered on.
pub async fn claim(
    table: &dyn Table,
    practice: &Practice,
    offer: &Offer,
    booker: crate::model::Booker,
    now: DateTime<Utc>,
) -> Result<Claimed, WaitlistError> {
    if offer.status == OfferStatus::Claimed {
        // The winner asking again (a retry, a second tap): the appointment it made.
        let booked = match &offer.booked {
            Some(id) => book::appointment(table, &practice.id, &offer.patient_id, id).await?,
            None => None,
        };
        return booked.map(|booked| Claimed { booked, replaced: None, again: true }).ok_or(WaitlistError::Gone);
    }
    let opening = opening(table, &practice.id, &offer.opening_id).await?;
    match standing(offer, opening.as_ref(), now) {
        OfferStatus::Offered => {}
        OfferStatus::Expired => return Err(WaitlistError::Expired),
        _ => return Err(WaitlistError::Gone),
    }
    let opening = opening.ok_or(WaitlistError::Gone)?;
    let service = book::service(table, &practice.id, &offer.service_id).await?.ok_or(WaitlistError::Gone)?;
    let schedule = book::schedule(table, &practice.id, &offer.clinician_id).await?.ok_or(WaitlistError::Gone)?;
    let place = place(table, &practice.id, &offer.patient_id, &offer.entry_id).await?.filter(|p| p.status == PlaceStatus::Waiting);
    let place = place.ok_or(WaitlistError::Gone)?;
    // Still a time the practice offers for this service, as when a patient books it.
    let (a, b) = service.occupies(offer.start);
    if !service.active || !service.waitlist || !grid::offered(&schedule, &service, offer.start) || grid::blocked(&schedule.blocks, a, b) {
        close(table, &opening).await?;
        return Err(WaitlistError::Gone);
    }
    let replaced = match &offer.replaces {
        // The appointment the claim was to replace must still be booked, and later: if the patient has
        // moved or cancelled it meanwhile, the offer no longer says what it did.
        Some(id) => Some(
            book::appointment(table, &practice.id, &offer.patient_id, id)
                .await?
                .filter(|a| a.status == Status::Booked && a.start > offer.start)
                .ok_or(WaitlistError::Gone)?,
        ),
        None => None,
    };
    let names = place.patient_names.clone();
    let (booked, mut writes) = book::booking_writes(
        practice,
        (&service, &schedule),
        &offer.patient_id,
        (names, booker),
        (&offer.clinician_name, offer.start),
        now,
    )?;
    let mut cancelled = None;
    if let Some(old) = &replaced {
        let (after, more) = book::cancel_writes(old, "Moved to an earlier time from the waitlist", now)?;
        writes.extend(more);
        cancelled = Some(after);
    }
    let mut filled = opening.clone();
    filled.status = OpeningStatus::Filled;
    filled.next_round_at = None;
    filled.filled_by = Some(offer.patient_id.clone());
    filled.days_gained = replaced.as_ref().map(|old| ((old.start - offer.start).num_minutes() as f64 / 1440.0 * 10.0).round() / 10.0);
    filled.version += 1;
    writes.push(opening.save(&filled)?);
    let mut spent = offer.clone();
    spent.status = OfferStatus::Claimed;
    spent.booked = Some(booked.appointment_id.clone());
    writes.push(Write::put(spent.item()?, Condition::eq("status", "offered").and(Condition::gt("expires_at_ts", now.timestamp()))));
    let mut done = place.clone();
    done.status = PlaceStatus::Booked;
    done.version += 1;
    writes.push(Write::put(done.item()?, Condition::VersionIs(place.version).and(Condition::eq("status", "waiting"))));
    match table.transact(book::merged(writes)).await {
        Ok(()) => Ok(Claimed { booked, replaced: cancelled, again: false }),
        Err(StoreError::ConditionFailed { .. } | StoreError::Conflict) => {
            // Someone claimed it first, or the time was taken otherwise: then nobody else can have it.
            if let Some(now_opening) = self::opening(table, &practice.id, &offer.opening_id).await?
                && now_opening.status == OpeningStatus::Open
                && book::taken(table, &practice.id, &offer.clinician_id, a, b).await?.booked_any(&grid::cells(a, b))
            {
                close(table, &now_opening).await?;
            }
            Err(WaitlistError::Gone)
        }
        Err(e) => Err(e.into()),
    }
}

// ---- report ---------------------------------------------------------------------------------------

/// How the waitlist did over a period.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ToSchema)]
pub struct Report {
    /// Freed times offered to the waitlist.
    pub openings: u32,
    /// Offers sent.
    pub offers: u32,
    /// Openings claimed from the waitlist.
    pub filled: u32,
    /// Claims per offer sent (0 to 1).
    pub accept_rate: f64,
    /// Claimed openings per opening (0 to 1).
    pub fill_rate: f64,
    /// How much sooner patients who moved an appointment were seen, in days, in total and on average.
    pub days_gained: f64,
    pub average_days_gained: f64,
}

/// The report over openings created in `[from, to)`: one query of the index.
pub async fn report(table: &dyn Table, practice: &PracticeId, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Report, StoreError> {
    let query = Query::partition(Index::Gsi1, keys::openings(practice)).between(portico::time::sortable(from), portico::time::sortable(to));
    let openings: Vec<Opening> = book::all(table, query).await?;
    let mut report = Report::default();
    let mut gains = Vec::new();
    for opening in openings.iter().filter(|o| o.rounds > 0) {
        report.openings += 1;
        report.offers += opening.offered.len() as u32;
        if opening.status == OpeningStatus::Filled {
            report.filled += 1;
            if let Some(days) = opening.days_gained {
                gains.push(days);
            }
        }
    }
    let ratio = |a: u32, b: u32| if b == 0 { 0.0 } else { (f64::from(a) / f64::from(b) * 1000.0).round() / 1000.0 };
    report.accept_rate = ratio(report.filled, report.offers);
    report.fill_rate = ratio(report.filled, report.openings);
    report.days_gained = (gains.iter().sum::<f64>() * 10.0).round() / 10.0;
    report.average_days_gained = if gains.is_empty() { 0.0 } else { (report.days_gained / gains.len() as f64 * 10.0).round() / 10.0 };
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(raw: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(raw).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_claim_window_grows_with_the_lead_and_closes_two_hours_before() {
        let now = at("2026-11-18T15:00:00Z");
        assert_eq!(claim_window(at("2026-11-18T20:00:00Z"), now), Some(Duration::minutes(15)));
        assert_eq!(claim_window(at("2026-11-20T15:00:00Z"), now), Some(Duration::hours(1)));
        assert_eq!(claim_window(at("2026-11-25T15:00:00Z"), now), Some(Duration::hours(4)));
        assert_eq!(claim_window(at("2026-11-18T17:10:00Z"), now), Some(Duration::minutes(10)));
        assert_eq!(claim_window(at("2026-11-18T17:09:59Z"), now), None, "under ten minutes: not offered");
    }

    #[test]
    fn rounds_wait_for_the_morning_in_the_visits_zone() {
        // 03:00 in New York: the round waits for 08:00 there (13:00Z).
        assert_eq!(night_until("America/New_York", at("2026-11-18T08:00:00Z")), Some(at("2026-11-18T13:00:00Z")));
        // 22:00 in New York: the next morning.
        assert_eq!(night_until("America/New_York", at("2026-11-19T03:00:00Z")), Some(at("2026-11-19T13:00:00Z")));
        assert_eq!(night_until("America/New_York", at("2026-11-18T15:00:00Z")), None);
    }
}
