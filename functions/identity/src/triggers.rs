//! Cognito's triggers for passwordless sign-in. Cognito calls them in AWS; the local issuer calls the
//! same functions with the same event types.
//!
//! - define: which step comes next (a challenge, tokens, or failure after three wrong answers);
//! - create: binds the patient's pending challenge (a code already sent, or a link's server secret);
//! - verify: checks the answer against the challenge's digest, counting the attempt;
//! - pre-token (patients): puts `practice_id` and `patient_id` in the tokens;
//! - pre-token (staff): puts `practice_id` in the tokens, after checking the staff record is active.

use std::sync::Arc;

use async_trait::async_trait;
use aws_lambda_events::event::cognito::{
    ClaimsAndScopeOverrideDetailsV2, CognitoAccessTokenGenerationV2, CognitoEventUserPoolsCreateAuthChallenge,
    CognitoEventUserPoolsDefineAuthChallenge, CognitoEventUserPoolsPreTokenGenTriggerSource, CognitoEventUserPoolsPreTokenGenV2,
    CognitoEventUserPoolsVerifyAuthChallenge, CognitoIdTokenGenerationV2,
};
use portico::clock::Clock;
use portico::crypto::Hasher;
use portico::directory::{AccountStatus, Role, StaffMember, staff};
use portico::identity::CustomAuthTriggers;
use portico::ids::{ChallengeId, PatientId, PracticeId, StaffId};
use portico::lambda::Function;
use portico::store::Table;
use serde_json::Value;

use crate::limits::MAX_ATTEMPTS;
use crate::sign_in::challenges::{self, Answer};

pub const CUSTOM_CHALLENGE: &str = "CUSTOM_CHALLENGE";

/// What the table-reading triggers use.
pub struct TriggerDeps {
    pub table: Arc<dyn Table>,
    pub hasher: Hasher,
    pub clock: Arc<dyn Clock>,
}

#[derive(Debug, thiserror::Error)]
pub enum TriggerError {
    #[error("the user has no practice or patient attribute")]
    MissingAttribute,
    #[error("the staff account is disabled")]
    StaffDisabled,
    #[error(transparent)]
    Store(#[from] portico::store::StoreError),
}

fn patient_of(attributes: &std::collections::HashMap<String, String>) -> Result<(PracticeId, PatientId), TriggerError> {
    let practice = attributes.get("custom:practice_id").and_then(|p| PracticeId::parse(p)).ok_or(TriggerError::MissingAttribute)?;
    let patient = attributes.get("custom:patient_id").and_then(|p| PatientId::parse(p)).ok_or(TriggerError::MissingAttribute)?;
    Ok((practice, patient))
}

/// Decides the next step from the answers so far. Pure: no I/O.
pub fn define(mut event: CognitoEventUserPoolsDefineAuthChallenge) -> CognitoEventUserPoolsDefineAuthChallenge {
    let answers: Vec<bool> = event.request.session.iter().flatten().map(|r| r.challenge_result).collect();
    let wrong = answers.iter().filter(|ok| !**ok).count() as i64;
    let foreign = event.request.session.iter().flatten().any(|r| r.challenge_name.as_deref().is_some_and(|n| n != CUSTOM_CHALLENGE));
    event.response.issue_tokens = false;
    event.response.fail_authentication = false;
    event.response.challenge_name = None;
    if event.request.user_not_found || foreign || wrong >= MAX_ATTEMPTS {
        event.response.fail_authentication = true;
    } else if answers.last() == Some(&true) {
        event.response.issue_tokens = true;
    } else {
        event.response.challenge_name = Some(CUSTOM_CHALLENGE.to_string());
    }
    event
}

/// Binds a challenge to this round. The first round binds the patient's pending challenge; later rounds
/// (after a wrong answer) keep the one named in the previous round's metadata, so a newer code sent
/// meanwhile does not change what this exchange is answering. Nothing secret goes to the client.
pub async fn create(
    deps: &TriggerDeps,
    mut event: CognitoEventUserPoolsCreateAuthChallenge,
) -> Result<CognitoEventUserPoolsCreateAuthChallenge, TriggerError> {
    let (practice, patient) = patient_of(&event.request.user_attributes)?;
    let previous = event
        .request
        .session
        .iter()
        .rev()
        .flatten()
        .find_map(|round| round.challenge_metadata.as_deref()?.strip_prefix(METADATA_PREFIX).and_then(ChallengeId::parse));
    let bound = match previous {
        Some(id) => Some(id),
        None => challenges::pending(deps.table.as_ref(), &practice, &patient).await?,
    };
    let bound = bound.map(|id| id.to_string()).unwrap_or_default();
    event.response.public_challenge_parameters = [("answer".to_string(), "code".to_string())].into();
    event.response.private_challenge_parameters = [("challenge_id".to_string(), bound.clone())].into();
    event.response.challenge_metadata = Some(format!("{METADATA_PREFIX}{bound}"));
    Ok(event)
}

/// Challenge metadata names the bound challenge (an id, not a secret).
const METADATA_PREFIX: &str = "CHALLENGE#";

/// Checks the answer against the bound challenge, counting the attempt.
pub async fn verify(
    deps: &TriggerDeps,
    mut event: CognitoEventUserPoolsVerifyAuthChallenge,
) -> Result<CognitoEventUserPoolsVerifyAuthChallenge, TriggerError> {
    let (practice, patient) = patient_of(&event.request.user_attributes)?;
    let challenge = event.request.private_challenge_parameters.get("challenge_id").and_then(|id| ChallengeId::parse(id));
    let answer = match &event.request.challenge_answer {
        Some(Value::String(answer)) => answer.clone(),
        _ => String::new(),
    };
    let correct = match challenge {
        Some(id) if !answer.is_empty() && answer.len() <= 128 => {
            challenges::answer(deps.table.as_ref(), &deps.hasher, &practice, &id, Some(&patient), &answer, deps.clock.now()).await?
                == Answer::Correct
        }
        _ => false,
    };
    event.response.answer_correct = correct;
    Ok(event)
}

/// Adds our claims to both tokens, and takes Cognito's self-service scope out of the access token: with
/// it, the holder could call Cognito directly (change their email attribute, delete their user) and go
/// around every rule of ours.
fn add_claims(event: &mut CognitoEventUserPoolsPreTokenGenV2, claims: &[(&str, String)]) {
    let mut access = CognitoAccessTokenGenerationV2::default();
    access.scopes_to_suppress.push(SELF_SERVICE_SCOPE.to_string());
    let mut id = CognitoIdTokenGenerationV2::default();
    for (name, value) in claims {
        access.claims_to_add_or_override.insert((*name).to_string(), Value::String(value.clone()));
        id.claims_to_add_or_override.insert((*name).to_string(), Value::String(value.clone()));
    }
    let mut details = ClaimsAndScopeOverrideDetailsV2::default();
    details.group_override_details = event.request.group_configuration.clone();
    details.access_token_generation = Some(access);
    details.id_token_generation = Some(id);
    event.response.claims_and_scope_override_details = Some(details);
}

/// Patient pool: the practice and patient the token speaks for.
pub fn pre_token_patient(mut event: CognitoEventUserPoolsPreTokenGenV2) -> Result<CognitoEventUserPoolsPreTokenGenV2, TriggerError> {
    let (practice, patient) = patient_of(&event.request.user_attributes)?;
    add_claims(&mut event, &[("practice_id", practice.to_string()), ("patient_id", patient.to_string())]);
    Ok(event)
}

/// The scope that lets a token holder manage their own Cognito user.
pub const SELF_SERVICE_SCOPE: &str = "aws.cognito.signin.user.admin";

/// Staff pool: records the staff member on first sign-in and refuses tokens to a disabled one.
pub async fn pre_token_staff(
    deps: &TriggerDeps,
    mut event: CognitoEventUserPoolsPreTokenGenV2,
) -> Result<CognitoEventUserPoolsPreTokenGenV2, TriggerError> {
    let attributes = &event.request.user_attributes;
    let practice = attributes.get("custom:practice_id").and_then(|p| PracticeId::parse(p)).ok_or(TriggerError::MissingAttribute)?;
    let staff_id = attributes.get("sub").and_then(|s| StaffId::parse(s)).ok_or(TriggerError::MissingAttribute)?;
    let email = attributes.get("email").cloned().unwrap_or_default();
    let roles: Vec<Role> = event.request.group_configuration.groups_to_override.iter().filter_map(|g| Role::parse(g)).collect();
    let member = StaffMember {
        practice_id: practice.clone(),
        staff_id,
        display_name: email.split('@').next().unwrap_or_default().to_string(),
        email,
        roles,
        status: AccountStatus::Active,
        created_at: deps.clock.now(),
        version: 0,
        last_sign_in_at: None,
    };
    let member = staff::provision(deps.table.as_ref(), &member).await?;
    if member.status != AccountStatus::Active {
        return Err(TriggerError::StaffDisabled);
    }
    // A sign-in, not a refresh: what the Team page shows as "last signed in".
    let source = event.cognito_event_user_pools_header.trigger_source.as_ref();
    if !matches!(source, Some(CognitoEventUserPoolsPreTokenGenTriggerSource::RefreshTokens)) {
        staff::signed_in(deps.table.as_ref(), &member.practice_id, &member.staff_id, deps.clock.now()).await?;
    }
    add_claims(&mut event, &[("practice_id", practice.to_string())]);
    Ok(event)
}

#[async_trait]
impl CustomAuthTriggers for TriggerDeps {
    async fn define(&self, event: CognitoEventUserPoolsDefineAuthChallenge) -> Result<CognitoEventUserPoolsDefineAuthChallenge, String> {
        Ok(define(event))
    }

    async fn create(&self, event: CognitoEventUserPoolsCreateAuthChallenge) -> Result<CognitoEventUserPoolsCreateAuthChallenge, String> {
        create(self, event).await.map_err(|e| e.to_string())
    }

    async fn verify(&self, event: CognitoEventUserPoolsVerifyAuthChallenge) -> Result<CognitoEventUserPoolsVerifyAuthChallenge, String> {
        verify(self, event).await.map_err(|e| e.to_string())
    }

    async fn pre_token(
        &self,
        staff: bool,
        event: CognitoEventUserPoolsPreTokenGenV2,
    ) -> Result<CognitoEventUserPoolsPreTokenGenV2, String> {
        if staff { pre_token_staff(self, event).await } else { pre_token_patient(event) }.map_err(|e| e.to_string())
    }
}

/// `cognito-define-challenge`: decides the next step of a custom-auth exchange.
pub struct CognitoDefineChallenge;

impl Function for CognitoDefineChallenge {
    const NAME: &'static str = "cognito-define-challenge";
    type Deps = ();
    type Event = CognitoEventUserPoolsDefineAuthChallenge;
    type Output = CognitoEventUserPoolsDefineAuthChallenge;

    async fn handle(_: &(), event: Self::Event) -> Result<Self::Output, lambda_runtime::Error> {
        Ok(define(event))
    }
}

/// `cognito-create-challenge`: binds the patient's pending challenge.
pub struct CognitoCreateChallenge;

impl Function for CognitoCreateChallenge {
    const NAME: &'static str = "cognito-create-challenge";
    type Deps = TriggerDeps;
    type Event = CognitoEventUserPoolsCreateAuthChallenge;
    type Output = CognitoEventUserPoolsCreateAuthChallenge;

    async fn handle(deps: &TriggerDeps, event: Self::Event) -> Result<Self::Output, lambda_runtime::Error> {
        Ok(create(deps, event).await?)
    }
}

/// `cognito-verify-challenge`: checks an answer, counting the attempt.
pub struct CognitoVerifyChallenge;

impl Function for CognitoVerifyChallenge {
    const NAME: &'static str = "cognito-verify-challenge";
    type Deps = TriggerDeps;
    type Event = CognitoEventUserPoolsVerifyAuthChallenge;
    type Output = CognitoEventUserPoolsVerifyAuthChallenge;

    async fn handle(deps: &TriggerDeps, event: Self::Event) -> Result<Self::Output, lambda_runtime::Error> {
        Ok(verify(deps, event).await?)
    }
}

/// `cognito-pre-token` (patient pool): adds the practice and patient to the tokens.
pub struct CognitoPreToken;

impl Function for CognitoPreToken {
    const NAME: &'static str = "cognito-pre-token";
    type Deps = ();
    type Event = CognitoEventUserPoolsPreTokenGenV2;
    type Output = CognitoEventUserPoolsPreTokenGenV2;

    async fn handle(_: &(), event: Self::Event) -> Result<Self::Output, lambda_runtime::Error> {
        Ok(pre_token_patient(event)?)
    }
}

/// `cognito-staff-pre-token` (staff pool): records the staff member and refuses a disabled one.
pub struct CognitoStaffPreToken;

impl Function for CognitoStaffPreToken {
    const NAME: &'static str = "cognito-staff-pre-token";
    type Deps = TriggerDeps;
    type Event = CognitoEventUserPoolsPreTokenGenV2;
    type Output = CognitoEventUserPoolsPreTokenGenV2;

    async fn handle(deps: &TriggerDeps, event: Self::Event) -> Result<Self::Output, lambda_runtime::Error> {
        Ok(pre_token_staff(deps, event).await?)
    }
}
