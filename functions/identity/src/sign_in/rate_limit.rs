//! Limits on sending codes: one per address per minute, a few per address per hour, and a practice-wide
//! hourly cap. Counted before we know whether the address belongs to anyone, so known and unknown
//! addresses are limited alike.

use chrono::{DateTime, Utc};
use portico::directory::Practice;
use portico::store::{Condition, Item, StoreError, Table, Update, Write};

use crate::keys;
use crate::limits::{CODES_PER_ADDRESS_HOUR, resend_cooldown};

#[derive(Debug, thiserror::Error)]
pub enum Limited {
    #[error("try again in {0} s")]
    RetryAfter(u64),
    #[error(transparent)]
    Store(StoreError),
}

/// Counts one send to `address_digest`, or says when the next one is allowed.
pub async fn admit_send(table: &dyn Table, practice: &Practice, address_digest: &str, now: DateTime<Utc>) -> Result<(), Limited> {
    let now_s = now.timestamp();
    let hour = now_s / 3600;
    let next_hour = (hour + 1) * 3600;
    let cooldown_ends = now_s + resend_cooldown().num_seconds();
    let cooldown = Item::new(keys::send_cooldown(&practice.id, address_digest)).with("until", cooldown_ends).expiring_at(cooldown_ends);
    let per_address = Update::new(keys::address_hour(&practice.id, address_digest, hour))
        .add("count", 1)
        .set("ttl", next_hour + 3600)
        .when(Condition::Missing("count".into()).or(Condition::lt("count", CODES_PER_ADDRESS_HOUR)));
    let per_practice = Update::new(keys::practice_hour(&practice.id, hour))
        .add("count", 1)
        .set("ttl", next_hour + 3600)
        .when(Condition::Missing("count".into()).or(Condition::lt("count", i64::from(practice.settings.sign_in_codes_per_hour))));
    let writes = vec![Write::put(cooldown, Condition::NotExists), Write::Update(per_address), Write::Update(per_practice)];
    match table.transact(writes).await {
        Ok(()) => Ok(()),
        Err(StoreError::ConditionFailed { index: Some(0), current }) => {
            let until = current.and_then(|c| c.i64("until")).unwrap_or(cooldown_ends);
            Err(Limited::RetryAfter(u64::try_from((until - now_s).max(1)).unwrap_or(60)))
        }
        Err(StoreError::ConditionFailed { .. }) => Err(Limited::RetryAfter(u64::try_from((next_hour - now_s).max(1)).unwrap_or(3600))),
        Err(StoreError::Conflict) => Err(Limited::RetryAfter(1)),
        Err(e) => Err(Limited::Store(e)),
    }
}
