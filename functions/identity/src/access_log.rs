//! The patient's own access log: their sign-ins (when, which device, from which address) and every time
//! the practice's staff opened or changed their record (when, which roles, what), newest first, from
//! the audit trail's patient index; and signing out every other session.

use chrono::{DateTime, Utc};
use portico::audit::{AuditCursor, AuditEvent, AuditLog, AuditQuery};
use portico::auth::Sessions;
use portico::auth::session::SessionSubject;
use portico::ids::{PatientId, PracticeId};
use portico::store::StoreError;

pub struct AccessLogDeps {
    pub audit: AuditLog,
    pub sessions: Sessions,
}

/// Whether the patient's log shows an event: their own sign-ins and sign-outs, and anything staff did.
/// Their own reading of their own portal would bury the rest.
pub fn shown(event: &AuditEvent) -> bool {
    match event.actor_kind.as_str() {
        "patient" => event.action.starts_with("auth.sign_in") || event.action == "auth.logout" || event.action == "session.end_others",
        "staff" => true,
        _ => false,
    }
}

impl AccessLogDeps {
    pub async fn page(
        &self,
        practice: &PracticeId,
        patient: &PatientId,
        now: DateTime<Utc>,
        cursor: Option<&AuditCursor>,
        limit: usize,
    ) -> Result<(Vec<AuditEvent>, Option<AuditCursor>), StoreError> {
        let query =
            AuditQuery { from: DateTime::<Utc>::UNIX_EPOCH, to: now, patient: Some(patient.to_string()), actor: None, action: None };
        let page = self.audit.search(practice, &query, cursor, limit).await?;
        Ok((page.events.into_iter().filter(shown).collect(), page.next))
    }

    /// Ends the patient's other sessions; the one asking stays signed in.
    pub async fn end_others(&self, practice: &PracticeId, patient: &PatientId, session: &str) -> Result<usize, StoreError> {
        self.sessions.revoke_others(&SessionSubject::Patient(practice.clone(), patient.clone()), session).await
    }
}
