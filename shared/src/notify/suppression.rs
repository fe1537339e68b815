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
