//! Proxy access: a grant lets one person (a parent, a guardian, a caregiver, a guarantor), signed in as
//! themself, act for a patient within scopes and until an expiry. The edge checks the grant on every
//! request that names someone else ([`crate::http::Exchange::patient_in`]); this module holds the grants,
//! the practice's age rules and the invitations adults send.
//!
//! Items: the grant in the patient's partition (`PROXY#BY#<proxy>`, one per pair, so the edge finds it
//! with one read), a copy in the proxy's partition (`PROXY#OF#<patient>`, for the person switcher), and
//! the proxy's home item naming the patient (the switcher needs no extra request). All three change in
//! one transaction. A revoked grant is deleted: the next request finds nothing, like a grant that never
//! was.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::access::Topic;
use crate::auth::{Acting, Scope};
use crate::crypto::{self, Hasher};
use crate::directory::{Patient, PatientNames, Practice};
use crate::domain::{Email, Phone};
use crate::ids::{GrantId, PatientId, PracticeId, StaffId};
use crate::keys;
use crate::store::{Condition, Item, Key, Query, StoreError, Table, Update, Write};

/// How the proxy is related to the patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    Parent,
    LegalGuardian,
    Caregiver,
    Family,
    /// Pays the bills: billing only.
    Guarantor,
    LegalRepresentative,
}

impl Relationship {
    /// A parent's or guardian's access to a child: the practice's age rules apply.
    pub fn parental(self) -> bool {
        matches!(self, Relationship::Parent | Relationship::LegalGuardian)
    }
}

/// Why the proxy may act for the patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LegalBasis {
    ParentalResponsibility,
    CourtOrder,
    PowerOfAttorney,
    /// The patient gave it themself, in the portal.
    PatientAuthorization,
    FinancialResponsibility,
}

/// Who made a grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GrantedBy {
    Patient,
    Staff { staff_id: StaffId },
}

/// How a parent's or guardian's access changes as the child grows, in whole years at local midnight of
/// the birthday in the practice's zone. The defaults: full access to 11, limited from 12 to 17 (the
/// confidential topics and the teen's own conversations hidden), ended at 18.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgeRules {
    /// The age at which a parent's access becomes limited.
    #[schema(minimum = 1, maximum = 21)]
    pub limited_from: u8,
    /// The age at which a parent's access ends.
    #[schema(minimum = 1, maximum = 21)]
    pub adult_at: u8,
    /// Topics a limited parent never sees.
    pub confidential_topics: Vec<Topic>,
}

impl Default for AgeRules {
    fn default() -> Self {
        AgeRules { limited_from: 12, adult_at: 18, confidential_topics: vec![Topic::Clinical] }
    }
}

impl AgeRules {
    pub fn check(&self) -> Result<(), &'static str> {
        if !(1..=21).contains(&self.limited_from) || !(1..=21).contains(&self.adult_at) || self.limited_from > self.adult_at {
            return Err("must have 1 ≤ limited_from ≤ adult_at ≤ 21");
        }
        Ok(())
    }
}

/// Whole years from `birth` to today in `zone`: a birthday begins at local midnight.
pub fn age_on(birth: NaiveDate, zone: chrono_tz::Tz, now: DateTime<Utc>) -> u32 {
    now.with_timezone(&zone).date_naive().years_since(birth).unwrap_or(0)
}

/// When a grant made today for someone born on `birth` ends: local midnight of the day they come of age
/// under today's rules; none for an adult.
pub fn coming_of_age(birth: NaiveDate, practice: &Practice, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if !is_minor(birth, practice, now) {
        return None;
    }
    let years = u32::from(practice.settings.proxy_age_rules.adult_at);
    // A 29 February birthday comes of age on 1 March in other years.
    let day = birth
        .with_year(birth.year() + i32::try_from(years).unwrap_or(18))
        .or_else(|| NaiveDate::from_ymd_opt(birth.year() + i32::try_from(years).unwrap_or(18), 3, 1))?;
    day.and_hms_opt(0, 0, 0)?.and_local_timezone(zone_of(practice)).earliest().map(|t| t.with_timezone(&Utc))
}

/// Whether someone born on `birth` is a child under the practice's age rules (a parent's grant works).
pub fn is_minor(birth: NaiveDate, practice: &Practice, now: DateTime<Utc>) -> bool {
    age_on(birth, zone_of(practice), now) < u32::from(practice.settings.proxy_age_rules.adult_at)
}

/// Today's date where the practice is.
pub fn local_today(practice: &Practice, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&zone_of(practice)).date_naive()
}

fn zone_of(practice: &Practice) -> chrono_tz::Tz {
    practice.settings.default_time_zone.parse().unwrap_or(chrono_tz::UTC)
}

/// What a grant allows today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Full,
    /// A teen's account: confidential topics and the teen's own conversations are hidden.
    Limited,
    /// Expired, or the child has come of age: the grant no longer works.
    Ended,
}

/// One person's permission to act for a patient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grant {
    pub practice_id: PracticeId,
    pub grant_id: GrantId,
    pub patient_id: PatientId,
    pub proxy_id: PatientId,
    /// Names when the grant was made, for the lists on both sides.
    pub patient_names: PatientNames,
    pub proxy_names: PatientNames,
    pub relationship: Relationship,
    pub legal_basis: LegalBasis,
    pub scopes: Vec<Scope>,
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
    /// Set when the grant was made for a minor: the local midnight of their coming of age under the
    /// rules of that day. Fixed then, so a later change of the rules never revives an ended grant.
    #[serde(default)]
    pub ends_at: Option<DateTime<Utc>>,
    pub granted_by: GrantedBy,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub last_used_at: Option<DateTime<Utc>>,
}

/// How often a grant's last use is written: a screen's worth of requests costs one write.
const TOUCH_AFTER_MINUTES: i64 = 5;

impl Grant {
    /// What the grant allows now, for a patient born on `birth`.
    ///
    /// The age rules follow the patient's age, whatever the relationship is called: any grant made for a
    /// minor is limited from `limited_from` and ends at coming of age (fixed in `ends_at` when it was
    /// made). A grant an adult gave is full until it expires or is revoked.
    pub fn standing(&self, birth: NaiveDate, practice: &Practice, now: DateTime<Utc>) -> Standing {
        if self.expires_at.is_some_and(|at| at <= now) || self.ends_at.is_some_and(|at| at <= now) {
            return Standing::Ended;
        }
        let rules = &practice.settings.proxy_age_rules;
        let age = age_on(birth, zone_of(practice), now);
        match self.ends_at {
            Some(_) if age >= u32::from(rules.adult_at) => Standing::Ended,
            _ if age >= u32::from(rules.adult_at) => Standing::Full,
            _ if age >= u32::from(rules.limited_from) => Standing::Limited,
            _ => Standing::Full,
        }
    }

    fn item(&self) -> Result<Item, StoreError> {
        Item::from_record(keys::proxy_grant(&self.practice_id, &self.patient_id, &self.proxy_id), self)
    }

    fn copy(&self) -> Result<Item, StoreError> {
        Item::from_record(keys::proxy_copy(&self.practice_id, &self.proxy_id, &self.patient_id), self)
    }
}

/// Why the edge refused to let someone act for a patient. The first answers exactly like a grant that
/// never existed (revoked, expired, come of age, another practice's, a disabled account).
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    NoGrant,
    OutOfScope,
}

/// Checks a grant read with the request (and the patient's profile, for their age) and says how the proxy
/// may act. `scope` is what the route needs; `None` is a route any live grant may use, filtering by scope.
pub fn admit(
    grant: Option<Item>,
    patient: Option<Item>,
    practice: &Practice,
    scope: Option<Scope>,
    now: DateTime<Utc>,
) -> Result<(Grant, Acting), Refusal> {
    let grant: Grant = grant.and_then(|i| i.record().ok()).ok_or(Refusal::NoGrant)?;
    let patient: Patient = patient.and_then(|i| i.record().ok()).ok_or(Refusal::NoGrant)?;
    if !patient.is_active() || grant.practice_id != practice.id {
        return Err(Refusal::NoGrant);
    }
    let limited = match grant.standing(patient.date_of_birth.date(), practice, now) {
        Standing::Ended => return Err(Refusal::NoGrant),
        Standing::Limited => true,
        Standing::Full => false,
    };
    if scope.is_some_and(|s| !grant.scopes.contains(&s)) {
        return Err(Refusal::OutOfScope);
    }
    let acting = Acting {
        grant: grant.grant_id.clone(),
        person: grant.proxy_id.clone(),
        name: format!("{} {}", grant.proxy_names.given_name, grant.proxy_names.family_name),
        relationship: grant.relationship,
        scopes: grant.scopes.clone(),
        limited,
        confidential: practice.settings.proxy_age_rules.confidential_topics.clone(),
    };
    Ok((grant, acting))
}

/// Why a grant could not be made.
#[derive(Debug, thiserror::Error)]
pub enum GrantError {
    #[error("this person can already act for the patient")]
    Exists,
    /// The invitation was used (or ran out of attempts) meanwhile.
    #[error("the invitation is used")]
    Used,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The attribute of the proxy's home item naming a patient they act for.
fn person_attr(patient: &PatientId) -> String {
    format!("people_{patient}")
}

/// Someone the signed-in person may act for, as their home item names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub patient_id: PatientId,
    pub grant_id: GrantId,
    pub names: PatientNames,
    pub relationship: Relationship,
    /// When the grant stops (expiry or coming of age), so the switcher drops it without a read.
    #[serde(default)]
    pub until: Option<DateTime<Utc>>,
}

/// The people named on a home item whose grants have not ended, in name order.
pub fn people(home: Option<&Item>, now: DateTime<Utc>) -> Vec<Person> {
    let mut people: Vec<Person> = home
        .map(|h| {
            h.attrs
                .iter()
                .filter(|(k, _)| k.starts_with("people_"))
                .filter_map(|(_, v)| serde_json::from_value::<Person>(v.clone()).ok())
                .filter(|p| p.until.is_none_or(|at| at > now))
                .collect()
        })
        .unwrap_or_default();
    people.sort_by(|a, b| a.names.given_name.cmp(&b.names.given_name).then(a.patient_id.cmp(&b.patient_id)));
    people
}

/// The writes that make a grant: the grant, the proxy's copy, the proxy's home naming the patient.
pub fn grant_writes(grant: &Grant) -> Result<Vec<Write>, StoreError> {
    let person = Person {
        patient_id: grant.patient_id.clone(),
        grant_id: grant.grant_id.clone(),
        names: grant.patient_names.clone(),
        relationship: grant.relationship,
        until: match (grant.expires_at, grant.ends_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        },
    };
    let person = serde_json::to_value(&person).map_err(|e| StoreError::Invalid(e.to_string()))?;
    Ok(vec![
        Write::put(grant.item()?, Condition::NotExists),
        Write::put(grant.copy()?, Condition::Always),
        Write::Update(Update::new(keys::home(&grant.practice_id, &grant.proxy_id)).set(person_attr(&grant.patient_id), person)),
    ])
}

/// Makes a grant.
pub async fn create(table: &dyn Table, grant: &Grant) -> Result<(), GrantError> {
    match table.transact(grant_writes(grant)?).await {
        Ok(()) => Ok(()),
        Err(StoreError::ConditionFailed { index: Some(0), .. }) => Err(GrantError::Exists),
        Err(e) => Err(e.into()),
    }
}

/// Ends a grant: gone from both sides at once. False when it was already gone.
pub async fn revoke(table: &dyn Table, grant: &Grant) -> Result<bool, StoreError> {
    let writes = vec![
        Write::Delete {
            key: keys::proxy_grant(&grant.practice_id, &grant.patient_id, &grant.proxy_id),
            condition: Condition::eq("grant_id", grant.grant_id.as_str()),
        },
        Write::Delete { key: keys::proxy_copy(&grant.practice_id, &grant.proxy_id, &grant.patient_id), condition: Condition::Always },
        Write::Update(Update::new(keys::home(&grant.practice_id, &grant.proxy_id)).remove(person_attr(&grant.patient_id))),
    ];
    match table.transact(writes).await {
        Ok(()) => Ok(true),
        Err(StoreError::ConditionFailed { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Notes that a grant was used, at most every few minutes (the patient's list shows the last use).
pub async fn touch(table: &dyn Table, grant: &Grant, now: DateTime<Utc>) -> Result<(), StoreError> {
    if grant.last_used_at.is_some_and(|at| now - at < Duration::minutes(TOUCH_AFTER_MINUTES)) {
        return Ok(());
    }
    let update = Update::new(keys::proxy_grant(&grant.practice_id, &grant.patient_id, &grant.proxy_id))
        .set("last_used_at", crate::time::sortable(now))
        .when(Condition::eq("grant_id", grant.grant_id.as_str()));
    match table.update(update).await {
        Ok(_) | Err(StoreError::ConditionFailed { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}

/// A person's grants in one query of their partition: who may act for them, and whom they act for.
#[derive(Debug, Default)]
pub struct Grants {
    pub for_me: Vec<Grant>,
    pub mine: Vec<Grant>,
}

pub async fn of_person(table: &dyn Table, practice: &PracticeId, person: &PatientId) -> Result<Grants, StoreError> {
    let query = Query::partition(crate::store::Index::Table, keys::patient_partition(practice, person)).begins_with(keys::PROXY_PREFIX);
    // A person has a handful of grants: one page holds them.
    let items = table.query(query).await?.items;
    let mut grants = Grants::default();
    for item in items {
        let grant: Grant = item.record()?;
        if item.key.sk.starts_with(keys::PROXY_BY_PREFIX) {
            grants.for_me.push(grant);
        } else {
            grants.mine.push(grant);
        }
    }
    Ok(grants)
}

/// The grant with this id in a person's partition (either side), or none.
pub async fn find(table: &dyn Table, practice: &PracticeId, person: &PatientId, id: &GrantId) -> Result<Option<Grant>, StoreError> {
    let grants = of_person(table, practice, person).await?;
    Ok(grants.for_me.into_iter().chain(grants.mine).find(|g| &g.grant_id == id))
}

/// Each grant with what it allows now, the patients' dates of birth read in one batch.
pub async fn with_standing(
    table: &dyn Table,
    practice: &Practice,
    grants: Vec<Grant>,
    now: DateTime<Utc>,
) -> Result<Vec<(Grant, Standing)>, StoreError> {
    let mut patients: Vec<PatientId> = grants.iter().map(|g| g.patient_id.clone()).collect();
    patients.sort();
    patients.dedup();
    let keys: Vec<Key> = patients.iter().map(|p| keys::patient_profile(&practice.id, p)).collect();
    let found = if keys.is_empty() { Vec::new() } else { table.get_many(&keys).await? };
    let births: std::collections::HashMap<PatientId, NaiveDate> = found
        .into_iter()
        .flatten()
        .filter_map(|item| item.record::<Patient>().ok())
        .map(|p| (p.patient_id.clone(), p.date_of_birth.date()))
        .collect();
    Ok(grants
        .into_iter()
        .map(|g| {
            let standing = births.get(&g.patient_id).map_or(Standing::Ended, |birth| g.standing(*birth, practice, now));
            (g, standing)
        })
        .collect())
}

/// A grant as the patient, the proxy and the staff see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GrantView {
    #[schema(value_type = String)]
    pub grant_id: GrantId,
    #[schema(value_type = String)]
    pub patient_id: PatientId,
    pub patient: PatientNames,
    #[schema(value_type = String)]
    pub proxy_id: PatientId,
    pub proxy: PatientNames,
    pub relationship: Relationship,
    pub legal_basis: LegalBasis,
    pub scopes: Vec<Scope>,
    pub expires_at: Option<DateTime<Utc>>,
    /// When a grant made for a minor ends: their coming of age.
    pub ends_at: Option<DateTime<Utc>>,
    /// `patient` (the patient invited them) or `staff`.
    pub granted_by: String,
    pub created_at: DateTime<Utc>,
    /// When the proxy last acted for the patient (to within a few minutes).
    pub last_used_at: Option<DateTime<Utc>>,
    /// What it allows today: a teen's parent is `limited`; `ended` once expired or come of age.
    pub standing: Standing,
}

impl GrantView {
    pub fn of((grant, standing): (Grant, Standing)) -> Self {
        GrantView {
            grant_id: grant.grant_id,
            patient_id: grant.patient_id,
            patient: grant.patient_names,
            proxy_id: grant.proxy_id,
            proxy: grant.proxy_names,
            relationship: grant.relationship,
            legal_basis: grant.legal_basis,
            scopes: grant.scopes,
            expires_at: grant.expires_at,
            ends_at: grant.ends_at,
            granted_by: match grant.granted_by {
                GrantedBy::Patient => "patient".into(),
                GrantedBy::Staff { .. } => "staff".into(),
            },
            created_at: grant.created_at,
            last_used_at: grant.last_used_at,
            standing,
        }
    }
}

/// Checks the scopes a grant would hold: at least one, each once (sorted), a guarantor's billing only.
pub fn scopes_for(relationship: Relationship, mut scopes: Vec<Scope>) -> Result<Vec<Scope>, &'static str> {
    scopes.sort();
    scopes.dedup();
    if scopes.is_empty() {
        return Err("must name at least one scope");
    }
    if relationship == Relationship::Guarantor && scopes != [Scope::Billing] {
        return Err("a guarantor's access is billing only");
    }
    Ok(scopes)
}

/// The end of `date` in the practice's zone (local midnight after it): when an expiring grant stops.
pub fn end_of_day(date: NaiveDate, practice: &Practice) -> Option<DateTime<Utc>> {
    let next = date.succ_opt()?.and_hms_opt(0, 0, 0)?;
    next.and_local_timezone(zone_of(practice)).earliest().map(|t| t.with_timezone(&Utc))
}

// ---- invitations --------------------------------------------------------------------------------

/// How long an invitation to act for someone stays open.
pub const INVITATION_HOURS: i64 = 72;
/// Answers an invitation takes (right or wrong) before it stops working.
pub const INVITATION_ATTEMPTS: i64 = 5;

/// An adult's invitation to someone to act for them. The link goes to the invitee's address; the code
/// is shown once to the patient, who tells the invitee; the invitee also gives the patient's date of
/// birth. Stored by the link's digest, the code only as a digest; a pointer in the patient's partition
/// lists it as pending and lets the patient cancel it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Invitation {
    pub practice_id: PracticeId,
    /// The grant's id, chosen now: the patient cancels the invitation by it.
    pub grant_id: GrantId,
    pub patient_id: PatientId,
    pub patient_names: PatientNames,
    pub proxy_given_name: String,
    pub proxy_family_name: String,
    #[serde(default)]
    pub email: Option<Email>,
    #[serde(default)]
    pub phone: Option<Phone>,
    pub relationship: Relationship,
    pub scopes: Vec<Scope>,
    #[serde(default)]
    pub grant_expires_at: Option<DateTime<Utc>>,
    pub code_digest: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    #[serde(default)]
    pub attempts: i64,
}

/// A pending invitation as the patient's list shows it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PendingInvitation {
    #[schema(value_type = String)]
    pub grant_id: GrantId,
    pub given_name: String,
    pub family_name: String,
    /// Where the link went, masked.
    pub destination: String,
    pub relationship: Relationship,
    pub scopes: Vec<Scope>,
    pub expires_at: DateTime<Utc>,
    /// The invitation's own key, to cancel it with the pointer.
    #[serde(skip_serializing)]
    #[schema(ignore)]
    pub link_digest: String,
}

fn link_digest(hasher: &Hasher, token: &str) -> String {
    hasher.digest("proxy-invitation", &[token])
}

fn code_digest(hasher: &Hasher, token: &str, code: &str) -> String {
    hasher.digest("proxy-invitation-code", &[token, code])
}

/// Stores an invitation and its pointer; returns the link token (for the invitee's address) and the
/// code (for the patient to pass on). Neither is stored.
pub async fn invite(table: &dyn Table, hasher: &Hasher, mut invitation: Invitation) -> Result<(String, String), StoreError> {
    let token = crypto::random_token(32);
    let code = crypto::six_digit_code();
    invitation.code_digest = code_digest(hasher, &token, &code);
    let digest = link_digest(hasher, &token);
    let expires = invitation.expires_at.timestamp();
    let item = Item::from_record(keys::proxy_invitation(&invitation.practice_id, &digest), &invitation)?
        .with("expires_epoch", expires)
        .expiring_at(expires);
    let destination =
        invitation.email.as_ref().map(|e| e.masked()).or_else(|| invitation.phone.as_ref().map(|p| p.masked())).unwrap_or_default();
    let pending = PendingInvitation {
        grant_id: invitation.grant_id.clone(),
        given_name: invitation.proxy_given_name.clone(),
        family_name: invitation.proxy_family_name.clone(),
        destination,
        relationship: invitation.relationship,
        scopes: invitation.scopes.clone(),
        expires_at: invitation.expires_at,
        link_digest: digest.clone(),
    };
    let mut pointer =
        Item::from_record(keys::proxy_pending(&invitation.practice_id, &invitation.patient_id, &invitation.grant_id), &pending)?
            .expiring_at(expires);
    pointer = pointer.with("link_digest", digest.as_str());
    table.transact(vec![Write::put(item, Condition::NotExists), Write::put(pointer, Condition::NotExists)]).await?;
    Ok((token, code))
}

/// The patient's pending invitations.
pub async fn pending(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    now: DateTime<Utc>,
) -> Result<Vec<PendingInvitation>, StoreError> {
    let query =
        Query::partition(crate::store::Index::Table, keys::patient_partition(practice, patient)).begins_with(keys::PROXY_PENDING_PREFIX);
    let items = table.query(query).await?.items;
    let mut found = Vec::new();
    for item in items.iter().filter(|i| !i.expired(now.timestamp())) {
        let mut invitation: PendingInvitation = item.record()?;
        invitation.link_digest = item.str("link_digest").unwrap_or_default().to_string();
        found.push(invitation);
    }
    Ok(found)
}

/// Cancels a pending invitation: its link stops working. False when there was none.
pub async fn cancel(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    grant: &GrantId,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let Some(invitation) = pending(table, practice, patient, now).await?.into_iter().find(|i| &i.grant_id == grant) else {
        return Ok(false);
    };
    let writes = vec![
        Write::Delete { key: keys::proxy_pending(practice, patient, grant), condition: Condition::Exists },
        Write::Delete { key: keys::proxy_invitation(practice, &invitation.link_digest), condition: Condition::Always },
    ];
    match table.transact(writes).await {
        Ok(()) => Ok(true),
        Err(StoreError::ConditionFailed { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

/// What opening an invitation found.
#[derive(Debug)]
pub enum Opened {
    /// Unknown, used, cancelled, expired, out of attempts, or a wrong code or date of birth: all the
    /// same to the caller (each answer but a right one uses up an attempt).
    Refused,
    Valid(Key, Box<Invitation>),
}

/// Checks a link, its code and the patient's date of birth. Every answer spends one of the invitation's
/// attempts first, in a condition, so parallel guesses cannot share one.
pub async fn open(
    table: &dyn Table,
    hasher: &Hasher,
    practice: &PracticeId,
    token: &str,
    code: &str,
    birth: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Opened, StoreError> {
    if token.is_empty() || token.len() > 128 {
        return Ok(Opened::Refused);
    }
    let key = keys::proxy_invitation(practice, &link_digest(hasher, token));
    let spend = Update::new(key.clone())
        .add("attempts", 1)
        .when(Condition::Exists.and(Condition::lt("attempts", INVITATION_ATTEMPTS)).and(Condition::gt("expires_epoch", now.timestamp())));
    let item = match table.update(spend).await {
        Ok(item) => item,
        Err(StoreError::ConditionFailed { .. }) => return Ok(Opened::Refused),
        Err(e) => return Err(e),
    };
    let invitation: Invitation = item.record()?;
    let patient = crate::directory::patients::get(table, practice, &invitation.patient_id).await?;
    let born_then = patient.as_ref().is_some_and(|p| p.date_of_birth.date() == birth && p.is_active());
    let code_ok = hasher.matches("proxy-invitation-code", &[token, code], &invitation.code_digest);
    if born_then && code_ok { Ok(Opened::Valid(key, Box::new(invitation))) } else { Ok(Opened::Refused) }
}

/// Turns an opened invitation into a grant for `proxy`: the invitation and its pointer are used up in
/// the same transaction, so it works once however many tabs submit it.
pub async fn accept(
    table: &dyn Table,
    key: Key,
    invitation: &Invitation,
    proxy: &Patient,
    now: DateTime<Utc>,
) -> Result<Grant, GrantError> {
    let grant = Grant {
        practice_id: invitation.practice_id.clone(),
        grant_id: invitation.grant_id.clone(),
        patient_id: invitation.patient_id.clone(),
        proxy_id: proxy.patient_id.clone(),
        patient_names: invitation.patient_names.clone(),
        proxy_names: PatientNames::of(proxy),
        relationship: invitation.relationship,
        legal_basis: LegalBasis::PatientAuthorization,
        scopes: invitation.scopes.clone(),
        expires_at: invitation.grant_expires_at,
        // Only adults invite: the patient's own grant has no coming of age.
        ends_at: None,
        granted_by: GrantedBy::Patient,
        created_at: now,
        last_used_at: None,
    };
    let mut writes = vec![
        Write::Delete { key, condition: Condition::Exists },
        Write::Delete {
            key: keys::proxy_pending(&invitation.practice_id, &invitation.patient_id, &invitation.grant_id),
            condition: Condition::Always,
        },
    ];
    writes.extend(grant_writes(&grant)?);
    match table.transact(writes).await {
        Ok(()) => Ok(grant),
        Err(StoreError::ConditionFailed { index: Some(2), .. }) => Err(GrantError::Exists),
        Err(StoreError::ConditionFailed { .. }) => Err(GrantError::Used),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_birthday_begins_at_local_midnight() {
        let birth = NaiveDate::from_ymd_opt(2008, 6, 1).unwrap_or_default();
        let zone: chrono_tz::Tz = "America/Los_Angeles".parse().unwrap_or(chrono_tz::UTC);
        // 06:59 UTC on June 1st is 23:59 on May 31st in Los Angeles: still 17.
        let before = DateTime::parse_from_rfc3339("2026-06-01T06:59:00Z").map(|d| d.to_utc()).unwrap_or_default();
        let after = DateTime::parse_from_rfc3339("2026-06-01T07:00:00Z").map(|d| d.to_utc()).unwrap_or_default();
        assert_eq!(age_on(birth, zone, before), 17);
        assert_eq!(age_on(birth, zone, after), 18);
    }

    #[test]
    fn age_rules_hold_together() {
        assert!(AgeRules::default().check().is_ok());
        assert!(AgeRules { limited_from: 15, adult_at: 14, confidential_topics: vec![] }.check().is_err());
        assert!(AgeRules { limited_from: 0, adult_at: 18, confidential_topics: vec![] }.check().is_err());
    }
}
