//! Video visits. A telehealth appointment's participants join from [`OPENS_BEFORE_MINUTES`] before
//! its start to [`CLOSES_AFTER_MINUTES`] after its end, each with a seat of their own, issued only to
//! the signed-in person asking (never sent in a text or an email). The meeting is created when the
//! first person joins inside the window, and ended by the sweep when the window closes.

use chrono::{DateTime, Duration, Timelike, Utc};
use portico::ids::{AppointmentId, PatientId, PracticeId};
use portico::store::{Condition, Index, Item, Key, Query, StoreError, Table};
use portico::video::{Attendee, Meeting, Video, VideoError};
use serde::{Deserialize, Serialize};

use crate::keys;
use crate::model::{Appointment, Status, VisitMode};

pub const OPENS_BEFORE_MINUTES: i64 = 15;
pub const CLOSES_AFTER_MINUTES: i64 = 30;

/// When a visit can be joined.
pub fn window(appointment: &Appointment) -> (DateTime<Utc>, DateTime<Utc>) {
    (appointment.start - Duration::minutes(OPENS_BEFORE_MINUTES), appointment.end + Duration::minutes(CLOSES_AFTER_MINUTES))
}

#[derive(Debug, thiserror::Error)]
pub enum JoinError {
    /// Not a video visit, or not one that is going ahead.
    #[error("not a video visit that is going ahead")]
    NotVideo,
    #[error("outside the join window")]
    NotOpen { opens_at: DateTime<Utc>, closes_at: DateTime<Utc> },
    #[error(transparent)]
    Video(#[from] VideoError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A visit's meeting, kept while its window is open.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Room {
    practice_id: PracticeId,
    patient_id: PatientId,
    appointment_id: AppointmentId,
    meeting: Meeting,
    closes_at: DateTime<Utc>,
}

/// A participant's way in.
#[derive(Debug, Clone)]
pub struct Seat {
    pub meeting: Meeting,
    pub attendee: Attendee,
    pub join_page: Option<String>,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
}

fn minute_of(at: DateTime<Utc>) -> DateTime<Utc> {
    at.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(at)
}

/// Seats `participant` (an opaque id) in the visit's meeting, creating the meeting on the first join.
pub async fn join(
    table: &dyn Table,
    video: &dyn Video,
    appointment: &Appointment,
    participant: &str,
    now: DateTime<Utc>,
) -> Result<Seat, JoinError> {
    if appointment.mode != VisitMode::Telehealth || !matches!(appointment.status, Status::Booked | Status::Arrived) {
        return Err(JoinError::NotVideo);
    }
    let (opens_at, closes_at) = window(appointment);
    if now < opens_at || now > closes_at {
        return Err(JoinError::NotOpen { opens_at, closes_at });
    }
    let key = keys::room(&appointment.practice_id, &appointment.patient_id, &appointment.appointment_id);
    let found: Option<Room> = table.get(&key).await?.map(|i| i.record()).transpose()?;
    let room = match found.filter(|r| r.closes_at == closes_at) {
        Some(room) => room,
        None => {
            // Named by the visit and its time: a moved visit gets a meeting of its own.
            let visit = format!("{}-{}", appointment.appointment_id, appointment.start.timestamp());
            let meeting = video.create_meeting(&visit).await?;
            let room = Room {
                practice_id: appointment.practice_id.clone(),
                patient_id: appointment.patient_id.clone(),
                appointment_id: appointment.appointment_id.clone(),
                meeting,
                closes_at,
            };
            let ends = Item::from_record(keys::room_end(minute_of(closes_at) + Duration::minutes(1), &key), &room)?
                .expiring_at((closes_at + Duration::days(2)).timestamp());
            let kept = Item::from_record(key.clone(), &room)?
                .with("closes_at_ts", closes_at.timestamp())
                .expiring_at((closes_at + Duration::days(2)).timestamp());
            let writes = vec![
                portico::store::Write::put(kept, Condition::NotExists.or(Condition::lt("closes_at_ts", closes_at.timestamp()))),
                portico::store::Write::put(ends, Condition::Always),
            ];
            match table.transact(writes).await {
                Ok(()) => room,
                // Someone joined at the same moment: the provider gave both the same meeting; use theirs.
                Err(e) if e.is_condition_failed() || matches!(e, StoreError::Conflict) => {
                    table.get(&key).await?.map(|i| i.record()).transpose()?.unwrap_or(room)
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    let attendee = video.add_attendee(&room.meeting.meeting_id, participant).await?;
    let join_page = video.join_page(&room.meeting.meeting_id, &attendee);
    Ok(Seat { meeting: room.meeting, attendee, join_page, opens_at, closes_at })
}

/// Ends the meetings whose windows closed since the last sweep (at most a day back).
pub async fn sweep(table: &dyn Table, video: &dyn Video, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let marker = Key::new("SWEEP#rooms", "LAST");
    let last = table.get(&marker).await?.and_then(|i| i.i64("minute"));
    let this = minute_of(now).timestamp() / 60;
    let first = last.map_or(this - 60, |l| l + 1).max(this - 24 * 60);
    let mut ended = 0;
    for minute in first..=this {
        let at = DateTime::from_timestamp(minute * 60, 0).unwrap_or(now);
        let due = crate::book::all::<Room>(table, Query::partition(Index::Table, keys::rooms_ending(at))).await?;
        for room in due {
            match video.end_meeting(&room.meeting.meeting_id).await {
                Ok(()) => {}
                // Left for the next sweep: the provider ends idle meetings on its own too.
                Err(e) => {
                    tracing::warn!(error = %e, "a video meeting was not ended; retrying next sweep");
                    continue;
                }
            }
            let key = keys::room(&room.practice_id, &room.patient_id, &room.appointment_id);
            table.delete(&key, Condition::eq("closes_at_ts", room.closes_at.timestamp())).await.or_else(ignore_gone)?;
            table.delete(&keys::room_end(at, &key), Condition::Always).await?;
            ended += 1;
        }
    }
    table.put(Item::new(marker).with("minute", this - 1), Condition::Always).await?;
    Ok(ended)
}

fn ignore_gone(e: StoreError) -> Result<(), StoreError> {
    if e.is_condition_failed() { Ok(()) } else { Err(e) }
}
