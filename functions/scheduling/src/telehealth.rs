//! Video visits. A telehealth appointment's participants join from [`OPENS_BEFORE_MINUTES`] before
//! its start to [`CLOSES_AFTER_MINUTES`] after its end, each with a seat of their own, issued only to
//! the signed-in person asking (never sent in a text or an email). The meeting is created when the
//! first person joins inside the window, and ended by the sweep when the window closes.

use chrono::{DateTime, Duration, Utc};
use portico::ids::{AppointmentId, PatientId, PracticeId};
use portico::store::{Condition, Index, Item, Query, StoreError, Table};
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
    /// How many times the provider ended the meeting early (it ends idle meetings) and a new one was
    /// made for the same window.
    #[serde(default)]
    generation: u32,
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
        None => open_room(table, video, appointment, (closes_at, 0), None).await?,
    };
    let (room, attendee) = match video.add_attendee(&room.meeting.meeting_id, participant).await {
        Ok(attendee) => (room, attendee),
        // The provider ended it (idle meetings end on their own): a new meeting for the rest of the window.
        Err(VideoError::NoMeeting) => {
            let room = open_room(table, video, appointment, (closes_at, room.generation + 1), Some(room.generation)).await?;
            let attendee = video.add_attendee(&room.meeting.meeting_id, participant).await?;
            (room, attendee)
        }
        Err(e) => return Err(e.into()),
    };
    let join_page = video.join_page(&room.meeting.meeting_id, &attendee);
    Ok(Seat { meeting: room.meeting, attendee, join_page, opens_at, closes_at })
}

/// The provider's request token for a visit's meeting: opaque (no date of service reaches the
/// provider), the same for everyone joining that window, new for a moved visit or a replaced meeting.
fn request_token(appointment: &Appointment, closes_at: DateTime<Utc>, generation: u32) -> String {
    let text = format!("{}|{}|{generation}", appointment.appointment_id, closes_at.timestamp());
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, text.as_bytes());
    digest.as_ref().iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Makes the visit's meeting (or its replacement, when `replacing` names the generation the provider
/// ended) and keeps it with the due item that ends it when the window closes. Two people joining at
/// once get the same meeting: the provider answers one token with one meeting, and the record's
/// condition lets one of them write it.
async fn open_room(
    table: &dyn Table,
    video: &dyn Video,
    appointment: &Appointment,
    (closes_at, generation): (DateTime<Utc>, u32),
    replacing: Option<u32>,
) -> Result<Room, JoinError> {
    let key = keys::room(&appointment.practice_id, &appointment.patient_id, &appointment.appointment_id);
    let meeting = video.create_meeting(&request_token(appointment, closes_at, generation)).await?;
    let room = Room {
        practice_id: appointment.practice_id.clone(),
        patient_id: appointment.patient_id.clone(),
        appointment_id: appointment.appointment_id.clone(),
        meeting,
        closes_at,
        generation,
    };
    let expires = (closes_at + Duration::days(2)).timestamp();
    let ends =
        Item::from_record(keys::room_end(crate::minutes::minute_of(closes_at) + Duration::minutes(1), &key), &room)?.expiring_at(expires);
    let kept = Item::from_record(key.clone(), &room)?
        .with("closes_at_ts", closes_at.timestamp())
        .with("generation", i64::from(generation))
        .expiring_at(expires);
    let condition = match replacing {
        Some(before) => Condition::eq("generation", i64::from(before)),
        // None yet, or one left from before the visit moved.
        None => Condition::NotExists.or(Condition::lt("closes_at_ts", closes_at.timestamp())),
    };
    let writes = vec![portico::store::Write::put(kept, condition), portico::store::Write::put(ends, Condition::Always)];
    match table.transact(writes).await {
        Ok(()) => Ok(room),
        // Someone joined at the same moment and wrote it first: theirs is the meeting.
        Err(e) if e.is_condition_failed() || matches!(e, StoreError::Conflict) => {
            Ok(table.get(&key).await?.map(|i| i.record()).transpose()?.unwrap_or(room))
        }
        Err(e) => Err(e.into()),
    }
}

/// Ends the meetings whose windows closed since the last sweep (at most an hour back; the provider ends
/// idle meetings on its own too).
pub async fn sweep(table: &dyn Table, video: &dyn Video, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let sweep = crate::minutes::Sweep::start(table, "rooms", now, 60).await?;
    let mut ended = 0;
    for &at in &sweep.minutes {
        let due = crate::book::all::<Room>(table, Query::partition(Index::Table, keys::rooms_ending(at))).await?;
        for room in due {
            let key = keys::room(&room.practice_id, &room.patient_id, &room.appointment_id);
            if let Err(e) = video.end_meeting(&room.meeting.meeting_id).await {
                // Filed again for the next minute; the provider also ends idle meetings on its own.
                tracing::warn!(error = %e, "a video meeting was not ended; it is tried again next minute");
                let again = Item::from_record(keys::room_end(crate::minutes::minute_of(now) + Duration::minutes(1), &key), &room)?
                    .expiring_at((now + Duration::days(2)).timestamp());
                table.put(again, Condition::Always).await?;
                table.delete(&keys::room_end(at, &key), Condition::Always).await?;
                continue;
            }
            table.delete(&key, Condition::eq("closes_at_ts", room.closes_at.timestamp())).await.or_else(ignore_gone)?;
            table.delete(&keys::room_end(at, &key), Condition::Always).await?;
            ended += 1;
        }
    }
    sweep.finish(table).await?;
    Ok(ended)
}

fn ignore_gone(e: StoreError) -> Result<(), StoreError> {
    if e.is_condition_failed() { Ok(()) } else { Err(e) }
}
