//! The patient's home screen in one read: a summary item in the patient's partition that capabilities
//! keep current, each in the same transaction that changes what it summarises (a message arriving, a
//! thread read). The home route reads it with the profile, the consent state and the session in one
//! batch. A capability adds its part as attributes of its own (`messages_*` here); one that does not exist
//! yet contributes nothing.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{PatientId, PracticeId};
use crate::keys;
use crate::store::{Item, StoreError, Update, Write};

/// The newest message the patient has not read, for the home screen's card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatestMessage {
    pub thread_id: String,
    pub subject: String,
    /// The first words (the lists' preview).
    pub preview: String,
    pub at: DateTime<Utc>,
}

/// What the home item holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Home {
    /// Messages from the care team the patient has not read, across threads.
    #[serde(default)]
    pub messages_unread: i64,
    #[serde(default)]
    pub messages_latest: Option<LatestMessage>,
    /// Unread items of the portal's bell ([`crate::bell`]).
    #[serde(default)]
    pub bell_unread: i64,
}

impl Home {
    pub fn from_item(item: Option<Item>) -> Result<Self, StoreError> {
        let mut home: Home = item.map(|i| i.record()).transpose()?.unwrap_or_default();
        // Threads older than the home item were never counted into it; a read of one must not go below zero.
        home.messages_unread = home.messages_unread.max(0);
        home.bell_unread = home.bell_unread.max(0);
        Ok(home)
    }
}

/// An appointment still ahead, as the home item keeps it (one attribute per appointment, set and
/// removed by scheduling in the transaction that books, moves, cancels or ends it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upcoming {
    pub appointment_id: String,
    pub start: DateTime<Utc>,
    pub service_name: String,
    pub clinician_name: String,
    /// `requested` or `booked`.
    pub status: String,
    /// Hidden from a parent with limited access to a teen's account.
    #[serde(default)]
    pub confidential: bool,
}

fn upcoming_attr(appointment_id: &str) -> String {
    format!("appt_{appointment_id}")
}

/// The soonest appointment still ahead of `now` on the home item.
pub fn next_appointment(home: Option<&Item>, now: DateTime<Utc>, limited: bool) -> Option<Upcoming> {
    home?
        .attrs
        .iter()
        .filter(|(k, _)| k.starts_with("appt_"))
        .filter_map(|(_, v)| serde_json::from_value::<Upcoming>(v.clone()).ok())
        .filter(|a| a.start > now && !(limited && a.confidential))
        .min_by_key(|a| a.start)
}

/// The one update of the home item an appointment change makes: the appointment set (or removed, when
/// `upcoming` is none), and the bell's count when the change rang it.
pub fn appointment_changed(
    practice: &PracticeId,
    patient: &PatientId,
    appointment_id: &str,
    upcoming: Option<&Upcoming>,
    rang: bool,
) -> Result<Write, StoreError> {
    let mut update = Update::new(keys::home(practice, patient));
    update = match upcoming {
        Some(a) => update.set(upcoming_attr(appointment_id), serde_json::to_value(a).map_err(|e| StoreError::Invalid(e.to_string()))?),
        None => update.remove(upcoming_attr(appointment_id)),
    };
    if rang {
        update = update.add(crate::bell::UNREAD, 1);
    }
    Ok(Write::Update(update))
}

/// The attribute naming the message the card shows, so deleting that message can take its words away.
pub const LATEST_ID: &str = "messages_latest_id";

/// A care-team message the patient can see arrived: one more unread, it is the newest, and the bell has
/// one more item ([`crate::bell::ring`] in the same transaction).
pub fn message_arrived(practice: &PracticeId, patient: &PatientId, message_id: &str, latest: &LatestMessage) -> Result<Write, StoreError> {
    let latest = serde_json::to_value(latest).map_err(|e| StoreError::Invalid(e.to_string()))?;
    Ok(Write::Update(
        Update::new(keys::home(practice, patient))
            .add("messages_unread", 1)
            .add(crate::bell::UNREAD, 1)
            .set("messages_latest", latest)
            .set(LATEST_ID, message_id),
    ))
}

/// Whether the card shows this message (read with [`keys::home`]).
pub fn shows(home: Option<&Item>, message_id: &str) -> bool {
    home.and_then(|h| h.str(LATEST_ID)) == Some(message_id)
}

/// The card's message was deleted: its words leave the home screen (the unread count stays: the
/// patient still has something to see, that a message was removed).
pub fn latest_removed(practice: &PracticeId, patient: &PatientId, message_id: &str) -> Write {
    Write::Update(
        Update::new(keys::home(practice, patient))
            .remove("messages_latest")
            .remove(LATEST_ID)
            .when(crate::store::Condition::eq(LATEST_ID, message_id)),
    )
}

/// The patient read `count` messages of a thread: fewer unread. The card shows its newest message only
/// while something is unread.
pub fn messages_read(practice: &PracticeId, patient: &PatientId, count: i64) -> Option<Write> {
    (count > 0).then(|| Write::Update(Update::new(keys::home(practice, patient)).add("messages_unread", -count)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_item_is_an_empty_home_and_counts_never_go_below_zero() {
        assert_eq!(Home::from_item(None).unwrap_or_default(), Home::default());
        let now = chrono::Utc::now();
        let (practice, patient) = (PracticeId::generate(now), PatientId::generate(now));
        let item = Item::new(keys::home(&practice, &patient)).with("messages_unread", -2);
        assert_eq!(Home::from_item(Some(item)).map(|h| h.messages_unread).unwrap_or(-1), 0);
    }
}
