//! Staff-side patient administration: enrol, look up, invite, disable.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use portico::auth::Sessions;
use portico::auth::invitations;
use portico::auth::session::SessionSubject;
use portico::clock::Clock;
use portico::consents;
use portico::crypto::Hasher;
use portico::directory::{AccountStatus, Patient, Practice, patients};
use portico::domain::{Address, Channel, Email, Phone};
use portico::identity::{IdentityError, IdentityProvider};
use portico::ids::{PatientId, PracticeId, StaffId};
use portico::notify::deliveries::{self, Delivery};
use portico::notify::gate::{self, Blocked, Category};
use portico::notify::notices;
use portico::notify::templates::{self, Lang, PortalLink, PracticeName};
use portico::notify::{SendError, Sender};
use portico::store::{Cursor, StoreError, Table};
use portico::tenant::Tenants;

/// What enrolling and disabling patients use.
pub struct EnrolDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub hasher: Hasher,
    pub identity: Arc<dyn IdentityProvider>,
    pub sessions: Sessions,
}

/// What inviting patients uses.
pub struct InviteDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub tenants: Arc<Tenants>,
    pub hasher: Hasher,
    pub sender: Sender,
}

/// What the staff's proxy routes use: the table only.
pub struct GrantDeps {
    pub table: Arc<dyn Table>,
}

/// What the read-only staff routes use.
pub struct LookupDeps {
    pub table: Arc<dyn Table>,
    pub hasher: Hasher,
}

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("no such patient")]
    NotFound,
    #[error("the {} address belongs to another patient", .0.as_str())]
    AddressTaken(Channel),
    #[error("the patient has no {} address on file", .0.as_str())]
    NoAddress(Channel),
    #[error("the patient's account is disabled")]
    Disabled,
    #[error("the practice does not text numbers in that country")]
    CountryNotServed,
    #[error("the record changed since it was read")]
    Stale,
    /// A field of the request cannot be accepted: the field and why.
    #[error("{0} {1}")]
    Field(&'static str, &'static str),
    #[error(transparent)]
    Consent(portico::consents::ConsentError),
    #[error(transparent)]
    Send(#[from] SendError),
    #[error(transparent)]
    Identity(#[from] IdentityError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl EnrolDeps {
    /// Enrols a patient: their sign-in account first (an unused account is harmless; a patient without one
    /// could not sign in), then the profile and its address claims in one transaction.
    pub async fn enrol(&self, patient: &Patient) -> Result<(), AdminError> {
        self.identity.create_patient_user(&patient.practice_id, &patient.patient_id).await?;
        match patients::create(self.table.as_ref(), &self.hasher, patient).await {
            Ok(()) => Ok(()),
            Err(patients::CreateError::AddressTaken(channel)) => Err(AdminError::AddressTaken(channel)),
            Err(patients::CreateError::Store(e)) => Err(e.into()),
        }
    }

    /// Disables the account: the profile says so, every session ends now, and the identity provider
    /// refuses new sign-ins and refreshes.
    pub async fn disable(&self, practice: &PracticeId, patient: &PatientId) -> Result<Patient, AdminError> {
        let table = self.table.as_ref();
        let current = patients::get(table, practice, patient).await?.ok_or(AdminError::NotFound)?;
        let saved = if current.is_active() {
            let mut changed = current.clone();
            changed.status = AccountStatus::Disabled;
            changed.updated_at = self.clock.now();
            patients::save(table, &changed).await?
        } else {
            current
        };
        self.sessions.revoke_all(&SessionSubject::Patient(practice.clone(), patient.clone())).await?;
        self.identity.set_patient_enabled(patient, false).await?;
        Ok(saved)
    }

    /// Turns a disabled account back on: sign-in works again (the sessions it had stay ended).
    pub async fn enable(&self, practice: &PracticeId, patient: &PatientId) -> Result<Patient, AdminError> {
        let table = self.table.as_ref();
        let current = patients::get(table, practice, patient).await?.ok_or(AdminError::NotFound)?;
        self.identity.set_patient_enabled(patient, true).await?;
        if current.is_active() {
            return Ok(current);
        }
        let mut changed = current;
        changed.status = AccountStatus::Active;
        changed.updated_at = self.clock.now();
        Ok(patients::save(table, &changed).await?)
    }

    /// Records a text-message consent (or its withdrawal) the patient gave staff by phone or on paper,
    /// with how it was given, as the patient's own decision would be (TCPA).
    pub async fn record_sms_consent(
        &self,
        practice: &Practice,
        patient: &PatientId,
        decision: consents::Decision,
        provenance: &consents::Provenance,
    ) -> Result<consents::Overview, AdminError> {
        let table = self.table.as_ref();
        patients::get(table, &practice.id, patient).await?.ok_or(AdminError::NotFound)?;
        let version = practice.consent_document(portico::directory::ConsentKind::SmsMessages).map(|d| d.version).unwrap_or_default();
        let choice = consents::Choice { kind: portico::directory::ConsentKind::SmsMessages, version, decision };
        consents::decide(table, practice, patient, choice, provenance, self.clock.now()).await.map_err(AdminError::Consent)?;
        Ok(consents::overview(table, practice, patient).await?)
    }

    /// Lifts the email suppression of the patient's address, with why; false when it was not suppressed.
    pub async fn clear_suppression(
        &self,
        practice: &PracticeId,
        patient: &PatientId,
        reason: portico::notify::suppression::ClearReason,
        by: &StaffId,
    ) -> Result<bool, AdminError> {
        let table = self.table.as_ref();
        let found = patients::get(table, practice, patient).await?.ok_or(AdminError::NotFound)?;
        let email = found.email.ok_or(AdminError::NoAddress(Channel::Email))?;
        Ok(portico::notify::suppression::clear(table, &self.hasher, practice, &email, reason, by.as_str(), self.clock.now()).await?)
    }
}

impl InviteDeps {
    /// Sends a new invitation link, which replaces any earlier one.
    pub async fn invite(
        &self,
        practice: &Practice,
        patient: &PatientId,
        channel: Option<Channel>,
        by: &StaffId,
    ) -> Result<(Address, DateTime<Utc>), AdminError> {
        let now = self.clock.now();
        let table = self.table.as_ref();
        let patient = patients::get(table, &practice.id, patient).await?.ok_or(AdminError::NotFound)?;
        if !patient.is_active() {
            return Err(AdminError::Disabled);
        }
        let channel = channel.unwrap_or(if patient.email.is_some() { Channel::Email } else { Channel::Sms });
        let address = patient.address(channel).ok_or(AdminError::NoAddress(channel))?;
        if !practice.texts_to(&address) {
            return Err(AdminError::CountryNotServed);
        }
        let hours = practice.settings.invite_ttl_hours.clamp(1, 24 * 7);
        let (token, _) = invitations::issue(table, &self.hasher, &patient, hours, by, now).await?;
        let link = PortalLink::invitation(&self.tenants.portal_url(practice), &token);
        let message = templates::invitation(&PracticeName::new(&practice.name), &link, hours, Lang::of(&patient.language));
        self.sender.send(&address, &message).await?;
        Ok((address, now + Duration::hours(i64::from(hours))))
    }
}

/// How a search query is read.
#[derive(Debug, PartialEq, Eq)]
pub enum SearchQuery {
    Address(Address),
    /// `Lee` or `Lee, Ann`: family name first.
    FamilyFirst(String),
    /// `Ann Lee`: given name first.
    GivenFirst(String),
}

impl SearchQuery {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let raw = raw.trim();
        if raw.chars().count() < 2 || raw.chars().count() > 100 {
            return Err("must be 2 to 100 characters");
        }
        if raw.contains('@') {
            return Email::parse(raw).map(|e| SearchQuery::Address(Address::Email(e)));
        }
        if raw.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c)) {
            return Phone::parse(raw).map(|p| SearchQuery::Address(Address::Sms(p)));
        }
        match raw.split_once(',') {
            Some((family, given)) => Ok(SearchQuery::FamilyFirst(format!("{} {}", family.trim(), given.trim()).trim().to_string())),
            None if raw.contains(char::is_whitespace) => Ok(SearchQuery::GivenFirst(raw.to_string())),
            None => Ok(SearchQuery::FamilyFirst(raw.to_string())),
        }
    }
}

/// How many of a patient's latest notices the chart shows.
pub const RECENT_NOTICES: usize = 10;

/// What the chart knows about reaching a patient.
pub struct ContactFacts {
    pub patient: Patient,
    pub consents: consents::Overview,
    /// Whether a "new message" notice can use each channel, by the send gate's own rules.
    pub email: Result<(), Blocked>,
    pub sms: Result<(), Blocked>,
    pub recent: Vec<Delivery>,
}

impl LookupDeps {
    pub async fn get(&self, practice: &PracticeId, patient: &PatientId) -> Result<Patient, AdminError> {
        patients::get(self.table.as_ref(), practice, patient).await?.ok_or(AdminError::NotFound)
    }

    /// The patient's consents, preferences, text opt-out, reach per channel and latest notices.
    pub async fn contact(&self, practice: &Practice, id: &PatientId, now: DateTime<Utc>) -> Result<ContactFacts, AdminError> {
        let table = self.table.as_ref();
        let (patient, consents, recent) =
            futures::try_join!(self.get(&practice.id, id), async { Ok(consents::overview(table, practice, id).await?) }, async {
                Ok(deliveries::recent(table, &practice.id, id, RECENT_NOTICES).await?)
            },)?;
        let facts = notices::gather_facts(table, &self.hasher, practice, &patient, Category::Messages, true, now).await?;
        let (email, sms) = (gate::reach(&facts, Channel::Email), gate::reach(&facts, Channel::Sms));
        Ok(ContactFacts { patient, consents, email, sms, recent })
    }

    pub async fn search(
        &self,
        practice: &PracticeId,
        query: &SearchQuery,
        limit: usize,
        cursor: Option<Cursor>,
    ) -> Result<(Vec<Patient>, Option<Cursor>), AdminError> {
        let table = self.table.as_ref();
        match query {
            SearchQuery::Address(address) => {
                let found = match patients::find_by_address(table, &self.hasher, practice, address).await? {
                    Some(id) => patients::get(table, practice, &id).await?,
                    None => None,
                };
                Ok((found.into_iter().collect(), None))
            }
            SearchQuery::FamilyFirst(text) => Ok(patients::search_by_name(table, practice, text, limit, cursor, false).await?),
            SearchQuery::GivenFirst(text) => Ok(patients::search_by_name(table, practice, text, limit, cursor, true).await?),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_read_by_shape() {
        assert!(matches!(SearchQuery::parse("ann@example.com"), Ok(SearchQuery::Address(Address::Email(_)))));
        assert!(matches!(SearchQuery::parse("(415) 555-0123"), Ok(SearchQuery::Address(Address::Sms(_)))));
        assert_eq!(SearchQuery::parse("Lee"), Ok(SearchQuery::FamilyFirst("Lee".into())));
        assert_eq!(SearchQuery::parse("Lee, Ann"), Ok(SearchQuery::FamilyFirst("Lee Ann".into())));
        assert_eq!(SearchQuery::parse("Ann Lee"), Ok(SearchQuery::GivenFirst("Ann Lee".into())));
        assert!(SearchQuery::parse("a").is_err());
        assert!(SearchQuery::parse("ann@").is_err());
    }
}
