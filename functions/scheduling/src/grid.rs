//! Slot starts and the cells a visit covers: pure functions of a schedule, a service and the clinician's
//! taken time. Slots lie on a grid anchored at local midnight in the clinician's zone; a local time
//! that does not exist (spring forward) starts no slot, and one that happens twice (fall back) starts
//! one, the first.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, TimeZone, Utc};

use crate::model::{Block, CELL_MINUTES, DAYS, Schedule, Service, parse_time};

/// Minutes since the epoch of the cell holding `at` (cells are aligned to UTC five minutes).
pub fn cell_of(at: DateTime<Utc>) -> i64 {
    at.timestamp().div_euclid(60).div_euclid(CELL_MINUTES) * CELL_MINUTES
}

/// The cells covering `[from, to)`.
pub fn cells(from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<i64> {
    let first = cell_of(from);
    let last = to.timestamp().div_euclid(60);
    (0..).map(|i| first + i * CELL_MINUTES).take_while(|m| *m < last).collect()
}

/// Where a local wall-clock time is in UTC: none for a time that does not exist, the first for one
/// that happens twice.
fn instant(zone: chrono_tz::Tz, date: NaiveDate, minutes: i64) -> Option<DateTime<Utc>> {
    let naive = date.and_hms_opt(0, 0, 0)? + Duration::minutes(minutes);
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// Every slot start in `[from, to)` where a visit of `duration_minutes` fits inside one of the weekly
/// windows (in local wall-clock time), strictly increasing.
pub fn starts(schedule: &Schedule, duration_minutes: i64, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let Some(zone) = schedule.zone() else { return Vec::new() };
    let grid = schedule.grid_minutes.max(CELL_MINUTES);
    let first_day = from.with_timezone(&zone).date_naive() - Duration::days(1);
    let last_day = to.with_timezone(&zone).date_naive() + Duration::days(1);
    let mut found = Vec::new();
    let mut day = first_day;
    while day <= last_day {
        let weekday = DAYS[day.weekday().num_days_from_monday() as usize];
        for window in schedule.windows.iter().filter(|w| w.day == weekday) {
            let (Some(open), Some(close)) = (parse_time(&window.start), parse_time(&window.end)) else { continue };
            let open = i64::from(open.hour_minutes());
            let close = i64::from(close.hour_minutes());
            // On the grid from local midnight, inside the window, ending by its close: compared as
            // instants, so a visit across a clock change ends when it really ends.
            let close_at = instant(zone, day, close).or_else(|| instant(zone, day, close + 60));
            let mut minute = open.div_euclid(grid) * grid;
            if minute < open {
                minute += grid;
            }
            while minute < close {
                if let Some(at) = instant(zone, day, minute)
                    && close_at.is_some_and(|c| at + Duration::minutes(duration_minutes) <= c)
                    && at >= from
                    && at < to
                {
                    found.push(at);
                }
                minute += grid;
            }
        }
        day += Duration::days(1);
    }
    found.sort();
    found.dedup();
    found
}

trait HourMinutes {
    fn hour_minutes(&self) -> u32;
}

impl HourMinutes for chrono::NaiveTime {
    fn hour_minutes(&self) -> u32 {
        use chrono::Timelike;
        self.hour() * 60 + self.minute()
    }
}

/// Whether `[from, to)` overlaps a block of the schedule.
pub fn blocked(blocks: &[Block], from: DateTime<Utc>, to: DateTime<Utc>) -> bool {
    blocks.iter().any(|b| b.start < to && from < b.end)
}

/// Whether a slot is one the schedule offers for the service: on the grid, in a window (checked by
/// recomputing that day's starts), and not blocked.
pub fn offered(schedule: &Schedule, service: &Service, start: DateTime<Utc>) -> bool {
    let around = starts(schedule, service.duration_minutes, start - Duration::minutes(1), start + Duration::minutes(1));
    let (from, to) = service.occupies(start);
    around.contains(&start) && !blocked(&schedule.blocks, from, to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Window;
    use portico::ids::StaffId;

    fn at(raw: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(raw).map(|t| t.with_timezone(&Utc)).unwrap_or_default()
    }

    fn schedule(zone: &str, windows: &[(&str, &str, &str)], grid: i64) -> Schedule {
        Schedule {
            clinician_id: StaffId::parse("staff-riverside-clin")
                .unwrap_or_else(|| StaffId::parse("staff-x").unwrap_or_else(|| unreachable!())),
            time_zone: zone.to_string(),
            grid_minutes: grid,
            windows: windows.iter().map(|(d, s, e)| Window { day: d.to_string(), start: s.to_string(), end: e.to_string() }).collect(),
            blocks: Vec::new(),
            version: 0,
        }
    }

    #[test]
    fn the_first_afternoon_slot_follows_the_clocks_across_spring_forward() {
        let week = [("sat", "13:00", "18:00"), ("sun", "13:00", "18:00"), ("mon", "13:00", "18:00")];
        let s = schedule("America/New_York", &week, 30);
        let first = |day: &str| starts(&s, 30, at(&format!("{day}T00:00:00Z")), at(&format!("{day}T23:59:00Z")))[0];
        assert_eq!(first("2026-03-07"), at("2026-03-07T18:00:00Z"));
        assert_eq!(first("2026-03-08"), at("2026-03-08T17:00:00Z"));
        assert_eq!(first("2026-03-09"), at("2026-03-09T17:00:00Z"));
    }

    #[test]
    fn no_slot_starts_in_the_missing_hour_and_the_repeated_hour_starts_one() {
        let s = schedule("America/New_York", &[("sun", "00:00", "04:00")], 30);
        let spring = starts(&s, 30, at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z"));
        let locals: Vec<String> =
            spring.iter().map(|t| t.with_timezone(&chrono_tz::America::New_York).format("%H:%M").to_string()).collect();
        assert!(!locals.iter().any(|l| l.starts_with("02:")), "02:xx does not exist on 8 March: {locals:?}");
        let fall = starts(&s, 30, at("2026-11-01T00:00:00Z"), at("2026-11-02T00:00:00Z"));
        let half_past_one: Vec<_> =
            fall.iter().filter(|t| t.with_timezone(&chrono_tz::America::New_York).format("%H:%M").to_string() == "01:30").collect();
        assert_eq!(half_past_one.len(), 1, "01:30 on 1 November appears once");
    }

    /// Ten years of transitions in six zones: strictly increasing, unique, on the local grid.
    #[test]
    fn slots_increase_and_stay_on_the_local_grid_across_ten_years_in_six_zones() {
        let zones = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "Asia/Kathmandu", "America/Santiago"];
        let every_day: Vec<(&str, &str, &str)> = DAYS.iter().map(|d| (*d, "00:00", "23:59")).collect();
        for zone in zones {
            let s = schedule(zone, &every_day, 45);
            let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::UTC);
            let found = starts(&s, 15, at("2026-01-01T00:00:00Z"), at("2036-01-01T00:00:00Z"));
            assert!(found.len() > 100_000, "{zone}");
            for pair in found.windows(2) {
                assert!(pair[0] < pair[1], "{zone}: {} then {}", pair[0], pair[1]);
            }
            for t in &found {
                let local = t.with_timezone(&tz);
                let minutes = i64::from(local.time().hour_minutes());
                // On the grid, except the second pass of a repeated hour, which never starts a slot.
                assert_eq!(minutes % 45, 0, "{zone}: {local} is off the 45-minute grid");
            }
        }
    }

    #[test]
    fn a_visit_across_spring_forward_still_ends_by_the_close() {
        // 01:00-03:00 on 8 March 2026 in New York is one real hour: 01:00 EST to 03:00 EDT.
        let s = schedule("America/New_York", &[("sun", "01:00", "03:00")], 30);
        let found = starts(&s, 60, at("2026-03-08T00:00:00Z"), at("2026-03-09T00:00:00Z"));
        assert_eq!(found, vec![at("2026-03-08T06:00:00Z")], "only 01:00 EST fits an hour before 03:00 EDT");
    }

    #[test]
    fn cells_cover_a_visit_and_its_buffers() {
        assert_eq!(cells(at("2026-01-01T09:00:00Z"), at("2026-01-01T09:15:00Z")).len(), 3);
        assert_eq!(cells(at("2026-01-01T09:02:00Z"), at("2026-01-01T09:06:00Z")).len(), 2);
    }
}
