//! The audit trail: one event per PHI read or write, and per sign-in decision. Events name the actor,
//! practice, action, object, time, client address, request id and outcome, never PHI values. They are
//! items of the practice's audit partition (one per day), indexed per patient so a patient's accounting
//! of disclosures is one query.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::PracticeId;
use crate::keys;
use crate::store::{Condition, Index, Item, StoreError, Table};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Success,
    /// Refused: not signed in, or not allowed.
    Denied,
    /// Nothing there for this actor (including other tenants' objects).
    NotFound,
    /// The request was malformed or conflicted.
    Rejected,
    Error,
}

impl Outcome {
    pub fn from_status(status: u16) -> Self {
        match status {
            200..=399 => Outcome::Success,
            401 | 403 => Outcome::Denied,
            404 => Outcome::NotFound,
            400..=499 => Outcome::Rejected,
            _ => Outcome::Error,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub at: DateTime<Utc>,
    pub practice_id: PracticeId,
    pub actor_kind: String,
    #[serde(default)]
    pub actor_id: Option<String>,
    pub action: String,
    pub object_kind: String,
    #[serde(default)]
    pub object_id: Option<String>,
    /// The patient whose record was touched, when there is one.
    #[serde(default)]
    pub patient_id: Option<String>,
    pub outcome: Outcome,
    pub status: u16,
    #[serde(default)]
    pub ip: Option<String>,
    #[serde(default)]
    pub user_agent: Option<String>,
    pub request_id: String,
    pub function: String,
}

#[derive(Clone)]
pub struct AuditLog {
    table: Arc<dyn Table>,
}

impl AuditLog {
    pub fn new(table: Arc<dyn Table>) -> Self {
        AuditLog { table }
    }

    pub async fn record(&self, event: &AuditEvent) -> Result<(), StoreError> {
        let key = keys::audit_event(&event.practice_id, event.at, &event.request_id);
        let sort = key.sk.clone();
        let mut item = Item::from_record(key, event)?;
        if let Some(patient) = &event.patient_id {
            item = item.indexed(Index::Gsi1, keys::audit_trail(&event.practice_id, patient), sort);
        }
        // Append-only: an event is never overwritten.
        self.table.put(item, Condition::NotExists).await
    }
}
