//! What became of each notification sent to a patient. A notification is recorded when the provider takes
//! it, findable by the provider's id (Twilio's `MessageSid`) when its status callbacks arrive. A status
//! only moves forward (queued → sent → delivered, undelivered or failed); repeated and late callbacks
//! change nothing. Hard failures in a row are counted on the patient (a delivered text starts the count
//! again), and after three the number is marked undeliverable so the send gate falls back to email.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::directory::patients;
use crate::domain::Channel;
use crate::ids::{EventId, PatientId, PracticeId};
use crate::keys;
use crate::store::{Condition, Index, Item, Query, StoreError, Table, Update};

/// Failures that say the number will not take texts: unknown, landline or unreachable carrier, invalid,
/// not a mobile, blocked. 30003 (handset unreachable: off, or out of coverage) is passing, so not here.
pub const HARD_FAILURE_CODES: [&str; 5] = ["30005", "30006", "21211", "21614", "30004"];
/// Hard failures before a number is treated as undeliverable.
pub const UNDELIVERABLE_AFTER: i64 = 3;

/// A notification sent to a patient.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Notification {
    pub practice_id: PracticeId,
    pub patient_id: PatientId,
    pub event_id: EventId,
    pub channel: Channel,
    pub provider_id: String,
    pub status: String,
    pub sent_at: DateTime<Utc>,
    #[serde(default)]
    pub error_code: Option<String>,
}

impl Notification {
    pub fn item(&self) -> Result<Item, StoreError> {
        let item = Item::from_record(keys::notification(&self.practice_id, &self.patient_id, &self.event_id), self)?;
        Ok(match self.channel {
            Channel::Sms => item.indexed(Index::Gsi1, keys::sms_out(&self.provider_id), "NOTE"),
            Channel::Email => item,
        })
    }
}

/// Records a notification the provider accepted.
pub async fn record_sent(table: &dyn Table, notification: &Notification) -> Result<(), StoreError> {
    table.put(notification.item()?, Condition::Always).await
}

/// A notice that never reached a provider: `skipped` by the send gate, or `refused` by the provider.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unsent {
    pub practice_id: PracticeId,
    pub patient_id: PatientId,
    pub event_id: EventId,
    pub channel: Option<Channel>,
    pub status: String,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// Records a notice that was not sent, so staff see on the chart why the patient was not told. Never
/// over a record of the same notice being sent (a late redelivery may be skipped after it went).
pub async fn record_unsent(table: &dyn Table, unsent: &Unsent) -> Result<(), StoreError> {
    let item = Item::from_record(keys::notification(&unsent.practice_id, &unsent.patient_id, &unsent.event_id), unsent)?;
    match table.put(item, Condition::NotExists).await {
        Ok(()) | Err(StoreError::ConditionFailed { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}

/// One notice to a patient as the chart shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub event_id: EventId,
    pub channel: Option<Channel>,
    pub status: String,
    /// Why it was skipped or refused; the provider's error code for a failed text.
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

/// The patient's latest notices, newest first.
pub async fn recent(table: &dyn Table, practice: &PracticeId, patient: &PatientId, limit: usize) -> Result<Vec<Delivery>, StoreError> {
    let partition = keys::patient_partition(practice, patient);
    let page =
        table.query(Query::partition(Index::Table, partition).begins_with(keys::NOTIFICATION_PREFIX).backward().limit(limit)).await?;
    page.items
        .iter()
        .map(|item| {
            if item.str("provider_id").is_some() {
                let n: Notification = item.record()?;
                Ok(Delivery { event_id: n.event_id, channel: Some(n.channel), status: n.status, reason: n.error_code, at: n.sent_at })
            } else {
                let u: Unsent = item.record()?;
                Ok(Delivery { event_id: u.event_id, channel: u.channel, status: u.status, reason: Some(u.reason), at: u.at })
            }
        })
        .collect()
}

/// The order of Twilio's statuses; a callback never moves a notification backwards.
pub fn rank(status: &str) -> Option<i64> {
    match status {
        "accepted" | "scheduled" | "queued" => Some(0),
        "sending" => Some(1),
        "sent" => Some(2),
        "delivered" | "undelivered" | "failed" => Some(3),
        "read" => Some(4),
        _ => None,
    }
}

/// A delivery status callback, as Twilio posts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusUpdate {
    pub message_sid: String,
    pub status: String,
    pub error_code: Option<String>,
}

impl StatusUpdate {
    pub fn from_params(params: &[(String, String)]) -> Result<Self, &'static str> {
        let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let sid = get("MessageSid").or_else(|| get("SmsSid")).filter(|s| !s.is_empty() && s.len() <= 64).ok_or("MessageSid is missing")?;
        let status = get("MessageStatus")
            .or_else(|| get("SmsStatus"))
            .map(|s| s.to_lowercase())
            .filter(|s| rank(s).is_some())
            .ok_or("MessageStatus is missing or unknown")?;
        Ok(StatusUpdate { message_sid: sid, status, error_code: get("ErrorCode").filter(|c| !c.is_empty()) })
    }

    fn is_hard_failure(&self) -> bool {
        matches!(self.status.as_str(), "undelivered" | "failed")
            && self.error_code.as_deref().is_some_and(|c| HARD_FAILURE_CODES.contains(&c))
    }
}

/// What a callback changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    Unknown,
    Moved,
    Ignored,
    MarkedUndeliverable,
}

/// Applies a status callback to the notification it is about, and to the patient's text standing.
pub async fn apply_status(table: &dyn Table, update: &StatusUpdate) -> Result<(Applied, Option<Notification>), StoreError> {
    let Some(new_rank) = rank(&update.status) else { return Ok((Applied::Ignored, None)) };
    let page = table.query(Query::partition(Index::Gsi1, keys::sms_out(&update.message_sid)).limit(1)).await?;
    let Some(item) = page.items.first() else { return Ok((Applied::Unknown, None)) };
    let notification: Notification = item.record()?;
    let mut change = Update::new(item.key.clone())
        .set("status", update.status.clone())
        .set("status_rank", new_rank)
        .when(Condition::Exists.and(Condition::Missing("status_rank".into()).or(Condition::lt("status_rank", new_rank))));
    if let Some(code) = &update.error_code {
        change = change.set("error_code", code.clone());
    }
    match table.update(change).await {
        Ok(_) => {}
        Err(StoreError::ConditionFailed { .. }) => return Ok((Applied::Ignored, Some(notification))),
        Err(e) => return Err(e),
    }
    let (practice, patient) = (&notification.practice_id, &notification.patient_id);
    if update.status == "delivered" {
        let failing = patients::get(table, practice, patient).await?;
        if failing.is_some_and(|p| p.sms.hard_failures > 0 && !p.sms.undeliverable) {
            patients::update_sms(table, practice, patient, |sms| sms.hard_failures = 0).await?;
        }
        return Ok((Applied::Moved, Some(notification)));
    }
    if !update.is_hard_failure() {
        return Ok((Applied::Moved, Some(notification)));
    }
    let marked = patients::update_sms(table, practice, patient, |sms| {
        sms.hard_failures += 1;
        if sms.hard_failures >= UNDELIVERABLE_AFTER {
            sms.undeliverable = true;
        }
    })
    .await?;
    let applied = if marked.is_some_and(|p| p.sms.undeliverable) { Applied::MarkedUndeliverable } else { Applied::Moved };
    Ok((applied, Some(notification)))
}
