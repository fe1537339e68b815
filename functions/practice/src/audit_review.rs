//! Audit review for administrators: search the practice's trail by time, patient, actor and action, a
//! page per query, and export a range whole: in the answer itself up to [`EXPORT_MAX_EVENTS`], or, for
//! larger ranges, written part by part to a file in the blob store and handed over as a short-lived
//! link. Every search and export is itself audited by its route.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use portico::audit::{AuditCursor, AuditEvent, AuditLog, AuditQuery};
use portico::blobs::{BlobError, Blobs};
use portico::clock::Clock;
use portico::ids::PracticeId;
use portico::store::StoreError;

/// The widest range one export covers; the most events an export answered directly holds, and the most
/// a file holds (a file is written within one request: about 20 seconds of reading the trail).
pub const EXPORT_MAX_DAYS: i64 = 31;
pub const EXPORT_MAX_EVENTS: usize = 10_000;
pub const FILE_MAX_EVENTS: usize = 250_000;
const EXPORT_PAGE: usize = 1_000;
/// How long an export file's link works: long enough to start the download, short enough that a link
/// copied into the wrong place dies quickly. The file itself is removed after a day (the bucket's rule).
pub fn file_link_lifetime() -> Duration {
    Duration::minutes(5)
}

pub struct AuditDeps {
    pub audit: AuditLog,
}

/// What writing an export file uses.
pub struct ExportDeps {
    pub audit: AuditLog,
    pub blobs: Arc<dyn Blobs>,
    pub clock: Arc<dyn Clock>,
}

/// The two forms an export takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// One row per event under a header row (RFC 4180; cells never start a formula).
    Csv,
    /// One JSON object per line, as the search answers them.
    Jsonl,
}

impl ExportFormat {
    pub fn parse(raw: Option<&str>) -> Option<Self> {
        match raw {
            None | Some("csv") => Some(ExportFormat::Csv),
            Some("jsonl") => Some(ExportFormat::Jsonl),
            Some(_) => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Jsonl => "application/x-ndjson",
        }
    }

    /// The file's name: the practice's trail and the range, never anything about a patient.
    pub fn file_name(self, query: &AuditQuery) -> String {
        let extension = match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Jsonl => "jsonl",
        };
        format!("audit-{}-{}.{extension}", query.from.format("%Y%m%d"), query.to.format("%Y%m%d"))
    }

    /// What comes before the first event.
    pub fn header(self) -> String {
        match self {
            ExportFormat::Csv => CSV_COLUMNS.join(",") + "\r\n",
            ExportFormat::Jsonl => String::new(),
        }
    }

    /// One event, with its line ending.
    pub fn line(self, event: &AuditEvent) -> String {
        match self {
            ExportFormat::Csv => csv_row(event) + "\r\n",
            ExportFormat::Jsonl => serde_json::to_string(&crate::api::AuditEventView::from(event)).unwrap_or_default() + "\n",
        }
    }
}

/// An export written to a file.
#[derive(Debug, Clone)]
pub struct ExportFile {
    pub key: String,
    pub file_name: String,
    pub events: usize,
    pub bytes: u64,
    pub link: String,
    pub link_expires_at: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("{0}")]
    Range(&'static str),
    /// More events than this form of export holds (the limit it has).
    #[error("the range holds more than {0} events")]
    TooMany(usize),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Blob(#[from] BlobError),
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

    /// Every event of a range, oldest first, to answer directly.
    pub async fn export(&self, practice: &PracticeId, query: &AuditQuery) -> Result<Vec<AuditEvent>, ReviewError> {
        range(query.from, query.to, Some(EXPORT_MAX_DAYS))?;
        let mut events = Vec::new();
        let mut cursor = None;
        loop {
            let page = self.audit.search_forward(practice, query, cursor.as_ref(), EXPORT_PAGE).await?;
            events.extend(page.events);
            if events.len() > EXPORT_MAX_EVENTS {
                return Err(ReviewError::TooMany(EXPORT_MAX_EVENTS));
            }
            match page.next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        Ok(events)
    }
}

impl ExportDeps {
    /// Every event of a range, oldest first, written page by page to a new file of the practice's
    /// (`exports/<practice>/<random>`), and a link to it that works for [`file_link_lifetime`]. A range
    /// with more than [`FILE_MAX_EVENTS`] is refused and its partial file never appears.
    pub async fn export_file(&self, practice: &PracticeId, query: &AuditQuery, format: ExportFormat) -> Result<ExportFile, ReviewError> {
        range(query.from, query.to, Some(EXPORT_MAX_DAYS))?;
        let file_name = format.file_name(query);
        let key = format!("exports/{practice}/{}-{file_name}", portico::crypto::random_token(16));
        let mut file = self.blobs.create(&key, format.content_type(), &file_name).await?;
        let events = match self.write_events(file.as_mut(), practice, query, format).await {
            Ok(events) => events,
            Err(e) => {
                file.abort().await;
                return Err(e);
            }
        };
        let bytes = file.finish().await?;
        let link_expires_at = self.clock.now() + file_link_lifetime();
        let link = self.blobs.presign_download(&key, link_expires_at).await?;
        Ok(ExportFile { key, file_name, events, bytes, link, link_expires_at })
    }

    /// The header and every event of the range, a page at a time; answers how many events.
    async fn write_events(
        &self,
        file: &mut dyn portico::blobs::BlobWriter,
        practice: &PracticeId,
        query: &AuditQuery,
        format: ExportFormat,
    ) -> Result<usize, ReviewError> {
        file.write(format.header().as_bytes()).await?;
        let (mut events, mut cursor) = (0usize, None);
        loop {
            let page = self.audit.search_forward(practice, query, cursor.as_ref(), EXPORT_PAGE).await?;
            events += page.events.len();
            if events > FILE_MAX_EVENTS {
                return Err(ReviewError::TooMany(FILE_MAX_EVENTS));
            }
            let chunk: String = page.events.iter().map(|e| format.line(e)).collect();
            file.write(chunk.as_bytes()).await?;
            match page.next {
                Some(next) => cursor = Some(next),
                None => return Ok(events),
            }
        }
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
