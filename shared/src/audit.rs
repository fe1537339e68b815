//! The audit trail: one event per PHI read or write, and per sign-in decision. Events name the actor,
//! practice, action, object, time, client address, request id and outcome, never PHI values. They are
//! items of the practice's audit partition (one per day), indexed per patient so a patient's accounting
//! of disclosures is one query.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::PracticeId;
use crate::keys;
use crate::store::{Condition, Cursor, Index, Item, Query, StoreError, Table};
use crate::time::{sortable, sortable_upper};

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
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Success => "success",
            Outcome::Denied => "denied",
            Outcome::NotFound => "not_found",
            Outcome::Rejected => "rejected",
            Outcome::Error => "error",
        }
    }

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
    /// A staff actor's roles at the time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actor_roles: Vec<String>,
    pub action: String,
    pub object_kind: String,
    #[serde(default)]
    pub object_id: Option<String>,
    /// The patient whose record was touched, when there is one.
    #[serde(default)]
    pub patient_id: Option<String>,
    /// The grant a proxy acted under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_id: Option<String>,
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
            item = item.indexed(Index::Gsi1, keys::audit_trail(&event.practice_id, patient), sort.clone());
            if event.on_access_log() {
                item = item.indexed(Index::Gsi2, keys::access_log(&event.practice_id, patient), sort);
            }
        }
        // Append-only: an event is never overwritten.
        self.table.put(item, Condition::NotExists).await
    }

    /// One page of a practice's audit trail, newest first (the review screen): one query per page, of one
    /// patient's trail when `patient` is given, else of one day's partition (a page never spans days:
    /// the cursor then names the next day to read). Actor and action narrow a page after it is read, so a
    /// page may be short or empty while `next` still says more may follow.
    pub async fn search(
        &self,
        practice: &PracticeId,
        q: &AuditQuery,
        after: Option<&AuditCursor>,
        limit: usize,
    ) -> Result<AuditPage, StoreError> {
        self.page(practice, q, after, limit, false).await
    }

    /// One page of the events the query asks for, oldest first (exports, which read a range whole).
    pub async fn search_forward(
        &self,
        practice: &PracticeId,
        q: &AuditQuery,
        after: Option<&AuditCursor>,
        limit: usize,
    ) -> Result<AuditPage, StoreError> {
        self.page(practice, q, after, limit, true).await
    }

    /// A query of one partition: a patient's index, or one day of the practice's trail, walking the
    /// range's days in the page's direction.
    async fn page(
        &self,
        practice: &PracticeId,
        q: &AuditQuery,
        after: Option<&AuditCursor>,
        limit: usize,
        forward: bool,
    ) -> Result<AuditPage, StoreError> {
        let (low, high) = (sortable(q.from), sortable_upper(q.to));
        let (first, last) = (q.from.date_naive(), q.to.date_naive());
        let start = if forward { first } else { last };
        let (query, day) = match &q.patient {
            Some(patient) => (Query::partition(Index::Gsi1, keys::audit_trail(practice, patient)), None),
            None => {
                let day = after.map(|c| c.day).unwrap_or(start);
                if day < first || day > last {
                    return Err(StoreError::BadCursor);
                }
                (Query::partition(Index::Table, keys::audit_day(practice, &day.format("%Y-%m-%d").to_string())), Some(day))
            }
        };
        let query = query.between(low, high).limit(limit).after(after.and_then(|c| c.within.clone()));
        let query = if forward { query } else { query.backward() };
        let page = self.table.query(query).await?;
        let events: Vec<AuditEvent> = page.items.iter().map(|i| i.record()).collect::<Result<_, _>>()?;
        let next_day = |day: chrono::NaiveDate| {
            if forward { day.succ_opt().filter(|d| *d <= last) } else { day.pred_opt().filter(|d| *d >= first) }
        };
        let next = match (page.next, day) {
            (Some(within), Some(day)) => Some(AuditCursor { day, within: Some(within) }),
            (Some(within), None) => Some(AuditCursor { day: start, within: Some(within) }),
            (None, Some(day)) => next_day(day).map(|day| AuditCursor { day, within: None }),
            (None, None) => None,
        };
        let events = events.into_iter().filter(|e| q.matches(e)).collect();
        Ok(AuditPage { events, next })
    }
}

impl AuditLog {
    /// One page of a patient's access log, newest first: its own index holds only the events the log
    /// shows ([`AuditEvent::on_access_log`]), so a page is full whenever more follow.
    pub async fn access_log(
        &self,
        practice: &PracticeId,
        patient: &str,
        after: Option<crate::store::Cursor>,
        limit: usize,
    ) -> Result<(Vec<AuditEvent>, Option<crate::store::Cursor>), StoreError> {
        let query = Query::partition(Index::Gsi2, keys::access_log(practice, patient)).backward().limit(limit).after(after);
        let page = self.table.query(query).await?;
        let events = page.items.iter().map(|i| i.record()).collect::<Result<_, _>>()?;
        Ok((events, page.next))
    }
}

impl AuditEvent {
    /// Whether the patient's own access log shows the event: their sign-ins and sign-outs, and anything
    /// staff did with their record. Their own reading of their own portal would bury the rest.
    pub fn on_access_log(&self) -> bool {
        match self.actor_kind.as_str() {
            "patient" => self.action.starts_with("auth.sign_in") || self.action == "auth.logout" || self.action == "session.end_others",
            "staff" | "proxy" => true,
            _ => false,
        }
    }
}

/// What an auditor asks for: a time range, and optionally one patient, actor or action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditQuery {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub patient: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
}

impl AuditQuery {
    fn matches(&self, e: &AuditEvent) -> bool {
        self.actor.as_ref().is_none_or(|a| e.actor_id.as_ref() == Some(a))
            && self.action.as_ref().is_none_or(|a| &e.action == a || e.action.starts_with(&format!("{a}.")))
    }
}

/// Where the next page of a search starts: a day, and where in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditCursor {
    day: chrono::NaiveDate,
    within: Option<Cursor>,
}

impl AuditCursor {
    /// `YYYYMMDD` followed by the store's cursor within that day, if any.
    pub fn parse(raw: &str) -> Result<Self, StoreError> {
        let (day, rest) = raw.split_at_checked(8).ok_or(StoreError::BadCursor)?;
        let day = chrono::NaiveDate::parse_from_str(day, "%Y%m%d").map_err(|_| StoreError::BadCursor)?;
        let within = if rest.is_empty() { None } else { Some(Cursor::parse(rest)?) };
        Ok(AuditCursor { day, within })
    }

    pub fn as_string(&self) -> String {
        format!("{}{}", self.day.format("%Y%m%d"), self.within.as_ref().map(Cursor::as_str).unwrap_or_default())
    }
}

pub struct AuditPage {
    pub events: Vec<AuditEvent>,
    pub next: Option<AuditCursor>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_read_as_they_are_stored() {
        for outcome in [Outcome::Success, Outcome::Denied, Outcome::NotFound, Outcome::Rejected, Outcome::Error] {
            assert_eq!(serde_json::to_value(outcome).ok(), Some(serde_json::Value::from(outcome.as_str())));
        }
    }
}
