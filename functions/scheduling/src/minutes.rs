//! Due items filed by the minute, and the sweeps that read them. Reminders, waitlist rounds and the
//! ends of video meetings each live in a global partition per minute; a sweep reads every minute from
//! the one after the last it finished (at most a bound back) to the current one, and marks the minute
//! before the current one finished, so an item committed late in the current minute is read next time.

use chrono::{DateTime, Duration, Timelike, Utc};
use portico::store::{Condition, Item, Key, StoreError, Table};

/// The whole minute `at` falls in.
pub fn minute_of(at: DateTime<Utc>) -> DateTime<Utc> {
    at.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(at)
}

/// The first whole minute at or after `at`: what is filed there is never read before it is due.
pub fn due_minute(at: DateTime<Utc>) -> DateTime<Utc> {
    let whole = minute_of(at);
    if whole == at { whole } else { whole + Duration::minutes(1) }
}

/// One sweep's progress, kept under `SWEEP#<name>`.
pub struct Sweep {
    marker: Key,
    this: i64,
    /// The minutes to read, oldest first.
    pub minutes: Vec<DateTime<Utc>>,
}

impl Sweep {
    /// The minutes since the last sweep of `name` finished, at most `back` minutes ago.
    pub async fn start(table: &dyn Table, name: &str, now: DateTime<Utc>, back: i64) -> Result<Sweep, StoreError> {
        let marker = Key::new(format!("SWEEP#{name}"), "LAST");
        let last = table.get(&marker).await?.and_then(|i| i.i64("minute"));
        let this = minute_of(now).timestamp() / 60;
        let first = last.map_or(this - back, |l| l + 1).max(this - back);
        let minutes = (first..=this).map(|m| DateTime::from_timestamp(m * 60, 0).unwrap_or(now)).collect();
        Ok(Sweep { marker, this, minutes })
    }

    /// Marks every minute before the current one read.
    pub async fn finish(self, table: &dyn Table) -> Result<(), StoreError> {
        table.put(Item::new(self.marker).with("minute", self.this - 1), Condition::Always).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_filed_at_the_next_whole_minute() {
        let at = |raw: &str| DateTime::parse_from_rfc3339(raw).unwrap().with_timezone(&Utc);
        assert_eq!(due_minute(at("2026-11-19T14:00:30Z")), at("2026-11-19T14:01:00Z"));
        assert_eq!(due_minute(at("2026-11-19T14:01:00Z")), at("2026-11-19T14:01:00Z"));
        assert_eq!(minute_of(at("2026-11-19T14:00:59Z")), at("2026-11-19T14:00:00Z"));
    }
}
