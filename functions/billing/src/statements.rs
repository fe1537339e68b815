//! Monthly statements: what a patient owed at the start of a month (in the practice's zone), every entry
//! of the month, and what they owe at its end. The portal shows it as a printable page (from JSON) and
//! offers the same statement as a PDF made here, with no library: one standard font, plain text lines.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::EntryView;
use crate::model::{Entry, EntryKind};

/// A statement month, `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn parse(raw: &str) -> Option<Month> {
        let (year, month) = raw.split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let (year, month) = (year.parse().ok()?, month.parse().ok()?);
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Month { year, month })
    }

    pub fn of(at: DateTime<Utc>, zone: Tz) -> Month {
        let local = at.with_timezone(&zone);
        Month { year: local.year(), month: local.month() }
    }

    fn next(self) -> Month {
        if self.month == 12 { Month { year: self.year + 1, month: 1 } } else { Month { year: self.year, month: self.month + 1 } }
    }

    /// The month's first instant in `zone`.
    pub fn start(self, zone: Tz) -> DateTime<Utc> {
        let first = NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default().and_hms_opt(0, 0, 0).unwrap_or_default();
        zone.from_local_datetime(&first).earliest().map(|t| t.with_timezone(&Utc)).unwrap_or_else(|| first.and_utc())
    }

    pub fn end(self, zone: Tz) -> DateTime<Utc> {
        self.next().start(zone)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// One month's statement.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementView {
    /// `YYYY-MM`.
    pub month: String,
    pub practice_name: String,
    pub patient_name: String,
    pub currency: String,
    /// The practice's zone, in which the month begins and ends.
    pub time_zone: String,
    pub period_start: DateTime<Utc>,
    pub period_end: DateTime<Utc>,
    pub opening_balance: i64,
    pub closing_balance: i64,
    /// The month's entries, oldest first.
    pub entries: Vec<EntryView>,
}

/// The statement of `month` from a patient's whole ledger.
pub fn statement(entries: &[Entry], month: Month, zone: Tz, names: (&str, &str), currency: &str) -> StatementView {
    let (start, end) = (month.start(zone), month.end(zone));
    let opening = entries.iter().filter(|e| e.posted_at < start).map(|e| e.amount).sum::<i64>();
    let mut within: Vec<&Entry> = entries.iter().filter(|e| e.posted_at >= start && e.posted_at < end).collect();
    within.sort_by(|a, b| a.posted_at.cmp(&b.posted_at).then_with(|| a.source.cmp(&b.source)));
    let closing = opening + within.iter().map(|e| e.amount).sum::<i64>();
    StatementView {
        month: month.to_string(),
        practice_name: names.0.to_string(),
        patient_name: names.1.to_string(),
        currency: currency.to_string(),
        time_zone: zone.name().to_string(),
        period_start: start,
        period_end: end,
        opening_balance: opening,
        closing_balance: closing,
        entries: within.into_iter().map(EntryView::from).collect(),
    }
}

/// The months a patient has statements for: from the first entry's to `now`'s, newest first.
pub fn months(entries: &[Entry], zone: Tz, now: DateTime<Utc>) -> Vec<String> {
    let Some(first) = entries.iter().map(|e| e.posted_at).min() else { return Vec::new() };
    let (mut month, last) = (Month::of(first, zone), Month::of(now, zone));
    let mut found = Vec::new();
    while (month.year, month.month) <= (last.year, last.month) && found.len() < 120 {
        found.push(month.to_string());
        month = month.next();
    }
    found.reverse();
    found
}

fn money(minor: i64, currency: &str) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let symbol = if currency.eq_ignore_ascii_case("usd") { "$".to_string() } else { format!("{} ", currency.to_uppercase()) };
    format!("{sign}{symbol}{}.{:02}", abs / 100, abs % 100)
}

fn kind_words(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Charge => "Charge",
        EntryKind::Adjustment => "Adjustment",
        EntryKind::WriteOff => "Write-off",
        EntryKind::Payment => "Payment received",
        EntryKind::Refund => "Refund to you",
        EntryKind::RefundReversal => "Refund did not go through",
        EntryKind::DisputeHold => "Disputed payment (on hold)",
        EntryKind::DisputeRelease => "Dispute resolved",
    }
}

/// Text a PDF string can carry: Latin-1 as is (WinAnsi), anything else as `?`, with `\`, `(` and `)`
/// escaped.
fn pdf_text(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in text.chars() {
        match c {
            '\\' | '(' | ')' => {
                out.push(b'\\');
                out.push(c as u8);
            }
            c if (c as u32) >= 0x20 && (c as u32) < 0x7f => out.push(c as u8),
            c if (c as u32) >= 0xa0 && (c as u32) <= 0xff => out.push(c as u32 as u8),
            _ => out.push(b'?'),
        }
    }
    out
}

const LINES_PER_PAGE: usize = 46;

/// The statement as a PDF (one or more A4-ish letter pages of plain lines).
pub fn pdf(view: &StatementView) -> Vec<u8> {
    let zone: Tz = view.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let mut lines: Vec<(f32, String)> = vec![
        (16.0, format!("{} - Statement for {}", view.practice_name, view.month)),
        (11.0, format!("Patient: {}", view.patient_name)),
        (
            11.0,
            format!(
                "Period: {} to {} ({})",
                view.period_start.with_timezone(&zone).format("%Y-%m-%d"),
                (view.period_end - chrono::Duration::seconds(1)).with_timezone(&zone).format("%Y-%m-%d"),
                view.time_zone
            ),
        ),
        (11.0, String::new()),
        (11.0, format!("Opening balance: {}", money(view.opening_balance, &view.currency))),
        (11.0, String::new()),
    ];
    if view.entries.is_empty() {
        lines.push((11.0, "No activity this month.".into()));
    }
    for entry in &view.entries {
        let what = match &entry.description {
            Some(d) if entry.kind == EntryKind::Charge || entry.kind == EntryKind::Adjustment || entry.kind == EntryKind::WriteOff => {
                format!("{}: {d}", kind_words(entry.kind))
            }
            _ => kind_words(entry.kind).to_string(),
        };
        let what: String = what.chars().take(60).collect();
        lines.push((
            10.0,
            format!(
                "{}  {:<60}  {:>14}",
                entry.posted_at.with_timezone(&zone).format("%Y-%m-%d"),
                what,
                money(entry.amount, &view.currency)
            ),
        ));
    }
    lines.push((11.0, String::new()));
    lines.push((12.0, format!("Balance at the end of the month: {}", money(view.closing_balance, &view.currency))));
    lines.push((9.0, String::new()));
    lines.push((9.0, "Questions about this statement? Message the billing team in your patient portal.".into()));

    let pages: Vec<&[(f32, String)]> = lines.chunks(LINES_PER_PAGE).collect();
    // Objects: 1 catalog, 2 pages, 3 font, then a page and its content per page.
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let kids: Vec<String> = (0..pages.len()).map(|i| format!("{} 0 R", 4 + i * 2)).collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {} >>", kids.join(" "), pages.len()).into_bytes());
    objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>".to_vec());
    for (i, page) in pages.iter().enumerate() {
        let content_id = 5 + i * 2;
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>"
            )
            .into_bytes(),
        );
        let mut stream = b"BT\n".to_vec();
        let mut y = 750.0_f32;
        for (size, text) in page.iter() {
            stream.extend(format!("/F1 {size} Tf\n1 0 0 1 48 {y} Tm\n(").into_bytes());
            stream.extend(pdf_text(text));
            stream.extend(b") Tj\n");
            y -= size * 1.45;
        }
        stream.extend(b"ET\n");
        let mut object = format!("<< /Length {} >>\nstream\n", stream.len()).into_bytes();
        object.extend(stream);
        object.extend(b"endstream");
        objects.push(object);
    }
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).into_bytes());
        out.extend(object);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").into_bytes());
    }
    out.extend(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).into_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Allocation;
    use portico::ids::InvoiceId;

    fn entry(source: &str, kind: EntryKind, amount: i64, at: &str) -> Entry {
        Entry {
            source: source.into(),
            kind,
            amount,
            allocations: vec![Allocation { invoice_id: InvoiceId::generate(Utc::now()), amount }],
            unapplied: 0,
            description: Some("Office visit (follow-up)".into()),
            payment_id: None,
            refund_id: None,
            posted_by: "staff".into(),
            posted_at: DateTime::parse_from_rfc3339(at).unwrap().with_timezone(&Utc),
        }
    }

    #[test]
    fn a_month_runs_in_the_practices_zone_with_opening_and_closing_balances() {
        let zone: Tz = "America/New_York".parse().unwrap();
        let entries = vec![
            entry("le_1", EntryKind::Charge, 12_000, "2026-10-15T15:00:00Z"),
            // 31 October 23:30 in New York is already November in UTC: it is October's.
            entry("le_2", EntryKind::Charge, 5_000, "2026-11-01T03:30:00Z"),
            entry("pi_1", EntryKind::Payment, -12_000, "2026-11-10T15:00:00Z"),
            entry("le_3", EntryKind::Charge, 700, "2026-12-01T06:00:00Z"),
        ];
        let november = statement(&entries, Month::parse("2026-11").unwrap(), zone, ("Riverside", "Ann Lee"), "usd");
        assert_eq!(november.opening_balance, 17_000);
        assert_eq!(november.entries.len(), 1);
        assert_eq!(november.closing_balance, 5_000);
        let months = months(&entries, zone, DateTime::parse_from_rfc3339("2026-12-02T00:00:00Z").unwrap().with_timezone(&Utc));
        assert_eq!(months, vec!["2026-12", "2026-11", "2026-10"]);
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("26-11"), None);
    }

    #[test]
    fn the_pdf_is_a_well_formed_document_with_escaped_text() {
        let zone: Tz = "America/New_York".parse().unwrap();
        let entries: Vec<Entry> = (0..60).map(|i| entry(&format!("le_{i:02}"), EntryKind::Charge, 100, "2026-11-10T15:00:00Z")).collect();
        let view = statement(&entries, Month::parse("2026-11").unwrap(), zone, ("Riverside (Main)", "Zoë Núñez"), "usd");
        let pdf = pdf(&view);
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.4"));
        assert!(text.ends_with("%%EOF\n"));
        assert!(text.contains("/Count 2"), "60 entries take two pages");
        assert!(text.contains("Riverside \\(Main\\)"));
        // The xref offsets point at their objects.
        let xref_at: usize = text.rsplit("startxref\n").next().unwrap().lines().next().unwrap().parse().unwrap();
        assert!(pdf[xref_at..].starts_with(b"xref"));
        let table = std::str::from_utf8(&pdf[xref_at..]).unwrap();
        let first_offset: usize = table.lines().nth(3).unwrap()[..10].parse().unwrap();
        assert!(pdf[first_offset..].starts_with(b"1 0 obj"));
    }
}
