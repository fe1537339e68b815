//! Audit review for administrators: search the practice's trail by time, patient, actor and action, a
//! page per query, and export a range whole. Every search and export is itself audited by its route.

use chrono::{DateTime, Duration, Utc};
use portico::audit::{AuditCursor, AuditEvent, AuditLog, AuditQuery};
use portico::ids::PracticeId;
use portico::store::StoreError;

/// The widest range one export covers, and the most events it holds.
pub const EXPORT_MAX_DAYS: i64 = 31;
pub const EXPORT_MAX_EVENTS: usize = 10_000;
const EXPORT_PAGE: usize = 500;

pub struct AuditDeps {
    pub audit: AuditLog,
}

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("{0}")]
    Range(&'static str),
    #[error("the range holds more than {EXPORT_MAX_EVENTS} events; export a shorter one")]
    TooMany,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Checks a range as an auditor gives it.
pub fn range(from: DateTime<Utc>, to: DateTime<Utc>, max_days: Option<i64>) -> Result<(), ReviewError> {
    if from > to {
        return Err(ReviewError::Range("from must not be after to"));
    }
    if max_days.is_some_and(|days| to - from > Duration::days(days)) {
        return Err(ReviewError::Range("an export covers at most 31 days"));
    }
    Ok(())
}

impl AuditDeps {
    pub async fn search(
        &self,
        practice: &PracticeId,
        query: &AuditQuery,
        cursor: Option<&AuditCursor>,
        limit: usize,
    ) -> Result<(Vec<AuditEvent>, Option<AuditCursor>), ReviewError> {
        range(query.from, query.to, None)?;
        let page = self.audit.search(practice, query, cursor, limit).await?;
        Ok((page.events, page.next))
    }

    /// Every event of a range, oldest first.
    pub async fn export(&self, practice: &PracticeId, query: &AuditQuery) -> Result<Vec<AuditEvent>, ReviewError> {
        range(query.from, query.to, Some(EXPORT_MAX_DAYS))?;
        let mut events = Vec::new();
        let mut cursor = None;
        loop {
            let page = self.audit.search(practice, query, cursor.as_ref(), EXPORT_PAGE).await?;
            events.extend(page.events);
            if events.len() > EXPORT_MAX_EVENTS {
                return Err(ReviewError::TooMany);
            }
            match page.next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        events.reverse();
        Ok(events)
    }
}

/// The columns of a CSV export, in order.
pub const CSV_COLUMNS: [&str; 13] = [
    "at",
    "actor_kind",
    "actor_id",
    "action",
    "object_kind",
    "object_id",
    "patient_id",
    "outcome",
    "status",
    "ip",
    "user_agent",
    "request_id",
    "function",
];

/// One event as a CSV row (RFC 4180 quoting; a cell a spreadsheet would run as a formula starts with a
/// quote mark instead).
pub fn csv_row(e: &AuditEvent) -> String {
    let cells = [
        portico::time::sortable(e.at),
        e.actor_kind.clone(),
        e.actor_id.clone().unwrap_or_default(),
        e.action.clone(),
        e.object_kind.clone(),
        e.object_id.clone().unwrap_or_default(),
        e.patient_id.clone().unwrap_or_default(),
        e.outcome.as_str().to_string(),
        e.status.to_string(),
        e.ip.clone().unwrap_or_default(),
        e.user_agent.clone().unwrap_or_default(),
        e.request_id.clone(),
        e.function.clone(),
    ];
    cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(",")
}

fn csv_cell(raw: &str) -> String {
    let safe = if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{raw}") } else { raw.to_string() };
    // Quoted when it holds any separator a spreadsheet may split on (comma, semicolon, tab) or a line
    // break, so no part of it can start a cell of its own.
    if safe.contains([',', ';', '\t', '"', '\n', '\r']) { format!("\"{}\"", safe.replace('"', "\"\"")) } else { safe }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("x;=cmd|' /C calc'!A0"), "\"x;=cmd|' /C calc'!A0\"", "a semicolon-split cell stays one cell");
    }

    #[test]
    fn ranges_run_forward_and_exports_stay_short() {
        let now = Utc::now();
        assert!(range(now, now - Duration::hours(1), None).is_err());
        assert!(range(now - Duration::days(40), now, None).is_ok());
        assert!(range(now - Duration::days(40), now, Some(EXPORT_MAX_DAYS)).is_err());
    }
}
