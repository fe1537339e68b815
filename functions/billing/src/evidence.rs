//! A dispute's evidence: what a practice may tell the card network about a disputed payment, and
//! nothing more. Non-clinical facts only, each read where it is kept:
//!
//! - attendance: when the patient arrived for visits and when the visits ended, from the patient's
//!   timeline (scheduling writes those entries); never what a visit was, or with whom;
//! - the financial policy and the autopay authorization the patient accepted: versions and times;
//! - communication metadata: how many portal messages went each way, and between which dates; never
//!   their words or subjects;
//! - the patient's sign-ins to the portal, and the payment itself (how and when it was made).
//!
//! Staff see the facts and the exact English text Stripe would get, choose the sections, and send
//! once: the evidence goes with `submit=true`, so Stripe forwards it to the network and it cannot
//! change afterwards. The text holds dates, times, counts and versions; no name, contact or amount.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use portico::consents::{self, Decision};
use portico::directory::{ConsentKind, Practice};
use portico::ids::{PatientId, PracticeId, StaffId, TaskId};
use portico::payments::{DisputeEvidence, Payments, PaymentsError};
use portico::store::{Condition, Item, StoreError, Table, Write};
use portico::tasks;
use portico::timeline::{self, TimelineKind};

use crate::keys;
use crate::model::{Dispute, DisputeStatus, EvidenceSection, EvidenceSent, EvidenceState, Payment};

/// How far before the payment facts are looked for.
pub const LOOKBACK_DAYS: i64 = 365;
/// Visits and sign-ins listed at most (the latest ones).
pub const MAX_LISTED: usize = 20;
/// Timeline entries read at most (the newest ones in the window).
const MAX_ENTRIES: usize = 2000;
/// A send that has not finished after this long was interrupted: it may be sent again.
const SENDING_FOR: i64 = 2;

/// How the disputed payment was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaidBy {
    /// The account holder, signed in to the portal.
    Patient,
    /// Someone the patient authorized to act for them, signed in as themselves.
    Proxy,
    /// Autopay, under the patient's authorization.
    Autopay,
}

/// One appointment the patient came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    /// When it was booked for.
    pub starts_at: DateTime<Utc>,
    /// When the practice checked the patient in.
    pub arrived_at: Option<DateTime<Utc>>,
    /// When the practice marked it completed (which may be later than it ended).
    pub completed_at: Option<DateTime<Utc>>,
}

/// A document the patient accepted: which version, when, and whether they or someone for them did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptance {
    pub version: String,
    pub at: DateTime<Utc>,
    /// `patient`, `proxy` or `staff` (the practice recorded the patient's answer).
    pub by: String,
    /// How an answer the practice recorded was given (`verbal`, `written`).
    pub method: Option<String>,
}

/// Portal messages each way in the window.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Messages {
    pub from_patient: u32,
    pub from_practice: u32,
    pub first_at: Option<DateTime<Utc>>,
    pub last_at: Option<DateTime<Utc>>,
}

/// Everything that may be offered for one disputed payment.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The practice's zone: every time in the text is local to it.
    pub zone: Tz,
    pub paid_at: DateTime<Utc>,
    pub paid_by: PaidBy,
    /// Oldest first, the latest [`MAX_LISTED`].
    pub visits: Vec<Visit>,
    pub policy: Option<Acceptance>,
    pub autopay: Option<Acceptance>,
    pub messages: Messages,
    /// Oldest first, the latest [`MAX_LISTED`].
    pub sign_ins: Vec<DateTime<Utc>>,
}

fn latest<T>(mut items: Vec<T>) -> Vec<T> {
    let extra = items.len().saturating_sub(MAX_LISTED);
    items.drain(..extra);
    items
}

/// Reads the facts for `payment`, up to when `dispute` opened. Appointments of confidential services
/// are never offered, whoever asks.
pub async fn gather(
    table: &dyn Table,
    practice: &Practice,
    patient: &PatientId,
    payment: &Payment,
    dispute: &Dispute,
) -> Result<Facts, StoreError> {
    let zone: Tz = practice.settings.default_time_zone.parse().unwrap_or(chrono_tz::UTC);
    let window = (payment.created_at - Duration::days(LOOKBACK_DAYS), dispute.opened_at.max(payment.created_at));
    let (entries, policy, autopay) = futures::join!(
        timeline::between(table, &practice.id, patient, window, MAX_ENTRIES),
        consents::decision_at(table, &practice.id, patient, ConsentKind::FinancialPolicy, payment.created_at),
        crate::autopay::get(table, &practice.id, patient)
    );
    let (mut entries, policy, autopay) = (entries?, policy?, autopay?);
    entries.reverse();
    let mut visits: Vec<(String, Visit)> = Vec::new();
    let mut messages = Messages::default();
    let mut sign_ins = Vec::new();
    for entry in &entries {
        match entry.kind {
            kind if kind.is_attendance() => {
                if entry.confidential {
                    continue;
                }
                let id = entry.appointment_id.clone().unwrap_or_default();
                let index = match visits.iter().position(|(seen, _)| *seen == id) {
                    Some(index) => index,
                    None => {
                        let starts_at = entry.starts_at.unwrap_or(entry.at);
                        visits.push((id, Visit { starts_at, arrived_at: None, completed_at: None }));
                        visits.len() - 1
                    }
                };
                let visit = &mut visits[index].1;
                if kind == TimelineKind::AppointmentArrived {
                    visit.arrived_at = visit.arrived_at.or(Some(entry.at));
                } else {
                    visit.completed_at = visit.completed_at.or(Some(entry.at));
                }
            }
            TimelineKind::MessageFromCareTeam | TimelineKind::MessageToCareTeam => {
                if entry.kind == TimelineKind::MessageToCareTeam {
                    messages.from_patient += 1;
                } else {
                    messages.from_practice += 1;
                }
                messages.first_at = messages.first_at.or(Some(entry.at));
                messages.last_at = Some(entry.at);
            }
            TimelineKind::SignedIn => sign_ins.push(entry.at),
            _ => {}
        }
    }
    let mut visits: Vec<Visit> = visits.into_iter().map(|(_, v)| v).collect();
    visits.sort_by_key(|v| v.starts_at);
    // What the patient had agreed to when they paid, whatever they decided since.
    let policy = policy.filter(|d| d.decision == Decision::Accept).map(|d| Acceptance {
        version: d.version.to_string(),
        at: d.at,
        by: d.actor_kind,
        method: d.method,
    });
    // An autopay charge keeps the authorization it was made under; otherwise the autopay in force then.
    let authorization = payment.authorization.clone().or_else(|| {
        autopay.filter(|a| a.consented_at <= payment.created_at).map(|a| crate::model::Authorization {
            consent_version: a.consent_version,
            consented_at: a.consented_at,
            consented_by: a.consented_by,
        })
    });
    let autopay = authorization.map(|a| Acceptance {
        version: a.consent_version,
        at: a.consented_at,
        by: if a.consented_by.starts_with("proxy:") { "proxy" } else { "patient" }.to_string(),
        method: None,
    });
    let paid_by = match payment.paid_by.as_str() {
        "autopay" => PaidBy::Autopay,
        by if by.starts_with("proxy:") => PaidBy::Proxy,
        _ => PaidBy::Patient,
    };
    Ok(Facts { zone, paid_at: payment.created_at, paid_by, visits: latest(visits), policy, autopay, messages, sign_ins: latest(sign_ins) })
}

impl Facts {
    /// Whether a section has anything to offer.
    pub fn has(&self, section: EvidenceSection) -> bool {
        match section {
            EvidenceSection::Attendance => !self.visits.is_empty(),
            EvidenceSection::FinancialPolicy => self.policy.is_some() || self.autopay.is_some(),
            EvidenceSection::Communication => self.messages.from_patient + self.messages.from_practice > 0,
            EvidenceSection::PortalActivity => !self.sign_ins.is_empty(),
        }
    }

    /// A date and time in the practice's zone, with the zone's abbreviation (the hour a clock change
    /// repeats is told apart).
    fn time(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.zone).format("%Y-%m-%d %H:%M %Z").to_string()
    }

    fn date(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.zone).format("%Y-%m-%d").to_string()
    }

    /// A time on `day`; with its own date when it fell on another day.
    fn time_on(&self, at: DateTime<Utc>, day: &str) -> String {
        if self.date(at) == day { at.with_timezone(&self.zone).format("%H:%M %Z").to_string() } else { self.time(at) }
    }

    /// The payment's own line: always sent.
    fn payment_line(&self) -> String {
        let when = self.time(self.paid_at);
        match self.paid_by {
            PaidBy::Patient => format!("{when}: the payment was made in the patient portal by the signed-in account holder."),
            PaidBy::Proxy => {
                format!(
                    "{when}: the payment was made in the patient portal by a person the account holder authorized to act for them, signed in as themselves."
                )
            }
            PaidBy::Autopay => format!("{when}: the payment was charged automatically under the account holder's autopay authorization."),
        }
    }

    /// How an acceptance was given, as a sentence's end.
    fn given(acceptance: &Acceptance, what: &str, when: &str) -> String {
        match (acceptance.by.as_str(), acceptance.method.as_deref()) {
            ("staff", Some("written")) => {
                format!("{what} was accepted by the account holder in writing, recorded by the practice on {when}.")
            }
            ("staff", Some("verbal")) => format!("{what} was accepted by the account holder verbally, recorded by the practice on {when}."),
            ("staff", _) => format!("{what} was accepted by the account holder, recorded by the practice on {when}."),
            ("proxy", _) => {
                format!("{what} was accepted in the patient portal by a person the account holder authorized to act for them, on {when}.")
            }
            _ => format!("{what} was accepted in the patient portal by the account holder, signed in, on {when}."),
        }
    }

    /// The English lines a section adds to what Stripe receives (times in the practice's zone).
    pub fn lines(&self, section: EvidenceSection) -> Vec<String> {
        let zone = self.zone.name();
        match section {
            EvidenceSection::Attendance if !self.visits.is_empty() => {
                let mut lines = vec![format!("Appointments the patient attended, as recorded by the practice (times in {zone}):")];
                lines.extend(self.visits.iter().map(|v| {
                    let day = self.date(v.starts_at);
                    let parts: Vec<String> = [
                        v.arrived_at.map(|a| format!("checked in {}", self.time_on(a, &day))),
                        v.completed_at.map(|c| format!("marked completed {}", self.time_on(c, &day))),
                    ]
                    .into_iter()
                    .flatten()
                    .collect();
                    format!("- {day}: {}", parts.join(", "))
                }));
                lines
            }
            EvidenceSection::FinancialPolicy => {
                let mut lines = Vec::new();
                if let Some(p) = &self.policy {
                    let what = format!("The practice's financial policy (version {})", p.version);
                    lines.push(Self::given(p, &what, &self.time(p.at)));
                }
                if let Some(a) = &self.autopay {
                    let what = format!("The authorization for automatic payments (terms version {})", a.version);
                    lines.push(Self::given(a, &what, &self.time(a.at)));
                }
                lines
            }
            EvidenceSection::Communication => match (self.messages.first_at, self.messages.last_at) {
                (Some(first), Some(last)) => vec![format!(
                    "Secure messages through the patient portal between {} and {}: {} from the patient's account, {} from the practice.",
                    self.date(first),
                    self.date(last),
                    self.messages.from_patient,
                    self.messages.from_practice
                )],
                _ => Vec::new(),
            },
            EvidenceSection::PortalActivity if !self.sign_ins.is_empty() => {
                let mut lines = vec![format!("Sign-ins to the patient's portal account (times in {zone}):")];
                lines.extend(self.sign_ins.iter().map(|at| format!("- {}", self.time(*at))));
                lines
            }
            _ => Vec::new(),
        }
    }

    /// The Stripe fields a section fills, in the order they are sent (each a field's name and text).
    pub fn fields(&self, section: EvidenceSection) -> Vec<(&'static str, String)> {
        let lines = self.lines(section);
        if lines.is_empty() {
            return Vec::new();
        }
        let text = lines.join("\n");
        match section {
            EvidenceSection::Attendance => {
                // The last appointment on or before the payment (the one it paid for), else the latest.
                let service = self.visits.iter().rev().find(|v| v.starts_at <= self.paid_at).or(self.visits.last());
                let mut fields: Vec<(&'static str, String)> =
                    service.map(|v| ("service_date", self.date(v.starts_at))).into_iter().collect();
                fields.push(("uncategorized_text", text));
                fields
            }
            EvidenceSection::FinancialPolicy => vec![("refund_policy_disclosure", text)],
            EvidenceSection::Communication => vec![("uncategorized_text", text)],
            EvidenceSection::PortalActivity => vec![("access_activity_log", text)],
        }
    }

    /// The fields sent whatever is chosen: the neutral description and the payment's own line.
    pub fn always(&self) -> Vec<(&'static str, String)> {
        vec![("product_description", portico::payments::PRODUCT_DESCRIPTION.to_string()), ("access_activity_log", self.payment_line())]
    }

    /// What Stripe receives for the chosen sections: each field's parts, in order, a blank line apart.
    pub fn evidence(&self, sections: &[EvidenceSection]) -> DisputeEvidence {
        let mut parts: Vec<(&'static str, String)> = self.always();
        for section in EvidenceSection::ALL {
            if sections.contains(&section) {
                parts.extend(self.fields(section));
            }
        }
        let field = |name: &str| {
            let texts: Vec<&str> = parts.iter().filter(|(n, _)| *n == name).map(|(_, t)| t.as_str()).collect();
            (!texts.is_empty()).then(|| texts.join("\n\n"))
        };
        DisputeEvidence {
            service_date: field("service_date"),
            access_activity_log: field("access_activity_log"),
            refund_policy_disclosure: field("refund_policy_disclosure"),
            uncategorized_text: field("uncategorized_text"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    #[error("no such dispute")]
    NotFound,
    #[error("the dispute is not waiting for evidence")]
    NotOpen,
    #[error("the deadline for evidence has passed")]
    PastDue,
    #[error("evidence was already sent")]
    AlreadySent,
    #[error("evidence is being sent")]
    InFlight,
    #[error("nothing to send in {0:?}")]
    Empty(EvidenceSection),
    #[error(transparent)]
    Provider(PaymentsError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A dispute as stored (with its item's version) and the payment it disputes.
pub struct Found {
    pub dispute: Dispute,
    pub version: u64,
    pub payment: Payment,
}

/// The patient's dispute and its payment.
pub async fn find(table: &dyn Table, practice: &PracticeId, patient: &PatientId, id: &str) -> Result<Found, EvidenceError> {
    let item = table.get(&keys::dispute(practice, patient, id)).await?.ok_or(EvidenceError::NotFound)?;
    let version = item.version();
    let dispute: Dispute = item.record()?;
    let payment = table.get(&keys::payment(practice, patient, &dispute.payment_id)).await?.ok_or(EvidenceError::NotFound)?.record()?;
    Ok(Found { dispute, version, payment })
}

/// Whether evidence may be sent now, and why not.
pub fn sendable(dispute: &Dispute, now: DateTime<Utc>) -> Result<(), EvidenceError> {
    match &dispute.evidence {
        Some(sent) if sent.state == EvidenceState::Sent => return Err(EvidenceError::AlreadySent),
        Some(sent) if sent.state == EvidenceState::Sending && now < sent.at + Duration::minutes(SENDING_FOR) => {
            return Err(EvidenceError::InFlight);
        }
        _ => {}
    }
    if dispute.status != DisputeStatus::NeedsResponse {
        return Err(EvidenceError::NotOpen);
    }
    if dispute.evidence_due_by.is_some_and(|due| now >= due) {
        return Err(EvidenceError::PastDue);
    }
    Ok(())
}

/// A send staff asked for.
pub struct Send<'a> {
    pub practice: &'a Practice,
    pub patient: &'a PatientId,
    pub dispute: &'a str,
    pub sections: Vec<EvidenceSection>,
    pub by: &'a StaffId,
}

/// Sends the chosen sections to Stripe, once, on the account the payment was taken on. The dispute is
/// marked as being sent (one request wins) with a new attempt number, Stripe is asked under a key made
/// from that attempt (a retry of an attempt is the same request; a new attempt never replays an old
/// answer), and the outcome is kept. When Stripe's answer is not a yes, Stripe is asked whether it has
/// the evidence anyway (an answer lost on the way): only then is a send `unsent` and may be sent again.
/// Sent evidence answers the dispute's task.
pub async fn send(
    table: &dyn Table,
    payments: &dyn Payments,
    order: Send<'_>,
    now: DateTime<Utc>,
) -> Result<(Found, Facts), EvidenceError> {
    let practice = &order.practice.id;
    let found = find(table, practice, order.patient, order.dispute).await?;
    sendable(&found.dispute, now)?;
    let facts = gather(table, order.practice, order.patient, &found.payment, &found.dispute).await?;
    if let Some(empty) = order.sections.iter().find(|s| !facts.has(**s)) {
        return Err(EvidenceError::Empty(*empty));
    }
    let attempt = found.dispute.evidence.as_ref().map_or(1, |e| e.attempt + 1);
    let mut sending = found.dispute.clone();
    sending.evidence = Some(EvidenceSent {
        sections: order.sections.clone(),
        state: EvidenceState::Sending,
        by: format!("staff:{}", order.by),
        at: now,
        attempt,
    });
    let key = keys::dispute(practice, order.patient, order.dispute);
    table
        .put(Item::from_record(key.clone(), &sending)?.with("version", found.version + 1), Condition::VersionIs(found.version))
        .await
        .map_err(|e| if e.is_condition_failed() { EvidenceError::InFlight } else { EvidenceError::Store(e) })?;
    let account = &found.payment.stripe_account;
    let evidence = facts.evidence(&order.sections);
    let idempotency = format!("portico-evidence-{}-{attempt}", order.dispute);
    let answer = match payments.submit_dispute_evidence(account, order.dispute, &evidence, &idempotency).await {
        Ok(answer) => Ok(answer),
        // Not a yes: Stripe may have it all the same (its answer lost), and then it is sent.
        Err(e) => match payments.dispute(account, order.dispute).await {
            Ok(stripe) if stripe.submitted() => Ok(stripe),
            _ => Err(e),
        },
    };
    let state = if answer.is_ok() { EvidenceState::Sent } else { EvidenceState::Unsent };
    let under_review = answer.as_ref().is_ok_and(|a| a.status.ends_with("under_review"));
    // The webhook may have moved the dispute meanwhile (Stripe's own event for this answer): keep its
    // changes and set the outcome on what is stored now.
    let mut settled = None;
    for _ in 0..5 {
        let item = table.get(&key).await?.ok_or(EvidenceError::NotFound)?;
        let version = item.version();
        let mut record: Dispute = item.record()?;
        if let Some(sent) = record.evidence.as_mut().filter(|e| e.attempt == attempt && e.state != EvidenceState::Sent) {
            sent.state = state;
        }
        if under_review && record.status == DisputeStatus::NeedsResponse {
            record.status = DisputeStatus::UnderReview;
            record.status_at = Some(now);
        }
        let mut writes =
            vec![Write::put(Item::from_record(key.clone(), &record)?.with("version", version + 1), Condition::VersionIs(version))];
        if state == EvidenceState::Sent {
            let task_id = TaskId::for_source("dispute", order.dispute);
            let task = tasks::get(table, practice, &task_id).await?;
            writes.extend(tasks::settle_write(task.as_ref(), order.by, now)?);
        }
        match table.transact(writes).await {
            Ok(()) => {
                settled = Some(Found { dispute: record, version: version + 1, payment: found.payment.clone() });
                break;
            }
            Err(e) if e.is_condition_failed() || matches!(e, StoreError::Conflict) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    let settled = settled.ok_or(EvidenceError::InFlight)?;
    match answer {
        Ok(_) | Err(PaymentsError::Unavailable(_) | PaymentsError::InFlight) => Ok((settled, facts)),
        Err(e) => Err(EvidenceError::Provider(e)),
    }
}
