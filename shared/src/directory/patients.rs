use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::crypto::Hasher;
use crate::domain::{Address, DateOfBirth, Email, LanguageTag, LocalTime, PersonName, Phone, Pronouns, TimeZoneName};
use crate::ids::{PatientId, PracticeId};
use crate::keys;
use crate::store::retry::{self, Round};
use crate::store::{Condition, Cursor, Index, Item, Page, Query, StoreError, Table, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    Active,
    Disabled,
}

/// How a patient is named on staff lists (inbox rows, tasks): kept on the row, so a list needs no lookup
/// per patient. A copy from when the row was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PatientNames {
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
}

impl PatientNames {
    pub fn of(patient: &Patient) -> Self {
        PatientNames {
            given_name: patient.given_name.as_str().to_string(),
            family_name: patient.family_name.as_str().to_string(),
            preferred_name: patient.preferred_name.as_ref().map(|n| n.as_str().to_string()),
        }
    }
}

/// A patient's profile item: identity, contact, and how they want to be contacted. One item, so the
/// profile and preferences screens are one read each and share the time zone.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Patient {
    pub practice_id: PracticeId,
    pub patient_id: PatientId,
    pub given_name: PersonName,
    pub family_name: PersonName,
    #[serde(default)]
    pub preferred_name: Option<PersonName>,
    #[serde(default)]
    pub pronouns: Option<Pronouns>,
    pub language: LanguageTag,
    pub time_zone: TimeZoneName,
    pub date_of_birth: DateOfBirth,
    /// Verified contact addresses: sign-in codes and notifications go only here.
    #[serde(default)]
    pub email: Option<Email>,
    #[serde(default)]
    pub phone: Option<Phone>,
    pub status: AccountStatus,
    pub preferences: Preferences,
    /// Text-message standing: STOP received, or the number does not take texts.
    #[serde(default)]
    pub sms: SmsState,
    /// Digest of the one invitation link that is still valid; issuing a new one replaces it.
    #[serde(default)]
    pub invitation: Option<String>,
    /// Sessions signed in before this (epoch seconds) never start: set by "sign out everywhere else",
    /// kept here so saving the profile keeps it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sessions_from: Option<i64>,
    /// Made when someone accepted an invitation to act for a patient: not in the practice's care.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub proxy_only: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub version: u64,
}

/// Whether texts may reach the patient at all, whatever their preferences.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsState {
    /// The patient texted STOP (or a synonym) and has not texted START since.
    #[serde(default)]
    pub opted_out: bool,
    /// Hard delivery failures, counted from Twilio's status callbacks.
    #[serde(default)]
    pub hard_failures: i64,
    /// Texts stop after repeated hard failures; email takes over.
    #[serde(default)]
    pub undeliverable: bool,
}

/// Channel × category opt-ins, and quiet hours in the patient's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    pub email: CategorySet,
    pub sms: CategorySet,
    /// No non-urgent texts or emails between `start` and `end` local time; `null` for none.
    pub quiet_hours: Option<QuietHours>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategorySet {
    pub appointment_reminders: bool,
    pub messages: bool,
    pub billing: bool,
    pub marketing: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuietHours {
    #[schema(value_type = String, example = "21:00")]
    pub start: LocalTime,
    #[schema(value_type = String, example = "08:00")]
    pub end: LocalTime,
}

impl Default for Preferences {
    /// Care-related categories on; marketing off until the patient opts in; quiet 21:00–08:00.
    fn default() -> Self {
        let care = CategorySet { appointment_reminders: true, messages: true, billing: true, marketing: false };
        Preferences {
            email: care,
            sms: care,
            quiet_hours: LocalTime::parse("21:00").ok().zip(LocalTime::parse("08:00").ok()).map(|(start, end)| QuietHours { start, end }),
        }
    }
}

impl Patient {
    pub fn key(&self) -> crate::store::Key {
        keys::patient_profile(&self.practice_id, &self.patient_id)
    }

    pub fn is_active(&self) -> bool {
        self.status == AccountStatus::Active
    }

    pub fn address(&self, channel: crate::domain::Channel) -> Option<Address> {
        match channel {
            crate::domain::Channel::Email => self.email.clone().map(Address::Email),
            crate::domain::Channel::Sms => self.phone.clone().map(Address::Sms),
        }
    }

    fn item(&self) -> Result<Item, StoreError> {
        let names = keys::patient_names(&self.practice_id);
        let family_first =
            format!("{} {}#{}", search_form(self.family_name.as_str()), search_form(self.given_name.as_str()), self.patient_id);
        let given_first =
            format!("{} {}#{}", search_form(self.given_name.as_str()), search_form(self.family_name.as_str()), self.patient_id);
        Ok(Item::from_record(self.key(), self)?.indexed(Index::Gsi1, names.clone(), family_first).indexed(Index::Gsi2, names, given_first))
    }
}

/// The form names are indexed and searched in: lower case, single spaces.
pub fn search_form(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The digest an address is claimed and looked up under.
pub fn address_digest(hasher: &Hasher, address: &Address) -> String {
    hasher.digest("address", &[address.channel().as_str(), address.as_str()])
}

fn claim(practice: &PracticeId, patient: &PatientId, digest: &str) -> Item {
    Item::new(keys::address_claim(practice, digest)).with("patient_id", patient.as_str())
}

pub async fn get(table: &dyn Table, practice: &PracticeId, patient: &PatientId) -> Result<Option<Patient>, StoreError> {
    table.get(&keys::patient_profile(practice, patient)).await?.map(|item| item.record()).transpose()
}

/// Why a patient could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("the address already belongs to another patient of this practice")]
    AddressTaken(crate::domain::Channel),
    #[error(transparent)]
    Store(StoreError),
}

/// Creates the profile and claims its addresses, in one transaction.
pub async fn create(table: &dyn Table, hasher: &Hasher, patient: &Patient) -> Result<(), CreateError> {
    let mut record = patient.clone();
    record.version = 1;
    let mut writes = vec![Write::put(record.item().map_err(CreateError::Store)?, Condition::NotExists)];
    let mut channels = Vec::new();
    for address in [patient.email.clone().map(Address::Email), patient.phone.clone().map(Address::Sms)].into_iter().flatten() {
        channels.push(address.channel());
        writes.push(Write::put(claim(&patient.practice_id, &patient.patient_id, &address_digest(hasher, &address)), Condition::NotExists));
    }
    match table.transact(writes).await {
        Ok(()) => Ok(()),
        Err(StoreError::ConditionFailed { index: Some(i), .. }) if i > 0 => {
            Err(CreateError::AddressTaken(channels.get(i - 1).copied().unwrap_or(crate::domain::Channel::Email)))
        }
        Err(e) => Err(CreateError::Store(e)),
    }
}

/// Saves a changed profile if nobody else changed it since it was read.
pub async fn save(table: &dyn Table, patient: &Patient) -> Result<Patient, StoreError> {
    let mut next = patient.clone();
    next.version = patient.version + 1;
    table.put(next.item()?, Condition::VersionIs(patient.version)).await?;
    Ok(next)
}

/// The writes that save a changed profile; for transactions that change more than the profile.
pub fn save_write(patient: &Patient) -> Result<(Write, Patient), StoreError> {
    let mut next = patient.clone();
    next.version = patient.version + 1;
    Ok((Write::put(next.item()?, Condition::VersionIs(patient.version)), next))
}

/// Replaces one verified address: the profile, the old claim and the new claim change together.
pub async fn change_address(table: &dyn Table, hasher: &Hasher, patient: &Patient, new: &Address) -> Result<Patient, CreateError> {
    let mut changed = patient.clone();
    match new {
        Address::Email(email) => changed.email = Some(email.clone()),
        Address::Sms(phone) => changed.phone = Some(phone.clone()),
    }
    save_with_addresses(table, hasher, patient, &changed).await
}

/// Saves `after` over `before` (as read, by its version) with the address claims that follow: a new
/// address is claimed (refused if another patient holds it), a replaced or removed one is released, in
/// one transaction with the profile.
///
/// An outstanding invitation link dies with an address that is replaced or removed: it was sent there,
/// and whoever reads that mailbox or phone now must not sign in with it.
pub async fn save_with_addresses(table: &dyn Table, hasher: &Hasher, before: &Patient, after: &Patient) -> Result<Patient, CreateError> {
    let mut after = after.clone();
    if addresses_given_up(before, &after) {
        after.invitation = None;
    }
    let (save, next) = save_write(&after).map_err(CreateError::Store)?;
    let mut writes = vec![save];
    let mut claimed = Vec::new();
    for channel in [crate::domain::Channel::Email, crate::domain::Channel::Sms] {
        let (old, new) = (before.address(channel), after.address(channel));
        if old == new {
            continue;
        }
        if let Some(new) = &new {
            claimed.push((writes.len(), channel));
            writes.push(Write::put(claim(&after.practice_id, &after.patient_id, &address_digest(hasher, new)), Condition::NotExists));
        }
        if let Some(old) = &old {
            let key = keys::address_claim(&before.practice_id, &address_digest(hasher, old));
            writes.push(Write::Delete { key, condition: Condition::eq("patient_id", before.patient_id.as_str()) });
        }
    }
    match table.transact(writes).await {
        Ok(()) => Ok(next),
        Err(StoreError::ConditionFailed { index: Some(i), .. }) if claimed.iter().any(|(at, _)| *at == i) => {
            let channel = claimed.iter().find(|(at, _)| *at == i).map(|(_, c)| *c).unwrap_or(crate::domain::Channel::Email);
            Err(CreateError::AddressTaken(channel))
        }
        Err(e) => Err(CreateError::Store(e)),
    }
}

/// Whether `after` no longer has an address `before` had (replaced or removed).
pub fn addresses_given_up(before: &Patient, after: &Patient) -> bool {
    [crate::domain::Channel::Email, crate::domain::Channel::Sms]
        .into_iter()
        .any(|channel| before.address(channel).is_some_and(|old| after.address(channel).as_ref() != Some(&old)))
}

/// The patient of this practice who owns an address, if any.
pub async fn find_by_address(
    table: &dyn Table,
    hasher: &Hasher,
    practice: &PracticeId,
    address: &Address,
) -> Result<Option<PatientId>, StoreError> {
    let item = table.get(&keys::address_claim(practice, &address_digest(hasher, address))).await?;
    Ok(item.and_then(|item| item.str("patient_id").and_then(PatientId::parse)))
}

/// Patients whose family name (or given name, then family name) starts with `text`.
pub async fn search_by_name(
    table: &dyn Table,
    practice: &PracticeId,
    text: &str,
    limit: usize,
    cursor: Option<Cursor>,
    given_first: bool,
) -> Result<(Vec<Patient>, Option<Cursor>), StoreError> {
    let index = if given_first { Index::Gsi2 } else { Index::Gsi1 };
    let query = Query::partition(index, keys::patient_names(practice)).begins_with(search_form(text)).limit(limit).after(cursor);
    let Page { items, next } = table.query(query).await?;
    let patients = items.iter().map(Item::record).collect::<Result<Vec<Patient>, _>>()?;
    Ok((patients, next))
}

/// Changes the patient's text-message standing, retrying on a concurrent change. `None` when the patient
/// does not exist.
pub async fn update_sms(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    change: impl Fn(&mut SmsState),
) -> Result<Option<Patient>, StoreError> {
    retry::until_settled(|| async {
        let Some(mut current) = get(table, practice, patient).await? else { return Ok(Round::Done(None)) };
        change(&mut current.sms);
        Ok(retry::settle(save(table, &current).await)?.map(Some))
    })
    .await
}

/// Marks the account disabled; sessions are revoked separately by the caller.
pub fn disable_write(patient: &Patient) -> Result<(Write, Patient), StoreError> {
    let mut changed = patient.clone();
    changed.status = AccountStatus::Disabled;
    save_write(&changed)
}

/// The condition under which an account may hold a session: it exists and is active.
pub fn active_condition() -> Condition {
    Condition::Exists.and(Condition::eq("status", "active"))
}
