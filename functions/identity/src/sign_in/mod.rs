//! Passwordless sign-in: codes by email or SMS, invitation links, refresh and logout. The rules live in
//! [`challenges`], [`invitations`] and [`rate_limit`]; Cognito (or the local issuer) drives the exchange
//! through the triggers in [`crate::triggers`].

pub mod challenges;
pub mod rate_limit;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use portico::auth::invitations;
use portico::auth::session::{SessionError, SessionSubject, Sessions};
use portico::clock::Clock;
use portico::crypto::{self, Hasher};
use portico::directory::{Practice, patients};
use portico::domain::{Address, LanguageTag};
use portico::identity::{AuthStep, IdentityError, IdentityProvider, IssuedClaims, Tokens};
use portico::ids::{ChallengeId, PatientId, PracticeId};
use portico::notify::templates::{self, Lang, OneTimeCode, PortalHost, PracticeName};
use portico::notify::{SendError, Sender};
use portico::store::{StoreError, Table};
use secrecy::SecretString;

use challenges::{Answer, Challenge, Purpose};
use rate_limit::Limited;

/// What answering a code or redeeming a link uses.
pub struct SignInDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub hasher: Hasher,
    pub identity: Arc<dyn IdentityProvider>,
    /// Starting or answering a sign-in takes at least this long, known address or not: longer than
    /// the slow path (a code handed to the provider; an answer checked through Cognito), so the time of
    /// an answer says nothing about the address.
    pub floor: std::time::Duration,
}

/// What sending a sign-in code uses.
pub struct CodeDeps {
    pub sign_in: SignInDeps,
    pub sender: Sender,
    /// Where each practice's portal is: codes texted to phones name its host (WebOTP).
    pub tenants: Arc<portico::tenant::Tenants>,
}

/// What refreshing and ending a session use.
pub struct SessionDeps {
    pub table: Arc<dyn Table>,
    pub sessions: Sessions,
    pub identity: Arc<dyn IdentityProvider>,
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("too many codes; retry in {0} s")]
    Limited(u64),
    #[error("wrong code")]
    WrongCode { tries_left: i64 },
    /// Expired, used, out of tries or unknown: the patient needs a new code or link.
    #[error("challenge is no longer valid")]
    Dead,
    #[error("the session has ended")]
    SessionEnded,
    #[error("the address belongs to another patient")]
    AddressTaken,
    #[error("the change needs a recent sign-in")]
    RecentSignInRequired,
    /// A phone number in a country the practice does not text.
    #[error("the practice does not text this country")]
    CountryNotServed,
    #[error("could not send: {0}")]
    Send(#[from] SendError),
    #[error("identity provider: {0}")]
    Identity(IdentityError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<Limited> for SignInError {
    fn from(e: Limited) -> Self {
        match e {
            Limited::RetryAfter(seconds) => SignInError::Limited(seconds),
            Limited::Store(e) => SignInError::Store(e),
        }
    }
}

impl From<IdentityError> for SignInError {
    fn from(e: IdentityError) -> Self {
        match e {
            IdentityError::NotAuthorized | IdentityError::UserNotFound => SignInError::Dead,
            other => SignInError::Identity(other),
        }
    }
}

/// A code is on its way (or, for an unknown address, seems to be).
#[derive(Debug, Clone)]
pub struct CodeSent {
    pub challenge_id: ChallengeId,
    pub expires_at: i64,
    /// The patient, when the address is known: for the audit trail only, never for the response.
    pub patient: Option<PatientId>,
}

/// A successful sign-in.
#[derive(Debug)]
pub struct SignedIn {
    pub tokens: Tokens,
    pub patient: PatientId,
    /// The patient's language, for the portal to speak at once.
    pub language: LanguageTag,
}

/// The patient's language, read once a sign-in succeeds (English if the profile cannot be read).
async fn language_of(table: &dyn Table, practice: &PracticeId, patient: &PatientId) -> Result<LanguageTag, StoreError> {
    Ok(patients::get(table, practice, patient).await?.map(|p| p.language).unwrap_or_else(LanguageTag::english))
}

impl SignInDeps {
    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Starts Cognito's custom authentication for the patient, creating their sign-in account if an
    /// earlier step never did.
    async fn begin(&self, practice: &PracticeId, patient: &PatientId) -> Result<String, SignInError> {
        let step = match self.identity.begin_custom_auth(patient).await {
            Err(IdentityError::UserNotFound) => {
                self.identity.create_patient_user(practice, patient).await?;
                self.identity.begin_custom_auth(patient).await?
            }
            other => other?,
        };
        match step {
            AuthStep::Challenge { session } => Ok(session),
            AuthStep::Signed(_) => Err(SignInError::Identity(IdentityError::Unavailable("tokens issued without a challenge".into()))),
        }
    }

    /// Answers a sign-in code. The answer is checked by Cognito's verify-challenge trigger; an unknown
    /// address's challenge counts the attempt the same way and never succeeds.
    pub async fn verify_code(&self, practice: &Practice, id: &ChallengeId, code: &str) -> Result<SignedIn, SignInError> {
        let now = self.now();
        let table = self.table.as_ref();
        let challenge = challenges::load(table, &practice.id, id).await?.ok_or(SignInError::Dead)?;
        if !matches!(challenge.purpose, Purpose::SignIn { .. }) {
            return Err(SignInError::Dead);
        }
        let (Some(patient), Some(session), true) = (&challenge.patient_id, &challenge.cognito_session, challenge.is_open(now)) else {
            // Unknown address, or a dead challenge: count the attempt like any other, then refuse.
            return match challenges::answer(table, &self.hasher, &practice.id, id, None, code, now).await? {
                Answer::Wrong { tries_left } => Err(SignInError::WrongCode { tries_left }),
                _ => Err(SignInError::Dead),
            };
        };
        match self.identity.answer_custom_auth(patient, session, code).await? {
            AuthStep::Signed(tokens) => {
                signed_in(table, &practice.id, patient, now).await?;
                Ok(SignedIn { tokens, patient: patient.clone(), language: language_of(table, &practice.id, patient).await? })
            }
            AuthStep::Challenge { session } => {
                let current = challenges::load(table, &practice.id, id).await?.ok_or(SignInError::Dead)?;
                challenges::bind_session(table, &current, &session).await?;
                Err(SignInError::WrongCode { tries_left: current.tries_left() })
            }
        }
    }

    /// Redeems an invitation link and signs the patient in.
    pub async fn redeem_link(&self, practice: &Practice, token: &str) -> Result<SignedIn, SignInError> {
        let now = self.now();
        let table = self.table.as_ref();
        let patient = invitations::redeem(table, &self.hasher, &practice.id, token).await?.ok_or(SignInError::Dead)?;
        // The link proved who this is; the challenge's secret never leaves the server.
        let secret = crypto::random_token(32);
        let challenge = Challenge::new(&self.hasher, &practice.id, Some(&patient), Purpose::Link, &secret, now);
        challenges::store(table, &challenge).await?;
        let session = self.begin(&practice.id, &patient).await?;
        match self.identity.answer_custom_auth(&patient, &session, &secret).await? {
            AuthStep::Signed(tokens) => {
                signed_in(table, &practice.id, &patient, now).await?;
                Ok(SignedIn { language: language_of(table, &practice.id, &patient).await?, tokens, patient })
            }
            AuthStep::Challenge { .. } => Err(SignInError::Dead),
        }
    }
}

/// A sign-in goes on the patient's timeline (the access log has the device and address).
async fn signed_in(table: &dyn Table, practice: &PracticeId, patient: &PatientId, now: DateTime<Utc>) -> Result<(), SignInError> {
    let id = format!("signin-{}", crypto::random_token(8));
    Ok(portico::timeline::record(table, practice, patient, &id, &portico::timeline::TimelineEntry::signed_in(now)).await?)
}

impl CodeDeps {
    /// Sends a sign-in code to `address` if it belongs to an active patient of the practice. Unknown
    /// addresses are rate-limited and answered alike, but nothing is sent.
    pub async fn start_code(&self, practice: &Practice, address: &Address) -> Result<CodeSent, SignInError> {
        let d = &self.sign_in;
        let now = d.now();
        let table = d.table.as_ref();
        let address_digest = patients::address_digest(&d.hasher, address);
        rate_limit::admit_send(table, practice, &address_digest, now).await?;
        let patient = match patients::find_by_address(table, &d.hasher, &practice.id, address).await? {
            Some(id) => patients::get(table, &practice.id, &id).await?.filter(|p| p.is_active()),
            None => None,
        };
        // Codes go by text only to numbers in the practice's countries (SMS pumping sends codes to
        // premium numbers abroad); others are answered alike and sent nothing.
        let patient = patient.filter(|_| practice.texts_to(address));
        let code = crypto::six_digit_code();
        let purpose = Purpose::SignIn { channel: address.channel() };
        let challenge = Challenge::new(&d.hasher, &practice.id, patient.as_ref().map(|p| &p.patient_id), purpose, &code, now)
            .for_address(address_digest);
        challenges::store(table, &challenge).await?;
        if let Some(patient) = &patient {
            rate_limit::count_practice_send(table, practice, now).await?;
            let session = d.begin(&practice.id, &patient.patient_id).await?;
            challenges::bind_session(table, &challenge, &session).await?;
            let code = OneTimeCode::new(code).ok_or(SignInError::Dead)?;
            let host = PortalHost::of_origin(&self.tenants.portal_url(practice));
            let message = templates::sign_in_code(&PracticeName::new(&practice.name), &code, host.as_ref(), Lang::of(&patient.language));
            // A failed send is logged, not reported: reporting it would tell a caller the address is on file.
            if let Err(e) = self.sender.send(address, &message).await {
                tracing::warn!(error = %e, channel = address.channel().as_str(), "sign-in code not sent");
            }
        }
        Ok(CodeSent { challenge_id: challenge.id, expires_at: challenge.expires_at, patient: patient.map(|p| p.patient_id) })
    }
}

impl SessionDeps {
    /// Exchanges the refresh cookie for a new access token, within the same session: idle and absolute
    /// limits apply, and a refresh for another practice's host is refused.
    pub async fn refresh(&self, practice: &Practice, refresh_token: &SecretString, idle_for: i64) -> Result<SignedIn, SignInError> {
        let tokens = match self.identity.refresh(refresh_token).await {
            Err(IdentityError::NotAuthorized | IdentityError::UserNotFound) => return Err(SignInError::SessionEnded),
            other => other?,
        };
        let claims = IssuedClaims::read(&tokens.access).ok_or(SignInError::Dead)?;
        let token_practice = claims.practice_id.as_deref().and_then(PracticeId::parse).ok_or(SignInError::Dead)?;
        let patient = claims.patient_id.as_deref().and_then(PatientId::parse).ok_or(SignInError::Dead)?;
        let (Some(session), Some(auth_time)) = (claims.origin_jti.as_deref(), claims.auth_time) else { return Err(SignInError::Dead) };
        if token_practice != practice.id {
            return Err(SignInError::Dead);
        }
        let subject = SessionSubject::Patient(token_practice, patient.clone());
        match self.sessions.admit(&subject, session, auth_time, idle_for).await {
            Ok(()) => Ok(SignedIn { language: language_of(self.table.as_ref(), &practice.id, &patient).await?, tokens, patient }),
            Err(SessionError::Refused(_)) => {
                // The session is over; the refresh token must not outlive it.
                let _ = self.identity.revoke(refresh_token).await;
                Err(SignInError::SessionEnded)
            }
            Err(SessionError::Store(e)) => Err(e.into()),
        }
    }

    /// Ends the session a refresh token belongs to, and revokes the token. The session is learned from the
    /// provider (a refresh straight from it, over TLS), never from anything the client says. `None` when
    /// the token is already dead: there is nothing left to end, or when it belongs to another practice
    /// than the host's (left alone, and nothing is recorded against this practice).
    pub async fn logout(&self, host: &PracticeId, refresh_token: &SecretString) -> Result<Option<PatientId>, SignInError> {
        let tokens = match self.identity.refresh(refresh_token).await {
            Err(IdentityError::NotAuthorized | IdentityError::UserNotFound) => return Ok(None),
            other => other?,
        };
        let claims = IssuedClaims::read(&tokens.access).ok_or(SignInError::Dead)?;
        let practice = claims.practice_id.as_deref().and_then(PracticeId::parse).ok_or(SignInError::Dead)?;
        let patient = claims.patient_id.as_deref().and_then(PatientId::parse).ok_or(SignInError::Dead)?;
        let session = claims.origin_jti.as_deref().ok_or(SignInError::Dead)?;
        if &practice != host {
            return Ok(None);
        }
        self.sessions.revoke(&SessionSubject::Patient(practice, patient.clone()), session).await?;
        self.identity.revoke(refresh_token).await?;
        Ok(Some(patient))
    }
}
