//! Delivery status callbacks. A notification's status only moves forward (queued → sent → delivered,
//! undelivered or failed); repeated and late callbacks change nothing. Hard failures in a row are counted
//! on the patient (a delivered text starts the count again), and after three the number is marked
//! undeliverable so the send gate falls back to email.

use portico::directory::patients;
use portico::store::{Condition, Index, Query, StoreError, Update};

use super::TwilioDeps;
use crate::keys;
use crate::notify::Notification;

/// Failures that say the number will not take texts: unknown, landline or unreachable carrier, invalid,
/// not a mobile, blocked. 30003 (handset unreachable: off, or out of coverage) is passing, so not here.
pub const HARD_FAILURE_CODES: [&str; 5] = ["30005", "30006", "21211", "21614", "30004"];
/// Hard failures before a number is treated as undeliverable.
pub const UNDELIVERABLE_AFTER: i64 = 3;

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
}

/// What the callback changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    Unknown,
    Moved,
    Ignored,
    MarkedUndeliverable,
}

impl TwilioDeps {
    pub async fn status(&self, update: &StatusUpdate) -> Result<(Applied, Option<Notification>), StoreError> {
        let table = self.table.as_ref();
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
        if update.status == "delivered" {
            let failing = patients::get(table, &notification.practice_id, &notification.patient_id).await?;
            if failing.is_some_and(|p| p.sms.hard_failures > 0 && !p.sms.undeliverable) {
                patients::update_sms(table, &notification.practice_id, &notification.patient_id, |sms| sms.hard_failures = 0).await?;
            }
            return Ok((Applied::Moved, Some(notification)));
        }
        let hard = matches!(update.status.as_str(), "undelivered" | "failed")
            && update.error_code.as_deref().is_some_and(|c| HARD_FAILURE_CODES.contains(&c));
        if !hard {
            return Ok((Applied::Moved, Some(notification)));
        }
        let marked = patients::update_sms(table, &notification.practice_id, &notification.patient_id, |sms| {
            sms.hard_failures += 1;
            if sms.hard_failures >= UNDELIVERABLE_AFTER {
                sms.undeliverable = true;
            }
        })
        .await?;
        let applied = if marked.is_some_and(|p| p.sms.undeliverable) { Applied::MarkedUndeliverable } else { Applied::Moved };
        Ok((applied, Some(notification)))
    }
}
