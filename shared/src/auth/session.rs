//! Server-side sessions: idle and absolute timeouts, and logout or account disable taking effect on the
//! very next request rather than at token expiry.
//!
//! A session is keyed by the token's `origin_jti`. The check is one conditional write that both
//! validates and touches the session; the first request of a session creates it, atomically with a check
//! that the account is active.

use std::sync::Arc;

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::limits;
use crate::clock::Clock;
use crate::directory::patients;
use crate::ids::{PatientId, PracticeId, StaffId};
use crate::keys;
use crate::store::{Condition, Item, Key, Query, StoreError, Table, Update, Write, attr};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionSubject {
    Patient(PracticeId, PatientId),
    Staff(PracticeId, StaffId),
}

impl SessionSubject {
    fn partition(&self) -> String {
        match self {
            SessionSubject::Patient(practice, patient) => keys::patient_partition(practice, patient),
            SessionSubject::Staff(practice, staff) => keys::staff_partition(practice, staff),
        }
    }

    fn account(&self) -> Key {
        match self {
            SessionSubject::Patient(practice, patient) => keys::patient_profile(practice, patient),
            SessionSubject::Staff(practice, staff) => keys::staff_profile(practice, staff),
        }
    }

    fn idle(&self) -> Duration {
        match self {
            SessionSubject::Patient(..) => limits::patient_idle(),
            SessionSubject::Staff(..) => limits::staff_idle(),
        }
    }
}

fn session_key(subject: &SessionSubject, session: &str) -> Key {
    Key::new(subject.partition(), format!("SESSION#{session}"))
}

/// The account attribute before which signed-in sessions may not start (see [`Sessions::revoke_others`]).
pub const SESSIONS_FROM: &str = "sessions_from";

/// A session's last activity is written again only when it moves on by more than this: most requests
/// only read it.
pub const TOUCH_AFTER: i64 = 60;

#[derive(Debug, Serialize, Deserialize)]
struct SessionRecord {
    /// Absent when the session was revoked before its first request.
    #[serde(default)]
    started_at: i64,
    last_seen: i64,
    revoked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SessionRefused {
    #[error("the session has ended")]
    Ended,
    #[error("the account is not active")]
    AccountInactive,
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Refused(#[from] SessionRefused),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Clone)]
pub struct Sessions {
    table: Arc<dyn Table>,
    clock: Arc<dyn Clock>,
}

impl Sessions {
    pub fn new(table: Arc<dyn Table>, clock: Arc<dyn Clock>) -> Self {
        Sessions { table, clock }
    }

    /// The item a session lives in, for reading it in the same request as a screen's data.
    pub fn key(subject: &SessionSubject, session: &str) -> Key {
        session_key(subject, session)
    }

    /// Admits a request of the session that began at `auth_time`. `idle_for` is how long the person has
    /// been away from the page, as the web app reports it (0 for a request they made): the session counts
    /// as active at `now - idle_for`, so polling and refetches keep nothing alive that a person left.
    /// One read; a write only when the last activity moves on by more than [`TOUCH_AFTER`] seconds, or for
    /// the session's first request.
    pub async fn admit(&self, subject: &SessionSubject, session: &str, auth_time: i64, idle_for: i64) -> Result<(), SessionError> {
        let current = self.table.get(&session_key(subject, session)).await?;
        self.settle(subject, session, auth_time, idle_for, current).await
    }

    /// [`Self::admit`] with the session's item already read (with the screen's data, in one request).
    pub async fn settle(
        &self,
        subject: &SessionSubject,
        session: &str,
        auth_time: i64,
        idle_for: i64,
        current: Option<Item>,
    ) -> Result<(), SessionError> {
        let now = self.clock.now().timestamp();
        let ends_at = auth_time + limits::absolute().num_seconds();
        if ends_at <= now || auth_time > now + 300 {
            return Err(SessionRefused::Ended.into());
        }
        let idle_limit = subject.idle().num_seconds();
        let active_at = now - idle_for.clamp(0, idle_limit);
        let live = |record: &SessionRecord| !record.revoked && record.last_seen >= now - idle_limit;
        let key = session_key(subject, session);
        let mut current = current.map(|item| item.record::<SessionRecord>()).transpose()?;
        for _ in 0..2 {
            match &current {
                Some(record) if !live(record) => return Err(SessionRefused::Ended.into()),
                Some(record) if active_at - record.last_seen <= TOUCH_AFTER => return Ok(()),
                Some(_) => {
                    let touch = Update::new(key.clone()).set("last_seen", active_at).when(
                        Condition::Exists
                            .and(Condition::eq("revoked", false))
                            .and(Condition::ge("last_seen", now - idle_limit))
                            .and(Condition::lt("last_seen", active_at)),
                    );
                    return match self.table.update(touch).await {
                        Ok(_) => Ok(()),
                        // Revoked meanwhile, or another request moved it on first.
                        Err(StoreError::ConditionFailed { current: Some(item), .. }) => {
                            if live(&item.record()?) {
                                Ok(())
                            } else {
                                Err(SessionRefused::Ended.into())
                            }
                        }
                        Err(StoreError::ConditionFailed { current: None, .. }) => Err(SessionRefused::Ended.into()),
                        Err(e) => Err(e.into()),
                    };
                }
                None => {
                    // First request of this session: create it, but only while the account is active.
                    let record = SessionRecord { started_at: auth_time, last_seen: active_at.max(auth_time.min(now)), revoked: false };
                    let item = Item::from_record(key.clone(), &record)?.expiring_at(ends_at + 86_400);
                    // A session signed in before "sign out everywhere else" never starts, used or not.
                    let account = patients::active_condition()
                        .and(Condition::Missing(SESSIONS_FROM.into()).or(Condition::le(SESSIONS_FROM, auth_time)));
                    let writes = vec![Write::Check { key: subject.account(), condition: account }, Write::put(item, Condition::NotExists)];
                    match self.table.transact(writes).await {
                        Ok(()) => return Ok(()),
                        Err(StoreError::ConditionFailed { index: Some(0), current }) => {
                            let active = current.as_ref().and_then(|c| c.str("status")) == Some("active");
                            return Err(if active { SessionRefused::Ended } else { SessionRefused::AccountInactive }.into());
                        }
                        // Another request created it first: judge what it wrote.
                        Err(StoreError::ConditionFailed { .. }) | Err(StoreError::Conflict) => {
                            current = self.table.get(&key).await?.map(|item| item.record::<SessionRecord>()).transpose()?;
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
            }
        }
        Err(SessionRefused::Ended.into())
    }

    /// Ends one session now (logout). Written even if the session was never used, so a token minted
    /// before logout cannot start it afterwards.
    pub async fn revoke(&self, subject: &SessionSubject, session: &str) -> Result<(), StoreError> {
        let now = self.clock.now().timestamp();
        let until = now + limits::absolute().num_seconds() + 86_400;
        let update = Update::new(session_key(subject, session)).set("revoked", true).set("last_seen", now).set(attr::TTL, until);
        self.table.update(update).await.map(|_| ())
    }

    /// Ends every session of an account (disable). The account's status refuses new ones.
    pub async fn revoke_all(&self, subject: &SessionSubject) -> Result<usize, StoreError> {
        self.revoke_except(subject, None).await
    }

    /// Ends every session of an account but `keep` (the one asking): "sign out everywhere else". Those
    /// used so far are revoked; those signed in but not used yet can never start (the account's
    /// `sessions_from` is now).
    pub async fn revoke_others(&self, subject: &SessionSubject, keep: &str) -> Result<usize, StoreError> {
        let now = self.clock.now().timestamp();
        // The account's version moves on too, so a profile save that read it before cannot put it back.
        self.table.update(Update::new(subject.account()).set(SESSIONS_FROM, now).add(attr::VERSION, 1).when(Condition::Exists)).await?;
        self.revoke_except(subject, Some(&session_key(subject, keep))).await
    }

    async fn revoke_except(&self, subject: &SessionSubject, keep: Option<&Key>) -> Result<usize, StoreError> {
        let mut cursor = None;
        let mut ended = 0;
        loop {
            let page = self
                .table
                .query(Query::partition(crate::store::Index::Table, subject.partition()).begins_with("SESSION#").after(cursor))
                .await?;
            let writes: Vec<Write> = page
                .items
                .iter()
                .filter(|item| Some(&item.key) != keep && !item.record::<SessionRecord>().is_ok_and(|r| r.revoked))
                .map(|item| Write::Update(Update::new(item.key.clone()).set("revoked", true)))
                .collect();
            for chunk in writes.chunks(crate::store::MAX_TRANSACTION) {
                self.table.transact(chunk.to_vec()).await?;
                ended += chunk.len();
            }
            match page.next {
                Some(next) => cursor = Some(next),
                None => return Ok(ended),
            }
        }
    }
}
