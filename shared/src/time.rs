//! Instants as the table sorts them. Sort keys and index keys that order by time use one fixed-width
//! form, so string order is time order.

use chrono::{DateTime, Utc};

/// `2026-11-18T17:00:00.000000Z`: UTC, microseconds, fixed width.
pub fn sortable(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// A bound that sorts after every [`sortable`] instant of the same second or earlier prefix: for
/// "everything up to and including `at`" ranges.
pub fn sortable_upper(at: DateTime<Utc>) -> String {
    format!("{}~", sortable(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_order_is_time_order() {
        let early: DateTime<Utc> = "2026-01-02T03:04:05.000001Z".parse().unwrap();
        let late: DateTime<Utc> = "2026-01-02T03:04:05.01Z".parse().unwrap();
        assert!(sortable(early) < sortable(late));
        assert_eq!(sortable(early).len(), sortable(late).len());
        assert!(sortable(late) < sortable_upper(late));
        assert!(sortable_upper(early) < sortable(late));
    }
}
