//! Appointment reminders as due items, swept every minute: never handed to Twilio as scheduled sends.
//!
//! Booking (or a confirmed request, or a reschedule) writes one due item per reminder the practice
//! sends (24 h and 2 h before, by default), in the same transaction, only for reminders still ahead: a
//! visit booked 90 minutes ahead gets neither. Each due item lives in a global partition per minute, so
//! the sweep reads each minute with one query. At the sweep the reminder goes out only if the
//! appointment is still booked at the same start and the reminder is not more than
//! [`LATEST_MINUTES`] late; the notice then passes the send gate like any other (consent, STOP, caps,
//! quiet hours). Taking the due item and writing the notice's event are one transaction, so two sweeps
//! never send one reminder twice.

use chrono::{DateTime, Duration, Utc};
use portico::directory::Practice;
use portico::events::{Event, EventKind, Still, When};
use portico::ids::{AppointmentId, PatientId, PracticeId};
use portico::notify::gate::Category;
use portico::notify::wording::TemplateKind;
use portico::store::{Condition, Item, Key, Query, StoreError, Table, Write};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::keys;
use crate::model::{Appointment, Status};

/// How late a reminder may still go out when a sweep was missed; after that it is skipped, never late.
pub const LATEST_MINUTES: i64 = 15;
/// The most minutes one sweep catches up on.
const CATCH_UP_MINUTES: i64 = 60;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Due {
    practice_id: PracticeId,
    patient_id: PatientId,
    appointment_id: AppointmentId,
    /// The start the reminder is for: a moved appointment's old reminders no longer match.
    start: DateTime<Utc>,
    due_at: DateTime<Utc>,
}

/// The due items of a booked appointment: one per reminder hour still ahead of `now`.
pub fn due_writes(appointment: &Appointment, practice: &Practice, now: DateTime<Utc>) -> Result<Vec<Write>, StoreError> {
    let mut writes = Vec::new();
    for hours in &practice.settings.appointment_reminder_hours {
        let due_at = crate::minutes::minute_of(appointment.start - Duration::hours(i64::from(*hours)));
        if due_at <= now {
            continue;
        }
        let due = Due {
            practice_id: appointment.practice_id.clone(),
            patient_id: appointment.patient_id.clone(),
            appointment_id: appointment.appointment_id.clone(),
            start: appointment.start,
            due_at,
        };
        let key = keys::reminder(due_at, &appointment.practice_id, &appointment.appointment_id, *hours);
        let item = Item::from_record(key, &due)?.expiring_at((appointment.start + Duration::days(1)).timestamp());
        writes.push(Write::put(item, Condition::Always));
    }
    Ok(writes)
}

/// What one sweep did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub sent: usize,
    pub skipped: usize,
}

/// Sends the reminders due since the last sweep (at most an hour back), each once.
pub async fn sweep(table: &dyn Table, now: DateTime<Utc>) -> Result<Swept, StoreError> {
    let sweep = crate::minutes::Sweep::start(table, "reminders", now, CATCH_UP_MINUTES).await?;
    let mut swept = Swept::default();
    for &at in &sweep.minutes {
        let query = Query::partition(portico::store::Index::Table, keys::reminders_at(at));
        let mut page = table.query(query.clone()).await?;
        loop {
            for item in &page.items {
                // One reminder that cannot be read or sent does not hold up the others.
                let reminded = match item.record::<Due>() {
                    Ok(due) => remind(table, &item.key, &due, now).await,
                    Err(e) => Err(e),
                };
                match reminded {
                    Ok(true) => swept.sent += 1,
                    Ok(false) => swept.skipped += 1,
                    Err(e) => {
                        tracing::warn!(error = %e, "a reminder was not sent");
                        swept.skipped += 1;
                    }
                }
            }
            match page.next.take() {
                Some(next) => page = table.query(query.clone().after(Some(next))).await?,
                None => break,
            }
        }
    }
    sweep.finish(table).await?;
    Ok(swept)
}

/// Sends one reminder if it still stands; takes the due item either way.
async fn remind(table: &dyn Table, key: &Key, due: &Due, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let take = Write::Delete { key: key.clone(), condition: Condition::Exists };
    let current: Option<Appointment> =
        table.get(&keys::appointment(&due.practice_id, &due.patient_id, &due.appointment_id)).await?.map(|i| i.record()).transpose()?;
    let stands = current.as_ref().filter(|a| a.status == Status::Booked && a.start == due.start && a.start > now);
    let on_time = now - due.due_at <= Duration::minutes(LATEST_MINUTES);
    let Some(appointment) = stands.filter(|_| on_time) else {
        return match table.transact(vec![take]).await {
            Ok(()) | Err(StoreError::ConditionFailed { .. }) => Ok(false),
            Err(e) => Err(e),
        };
    };
    let key = keys::appointment(&due.practice_id, &due.patient_id, &due.appointment_id);
    // Still booked at that start when it goes; never after the visit has begun.
    let still = Still {
        pk: key.pk.clone(),
        sk: key.sk.clone(),
        equals: vec![
            ("status".into(), json!(Status::Booked.as_str())),
            ("start".into(), serde_json::to_value(appointment.start).map_err(|e| StoreError::Invalid(e.to_string()))?),
        ],
        until: appointment.start,
    };
    let notice = EventKind::PatientNotice {
        category: Category::AppointmentReminders,
        template: TemplateKind::AppointmentReminder,
        urgent: false,
        item: None,
        when: Some(When { at: appointment.start, time_zone: appointment.time_zone.clone() }),
        still: Some(still),
        answers_text: false,
    };
    let event = Event::new(&due.practice_id, &due.patient_id, notice, now).write()?;
    // The appointment as read: a cancel in between fails this and the reminder is taken next sweep.
    let unchanged = Write::Check { key, condition: Condition::VersionIs(appointment.version) };
    match table.transact(vec![take, event, unchanged]).await {
        Ok(()) => Ok(true),
        // Another sweep took it first.
        Err(StoreError::ConditionFailed { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}
