//! Consents: the practice publishes versioned documents; a patient accepts or revokes a version. Each
//! decision is an append-only event recording who, when, which version, from which address and user
//! agent; a state item keeps the latest decision per document. Both sit in the patient's partition
//! under `CONSENT#`, so the consents screen is one query. The send gate reads consents here too, so it
//! depends on the platform, not on the identity capability.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::Actor;
use crate::directory::{ConsentDocument, ConsentKind, Patient, Practice, patients};
use crate::ids::{PatientId, PracticeId};
use crate::keys;
use crate::store::retry::{Round, settle, until_settled};
use crate::store::{Condition, Index, Item, Query, StoreError, Table, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Accept,
    Revoke,
    /// "No thanks" to an optional document: a decision, so the portal stops asking.
    Decline,
}

/// Where a patient stands with one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsentStatus {
    NotGiven,
    Accepted,
    Revoked,
    /// Accepted an earlier version; the current one has not been accepted.
    Outdated,
    /// Said no thanks to an optional document (at its current version).
    Declined,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct DecisionRecord {
    version: u32,
    decision: Decision,
    at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct ConsentState {
    decisions: BTreeMap<ConsentKind, DecisionRecord>,
    #[serde(default)]
    version: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ConsentEvent {
    kind: ConsentKind,
    version: u32,
    decision: Decision,
    at: DateTime<Utc>,
    actor_kind: String,
    actor_id: Option<String>,
    ip: Option<String>,
    user_agent: Option<String>,
    request_id: String,
    /// How a decision staff recorded was given (`verbal`, `written`); absent for the patient's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    method: Option<String>,
}

/// Where a decision came from, for the record.
#[derive(Debug, Clone)]
pub struct Provenance {
    pub actor: Actor,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: String,
    /// How a consent staff recorded for the patient was given (TCPA: `verbal`, `written`).
    pub method: Option<&'static str>,
}

/// One decision about one version of one document.
#[derive(Debug, Clone, Copy)]
pub struct Choice {
    pub kind: ConsentKind,
    pub version: u32,
    pub decision: Decision,
}

/// One of the practice's documents and the patient's standing with it.
#[derive(Debug, Clone)]
pub struct DocumentStanding {
    pub document: ConsentDocument,
    pub status: ConsentStatus,
    pub decided_version: Option<u32>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// A past decision, newest first in [`Overview::history`].
#[derive(Debug, Clone)]
pub struct Decided {
    pub kind: ConsentKind,
    pub version: u32,
    pub decision: Decision,
    pub at: DateTime<Utc>,
    pub actor_kind: String,
    /// How a decision staff recorded was given (`verbal`, `written`).
    pub method: Option<String>,
}

impl From<ConsentEvent> for Decided {
    fn from(event: ConsentEvent) -> Self {
        Decided {
            kind: event.kind,
            version: event.version,
            decision: event.decision,
            at: event.at,
            actor_kind: event.actor_kind,
            method: event.method,
        }
    }
}

/// The consents screen: every current document with the patient's standing, and recent decisions.
#[derive(Debug, Clone)]
pub struct Overview {
    pub documents: Vec<DocumentStanding>,
    pub history: Vec<Decided>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConsentError {
    /// The practice does not ask for this consent, or the version is not one that can be decided.
    #[error("{0}")]
    NotApplicable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Decisions kept on the consents screen.
pub const HISTORY: usize = 50;

fn status_of(decided: Option<&DecisionRecord>, current: u32) -> ConsentStatus {
    match decided {
        None => ConsentStatus::NotGiven,
        Some(d) if d.decision == Decision::Revoke => ConsentStatus::Revoked,
        Some(d) if d.decision == Decision::Decline => ConsentStatus::Declined,
        Some(d) if d.version == current => ConsentStatus::Accepted,
        Some(_) => ConsentStatus::Outdated,
    }
}

/// The documents that wait for the patient's decision, from the consent state item (read with other
/// items in one batch): required ones not accepted at their current version, and optional ones never
/// decided at their current version. What the home screen's reminder counts, and the consents screen's
/// "to review". Channel consents are not documents to review: they are asked for with the contact
/// preferences, when the patient turns texts on.
pub fn needing_decision(practice: &Practice, state_item: Option<Item>) -> Result<Vec<ConsentKind>, StoreError> {
    let state: ConsentState = state_item.map(|i| i.record()).transpose()?.unwrap_or_default();
    Ok(practice
        .settings
        .consent_documents
        .iter()
        .filter(|document| !document.kind.is_channel())
        .filter(|document| match status_of(state.decisions.get(&document.kind), document.version) {
            ConsentStatus::Accepted => false,
            ConsentStatus::Declined | ConsentStatus::Revoked => document.required,
            ConsentStatus::NotGiven | ConsentStatus::Outdated => true,
        })
        .map(|document| document.kind)
        .collect())
}

/// The patient's consents against the practice's current documents, with recent history: one query.
pub async fn overview(table: &dyn Table, practice: &Practice, patient: &PatientId) -> Result<Overview, StoreError> {
    let partition = keys::patient_partition(&practice.id, patient);
    // Newest first: the state item sorts after every event, then events newest to oldest.
    let page =
        table.query(Query::partition(Index::Table, partition).begins_with(keys::CONSENT_PREFIX).backward().limit(HISTORY + 1)).await?;
    let state_sk = keys::consent_state(&practice.id, patient).sk;
    let mut state = ConsentState::default();
    let mut history = Vec::new();
    for item in &page.items {
        if item.key.sk == state_sk {
            state = item.record()?;
        } else {
            let event: ConsentEvent = item.record()?;
            history.push(event.into());
        }
    }
    history.truncate(HISTORY);
    let documents = practice
        .settings
        .consent_documents
        .iter()
        .map(|document| {
            let decided = state.decisions.get(&document.kind);
            DocumentStanding {
                document: document.clone(),
                status: status_of(decided, document.version),
                decided_version: decided.map(|d| d.version),
                decided_at: decided.map(|d| d.at),
            }
        })
        .collect();
    Ok(Overview { documents, history })
}

/// The decision's record, and its entry on the patient's timeline.
fn event_writes(
    practice: &Practice,
    patient: &PatientId,
    choice: Choice,
    provenance: &Provenance,
    sequence: u64,
    now: DateTime<Utc>,
) -> Result<[Write; 2], StoreError> {
    let event = ConsentEvent {
        kind: choice.kind,
        version: choice.version,
        decision: choice.decision,
        at: now,
        actor_kind: provenance.actor.kind().to_string(),
        actor_id: provenance.actor.id(),
        ip: provenance.ip.clone(),
        user_agent: provenance.user_agent.clone(),
        request_id: provenance.request_id.clone(),
        method: provenance.method.map(str::to_string),
    };
    let key = keys::consent_event(&practice.id, patient, &crate::time::sortable(now), sequence);
    let entry = crate::timeline::TimelineEntry::consent(now, choice.kind, choice.decision, provenance.actor.kind());
    Ok([
        Write::put(Item::from_record(key, &event)?, Condition::NotExists),
        crate::timeline::entry_write(&practice.id, patient, &format!("consent-{sequence}"), &entry)?,
    ])
}

async fn load_state(table: &dyn Table, practice: &Practice, patient: &PatientId) -> Result<(ConsentState, Condition), StoreError> {
    Ok(match table.get(&keys::consent_state(&practice.id, patient)).await? {
        Some(item) => (item.record::<ConsentState>()?, Condition::VersionIs(item.version())),
        None => (ConsentState::default(), Condition::NotExists),
    })
}

/// Records an acceptance of the current version, or a revocation of an acceptance.
pub async fn decide(
    table: &dyn Table,
    practice: &Practice,
    patient: &PatientId,
    choice: Choice,
    provenance: &Provenance,
    now: DateTime<Utc>,
) -> Result<(), ConsentError> {
    let Choice { kind, version, decision } = choice;
    let document = practice
        .consent_document(kind)
        .ok_or_else(|| ConsentError::NotApplicable(format!("{} does not ask for {} consent.", practice.name, kind.as_str())))?;
    until_settled(|| async {
        let (mut state, condition) = load_state(table, practice, patient).await?;
        match decision {
            Decision::Accept if version != document.version => {
                return Err(ConsentError::NotApplicable(format!(
                    "Version {version} is not the current version of this document; the current version is {}.",
                    document.version
                )));
            }
            Decision::Revoke if !state.decisions.get(&kind).is_some_and(|d| d.decision == Decision::Accept && d.version == version) => {
                return Err(ConsentError::NotApplicable(format!("There is no acceptance of version {version} to revoke.")));
            }
            Decision::Decline if document.required => {
                return Err(ConsentError::NotApplicable(format!(
                    "{} needs this document accepted to use the portal; it cannot be declined.",
                    practice.name
                )));
            }
            Decision::Decline if version != document.version => {
                return Err(ConsentError::NotApplicable(format!(
                    "Version {version} is not the current version of this document; the current version is {}.",
                    document.version
                )));
            }
            _ => {}
        }
        state.decisions.insert(kind, DecisionRecord { version, decision, at: now });
        state.version += 1;
        let mut writes = vec![Write::put(Item::from_record(keys::consent_state(&practice.id, patient), &state)?, condition)];
        writes.extend(event_writes(practice, patient, choice, provenance, state.version, now)?);
        Ok(settle(table.transact(writes).await)?)
    })
    .await
}

/// The patient's last decision about a document of `kind` at or before `at` (any version), from the
/// decisions' own records: what they had agreed to at that moment, whatever they decided since.
pub async fn decision_at(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    kind: ConsentKind,
    at: DateTime<Utc>,
) -> Result<Option<Decided>, StoreError> {
    let events = keys::CONSENT_EVENT_PREFIX;
    let mut cursor = None;
    loop {
        let query = Query::partition(Index::Table, keys::patient_partition(practice, patient))
            .between(events, format!("{events}{}", crate::time::sortable_upper(at)))
            .backward()
            .after(cursor);
        let page = table.query(query).await?;
        for item in &page.items {
            let event: ConsentEvent = item.record()?;
            if event.kind == kind {
                return Ok(Some(event.into()));
            }
        }
        match page.next {
            Some(next) => cursor = Some(next),
            None => return Ok(None),
        }
    }
}

/// Whether the patient currently accepts the practice's current version of a document. A practice that
/// does not publish the document does not ask for it.
pub async fn accepts(table: &dyn Table, practice: &Practice, patient: &PatientId, kind: ConsentKind) -> Result<bool, StoreError> {
    let Some(document) = practice.consent_document(kind) else { return Ok(true) };
    let Some(item) = table.get(&keys::consent_state(&practice.id, patient)).await? else { return Ok(false) };
    let state: ConsentState = item.record()?;
    Ok(state.decisions.get(&kind).is_some_and(|d| d.decision == Decision::Accept && d.version == document.version))
}

/// Records STOP or START texted by the patient: the text-message consent is revoked, or accepted at the
/// current version, as a consent event, and the profile's opt-out flag changes with it, in one
/// transaction. From that moment the send gate sends no text (or texts again). START only undoes a
/// refusal (a STOP, or consent revoked in the portal): a patient who never agreed to texts does not
/// agree to the practice's document by texting a keyword. Returns whether anything was recorded.
pub async fn record_text_keyword(
    table: &dyn Table,
    practice: &Practice,
    patient: &Patient,
    opt_in: bool,
    provenance: &Provenance,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let kind = ConsentKind::SmsMessages;
    let version = practice.consent_document(kind).map(|d| d.version).unwrap_or(0);
    let decision = if opt_in { Decision::Accept } else { Decision::Revoke };
    until_settled(|| async {
        let (mut state, condition) = load_state(table, practice, &patient.patient_id).await?;
        let Some(mut profile) = patients::get(table, &practice.id, &patient.patient_id).await? else { return Ok(Round::Done(false)) };
        let refused = profile.sms.opted_out || state.decisions.get(&kind).is_some_and(|d| d.decision == Decision::Revoke);
        if opt_in && !refused {
            return Ok(Round::Done(false));
        }
        state.decisions.insert(kind, DecisionRecord { version, decision, at: now });
        state.version += 1;
        profile.sms.opted_out = !opt_in;
        profile.updated_at = now;
        let (save_profile, _) = patients::save_write(&profile)?;
        let mut writes = vec![Write::put(Item::from_record(keys::consent_state(&practice.id, &patient.patient_id), &state)?, condition)];
        writes.extend(event_writes(practice, &patient.patient_id, Choice { kind, version, decision }, provenance, state.version, now)?);
        writes.push(save_profile);
        Ok(settle(table.transact(writes).await)?.map(|()| true))
    })
    .await
}
