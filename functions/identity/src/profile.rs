//! The patient's own profile and preferences. Names, language and time zone change at once; a new email
//! or phone changes only when the code sent to it comes back.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use portico::clock::Clock;
use portico::crypto::{self, Hasher};
use portico::directory::{CategorySet, Patient, Practice, Preferences, QuietHours, patients};
use portico::domain::Patch;
use portico::domain::{Address, LanguageTag, PersonName, Pronouns, TimeZoneName};
use portico::ids::{ChallengeId, PatientId};
use portico::notify::Sender;
use portico::notify::templates::{self, Lang, OneTimeCode, PortalHost, PracticeName, PracticePhone};
use portico::store::{StoreError, Table};

use crate::limits::recent_sign_in;
use crate::sign_in::challenges::{self, Answer, Challenge, Purpose};
use crate::sign_in::rate_limit;
use crate::sign_in::{CodeSent, SignInError};

/// What the profile routes that may send a confirmation code use.
pub struct ContactDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub hasher: Hasher,
    pub sender: Sender,
    /// Where each practice's portal is: codes texted to phones name its host (WebOTP).
    pub tenants: Arc<portico::tenant::Tenants>,
}

/// A validated profile change.
#[derive(Debug, Default)]
pub struct ProfileChange {
    pub given_name: Option<PersonName>,
    pub family_name: Option<PersonName>,
    pub preferred_name: Patch<PersonName>,
    pub pronouns: Patch<Pronouns>,
    pub language: Option<LanguageTag>,
    pub time_zone: Option<TimeZoneName>,
    pub new_address: Option<Address>,
}

impl ProfileChange {
    fn apply(&self, patient: &Patient) -> Patient {
        let mut next = patient.clone();
        if let Some(v) = &self.given_name {
            next.given_name = v.clone();
        }
        if let Some(v) = &self.family_name {
            next.family_name = v.clone();
        }
        match &self.preferred_name {
            Patch::Keep => {}
            Patch::Clear => next.preferred_name = None,
            Patch::Set(v) => next.preferred_name = Some(v.clone()),
        }
        match &self.pronouns {
            Patch::Keep => {}
            Patch::Clear => next.pronouns = None,
            Patch::Set(v) => next.pronouns = Some(v.clone()),
        }
        if let Some(v) = &self.language {
            next.language = v.clone();
        }
        if let Some(v) = &self.time_zone {
            next.time_zone = v.clone();
        }
        next
    }
}

/// The signed-in patient's profile from its item, read with the session.
pub fn from_item(item: Option<portico::store::Item>) -> Result<Patient, StoreError> {
    item.ok_or(StoreError::Invalid("signed-in patient has no profile".into()))?.record()
}

pub async fn load(
    table: &dyn portico::store::Table,
    practice: &portico::ids::PracticeId,
    patient: &PatientId,
) -> Result<Patient, StoreError> {
    patients::get(table, practice, patient).await?.ok_or(StoreError::Invalid("signed-in patient has no profile".into()))
}

impl ContactDeps {
    /// Applies the change; a new address is only sent a code. Returns the saved profile and the pending
    /// confirmation, if any. A new address needs a sign-in from the last few minutes (`signed_in_at`,
    /// epoch seconds): someone handed an open session must not be able to take the account over.
    pub async fn update(
        &self,
        practice: &Practice,
        patient: &PatientId,
        change: ProfileChange,
        signed_in_at: i64,
    ) -> Result<(Patient, Option<(CodeSent, Address)>), SignInError> {
        let now = self.clock.now();
        if change.new_address.is_some() && now.timestamp() - signed_in_at > recent_sign_in().num_seconds() {
            return Err(SignInError::RecentSignInRequired);
        }
        let table = self.table.as_ref();
        let current = load(table, &practice.id, patient).await?;
        let next = change.apply(&current);
        let mut saved = current.clone();
        if next.given_name != current.given_name
            || next.family_name != current.family_name
            || next.preferred_name != current.preferred_name
            || next.pronouns != current.pronouns
            || next.language != current.language
            || next.time_zone != current.time_zone
        {
            let mut next = next;
            next.updated_at = now;
            saved = patients::save(table, &next).await?;
        }
        let pending = match change.new_address {
            Some(address) if saved.address(address.channel()).as_ref() != Some(&address) => {
                Some((self.send_contact_code(practice, &saved, &address, now).await?, address))
            }
            _ => None,
        };
        Ok((saved, pending))
    }

    async fn send_contact_code(
        &self,
        practice: &Practice,
        patient: &Patient,
        address: &Address,
        now: DateTime<Utc>,
    ) -> Result<CodeSent, SignInError> {
        let table = self.table.as_ref();
        if !practice.texts_to(address) {
            return Err(SignInError::CountryNotServed);
        }
        // The address's cooldown first: a resend pressed too soon is refused without spending one of
        // the day's contact changes.
        let address_digest = patients::address_digest(&self.hasher, address);
        rate_limit::admit_send(table, practice, &address_digest, now).await?;
        rate_limit::admit_contact_change(table, &practice.id, &patient.patient_id, now).await?;
        let code = crypto::six_digit_code();
        // An address another patient of the practice uses gets a challenge like any other, but no code:
        // the answer is the same, so a patient cannot learn whose address it is; the code never comes.
        let taken =
            patients::find_by_address(table, &self.hasher, &practice.id, address).await?.is_some_and(|owner| owner != patient.patient_id);
        let secret = if taken { crypto::random_token(32) } else { code.clone() };
        let purpose = Purpose::ContactChange { address: address.clone() };
        let challenge =
            Challenge::new(&self.hasher, &practice.id, Some(&patient.patient_id), purpose, &secret, now).for_address(address_digest);
        challenges::store(table, &challenge).await?;
        if !taken {
            let code = OneTimeCode::new(code).ok_or(SignInError::Dead)?;
            let host = PortalHost::of_origin(&self.tenants.portal_url(practice));
            let message = templates::contact_check(&PracticeName::new(&practice.name), &code, host.as_ref(), Lang::of(&patient.language));
            self.sender.send(address, &message).await?;
        }
        Ok(CodeSent { challenge_id: challenge.id, expires_at: challenge.expires_at, patient: Some(patient.patient_id.clone()) })
    }

    /// Confirms a new address with its code and makes it the patient's address on that channel.
    pub async fn confirm_contact(
        &self,
        practice: &Practice,
        patient: &PatientId,
        id: &ChallengeId,
        code: &str,
    ) -> Result<Patient, SignInError> {
        let now = self.clock.now();
        let table = self.table.as_ref();
        let challenge = challenges::load(table, &practice.id, id).await?.ok_or(SignInError::Dead)?;
        let Purpose::ContactChange { address } = challenge.purpose.clone() else { return Err(SignInError::Dead) };
        match challenges::answer(table, &self.hasher, &practice.id, id, Some(patient), code, now).await? {
            Answer::Correct => {}
            Answer::Wrong { tries_left } => return Err(SignInError::WrongCode { tries_left }),
            Answer::Dead => return Err(SignInError::Dead),
        }
        let current = load(table, &practice.id, patient).await?;
        let saved = match patients::change_address(table, &self.hasher, &current, &address).await {
            Ok(saved) => saved,
            Err(patients::CreateError::AddressTaken(_)) => return Err(SignInError::AddressTaken),
            Err(patients::CreateError::Store(e)) => return Err(e.into()),
        };
        // The address that no longer signs them in is told, so a takeover does not go unnoticed.
        if let Some(old) = current.address(address.channel()).filter(|old| old != &address) {
            let notice = templates::contact_changed(
                &PracticeName::new(&practice.name),
                address.channel(),
                PracticePhone::of(practice).as_ref(),
                Lang::of(&current.language),
            );
            if let Err(e) = self.sender.send(&old, &notice).await {
                tracing::warn!(error = %e, channel = address.channel().as_str(), "the old address was not told of the change");
            }
        }
        Ok(saved)
    }
}

/// A new set of preferences, as parsed at the edge.
#[derive(Debug, Clone)]
pub struct PreferencesChange {
    pub time_zone: TimeZoneName,
    pub email: CategorySet,
    pub sms: CategorySet,
    pub quiet_hours: Option<QuietHours>,
}

/// Saves the patient's preferences (and the time zone their quiet hours use).
pub async fn update_preferences(
    table: &dyn Table,
    practice: &Practice,
    patient: &PatientId,
    change: PreferencesChange,
    now: DateTime<Utc>,
) -> Result<Patient, StoreError> {
    let mut next = load(table, &practice.id, patient).await?;
    next.time_zone = change.time_zone;
    next.preferences = Preferences { email: change.email, sms: change.sms, quiet_hours: change.quiet_hours };
    next.updated_at = now;
    patients::save(table, &next).await
}
