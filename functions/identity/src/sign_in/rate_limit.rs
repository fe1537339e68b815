//! Limits on sign-in codes. Before anything is looked up, and so alike for known and unknown addresses:
//! one code per address per minute, a few per address per hour, none for the rest of the day to an
//! address that has drawn too many wrong answers, and a few per client per hour. After the lookup, a
//! practice-wide hourly cap counts only the codes actually sent: anonymous traffic to addresses nobody
//! has cannot use it up and lock a practice's patients out.

use chrono::{DateTime, Utc};
use portico::directory::Practice;
use portico::ids::{PatientId, PracticeId};
use portico::store::{Condition, Item, StoreError, Table, Update, Write};

use crate::keys;
use crate::limits::{CODES_PER_ADDRESS_HOUR, CONTACT_CHANGES_PER_DAY, WRONG_CODES_PER_ADDRESS_DAY, resend_cooldown};

#[derive(Debug, thiserror::Error)]
pub enum Limited {
    #[error("try again in {0} s")]
    RetryAfter(u64),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for Limited {
    fn from(e: StoreError) -> Self {
        Limited::Store(e)
    }
}

fn seconds_until(at: i64, now: i64) -> u64 {
    u64::try_from((at - now).max(1)).unwrap_or(60)
}

/// The UTC day of an instant, as a number (days since the epoch).
pub fn day(now: DateTime<Utc>) -> i64 {
    now.timestamp().div_euclid(86_400)
}

/// A counter that may grow to `limit` within its window, expiring after it.
fn counter(key: portico::store::Key, limit: i64, window_ends: i64) -> Update {
    Update::new(key)
        .add("count", 1)
        .set("ttl", window_ends + 3600)
        .when(Condition::Missing("count".into()).or(Condition::lt("count", limit)))
}

/// Counts one code to `address_digest`, or says when the next one is allowed. Checked before the
/// address is looked up.
pub async fn admit_send(table: &dyn Table, practice: &Practice, address_digest: &str, now: DateTime<Utc>) -> Result<(), Limited> {
    let now_s = now.timestamp();
    let hour = now_s / 3600;
    let next_hour = (hour + 1) * 3600;
    let tomorrow = (day(now) + 1) * 86_400;
    let id = &practice.id;
    // An address that drew too many wrong answers today gets no more codes today.
    let wrong = table.get(&keys::wrong_codes(id, address_digest, day(now))).await?.and_then(|i| i.i64("count")).unwrap_or(0);
    if wrong >= WRONG_CODES_PER_ADDRESS_DAY {
        return Err(Limited::RetryAfter(seconds_until(tomorrow, now_s)));
    }
    let practice_sent = table.get(&keys::practice_hour(id, hour)).await?.and_then(|i| i.i64("count")).unwrap_or(0);
    if practice_sent >= i64::from(practice.settings.sign_in_codes_per_hour) {
        return Err(Limited::RetryAfter(seconds_until(next_hour, now_s)));
    }
    let cooldown_ends = now_s + resend_cooldown().num_seconds();
    let cooldown = Item::new(keys::send_cooldown(id, address_digest)).with("until", cooldown_ends).expiring_at(cooldown_ends);
    let per_address = counter(keys::address_hour(id, address_digest, hour), CODES_PER_ADDRESS_HOUR, next_hour);
    match table.transact(vec![Write::put(cooldown, Condition::NotExists), Write::Update(per_address)]).await {
        Ok(()) => Ok(()),
        Err(StoreError::ConditionFailed { index: Some(0), current }) => {
            let until = current.and_then(|c| c.i64("until")).unwrap_or(cooldown_ends);
            Err(Limited::RetryAfter(seconds_until(until, now_s)))
        }
        Err(StoreError::ConditionFailed { .. }) => Err(Limited::RetryAfter(seconds_until(next_hour, now_s))),
        Err(StoreError::Conflict) => Err(Limited::RetryAfter(1)),
        Err(e) => Err(Limited::Store(e)),
    }
}

/// Counts one code actually sent against the practice's hourly cap. Only codes to patients on file
/// count, so the cap measures what the practice pays for and what patients receive.
pub async fn count_practice_send(table: &dyn Table, practice: &Practice, now: DateTime<Utc>) -> Result<(), Limited> {
    let now_s = now.timestamp();
    let hour = now_s / 3600;
    let next_hour = (hour + 1) * 3600;
    let cap = i64::from(practice.settings.sign_in_codes_per_hour);
    match table.update(counter(keys::practice_hour(&practice.id, hour), cap, next_hour)).await {
        Ok(_) => Ok(()),
        Err(StoreError::ConditionFailed { .. }) => Err(Limited::RetryAfter(seconds_until(next_hour, now_s))),
        Err(e) => Err(Limited::Store(e)),
    }
}

/// Counts one confirmation code a patient asks for, for a new address, against a daily limit.
pub async fn admit_contact_change(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    now: DateTime<Utc>,
) -> Result<(), Limited> {
    let tomorrow = (day(now) + 1) * 86_400;
    match table.update(counter(keys::contact_changes(practice, patient, day(now)), CONTACT_CHANGES_PER_DAY, tomorrow)).await {
        Ok(_) => Ok(()),
        Err(StoreError::ConditionFailed { .. }) => Err(Limited::RetryAfter(seconds_until(tomorrow, now.timestamp()))),
        Err(e) => Err(Limited::Store(e)),
    }
}

/// The write that counts a wrong answer against the address's daily limit (with the answer itself).
pub fn count_wrong_code(practice: &PracticeId, address_digest: &str, now: DateTime<Utc>) -> Write {
    let tomorrow = (day(now) + 1) * 86_400;
    Write::Update(Update::new(keys::wrong_codes(practice, address_digest, day(now))).add("count", 1).set("ttl", tomorrow + 3600))
}

/// Whether an address has drawn its day's limit of wrong answers: its codes stop working until tomorrow.
pub async fn locked_today(table: &dyn Table, practice: &PracticeId, address_digest: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let wrong = table.get(&keys::wrong_codes(practice, address_digest, day(now))).await?.and_then(|i| i.i64("count")).unwrap_or(0);
    Ok(wrong >= WRONG_CODES_PER_ADDRESS_DAY)
}
