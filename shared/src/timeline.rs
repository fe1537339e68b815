//! The patient's activity timeline: one chronological feed of what happened in their care at the
//! practice (messages both ways, consent decisions, sign-ins, appointments booked, moved, cancelled and
//! attended; later forms, documents and payments), kept as entries in the patient's partition, so a page of it is one query, newest first.
//! Each capability writes its entry in the same transaction as the change it records, where it has one.
//! An entry holds what the patient may see of the change and a link to it, never more (never an
//! internal note, never a deleted message's words: a message's entry names its thread, not its text).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::consents::Decision;
use crate::directory::ConsentKind;
use crate::ids::{PatientId, PracticeId};
use crate::keys;
use crate::store::{Condition, Cursor, Index, Item, Query, StoreError, Table, Write};

/// What an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    /// The care team wrote to the patient.
    MessageFromCareTeam,
    /// The patient (or someone acting for them) wrote to the care team.
    MessageToCareTeam,
    /// A consent decision, by the patient or recorded by staff.
    Consent,
    /// A sign-in to the portal.
    SignedIn,
    /// An appointment was booked (or asked for, or a request confirmed).
    AppointmentBooked,
    AppointmentMoved,
    AppointmentCancelled,
    /// The patient arrived for a visit (the practice checked them in).
    AppointmentArrived,
    /// A visit took place (the practice marked it done).
    AppointmentCompleted,
}

impl TimelineKind {
    /// Entries that say the patient came to a visit: their attendance.
    pub fn is_attendance(self) -> bool {
        matches!(self, TimelineKind::AppointmentArrived | TimelineKind::AppointmentCompleted)
    }
}

/// One entry, as stored and as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub kind: TimelineKind,
    /// The thread's subject, for messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Where a message entry leads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_kind: Option<ConsentKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// `patient` or `staff`: who made a consent decision (or changed an appointment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// Where an appointment entry leads, and when the appointment is (after the change).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointment_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<DateTime<Utc>>,
    /// An appointment of a confidential service (sexual health, mental health, substance use): never
    /// part of anything that leaves Portico, such as a dispute's evidence.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub confidential: bool,
}

impl TimelineEntry {
    /// Whether the caller sees this entry: the patient sees all; a proxy sees messages only with the
    /// messages scope (a limited proxy, a teen's parent, not even then), and no proxy sees sign-ins.
    pub fn visible_to(&self, who: &crate::auth::PatientPrincipal) -> bool {
        if who.acting.is_none() {
            return true;
        }
        match self.kind {
            TimelineKind::MessageFromCareTeam | TimelineKind::MessageToCareTeam => who.has(crate::auth::Scope::Messages) && !who.limited(),
            // Sign-ins belong with the access log: the account owner's alone.
            TimelineKind::SignedIn => false,
            TimelineKind::Consent => true,
            // A teen's parent sees the teen's appointments in the list (not the confidential ones), not here.
            TimelineKind::AppointmentBooked
            | TimelineKind::AppointmentMoved
            | TimelineKind::AppointmentCancelled
            | TimelineKind::AppointmentArrived
            | TimelineKind::AppointmentCompleted => who.has(crate::auth::Scope::Appointments) && !who.limited(),
        }
    }

    pub fn message(at: DateTime<Utc>, from_care_team: bool, subject: &str, thread_id: &str) -> Self {
        TimelineEntry {
            at,
            kind: if from_care_team { TimelineKind::MessageFromCareTeam } else { TimelineKind::MessageToCareTeam },
            title: Some(subject.to_string()),
            thread_id: Some(thread_id.to_string()),
            consent_kind: None,
            decision: None,
            by: None,
            appointment_id: None,
            starts_at: None,
            confidential: false,
        }
    }

    /// An appointment's change: `title` names the visit (the patient's own portal may show it).
    pub fn appointment(
        at: DateTime<Utc>,
        kind: TimelineKind,
        title: &str,
        appointment_id: &str,
        starts_at: DateTime<Utc>,
        by: &str,
    ) -> Self {
        TimelineEntry {
            at,
            kind,
            title: Some(title.to_string()),
            thread_id: None,
            consent_kind: None,
            decision: None,
            by: Some(by.to_string()),
            appointment_id: Some(appointment_id.to_string()),
            starts_at: Some(starts_at),
            confidential: false,
        }
    }

    pub fn consent(at: DateTime<Utc>, kind: ConsentKind, decision: Decision, by: &str) -> Self {
        TimelineEntry {
            at,
            kind: TimelineKind::Consent,
            title: None,
            thread_id: None,
            consent_kind: Some(kind),
            decision: Some(decision),
            by: Some(by.to_string()),
            appointment_id: None,
            starts_at: None,
            confidential: false,
        }
    }

    pub fn signed_in(at: DateTime<Utc>) -> Self {
        TimelineEntry {
            at,
            kind: TimelineKind::SignedIn,
            title: None,
            thread_id: None,
            consent_kind: None,
            decision: None,
            by: None,
            appointment_id: None,
            starts_at: None,
            confidential: false,
        }
    }
}

/// The write that adds `entry` (`id` makes entries of the same instant distinct: the change's own id).
pub fn entry_write(practice: &PracticeId, patient: &PatientId, id: &str, entry: &TimelineEntry) -> Result<Write, StoreError> {
    let key = keys::timeline_entry(practice, patient, &crate::time::sortable(entry.at), id);
    Ok(Write::put(Item::from_record(key, entry)?, Condition::NotExists))
}

/// Adds an entry on its own (a change that has no transaction of ours, such as a sign-in).
pub async fn record(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    id: &str,
    entry: &TimelineEntry,
) -> Result<(), StoreError> {
    match entry_write(practice, patient, id, entry)? {
        Write::Put { item, condition } => table.put(item, condition).await,
        _ => Err(StoreError::Invalid("a timeline entry is a put".into())),
    }
}

/// The entries from `from` to `to` (inclusive), newest first, at most `max` of them (the newest ones).
pub async fn between(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    max: usize,
) -> Result<Vec<TimelineEntry>, StoreError> {
    let mut entries = Vec::new();
    let mut cursor = None;
    loop {
        let query = Query::partition(Index::Table, keys::patient_partition(practice, patient))
            .between(
                format!("{}{}", keys::TIMELINE_PREFIX, crate::time::sortable(from)),
                format!("{}{}", keys::TIMELINE_PREFIX, crate::time::sortable_upper(to)),
            )
            .backward()
            .after(cursor);
        let page = table.query(query).await?;
        for item in &page.items {
            if entries.len() == max {
                return Ok(entries);
            }
            entries.push(item.record()?);
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(entries),
        }
    }
}

/// One page of the timeline, newest first.
pub async fn page(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    after: Option<Cursor>,
    limit: usize,
) -> Result<(Vec<TimelineEntry>, Option<Cursor>), StoreError> {
    let query = Query::partition(Index::Table, keys::patient_partition(practice, patient))
        .begins_with(keys::TIMELINE_PREFIX)
        .backward()
        .limit(limit)
        .after(after);
    let page = table.query(query).await?;
    let entries = page.items.iter().map(Item::record).collect::<Result<Vec<TimelineEntry>, _>>()?;
    Ok((entries, page.next))
}
