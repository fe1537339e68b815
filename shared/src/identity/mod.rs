//! The identity port: passwordless custom authentication for patients, token refresh and revocation,
//! and account management. Cognito in AWS; locally an issuer that runs the same flow through the same
//! trigger handlers and signs RS256 tokens with its own key.

mod cognito;
#[cfg(feature = "local")]
mod local;

use async_trait::async_trait;
use aws_lambda_events::event::cognito::{
    CognitoEventUserPoolsCreateAuthChallenge, CognitoEventUserPoolsDefineAuthChallenge, CognitoEventUserPoolsPreTokenGenV2,
    CognitoEventUserPoolsVerifyAuthChallenge,
};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use crate::directory::Role;
use crate::ids::{PatientId, PracticeId, StaffId};

pub use cognito::{CognitoIdentity, CognitoStaffAccounts};
#[cfg(feature = "local")]
pub use local::{LocalIdentity, LocalIssuerConfig, StaffLogin};

/// Tokens as Cognito returns them. The refresh token never reaches JavaScript: it goes into the
/// `__Host-` cookie.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access: SecretString,
    pub refresh: Option<SecretString>,
    pub expires_in: i64,
}

/// Where a custom-authentication exchange stands.
#[derive(Debug)]
pub enum AuthStep {
    /// Another answer is expected; `session` carries Cognito's state between calls.
    Challenge {
        session: String,
    },
    Signed(Tokens),
}

#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    /// Wrong answer with no tries left, disabled user, expired session, revoked refresh token.
    #[error("not authorized")]
    NotAuthorized,
    #[error("no such user")]
    UserNotFound,
    /// Another account already signs in with that email.
    #[error("the email already has an account")]
    Taken,
    #[error("identity provider unavailable: {0}")]
    Unavailable(String),
}

#[async_trait]
pub trait IdentityProvider: Send + Sync {
    /// Creates the patient's sign-in account (username = patient id); an existing one is left alone.
    async fn create_patient_user(&self, practice: &PracticeId, patient: &PatientId) -> Result<(), IdentityError>;
    /// Disabling also signs the user out everywhere.
    async fn set_patient_enabled(&self, patient: &PatientId, enabled: bool) -> Result<(), IdentityError>;
    async fn begin_custom_auth(&self, patient: &PatientId) -> Result<AuthStep, IdentityError>;
    async fn answer_custom_auth(&self, patient: &PatientId, session: &str, answer: &str) -> Result<AuthStep, IdentityError>;
    async fn refresh(&self, refresh_token: &SecretString) -> Result<Tokens, IdentityError>;
    async fn revoke(&self, refresh_token: &SecretString) -> Result<(), IdentityError>;
}

/// Staff accounts in the staff pool: an administrator invites one, sets its roles (groups), turns it
/// off (every sign-in of it ends) and on again.
#[async_trait]
pub trait StaffAccounts: Send + Sync {
    /// Disabling also signs the user out everywhere (their refresh tokens stop working).
    async fn set_staff_enabled(&self, staff: &StaffId, enabled: bool) -> Result<(), IdentityError>;
    /// Creates the account for `email` in `practice` with `roles`, and sends its invitation (in AWS,
    /// Cognito's email with a temporary password; the pool then requires a new password and MFA).
    /// Answers the new member's staff id (their `sub`).
    async fn invite_staff(&self, practice: &PracticeId, email: &str, roles: &[Role]) -> Result<StaffId, IdentityError>;
    /// Makes the account's groups exactly `roles`; they apply from the member's next sign-in.
    async fn set_staff_roles(&self, staff: &StaffId, roles: &[Role]) -> Result<(), IdentityError>;
    /// Ends every sign-in of the account (its refresh tokens stop working).
    async fn sign_out_everywhere(&self, staff: &StaffId) -> Result<(), IdentityError>;
    /// The account an email signs in to, and its practice, if there is one: an invitation retried after
    /// its first attempt created the account finds it here instead of failing as taken.
    async fn find_staff(&self, email: &str) -> Result<Option<(StaffId, PracticeId)>, IdentityError>;
}

/// The claims of an access token we just received from the identity provider over TLS. Only for tokens
/// straight from the provider: tokens from clients are verified by the JWT authorizer.
#[derive(Debug, Clone, Deserialize)]
pub struct IssuedClaims {
    pub practice_id: Option<String>,
    pub patient_id: Option<String>,
    pub origin_jti: Option<String>,
    pub auth_time: Option<i64>,
    pub exp: Option<i64>,
}

impl IssuedClaims {
    pub fn read(token: &SecretString) -> Option<Self> {
        jsonwebtoken::dangerous::insecure_decode::<IssuedClaims>(token.expose_secret()).ok().map(|data| data.claims)
    }
}

/// The Cognito triggers the local issuer calls, with Cognito's event types.
#[async_trait]
pub trait CustomAuthTriggers: Send + Sync {
    async fn define(&self, event: CognitoEventUserPoolsDefineAuthChallenge) -> Result<CognitoEventUserPoolsDefineAuthChallenge, String>;
    async fn create(&self, event: CognitoEventUserPoolsCreateAuthChallenge) -> Result<CognitoEventUserPoolsCreateAuthChallenge, String>;
    async fn verify(&self, event: CognitoEventUserPoolsVerifyAuthChallenge) -> Result<CognitoEventUserPoolsVerifyAuthChallenge, String>;
    /// `staff` selects the staff pool's trigger.
    async fn pre_token(&self, staff: bool, event: CognitoEventUserPoolsPreTokenGenV2)
    -> Result<CognitoEventUserPoolsPreTokenGenV2, String>;
}
