//! A patient's "C" in answer to a reminder: messaging receives the text and says so with an event
//! ([`EventKind::ConfirmByText`]); here it confirms the patient's one unconfirmed appointment in the next
//! [`WINDOW_HOURS`] at that practice, and answers by text. With none, or with several, nothing changes and
//! the answer is a link to confirm in the portal. Each text is applied once, whatever the queue repeats.

use chrono::{DateTime, Duration, Utc};
use portico::events::{Event, EventKind, When};
use portico::idempotency::{self, Claimed};
use portico::ids::{PatientId, PracticeId};
use portico::notify::gate::Category;
use portico::notify::wording::TemplateKind;
use portico::store::{StoreError, Table};

use crate::book;
use crate::model::{Appointment, Status};

/// How far ahead a "C" looks for the appointment it confirms.
pub const WINDOW_HOURS: i64 = 72;

/// What a "C" did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answered {
    Confirmed,
    /// None, or more than one, to confirm: the patient was sent to the portal.
    SentToPortal,
}

/// The appointments a "C" could mean: booked, not yet confirmed, starting in the next 72 hours.
fn candidates(appointments: &[Appointment], now: DateTime<Utc>) -> Vec<&Appointment> {
    appointments
        .iter()
        .filter(|a| {
            a.status == Status::Booked && a.confirmed_at.is_none() && a.start > now && a.start <= now + Duration::hours(WINDOW_HOURS)
        })
        .collect()
}

fn answer(practice: &PracticeId, patient: &PatientId, template: TemplateKind, when: Option<When>, now: DateTime<Utc>) -> Event {
    let kind = EventKind::PatientNotice {
        category: Category::AppointmentReminders,
        template,
        urgent: false,
        item: None,
        when,
        still: None,
        answers_text: true,
    };
    Event::new(practice, patient, kind, now)
}

/// Applies one "C" (its `MessageSid` makes it once): confirms and answers, or answers with the portal.
pub async fn confirm_by_text(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    message_sid: &str,
    now: DateTime<Utc>,
) -> Result<Answered, StoreError> {
    let claimed = Claimed::new(practice, "sms-confirm", message_sid);
    if let Some(done) = idempotency::outcome::<Answered>(table, &claimed, now).await? {
        return Ok(done);
    }
    let appointments = book::for_patient(table, practice, patient).await?;
    let found = candidates(&appointments, now);
    let (answered, mut writes) = match found.as_slice() {
        [one] => {
            let when = When { at: one.start, time_zone: one.time_zone.clone() };
            let (_, mut writes) = book::attendance(one, now)?;
            writes.push(answer(practice, patient, TemplateKind::AppointmentConfirmed, Some(when), now).write()?);
            (Answered::Confirmed, writes)
        }
        _ => (Answered::SentToPortal, vec![answer(practice, patient, TemplateKind::ConfirmInPortal, None, now).write()?]),
    };
    writes.push(idempotency::once_for(&claimed, &answered, now, Duration::days(4))?);
    match table.transact(writes).await {
        Ok(()) => Ok(answered),
        // Another delivery applied it first, or the appointment changed meanwhile: read what stands,
        // and let the queue's retry decide again when nothing does.
        Err(StoreError::ConditionFailed { .. } | StoreError::Conflict) => {
            match idempotency::outcome::<Answered>(table, &claimed, now).await? {
                Some(done) => Ok(done),
                None => Err(StoreError::Conflict),
            }
        }
        Err(e) => Err(e),
    }
}
