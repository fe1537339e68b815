//! Consents: the practice publishes versioned documents; a patient accepts or revokes a version. Each
//! decision is an append-only event recording who, when, which version, from which address and user
//! agent; a state item keeps the latest decision per document. Both sit in the patient's partition
//! under `CONSENT#`, so the consents screen is one query.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use portico::auth::Actor;
use portico::directory::{ConsentKind, Practice};
use portico::ids::PatientId;
use portico::store::{Condition, Item, Query, StoreError, Table, Write};
use serde::{Deserialize, Serialize};

use crate::api::{ConsentEventView, ConsentStatus, ConsentView, ConsentsView, Decision};
use crate::keys;

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
}

/// Where a decision came from, for the record.
#[derive(Debug, Clone)]
pub struct Provenance {
    pub actor: Actor,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: String,
}

/// One decision about one version of one document.
#[derive(Debug, Clone, Copy)]
pub struct Choice {
    pub kind: ConsentKind,
    pub version: u32,
    pub decision: Decision,
}

#[derive(Debug, thiserror::Error)]
pub enum ConsentError {
    #[error("{0}")]
    NotApplicable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

const HISTORY: usize = 50;

/// The patient's consents against the practice's current documents, with recent history: one query.
pub async fn view(table: &dyn Table, practice: &Practice, patient: &PatientId) -> Result<ConsentsView, StoreError> {
    let partition = portico::directory::keys::patient_partition(&practice.id, patient);
    // Newest first: the state item sorts after every event, then events newest to oldest.
    let page = table
        .query(Query::partition(portico::store::Index::Table, partition).begins_with(keys::consent_prefix()).backward().limit(HISTORY + 1))
        .await?;
    let mut state = ConsentState::default();
    let mut history = Vec::new();
    for item in &page.items {
        if item.key.sk == keys::consent_state(&practice.id, patient).sk {
            state = item.record()?;
        } else {
            let event: ConsentEvent = item.record()?;
            history.push(ConsentEventView {
                kind: event.kind,
                version: event.version,
                decision: event.decision,
                at: event.at,
                actor: event.actor_kind,
            });
        }
    }
    history.truncate(HISTORY);
    let consents = practice
        .settings
        .consent_documents
        .iter()
        .map(|doc| {
            let decided = state.decisions.get(&doc.kind);
            let status = match decided {
                None => ConsentStatus::NotGiven,
                Some(d) if d.decision == Decision::Revoke => ConsentStatus::Revoked,
                Some(d) if d.version == doc.version => ConsentStatus::Accepted,
                Some(_) => ConsentStatus::Outdated,
            };
            ConsentView {
                kind: doc.kind,
                title: doc.title.clone(),
                summary: doc.summary.clone(),
                url: doc.url.clone(),
                required: doc.required,
                current_version: doc.version,
                status,
                decided_version: decided.map(|d| d.version),
                decided_at: decided.map(|d| d.at),
            }
        })
        .collect();
    Ok(ConsentsView { consents, history })
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
    let state_key = keys::consent_state(&practice.id, patient);
    let stored = table.get(&state_key).await?;
    let (mut state, condition) = match &stored {
        Some(item) => (item.record::<ConsentState>()?, Condition::VersionIs(item.version())),
        None => (ConsentState::default(), Condition::NotExists),
    };
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
        _ => {}
    }
    state.decisions.insert(kind, DecisionRecord { version, decision, at: now });
    state.version += 1;
    let at = now.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
    let event = ConsentEvent {
        kind,
        version,
        decision,
        at: now,
        actor_kind: provenance.actor.kind().to_string(),
        actor_id: provenance.actor.id(),
        ip: provenance.ip.clone(),
        user_agent: provenance.user_agent.clone(),
        request_id: provenance.request_id.clone(),
    };
    let writes = vec![
        Write::put(Item::from_record(state_key, &state)?, condition),
        Write::put(Item::from_record(keys::consent_event(&practice.id, patient, &at, state.version), &event)?, Condition::NotExists),
    ];
    table.transact(writes).await?;
    Ok(())
}

/// Whether the patient currently accepts the practice's current version of a document (the send gate
/// asks this before texting or emailing).
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
    patient: &portico::directory::Patient,
    opt_in: bool,
    provenance: &Provenance,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let kind = ConsentKind::SmsMessages;
    let version = practice.consent_document(kind).map(|d| d.version).unwrap_or(0);
    let decision = if opt_in { Decision::Accept } else { Decision::Revoke };
    for _ in 0..4 {
        let state_key = keys::consent_state(&practice.id, &patient.patient_id);
        let stored = table.get(&state_key).await?;
        let (mut state, condition) = match &stored {
            Some(item) => (item.record::<ConsentState>()?, Condition::VersionIs(item.version())),
            None => (ConsentState::default(), Condition::NotExists),
        };
        let Some(mut profile) = portico::directory::patients::get(table, &practice.id, &patient.patient_id).await? else {
            return Ok(false);
        };
        let refused = profile.sms.opted_out || state.decisions.get(&kind).is_some_and(|d| d.decision == Decision::Revoke);
        if opt_in && !refused {
            return Ok(false);
        }
        state.decisions.insert(kind, DecisionRecord { version, decision, at: now });
        state.version += 1;
        profile.sms.opted_out = !opt_in;
        profile.updated_at = now;
        let (save_profile, _) = portico::directory::patients::save_write(&profile)?;
        let event = ConsentEvent {
            kind,
            version,
            decision,
            at: now,
            actor_kind: provenance.actor.kind().to_string(),
            actor_id: provenance.actor.id(),
            ip: provenance.ip.clone(),
            user_agent: provenance.user_agent.clone(),
            request_id: provenance.request_id.clone(),
        };
        let at = now.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
        let writes = vec![
            Write::put(Item::from_record(state_key, &state)?, condition),
            Write::put(
                Item::from_record(keys::consent_event(&practice.id, &patient.patient_id, &at, state.version), &event)?,
                Condition::NotExists,
            ),
            save_profile,
        ];
        match table.transact(writes).await {
            Ok(()) => return Ok(true),
            Err(StoreError::ConditionFailed { .. }) | Err(StoreError::Conflict) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(StoreError::Conflict)
}
