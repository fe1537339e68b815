use async_trait::async_trait;
use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::error::{DisplayErrorContext, SdkError};
use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, AuthFlowType, AuthenticationResultType, ChallengeNameType, DeliveryMediumType, MessageActionType,
};
use secrecy::{ExposeSecret, SecretString};

use super::{AuthStep, IdentityError, IdentityProvider, StaffAccounts, Tokens};
use crate::config::PatientPoolConfig;
use crate::directory::Role;
use crate::ids::{PatientId, PracticeId, StaffId};

/// The patient pool, driven server-side with the admin APIs (the portal never talks to Cognito).
pub struct CognitoIdentity {
    client: Client,
    pool: PatientPoolConfig,
}

impl CognitoIdentity {
    pub fn new(sdk: &aws_config::SdkConfig, pool: PatientPoolConfig) -> Self {
        CognitoIdentity { client: Client::new(sdk), pool }
    }
}

fn unavailable<E: std::error::Error + 'static, R: std::fmt::Debug>(e: SdkError<E, R>) -> IdentityError {
    IdentityError::Unavailable(DisplayErrorContext(e).to_string())
}

fn tokens(result: &AuthenticationResultType) -> Result<Tokens, IdentityError> {
    let access = result.access_token().ok_or_else(|| IdentityError::Unavailable("no access token".into()))?;
    Ok(Tokens {
        access: SecretString::from(access.to_string()),
        refresh: result.refresh_token().map(|t| SecretString::from(t.to_string())),
        expires_in: i64::from(result.expires_in()),
    })
}

fn attribute(name: &str, value: &str) -> Result<AttributeType, IdentityError> {
    AttributeType::builder().name(name).value(value).build().map_err(|e| IdentityError::Unavailable(e.to_string()))
}

#[async_trait]
impl IdentityProvider for CognitoIdentity {
    async fn create_patient_user(&self, practice: &PracticeId, patient: &PatientId) -> Result<(), IdentityError> {
        let result = self
            .client
            .admin_create_user()
            .user_pool_id(&self.pool.user_pool_id)
            .username(patient.as_str())
            .user_attributes(attribute("custom:practice_id", practice.as_str())?)
            .user_attributes(attribute("custom:patient_id", patient.as_str())?)
            // Patients never get Cognito's own welcome message or a temporary password.
            .message_action(MessageActionType::Suppress)
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_username_exists_exception()) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }

    async fn set_patient_enabled(&self, patient: &PatientId, enabled: bool) -> Result<(), IdentityError> {
        if enabled {
            self.client
                .admin_enable_user()
                .user_pool_id(&self.pool.user_pool_id)
                .username(patient.as_str())
                .send()
                .await
                .map_err(unavailable)?;
            return Ok(());
        }
        self.client
            .admin_disable_user()
            .user_pool_id(&self.pool.user_pool_id)
            .username(patient.as_str())
            .send()
            .await
            .map_err(unavailable)?;
        self.client
            .admin_user_global_sign_out()
            .user_pool_id(&self.pool.user_pool_id)
            .username(patient.as_str())
            .send()
            .await
            .map_err(unavailable)?;
        Ok(())
    }

    async fn begin_custom_auth(&self, patient: &PatientId) -> Result<AuthStep, IdentityError> {
        let result = self
            .client
            .admin_initiate_auth()
            .user_pool_id(&self.pool.user_pool_id)
            .client_id(&self.pool.client_id)
            .auth_flow(AuthFlowType::CustomAuth)
            .auth_parameters("USERNAME", patient.as_str())
            .send()
            .await;
        match result {
            Ok(out) => match (out.challenge_name(), out.session(), out.authentication_result()) {
                (Some(ChallengeNameType::CustomChallenge), Some(session), _) => Ok(AuthStep::Challenge { session: session.to_string() }),
                (_, _, Some(result)) => Ok(AuthStep::Signed(tokens(result)?)),
                _ => Err(IdentityError::Unavailable("unexpected custom-auth step".into())),
            },
            Err(e) => match e.as_service_error() {
                Some(s) if s.is_not_authorized_exception() => Err(IdentityError::NotAuthorized),
                Some(s) if s.is_user_not_found_exception() => Err(IdentityError::UserNotFound),
                _ => Err(unavailable(e)),
            },
        }
    }

    async fn answer_custom_auth(&self, patient: &PatientId, session: &str, answer: &str) -> Result<AuthStep, IdentityError> {
        let result = self
            .client
            .admin_respond_to_auth_challenge()
            .user_pool_id(&self.pool.user_pool_id)
            .client_id(&self.pool.client_id)
            .challenge_name(ChallengeNameType::CustomChallenge)
            .challenge_responses("USERNAME", patient.as_str())
            .challenge_responses("ANSWER", answer)
            .session(session)
            .send()
            .await;
        match result {
            Ok(out) => match (out.authentication_result(), out.session()) {
                (Some(result), _) => Ok(AuthStep::Signed(tokens(result)?)),
                (None, Some(session)) => Ok(AuthStep::Challenge { session: session.to_string() }),
                (None, None) => Err(IdentityError::NotAuthorized),
            },
            Err(e) => match e.as_service_error() {
                Some(s) if s.is_not_authorized_exception() || s.is_code_mismatch_exception() || s.is_expired_code_exception() => {
                    Err(IdentityError::NotAuthorized)
                }
                Some(s) if s.is_user_not_found_exception() => Err(IdentityError::UserNotFound),
                _ => Err(unavailable(e)),
            },
        }
    }

    async fn refresh(&self, refresh_token: &SecretString) -> Result<Tokens, IdentityError> {
        let result = self
            .client
            .admin_initiate_auth()
            .user_pool_id(&self.pool.user_pool_id)
            .client_id(&self.pool.client_id)
            .auth_flow(AuthFlowType::RefreshTokenAuth)
            .auth_parameters("REFRESH_TOKEN", refresh_token.expose_secret())
            .send()
            .await;
        match result {
            Ok(out) => {
                let result = out.authentication_result().ok_or(IdentityError::NotAuthorized)?;
                tokens(result)
            }
            Err(e) if e.as_service_error().is_some_and(|s| s.is_not_authorized_exception()) => Err(IdentityError::NotAuthorized),
            Err(e) => Err(unavailable(e)),
        }
    }

    async fn revoke(&self, refresh_token: &SecretString) -> Result<(), IdentityError> {
        let result = self.client.revoke_token().token(refresh_token.expose_secret()).client_id(&self.pool.client_id).send().await;
        match result {
            Ok(_) => Ok(()),
            // An already invalid token is as revoked as it gets.
            Err(e) if e.as_service_error().is_some_and(|s| s.is_unauthorized_exception()) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}

/// The staff pool's accounts (`STAFF_POOL_ID`). A staff member's username there is their `sub`, which is
/// their staff id.
pub struct CognitoStaffAccounts {
    client: Client,
    pool_id: String,
}

impl CognitoStaffAccounts {
    pub fn new(sdk: &aws_config::SdkConfig, pool_id: String) -> Self {
        CognitoStaffAccounts { client: Client::new(sdk), pool_id }
    }
}

#[async_trait]
impl StaffAccounts for CognitoStaffAccounts {
    async fn set_staff_enabled(&self, staff: &StaffId, enabled: bool) -> Result<(), IdentityError> {
        let (pool, username) = (&self.pool_id, staff.as_str());
        if enabled {
            return match self.client.admin_enable_user().user_pool_id(pool).username(username).send().await {
                Ok(_) => Ok(()),
                Err(e) if e.as_service_error().is_some_and(|s| s.is_user_not_found_exception()) => Err(IdentityError::UserNotFound),
                Err(e) => Err(unavailable(e)),
            };
        }
        match self.client.admin_disable_user().user_pool_id(pool).username(username).send().await {
            Ok(_) => {}
            Err(e) if e.as_service_error().is_some_and(|s| s.is_user_not_found_exception()) => return Err(IdentityError::UserNotFound),
            Err(e) => return Err(unavailable(e)),
        }
        self.client.admin_user_global_sign_out().user_pool_id(pool).username(username).send().await.map_err(unavailable)?;
        Ok(())
    }

    async fn invite_staff(&self, practice: &PracticeId, email: &str, roles: &[Role]) -> Result<StaffId, IdentityError> {
        let attribute = |name: &str, value: &str| {
            AttributeType::builder().name(name).value(value).build().map_err(|e| IdentityError::Unavailable(e.to_string()))
        };
        let created = self
            .client
            .admin_create_user()
            .user_pool_id(&self.pool_id)
            .username(email)
            .user_attributes(attribute("email", email)?)
            .user_attributes(attribute("email_verified", "true")?)
            .user_attributes(attribute("custom:practice_id", practice.as_str())?)
            .desired_delivery_mediums(DeliveryMediumType::Email)
            .send()
            .await;
        let user = match created {
            Ok(out) => out.user.ok_or_else(|| IdentityError::Unavailable("no user in the answer".into()))?,
            Err(e) if e.as_service_error().is_some_and(|s| s.is_username_exists_exception()) => return Err(IdentityError::Taken),
            Err(e) => return Err(unavailable(e)),
        };
        let sub = user.attributes().iter().find(|a| a.name() == "sub").and_then(|a| a.value()).or(user.username());
        let staff = sub.and_then(StaffId::parse).ok_or_else(|| IdentityError::Unavailable("the new user has no usable id".into()))?;
        for role in roles {
            let username = user.username().unwrap_or(staff.as_str());
            self.client
                .admin_add_user_to_group()
                .user_pool_id(&self.pool_id)
                .username(username)
                .group_name(role.as_str())
                .send()
                .await
                .map_err(unavailable)?;
        }
        Ok(staff)
    }

    async fn find_staff(&self, email: &str) -> Result<Option<(StaffId, PracticeId)>, IdentityError> {
        let user = match self.client.admin_get_user().user_pool_id(&self.pool_id).username(email).send().await {
            Ok(user) => user,
            Err(e) if e.as_service_error().is_some_and(|s| s.is_user_not_found_exception()) => return Ok(None),
            Err(e) => return Err(unavailable(e)),
        };
        let attribute = |name: &str| user.user_attributes().iter().find(|a| a.name() == name).and_then(|a| a.value());
        let staff = attribute("sub").or(Some(user.username())).and_then(StaffId::parse);
        let practice = attribute("custom:practice_id").and_then(PracticeId::parse);
        Ok(staff.zip(practice))
    }

    async fn sign_out_everywhere(&self, staff: &StaffId) -> Result<(), IdentityError> {
        match self.client.admin_user_global_sign_out().user_pool_id(&self.pool_id).username(staff.as_str()).send().await {
            Ok(_) => Ok(()),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_user_not_found_exception()) => Err(IdentityError::UserNotFound),
            Err(e) => Err(unavailable(e)),
        }
    }

    async fn set_staff_roles(&self, staff: &StaffId, roles: &[Role]) -> Result<(), IdentityError> {
        let (pool, username) = (&self.pool_id, staff.as_str());
        for role in Role::ALL {
            let group = role.as_str();
            let result = if roles.contains(&role) {
                self.client
                    .admin_add_user_to_group()
                    .user_pool_id(pool)
                    .username(username)
                    .group_name(group)
                    .send()
                    .await
                    .map(|_| ())
                    .map_err(|e| {
                        let missing = e.as_service_error().is_some_and(|s| s.is_user_not_found_exception());
                        (missing, unavailable(e))
                    })
            } else {
                self.client
                    .admin_remove_user_from_group()
                    .user_pool_id(pool)
                    .username(username)
                    .group_name(group)
                    .send()
                    .await
                    .map(|_| ())
                    .map_err(|e| {
                        let missing = e.as_service_error().is_some_and(|s| s.is_user_not_found_exception());
                        (missing, unavailable(e))
                    })
            };
            match result {
                Ok(()) => {}
                Err((true, _)) => return Err(IdentityError::UserNotFound),
                Err((false, e)) => return Err(e),
            }
        }
        Ok(())
    }
}
