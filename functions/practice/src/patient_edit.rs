//! Staff correct a patient's record: names, date of birth, language, time zone and contact details. The
//! change is saved against the version staff read (a colleague's edit in between is not overwritten),
//! address claims move with it, and the patient is told, without PHI, that their details changed; an
//! address that no longer signs them in is told so as well, and the sessions and invitation that may have
//! come through it end.

use std::sync::Arc;

use portico::auth::Sessions;
use portico::auth::session::SessionSubject;
use portico::clock::Clock;
use portico::crypto::Hasher;
use portico::directory::{Patient, Practice, patients};
use portico::domain::{Address, Channel, DateOfBirth, Email, LanguageTag, Patch, PersonName, Phone, Pronouns, TimeZoneName};
use portico::ids::PatientId;
use portico::notify::Sender;
use portico::notify::templates::{self, Lang, PracticeName, PracticePhone};
use portico::store::{StoreError, Table};

use crate::patients::AdminError;

/// What editing a patient's record uses.
pub struct EditDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub hasher: Hasher,
    pub sender: Sender,
    pub sessions: Sessions,
}

/// A validated change from staff: absent fields stay, `Clear` removes an optional one.
#[derive(Debug, Default)]
pub struct StaffEdit {
    /// The version of the record the change was made on.
    pub version: u64,
    pub given_name: Option<PersonName>,
    pub family_name: Option<PersonName>,
    pub preferred_name: Patch<PersonName>,
    pub pronouns: Patch<Pronouns>,
    pub date_of_birth: Option<DateOfBirth>,
    pub language: Option<LanguageTag>,
    pub time_zone: Option<TimeZoneName>,
    pub email: Patch<Email>,
    pub phone: Patch<Phone>,
}

fn patch<T: Clone>(slot: &mut Option<T>, change: &Patch<T>) {
    match change {
        Patch::Keep => {}
        Patch::Clear => *slot = None,
        Patch::Set(value) => *slot = Some(value.clone()),
    }
}

impl StaffEdit {
    /// The record with the change applied.
    pub fn apply(&self, patient: &Patient) -> Patient {
        let mut next = patient.clone();
        if let Some(v) = &self.given_name {
            next.given_name = v.clone();
        }
        if let Some(v) = &self.family_name {
            next.family_name = v.clone();
        }
        patch(&mut next.preferred_name, &self.preferred_name);
        patch(&mut next.pronouns, &self.pronouns);
        if let Some(v) = &self.date_of_birth {
            next.date_of_birth = *v;
        }
        if let Some(v) = &self.language {
            next.language = v.clone();
        }
        if let Some(v) = &self.time_zone {
            next.time_zone = v.clone();
        }
        patch(&mut next.email, &self.email);
        patch(&mut next.phone, &self.phone);
        next
    }
}

/// The names of the fields that differ, for the answer (never their values).
pub fn changed_fields(before: &Patient, after: &Patient) -> Vec<&'static str> {
    let checks: [(&'static str, bool); 9] = [
        ("given_name", before.given_name != after.given_name),
        ("family_name", before.family_name != after.family_name),
        ("preferred_name", before.preferred_name != after.preferred_name),
        ("pronouns", before.pronouns != after.pronouns),
        ("date_of_birth", before.date_of_birth != after.date_of_birth),
        ("language", before.language != after.language),
        ("time_zone", before.time_zone != after.time_zone),
        ("email", before.email != after.email),
        ("phone", before.phone != after.phone),
    ];
    checks.into_iter().filter_map(|(field, changed)| changed.then_some(field)).collect()
}

impl EditDeps {
    /// Applies the change and tells the patient. Answers the saved record and the fields that changed
    /// (none: nothing was written and nobody is told).
    pub async fn edit(&self, practice: &Practice, id: &PatientId, edit: StaffEdit) -> Result<(Patient, Vec<&'static str>), AdminError> {
        let table = self.table.as_ref();
        let current = patients::get(table, &practice.id, id).await?.ok_or(AdminError::NotFound)?;
        if current.version != edit.version {
            return Err(AdminError::Stale);
        }
        let mut next = edit.apply(&current);
        let changed = changed_fields(&current, &next);
        if changed.is_empty() {
            return Ok((current, changed));
        }
        if next.email.is_none() && next.phone.is_none() {
            return Err(AdminError::Field("email", "cannot be removed with the phone number: the patient needs one to sign in"));
        }
        if let Some(phone) = next.phone.clone().map(Address::Sms).filter(|p| current.phone.clone().map(Address::Sms).as_ref() != Some(p))
            && !practice.texts_to(&phone)
        {
            return Err(AdminError::Field("phone", "is in a country the practice does not text"));
        }
        next.updated_at = self.clock.now();
        // An address corrected because it was wrong may have let someone else in: sessions signed in before
        // now never start (those running end below), and the invitation sent there dies with it.
        let given_up = patients::addresses_given_up(&current, &next);
        if given_up {
            next.sessions_from = Some(next.updated_at.timestamp());
        }
        let saved = match patients::save_with_addresses(table, &self.hasher, &current, &next).await {
            Ok(saved) => saved,
            Err(patients::CreateError::AddressTaken(channel)) => return Err(AdminError::AddressTaken(channel)),
            Err(patients::CreateError::Store(StoreError::ConditionFailed { index: Some(0), .. })) => return Err(AdminError::Stale),
            Err(patients::CreateError::Store(e)) => return Err(e.into()),
        };
        if given_up {
            self.sessions.revoke_all(&SessionSubject::Patient(practice.id.clone(), id.clone())).await?;
        }
        self.tell(practice, &current, &saved).await;
        Ok((saved, changed))
    }

    /// The PHI-free notices: every address that no longer signs the patient in is told it changed, and
    /// the patient is told at their address (email first) that the practice updated their details. A
    /// notice that cannot be sent does not undo the change: it is logged without the address.
    async fn tell(&self, practice: &Practice, before: &Patient, after: &Patient) {
        let name = PracticeName::new(&practice.name);
        let help = PracticePhone::of(practice);
        let lang = Lang::of(&after.language);
        for channel in [Channel::Email, Channel::Sms] {
            let Some(old) = before.address(channel).filter(|old| after.address(channel).as_ref() != Some(old)) else { continue };
            let notice = templates::contact_changed(&name, channel, help.as_ref(), lang);
            if let Err(e) = self.sender.send(&old, &notice).await {
                tracing::warn!(error = %e, channel = channel.as_str(), "a replaced address was not told of the change");
            }
        }
        let Some(to) = after.address(Channel::Email).or_else(|| after.address(Channel::Sms)) else { return };
        if let Err(e) = self.sender.send(&to, &templates::details_updated(&name, help.as_ref(), lang)).await {
            tracing::warn!(error = %e, channel = to.channel().as_str(), "the patient was not told their details changed");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patient() -> Patient {
        serde_json::from_value(serde_json::json!({
            "practice_id": "pr_01JC00000000000000000000P1", "patient_id": "pt_01JC00000000000000000000A1",
            "given_name": "Ann", "family_name": "Lee", "language": "en", "time_zone": "America/Chicago",
            "date_of_birth": "1984-07-02", "email": "ann@example.com", "status": "active",
            "preferences": portico::directory::Preferences::default(),
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z", "version": 3
        }))
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn an_edit_changes_only_what_it_names_and_reports_field_names() {
        let before = patient();
        let edit = StaffEdit {
            version: 3,
            family_name: PersonName::parse("Lee-Park").ok(),
            preferred_name: Patch::Set(PersonName::parse("Annie").unwrap_or_else(|e| panic!("{e}"))),
            email: Patch::Clear,
            ..StaffEdit::default()
        };
        let after = edit.apply(&before);
        assert_eq!(after.given_name, before.given_name);
        assert_eq!(after.family_name.as_str(), "Lee-Park");
        assert!(after.email.is_none());
        assert_eq!(changed_fields(&before, &after), vec!["family_name", "preferred_name", "email"]);
        assert!(changed_fields(&before, &StaffEdit { version: 3, ..StaffEdit::default() }.apply(&before)).is_empty());
    }
}
