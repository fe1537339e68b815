//! Email suppression: an address that bounced permanently or complained receives nothing more from the
//! practice it was sent for. SES reports both (through SNS and SQS, `worker-ses-events`); the send gate
//! reads them here. Addresses are kept only as keyed digests.

use chrono::{DateTime, Utc};

use crate::crypto::Hasher;
use crate::directory::patients;
use crate::domain::{Address, Email};
use crate::ids::PracticeId;
use crate::keys;
use crate::store::{Condition, Item, StoreError, Table};

/// Why an address is suppressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Bounce,
    Complaint,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Bounce => "bounce",
            Reason::Complaint => "complaint",
        }
    }
}

fn key(hasher: &Hasher, practice: &PracticeId, email: &Email) -> crate::store::Key {
    keys::suppression(practice, &patients::address_digest(hasher, &Address::Email(email.clone())))
}

/// Suppresses an address for a practice.
pub async fn suppress(
    table: &dyn Table,
    hasher: &Hasher,
    practice: &PracticeId,
    email: &Email,
    reason: Reason,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let item = Item::new(key(hasher, practice, email)).with("reason", reason.as_str()).with("at", now.to_rfc3339());
    table.put(item, Condition::Always).await
}

pub async fn is_suppressed(table: &dyn Table, hasher: &Hasher, practice: &PracticeId, email: &Email) -> Result<bool, StoreError> {
    Ok(table.get(&key(hasher, practice, email)).await?.is_some())
}

/// Why staff lift a suppression: a fixed list, so no free text (and no PHI) goes into the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClearReason {
    /// The patient confirmed the address works (their mailbox was full, or the complaint was a mistake).
    PatientConfirmedAddress,
    /// The mail provider's fault, now fixed.
    ProviderError,
}

/// Lifts a suppression: the address may be mailed again. The lifting is kept (who, why, when) beside
/// the suppression's own key. Answers false when the address was not suppressed.
pub async fn clear(
    table: &dyn Table,
    hasher: &Hasher,
    practice: &PracticeId,
    email: &Email,
    reason: ClearReason,
    by: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let key = key(hasher, practice, email);
    let Some(current) = table.get(&key).await? else { return Ok(false) };
    let lifted = crate::store::Key::new(key.pk.clone(), format!("{}#CLEARED#{}", key.sk, crate::time::sortable(now)));
    let record = Item::new(lifted)
        .with("was", current.str("reason").unwrap_or_default())
        .with("reason", serde_json::to_value(reason).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default())
        .with("by", by)
        .with("at", now.to_rfc3339());
    table
        .transact(vec![
            crate::store::Write::Delete { key, condition: Condition::Exists },
            crate::store::Write::put(record, Condition::NotExists),
        ])
        .await?;
    Ok(true)
}
