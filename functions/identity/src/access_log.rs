//! The patient's own access log: their sign-ins (when, which device, from which address) and every time
//! the practice's staff opened or changed their record (when, which roles, what), newest first, from
//! the audit trail's access-log index; and signing out every other session.

use portico::audit::{AuditEvent, AuditLog};
use portico::auth::Sessions;
use portico::auth::session::SessionSubject;
use portico::ids::{PatientId, PracticeId};
use portico::store::{Cursor, StoreError};

pub struct AccessLogDeps {
    pub audit: AuditLog,
    pub sessions: Sessions,
}

impl AccessLogDeps {
    /// One page of the log, newest first, from its own index: every page is full while more follow.
    pub async fn page(
        &self,
        practice: &PracticeId,
        patient: &PatientId,
        cursor: Option<Cursor>,
        limit: usize,
    ) -> Result<(Vec<AuditEvent>, Option<Cursor>), StoreError> {
        self.audit.access_log(practice, patient.as_str(), cursor, limit).await
    }

    /// Ends the patient's other sessions; the one asking stays signed in.
    pub async fn end_others(&self, practice: &PracticeId, patient: &PatientId, session: &str) -> Result<usize, StoreError> {
        self.sessions.revoke_others(&SessionSubject::Patient(practice.clone(), patient.clone()), session).await
    }
}
