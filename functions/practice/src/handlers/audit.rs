//! Audit review routes: search and export, for administrators.

use chrono::{DateTime, Utc};
use http::{HeaderValue, StatusCode, header};
use portico::audit::{AuditCursor, AuditQuery};
use portico::http::{ApiError, Exchange, Problem, Reply, page_size};

use crate::api::{AuditEventView, AuditExportFile, AuditExportRequest, AuditSearchPage};
use crate::audit_review::{self, AuditDeps, ExportDeps, ExportFormat};

fn instant(x: &Exchange<'_>, name: &'static str) -> Result<Option<DateTime<Utc>>, ApiError> {
    x.query(name)
        .map(|raw| {
            DateTime::parse_from_rfc3339(&raw).map(|t| t.with_timezone(&Utc)).map_err(|_| ApiError::field(name, "must be an RFC 3339 time"))
        })
        .transpose()
}

/// A search of the trail from what a reviewer gave: a range and, optionally, a patient, an actor and
/// an action (for the query string and the export file's request alike).
fn audit_query(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    patient: Option<&str>,
    actor: Option<&str>,
    action: Option<&str>,
) -> Result<AuditQuery, ApiError> {
    let patient = patient
        .map(|p| portico::ids::PatientId::parse(p).map(|p| p.to_string()).ok_or(ApiError::field("patient_id", "is not a patient id")))
        .transpose()?;
    let short = |name: &'static str, v: Option<&str>| {
        v.map(|v| if v.is_empty() || v.len() > 100 { Err(ApiError::field(name, "must be 1 to 100 characters")) } else { Ok(v.to_string()) })
            .transpose()
    };
    Ok(AuditQuery { from, to, patient, actor: short("actor_id", actor)?, action: short("action", action)? })
}

fn query(x: &Exchange<'_>) -> Result<AuditQuery, ApiError> {
    let to = instant(x, "to")?.unwrap_or_else(|| x.now());
    let from = instant(x, "from")?.unwrap_or(to - chrono::Duration::days(1));
    let (patient, actor, action) = (x.query("patient_id"), x.query("actor_id"), x.query("action"));
    audit_query(from, to, patient.as_deref(), actor.as_deref(), action.as_deref())
}

/// The practice's audit trail, newest first, a page per query: by time range (default the last day),
/// one patient, one actor or one action (`auth.sign_in` matches its sub-actions). A page never spans
/// days unless a patient is named; follow `next_cursor` until it is absent. Pages may be short.
#[utoipa::path(get, path = "/staff/audit", tag = "staff-audit", security(("staff" = [])),
    params(("from" = Option<String>, Query, description = "RFC 3339; default a day before `to`"),
        ("to" = Option<String>, Query, description = "RFC 3339; default now"),
        ("patient_id" = Option<String>, Query), ("actor_id" = Option<String>, Query), ("action" = Option<String>, Query),
        ("limit" = Option<u32>, Query, description = "How many on a page"), ("cursor" = Option<String>, Query)),
    responses((status = 200, body = AuditSearchPage), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn search(d: &AuditDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let q = query(x)?;
    let limit = page_size(x.query("limit").as_deref()).map_err(|why| ApiError::field("limit", why))?;
    let cursor = x
        .query("cursor")
        .map(|c| AuditCursor::parse(&c))
        .transpose()
        .map_err(|_| ApiError::field("cursor", "is not a cursor from this search"))?;
    let (_, (events, next)) = x.staff_reading(async |practice, _, _| Ok(d.search(practice, &q, cursor.as_ref(), limit).await?)).await?;
    Ok(Reply::ok(&AuditSearchPage { events: events.iter().map(AuditEventView::from).collect(), next_cursor: next.map(|c| c.as_string()) }))
}

/// Every event of a range (at most 31 days), oldest first, as CSV or JSON lines, to save as a file.
#[utoipa::path(get, path = "/staff/audit/export", tag = "staff-audit", security(("staff" = [])),
    params(("from" = Option<String>, Query, description = "RFC 3339; default a day before `to`"),
        ("to" = Option<String>, Query, description = "RFC 3339; default now"),
        ("patient_id" = Option<String>, Query), ("actor_id" = Option<String>, Query), ("action" = Option<String>, Query),
        ("format" = Option<String>, Query, description = "`csv` (default) or `jsonl`")),
    responses((status = 200, description = "The events", content((String = "text/csv"), (String = "application/x-ndjson"))),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn export(d: &AuditDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let q = query(x)?;
    let format = ExportFormat::parse(x.query("format").as_deref()).ok_or_else(|| ApiError::field("format", "must be csv or jsonl"))?;
    let (_, events) = x.staff_reading(async |practice, _, _| Ok(d.export(practice, &q).await?)).await?;
    let mut body = format.header();
    for event in &events {
        body.push_str(&format.line(event));
    }
    let name = portico::blobs::named_attachment(&format.file_name(&q));
    let reply =
        Reply { status: StatusCode::OK, body: Some(body.into_bytes()), content_type: Some(format.content_type()), headers: Vec::new() };
    Ok(match HeaderValue::from_str(&name) {
        Ok(value) => reply.header(header::CONTENT_DISPOSITION, value),
        Err(_) => reply,
    })
}

/// Writes every event of a range (at most 31 days, at most 250,000 events), oldest first, to a file in
/// the practice's encrypted store, and answers a link to it that works for five minutes (the file is
/// removed after a day). For ranges too large to answer directly.
#[utoipa::path(post, path = "/staff/audit/exports", tag = "staff-audit", security(("staff" = [])), request_body = AuditExportRequest,
    responses((status = 200, body = AuditExportFile), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 413, body = Problem), (status = 415, body = Problem)))]
pub async fn export_file(d: &ExportDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let r: AuditExportRequest = x.json()?;
    // The range as asked is checked; a `to` after now is now.
    audit_review::range(r.from, r.to, Some(audit_review::EXPORT_MAX_DAYS))?;
    let q = audit_query(r.from, r.to.min(x.now()), r.patient_id.as_deref(), r.actor_id.as_deref(), r.action.as_deref())?;
    let file = d.export_file(&who.practice, &q, r.format).await?;
    let answer = AuditExportFile {
        url: file.link.clone(),
        expires_at: file.link_expires_at,
        file_name: file.file_name,
        events: file.events,
        bytes: file.bytes,
    };
    Ok(Reply::ok(&answer))
}
