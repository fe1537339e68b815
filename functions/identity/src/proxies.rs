//! The patient's side of proxy access: an adult invites someone to act for them (a link to the
//! invitee's address, a code the patient passes on, the patient's date of birth to confirm), sees who
//! can act for them and whom they act for, and revokes in one step. The grants and the edge's checks
//! are the platform's ([`portico::proxies`]).

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use portico::auth::{PatientPrincipal, Scope};
use portico::clock::Clock;
use portico::crypto::Hasher;
use portico::directory::{AccountStatus, Patient, PatientNames, Practice, Preferences, patients};
use portico::domain::{Address, DateOfBirth, LanguageTag, PersonName, TimeZoneName};
use portico::identity::IdentityProvider;
use portico::ids::{GrantId, PatientId};
use portico::notify::Sender;
use portico::notify::templates::{self, Lang, PortalLink, PracticeName};
use portico::proxies::{self, GrantError, Invitation, Opened, Relationship};
use portico::store::{StoreError, Table};
use portico::tenant::Tenants;
use portico::throttle;

/// What sending an invitation uses.
pub struct InviteDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub tenants: Arc<Tenants>,
    pub hasher: Hasher,
    pub sender: Sender,
}

/// What accepting one uses (it may make an account).
pub struct AcceptDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub hasher: Hasher,
    pub identity: Arc<dyn IdentityProvider>,
}

/// Why a proxy request was refused.
#[derive(Debug, thiserror::Error)]
pub enum ProxyError {
    #[error("only adults invite; a child's access is set up by the practice")]
    NotAnAdult,
    #[error("invalid: {0}: {1}")]
    Field(&'static str, &'static str),
    #[error("the invitation is not valid")]
    InvalidInvitation,
    #[error("this person can already act for the patient")]
    Exists,
    #[error("the practice does not text that country")]
    CountryNotServed,
    #[error("the message could not be sent: {0}")]
    Send(#[from] portico::notify::SendError),
    #[error("not found")]
    NotFound,
    #[error("too many invitations; retry in {0} s")]
    Limited(u64),
    #[error("a grant the practice made for a child is the practice's to end")]
    PracticeGrant,
    #[error(transparent)]
    Identity(#[from] portico::identity::IdentityError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<GrantError> for ProxyError {
    fn from(e: GrantError) -> Self {
        match e {
            GrantError::Exists => ProxyError::Exists,
            GrantError::Used => ProxyError::InvalidInvitation,
            GrantError::Store(e) => ProxyError::Store(e),
        }
    }
}

/// A checked invitation, ready to send.
pub struct NewInvitation {
    pub given_name: PersonName,
    pub family_name: PersonName,
    pub address: Address,
    pub relationship: Relationship,
    pub scopes: Vec<Scope>,
    pub expires_on: Option<NaiveDate>,
}

/// What the patient sees once the invitation is sent: the code to pass on, shown this once.
pub struct Sent {
    pub grant_id: GrantId,
    pub code: String,
    pub address: Address,
    pub expires_at: DateTime<Utc>,
}

/// What accepting found.
pub struct Accepted {
    pub patient: PatientNames,
    pub grant: proxies::Grant,
    pub proxy: Patient,
    pub new_account: bool,
}

impl InviteDeps {
    /// Sends an invitation from an adult patient.
    pub async fn invite(&self, practice: &Practice, who: &PatientPrincipal, new: NewInvitation) -> Result<Sent, ProxyError> {
        let now = self.clock.now();
        let table = self.table.as_ref();
        let patient = patients::get(table, &practice.id, &who.patient).await?.ok_or(ProxyError::NotFound)?;
        if proxies::is_minor(patient.date_of_birth.date(), practice, now) {
            return Err(ProxyError::NotAnAdult);
        }
        if new.relationship.parental() {
            return Err(ProxyError::Field("relationship", "is for a child's account; the practice sets those up"));
        }
        if patient.address(new.address.channel()).as_ref() == Some(&new.address)
            || patients::find_by_address(table, &self.hasher, &practice.id, &new.address).await? == Some(who.patient.clone())
        {
            return Err(ProxyError::Field(field_of(&new.address), "is your own address; invite someone else"));
        }
        if !practice.texts_to(&new.address) {
            return Err(ProxyError::CountryNotServed);
        }
        // Each invitation is a message the practice pays for and someone receives: a few a day.
        let to = patients::address_digest(&self.hasher, &new.address);
        for (limit, key) in [(throttle::PROXY_INVITES, who.patient.as_str()), (throttle::PROXY_INVITES_TO, to.as_str())] {
            match throttle::admit(table, &practice.id, limit, key, now).await {
                Ok(()) => {}
                Err(throttle::Throttled::RetryAfter(seconds)) => return Err(ProxyError::Limited(seconds)),
                Err(throttle::Throttled::Store(e)) => return Err(e.into()),
            }
        }
        let grant_expires_at = match new.expires_on {
            Some(date) => Some(proxies::end_of_day(date, practice).ok_or(ProxyError::Field("expires_on", "is not a date"))?),
            None => None,
        };
        let expires_at = now + Duration::hours(proxies::INVITATION_HOURS);
        let invitation = Invitation {
            practice_id: practice.id.clone(),
            grant_id: GrantId::generate(now),
            patient_id: who.patient.clone(),
            patient_names: PatientNames::of(&patient),
            proxy_given_name: new.given_name.as_str().to_string(),
            proxy_family_name: new.family_name.as_str().to_string(),
            email: match &new.address {
                Address::Email(e) => Some(e.clone()),
                Address::Sms(_) => None,
            },
            phone: match &new.address {
                Address::Sms(p) => Some(p.clone()),
                Address::Email(_) => None,
            },
            relationship: new.relationship,
            scopes: new.scopes,
            grant_expires_at,
            code_digest: String::new(),
            created_at: now,
            expires_at,
            attempts: 0,
        };
        let grant_id = invitation.grant_id.clone();
        let (token, code) = proxies::invite(table, &self.hasher, invitation).await?;
        let link = PortalLink::proxy_invitation(&self.tenants.portal_url(practice), &token);
        let hours = u32::try_from(proxies::INVITATION_HOURS).unwrap_or(72);
        let message = templates::proxy_invitation(&PracticeName::new(&practice.name), &link, hours, Lang::of(&patient.language));
        self.sender.send(&new.address, &message).await?;
        Ok(Sent { grant_id, code, address: new.address, expires_at })
    }
}

impl AcceptDeps {
    /// Accepts an invitation: the invitee's existing account at the practice (found by the invited
    /// address), or a new one made now with their date of birth.
    pub async fn accept(
        &self,
        practice: &Practice,
        token: &str,
        code: &str,
        patient_birth: NaiveDate,
        own_birth: Option<DateOfBirth>,
    ) -> Result<Accepted, ProxyError> {
        let now = self.clock.now();
        let table = self.table.as_ref();
        let (key, invitation) = match proxies::open(table, &self.hasher, &practice.id, token, code, patient_birth, now).await? {
            Opened::Valid(key, invitation) => (key, invitation),
            Opened::Refused => return Err(ProxyError::InvalidInvitation),
        };
        let address = invitation
            .email
            .clone()
            .map(Address::Email)
            .or_else(|| invitation.phone.clone().map(Address::Sms))
            .ok_or(ProxyError::InvalidInvitation)?;
        let existing = match patients::find_by_address(table, &self.hasher, &practice.id, &address).await? {
            Some(id) => patients::get(table, &practice.id, &id).await?,
            None => None,
        };
        let (proxy, new_account) = match existing {
            Some(person) if person.patient_id == invitation.patient_id => return Err(ProxyError::InvalidInvitation),
            Some(person) if !person.is_active() => return Err(ProxyError::InvalidInvitation),
            Some(person) => (person, false),
            None => {
                let birth = own_birth.ok_or(ProxyError::Field("your_date_of_birth", "is needed to make your account"))?;
                (self.new_person(practice, &invitation, address, birth, now).await?, true)
            }
        };
        let grant = proxies::accept(table, key, &invitation, &proxy, now).await?;
        Ok(Accepted { patient: invitation.patient_names, grant, proxy, new_account })
    }

    /// An account for someone who is not yet known to the practice: they sign in with the invited
    /// address like any patient.
    async fn new_person(
        &self,
        practice: &Practice,
        invitation: &Invitation,
        address: Address,
        birth: DateOfBirth,
        now: DateTime<Utc>,
    ) -> Result<Patient, ProxyError> {
        let bad_name = || ProxyError::InvalidInvitation;
        let person = Patient {
            practice_id: practice.id.clone(),
            patient_id: PatientId::generate(now),
            given_name: PersonName::parse(&invitation.proxy_given_name).map_err(|_| bad_name())?,
            family_name: PersonName::parse(&invitation.proxy_family_name).map_err(|_| bad_name())?,
            preferred_name: None,
            pronouns: None,
            language: LanguageTag::parse("en").map_err(|_| bad_name())?,
            time_zone: TimeZoneName::parse(&practice.settings.default_time_zone).map_err(|_| bad_name())?,
            date_of_birth: birth,
            email: match &address {
                Address::Email(e) => Some(e.clone()),
                Address::Sms(_) => None,
            },
            phone: match &address {
                Address::Sms(p) => Some(p.clone()),
                Address::Email(_) => None,
            },
            status: AccountStatus::Active,
            preferences: Preferences::default(),
            sms: Default::default(),
            invitation: None,
            sessions_from: None,
            proxy_only: true,
            created_at: now,
            updated_at: now,
            version: 0,
        };
        match patients::create(self.table.as_ref(), &self.hasher, &person).await {
            Ok(()) => {}
            // Someone claimed the address meanwhile: the invitation is for whoever holds it now; try again.
            Err(patients::CreateError::AddressTaken(_)) => return Err(ProxyError::InvalidInvitation),
            Err(patients::CreateError::Store(e)) => return Err(e.into()),
        }
        self.identity.create_patient_user(&practice.id, &person.patient_id).await?;
        Ok(person)
    }
}

/// Ends a grant the signed-in person is part of: someone's access to their account (one they gave, or
/// any once they are an adult), their own access to someone else's, or an invitation not accepted yet.
/// A grant the practice made for a child is the practice's to end while the child is a minor.
pub async fn revoke(table: &dyn Table, who: &PatientPrincipal, id: &GrantId, now: DateTime<Utc>) -> Result<Revoked, ProxyError> {
    if proxies::cancel(table, &who.practice, &who.patient, id, now).await? {
        return Ok(Revoked::Invitation);
    }
    let grant = proxies::find(table, &who.practice, &who.patient, id).await?.ok_or(ProxyError::NotFound)?;
    let giving_up_own = grant.proxy_id == who.patient;
    let minors_grant = matches!(grant.granted_by, proxies::GrantedBy::Staff { .. }) && grant.ends_at.is_some_and(|at| at > now);
    if !giving_up_own && minors_grant {
        return Err(ProxyError::PracticeGrant);
    }
    if !proxies::revoke(table, &grant).await? {
        return Err(ProxyError::NotFound);
    }
    Ok(Revoked::Grant(Box::new(grant)))
}

/// What a revoke ended.
pub enum Revoked {
    Grant(Box<proxies::Grant>),
    Invitation,
}

fn field_of(address: &Address) -> &'static str {
    match address {
        Address::Email(_) => "email",
        Address::Sms(_) => "phone",
    }
}
