//! The local issuer. It plays Cognito's part in custom authentication: it builds the trigger events
//! Cognito would send (same JSON shape), calls the same trigger handlers the Lambda binaries run, keeps
//! the challenge state between answers, and signs RS256 access tokens whose claims come from the
//! pre-token-generation trigger. Its keys and state live in the data directory, apart from the table.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use aws_lambda_events::event::cognito::{
    CognitoEventUserPoolsCreateAuthChallenge, CognitoEventUserPoolsDefineAuthChallenge, CognitoEventUserPoolsPreTokenGenV2,
    CognitoEventUserPoolsVerifyAuthChallenge,
};
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::{AuthStep, CustomAuthTriggers, IdentityError, IdentityProvider, Tokens};
use crate::clock::Clock;
use crate::crypto;
use crate::ids::{PatientId, PracticeId};
use crate::store::{Condition, Index, Item, Key, Query, RedbTable, StoreError, Table};

#[derive(Debug, Clone)]
pub struct LocalIssuerConfig {
    pub patient_issuer: String,
    pub staff_issuer: String,
    pub patient_client_id: String,
    pub staff_client_id: String,
    /// Seconds an access token lives (Cognito: 5 minutes to 1 day; ours: 10 minutes).
    pub access_ttl: i64,
    /// How long a challenge may take to answer (Cognito's `AuthSessionValidity`).
    pub auth_session_ttl: i64,
    /// How long a refresh token lives: the absolute session limit.
    pub refresh_ttl: i64,
}

pub struct LocalIdentity {
    state: Arc<dyn Table>,
    clock: Arc<dyn Clock>,
    triggers: Arc<dyn CustomAuthTriggers>,
    config: LocalIssuerConfig,
    encoding: EncodingKey,
    decoding: DecodingKey,
    kid: String,
    jwk: Value,
}

/// A staff sign-in, standing in for the staff pool's hosted sign-in with MFA.
#[derive(Debug)]
pub struct StaffLogin {
    pub tokens: Tokens,
    pub staff_id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pool {
    Patients,
    Staff,
}

impl Pool {
    fn name(self) -> &'static str {
        match self {
            Pool::Patients => "patients",
            Pool::Staff => "staff",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct UserRecord {
    username: String,
    attributes: HashMap<String, String>,
    #[serde(default)]
    groups: Vec<String>,
    enabled: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct AuthSession {
    username: String,
    results: Vec<Value>,
    private: HashMap<String, String>,
    #[serde(default)]
    metadata: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct RefreshRecord {
    username: String,
    pool: String,
    origin_jti: String,
    auth_time: i64,
}

fn user_partition(pool: Pool, username: &str) -> String {
    format!("USER#{}#{username}", pool.name())
}

fn user_key(pool: Pool, username: &str) -> Key {
    Key::new(user_partition(pool, username), "USER")
}

fn sha256(text: &str) -> String {
    URL_SAFE_NO_PAD.encode(aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, text.as_bytes()))
}

fn unavailable(e: impl std::fmt::Display) -> IdentityError {
    IdentityError::Unavailable(e.to_string())
}

fn store_error(e: StoreError) -> IdentityError {
    unavailable(e)
}

/// Renders claims the way API Gateway's JWT authorizer hands them to a function: every value a string,
/// lists as `[a b]`.
pub fn gateway_claims(claims: &Map<String, Value>) -> HashMap<String, String> {
    claims
        .iter()
        .map(|(name, value)| {
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Array(items) => format!(
                    "[{}]",
                    items.iter().map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())).collect::<Vec<_>>().join(" ")
                ),
                other => other.to_string(),
            };
            (name.clone(), text)
        })
        .collect()
}

impl LocalIdentity {
    /// Opens the issuer's state in `dir`, creating its RSA key on first use.
    pub fn open(
        dir: &Path,
        clock: Arc<dyn Clock>,
        triggers: Arc<dyn CustomAuthTriggers>,
        config: LocalIssuerConfig,
    ) -> Result<Self, IdentityError> {
        std::fs::create_dir_all(dir).map_err(unavailable)?;
        let key_path = dir.join("issuer-key.pk8");
        let pkcs8 = match std::fs::read(&key_path) {
            Ok(bytes) => bytes,
            Err(_) => {
                let pair = KeyPair::generate(KeySize::Rsa2048).map_err(|_| unavailable("cannot generate an RSA key"))?;
                let der = pair.as_der().map_err(|_| unavailable("cannot encode the RSA key"))?;
                write_private(&key_path, der.as_ref())?;
                der.as_ref().to_vec()
            }
        };
        let pair = KeyPair::from_pkcs8(&pkcs8).map_err(|_| unavailable("the issuer key is not a PKCS#8 RSA key"))?;
        let pem = format!("-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n", STANDARD.encode(&pkcs8));
        let encoding = EncodingKey::from_rsa_pem(pem.as_bytes()).map_err(unavailable)?;
        let public = pair.public_key();
        let n = URL_SAFE_NO_PAD.encode(public.modulus().big_endian_without_leading_zero());
        let e = URL_SAFE_NO_PAD.encode(public.exponent().big_endian_without_leading_zero());
        let decoding = DecodingKey::from_rsa_components(&n, &e).map_err(unavailable)?;
        let kid = sha256(&n).chars().take(16).collect::<String>();
        let jwk = json!({ "kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256", "n": n, "e": e });
        let state: Arc<dyn Table> = Arc::new(RedbTable::open(&dir.join("identity.redb"), Arc::clone(&clock)).map_err(store_error)?);
        Ok(LocalIdentity { state, clock, triggers, config, encoding, decoding, kid, jwk })
    }

    /// The JSON Web Key Set an authorizer verifies tokens with.
    pub fn jwks(&self) -> Value {
        json!({ "keys": [self.jwk.clone()] })
    }

    pub fn config(&self) -> &LocalIssuerConfig {
        &self.config
    }

    /// Verifies an access token as API Gateway's JWT authorizer does (signature, issuer, expiry, token
    /// use) and returns its claims in the authorizer's string form.
    pub fn verify(&self, token: &str) -> Result<HashMap<String, String>, IdentityError> {
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&[&self.config.patient_issuer, &self.config.staff_issuer]);
        validation.validate_aud = false;
        validation.leeway = 0;
        // Expiry is checked below against the issuer's clock (which tests move), not the system's.
        validation.validate_exp = false;
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        let data =
            jsonwebtoken::decode::<Map<String, Value>>(token, &self.decoding, &validation).map_err(|_| IdentityError::NotAuthorized)?;
        // jsonwebtoken checks expiry against the system clock; check ours too so tests can move time.
        let exp = data.claims.get("exp").and_then(Value::as_i64).unwrap_or(0);
        if exp <= self.clock.now().timestamp() || data.claims.get("token_use").and_then(Value::as_str) != Some("access") {
            return Err(IdentityError::NotAuthorized);
        }
        Ok(gateway_claims(&data.claims))
    }

    async fn user(&self, pool: Pool, username: &str) -> Result<Option<UserRecord>, IdentityError> {
        let item = self.state.get(&user_key(pool, username)).await.map_err(store_error)?;
        item.map(|item| item.record().map_err(store_error)).transpose()
    }

    async fn put_user(&self, pool: Pool, user: &UserRecord) -> Result<(), IdentityError> {
        let item = Item::from_record(user_key(pool, &user.username), user).map_err(store_error)?;
        self.state.put(item, Condition::Always).await.map_err(store_error)
    }

    /// Global sign-out: every refresh token of the user stops working.
    async fn forget_refresh_tokens(&self, pool: Pool, username: &str) -> Result<(), IdentityError> {
        let page = self
            .state
            .query(Query::partition(Index::Table, user_partition(pool, username)).begins_with("REFRESH#"))
            .await
            .map_err(store_error)?;
        for item in page.items {
            self.state.delete(&item.key, Condition::Always).await.map_err(store_error)?;
        }
        Ok(())
    }

    /// Adds a staff account (local seeding; in AWS an administrator creates it in the staff pool).
    pub async fn add_staff_user(&self, staff_id: &str, email: &str, practice: &PracticeId, groups: &[&str]) -> Result<(), IdentityError> {
        let user = UserRecord {
            username: staff_id.to_string(),
            attributes: HashMap::from([
                ("sub".to_string(), staff_id.to_string()),
                ("email".to_string(), email.to_lowercase()),
                ("email_verified".to_string(), "true".to_string()),
                ("custom:practice_id".to_string(), practice.to_string()),
            ]),
            groups: groups.iter().map(|g| g.to_string()).collect(),
            enabled: true,
        };
        self.put_user(Pool::Staff, &user).await?;
        let by_email = Item::new(Key::new(format!("STAFFEMAIL#{}", email.to_lowercase()), "USER")).with("username", staff_id);
        self.state.put(by_email, Condition::Always).await.map_err(store_error)
    }

    /// Signs a staff member in by email: the local stand-in for the staff pool's hosted sign-in (password
    /// and MFA happen in Cognito, which does not exist locally).
    pub async fn sign_in_staff(&self, email: &str) -> Result<StaffLogin, IdentityError> {
        let item = self.state.get(&Key::new(format!("STAFFEMAIL#{}", email.trim().to_lowercase()), "USER")).await.map_err(store_error)?;
        let username = item.and_then(|i| i.str("username").map(str::to_string)).ok_or(IdentityError::UserNotFound)?;
        let user = self.user(Pool::Staff, &username).await?.ok_or(IdentityError::UserNotFound)?;
        if !user.enabled {
            return Err(IdentityError::NotAuthorized);
        }
        let now = self.clock.now().timestamp();
        let tokens = self.mint(Pool::Staff, &user, now, &crypto::random_token(16), true).await?;
        Ok(StaffLogin { tokens, staff_id: username })
    }

    fn base_event(&self, pool: Pool, trigger: &str, user: &UserRecord) -> Map<String, Value> {
        let client_id = match pool {
            Pool::Patients => &self.config.patient_client_id,
            Pool::Staff => &self.config.staff_client_id,
        };
        let mut event = Map::new();
        event.insert("version".into(), json!("1"));
        event.insert("triggerSource".into(), json!(trigger));
        event.insert("region".into(), json!("local"));
        event.insert("userPoolId".into(), json!(format!("local_{}", pool.name())));
        event.insert("userName".into(), json!(user.username));
        event.insert("callerContext".into(), json!({ "awsSdkVersion": "local", "clientId": client_id }));
        event
    }

    fn event<T: serde::de::DeserializeOwned>(mut base: Map<String, Value>, request: Value, response: Value) -> Result<T, IdentityError> {
        base.insert("request".into(), request);
        base.insert("response".into(), response);
        serde_json::from_value(Value::Object(base)).map_err(unavailable)
    }

    /// Runs define → (create) as Cognito does after each answer; `results` are the answers so far.
    async fn next_step(&self, user: &UserRecord, results: Vec<Value>) -> Result<AuthStep, IdentityError> {
        let mut attributes = user.attributes.clone();
        attributes.insert("sub".into(), user.username.clone());
        let define: CognitoEventUserPoolsDefineAuthChallenge = Self::event(
            self.base_event(Pool::Patients, "DefineAuthChallenge_Authentication", user),
            json!({ "userAttributes": attributes, "session": results, "userNotFound": false }),
            json!({}),
        )?;
        let define = self.triggers.define(define).await.map_err(|_| IdentityError::NotAuthorized)?;
        if define.response.fail_authentication {
            return Err(IdentityError::NotAuthorized);
        }
        if define.response.issue_tokens {
            let auth_time = self.clock.now().timestamp();
            return self.mint(Pool::Patients, user, auth_time, &crypto::random_token(16), true).await.map(AuthStep::Signed);
        }
        if define.response.challenge_name.as_deref() != Some("CUSTOM_CHALLENGE") {
            return Err(IdentityError::NotAuthorized);
        }
        let create: CognitoEventUserPoolsCreateAuthChallenge = Self::event(
            self.base_event(Pool::Patients, "CreateAuthChallenge_Authentication", user),
            json!({ "userAttributes": attributes, "challengeName": "CUSTOM_CHALLENGE", "session": results, "userNotFound": false }),
            json!({}),
        )?;
        let create = self.triggers.create(create).await.map_err(unavailable)?;
        let session = crypto::random_token(32);
        let record = AuthSession {
            username: user.username.clone(),
            results,
            private: create.response.private_challenge_parameters,
            metadata: create.response.challenge_metadata,
        };
        let expires = self.clock.now().timestamp() + self.config.auth_session_ttl;
        let item = Item::from_record(Key::new(format!("AUTH#{session}"), "AUTH"), &record).map_err(store_error)?.expiring_at(expires);
        self.state.put(item, Condition::NotExists).await.map_err(store_error)?;
        Ok(AuthStep::Challenge { session })
    }

    async fn mint(
        &self,
        pool: Pool,
        user: &UserRecord,
        auth_time: i64,
        origin_jti: &str,
        with_refresh: bool,
    ) -> Result<Tokens, IdentityError> {
        let now = self.clock.now().timestamp();
        let (issuer, client_id) = match pool {
            Pool::Patients => (&self.config.patient_issuer, &self.config.patient_client_id),
            Pool::Staff => (&self.config.staff_issuer, &self.config.staff_client_id),
        };
        let trigger = if with_refresh { "TokenGeneration_Authentication" } else { "TokenGeneration_RefreshTokens" };
        let mut attributes = user.attributes.clone();
        attributes.insert("sub".into(), user.username.clone());
        let event: CognitoEventUserPoolsPreTokenGenV2 = Self::event(
            self.base_event(pool, trigger, user),
            json!({
                "userAttributes": attributes,
                "groupConfiguration": { "groupsToOverride": user.groups, "iamRolesToOverride": [], "preferredRole": null },
                "scopes": ["aws.cognito.signin.user.admin"],
            }),
            json!({ "claimsAndScopeOverrideDetails": null }),
        )?;
        let event = self.triggers.pre_token(pool == Pool::Staff, event).await.map_err(|_| IdentityError::NotAuthorized)?;
        let mut claims = Map::new();
        claims.insert("sub".into(), json!(user.username));
        claims.insert("iss".into(), json!(issuer));
        claims.insert("client_id".into(), json!(client_id));
        claims.insert("origin_jti".into(), json!(origin_jti));
        claims.insert("event_id".into(), json!(crypto::random_token(12)));
        claims.insert("token_use".into(), json!("access"));
        let mut scopes = vec!["aws.cognito.signin.user.admin".to_string()];
        claims.insert("auth_time".into(), json!(auth_time));
        claims.insert("iat".into(), json!(now));
        claims.insert("exp".into(), json!(now + self.config.access_ttl));
        claims.insert("jti".into(), json!(crypto::random_token(16)));
        claims.insert("username".into(), json!(user.username));
        if !user.groups.is_empty() {
            claims.insert("cognito:groups".into(), json!(user.groups));
        }
        if let Some(generation) = event.response.claims_and_scope_override_details.and_then(|d| d.access_token_generation) {
            scopes.retain(|scope| !generation.scopes_to_suppress.contains(scope));
            scopes.extend(generation.scopes_to_add.iter().cloned());
            for (name, value) in generation.claims_to_add_or_override {
                // Cognito refuses to let a trigger change these; so do we.
                if !["sub", "iss", "token_use", "exp", "iat", "auth_time", "origin_jti", "client_id", "jti"].contains(&name.as_str()) {
                    claims.insert(name, value);
                }
            }
        }
        if !scopes.is_empty() {
            claims.insert("scope".into(), json!(scopes.join(" ")));
        }
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.kid.clone());
        let access = jsonwebtoken::encode(&header, &claims, &self.encoding).map_err(unavailable)?;
        let refresh = if with_refresh {
            let token = format!("{}.{}", URL_SAFE_NO_PAD.encode(&user.username), crypto::random_token(32));
            let record =
                RefreshRecord { username: user.username.clone(), pool: pool.name().into(), origin_jti: origin_jti.into(), auth_time };
            let key = Key::new(user_partition(pool, &user.username), format!("REFRESH#{}", sha256(&token)));
            let item = Item::from_record(key, &record).map_err(store_error)?.expiring_at(auth_time + self.config.refresh_ttl);
            self.state.put(item, Condition::NotExists).await.map_err(store_error)?;
            Some(SecretString::from(token))
        } else {
            None
        };
        Ok(Tokens { access: SecretString::from(access), refresh, expires_in: self.config.access_ttl })
    }

    fn refresh_key(token: &SecretString) -> Option<(Key, String)> {
        let token = token.expose_secret();
        let (user, _) = token.split_once('.')?;
        let username = String::from_utf8(URL_SAFE_NO_PAD.decode(user).ok()?).ok()?;
        Some((Key::new(user_partition(Pool::Patients, &username), format!("REFRESH#{}", sha256(token))), username))
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), IdentityError> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(unavailable)?;
    file.write_all(bytes).map_err(unavailable)
}

#[async_trait]
impl super::StaffAccounts for LocalIdentity {
    async fn set_staff_enabled(&self, staff: &crate::ids::StaffId, enabled: bool) -> Result<(), IdentityError> {
        let mut user = self.user(Pool::Staff, staff.as_str()).await?.ok_or(IdentityError::UserNotFound)?;
        user.enabled = enabled;
        self.put_user(Pool::Staff, &user).await?;
        if !enabled {
            self.forget_refresh_tokens(Pool::Staff, staff.as_str()).await?;
        }
        Ok(())
    }

    async fn invite_staff(
        &self,
        practice: &PracticeId,
        email: &str,
        roles: &[crate::directory::Role],
    ) -> Result<crate::ids::StaffId, IdentityError> {
        let email = email.trim().to_lowercase();
        let taken = self.state.get(&Key::new(format!("STAFFEMAIL#{email}"), "USER")).await.map_err(store_error)?;
        if taken.is_some() {
            return Err(IdentityError::Taken);
        }
        // Like a pool's sub: opaque, unique, chosen by the identity provider.
        let id = format!("staff-{}", crypto::random_token(16).to_lowercase().replace(['-', '_'], "0"));
        let groups: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        self.add_staff_user(&id, &email, practice, &groups).await?;
        crate::ids::StaffId::parse(&id).ok_or(IdentityError::Unavailable("staff id".into()))
    }

    async fn find_staff(&self, email: &str) -> Result<Option<(crate::ids::StaffId, PracticeId)>, IdentityError> {
        let key = Key::new(format!("STAFFEMAIL#{}", email.trim().to_lowercase()), "USER");
        let Some(username) = self.state.get(&key).await.map_err(store_error)?.and_then(|i| i.str("username").map(str::to_string)) else {
            return Ok(None);
        };
        let Some(user) = self.user(Pool::Staff, &username).await? else { return Ok(None) };
        let practice = user.attributes.get("custom:practice_id").and_then(|p| PracticeId::parse(p));
        Ok(crate::ids::StaffId::parse(&username).zip(practice))
    }

    async fn sign_out_everywhere(&self, staff: &crate::ids::StaffId) -> Result<(), IdentityError> {
        self.forget_refresh_tokens(Pool::Staff, staff.as_str()).await
    }

    async fn set_staff_roles(&self, staff: &crate::ids::StaffId, roles: &[crate::directory::Role]) -> Result<(), IdentityError> {
        let mut user = self.user(Pool::Staff, staff.as_str()).await?.ok_or(IdentityError::UserNotFound)?;
        user.groups = roles.iter().map(|r| r.as_str().to_string()).collect();
        self.put_user(Pool::Staff, &user).await
    }
}

#[async_trait]
impl IdentityProvider for LocalIdentity {
    async fn create_patient_user(&self, practice: &PracticeId, patient: &PatientId) -> Result<(), IdentityError> {
        if self.user(Pool::Patients, patient.as_str()).await?.is_some() {
            return Ok(());
        }
        let user = UserRecord {
            username: patient.to_string(),
            attributes: HashMap::from([
                ("custom:practice_id".to_string(), practice.to_string()),
                ("custom:patient_id".to_string(), patient.to_string()),
            ]),
            groups: Vec::new(),
            enabled: true,
        };
        self.put_user(Pool::Patients, &user).await
    }

    async fn set_patient_enabled(&self, patient: &PatientId, enabled: bool) -> Result<(), IdentityError> {
        let mut user = self.user(Pool::Patients, patient.as_str()).await?.ok_or(IdentityError::UserNotFound)?;
        user.enabled = enabled;
        self.put_user(Pool::Patients, &user).await?;
        if !enabled {
            self.forget_refresh_tokens(Pool::Patients, patient.as_str()).await?;
        }
        Ok(())
    }

    async fn begin_custom_auth(&self, patient: &PatientId) -> Result<AuthStep, IdentityError> {
        let user = self.user(Pool::Patients, patient.as_str()).await?.ok_or(IdentityError::UserNotFound)?;
        if !user.enabled {
            return Err(IdentityError::NotAuthorized);
        }
        self.next_step(&user, Vec::new()).await
    }

    async fn answer_custom_auth(&self, patient: &PatientId, session: &str, answer: &str) -> Result<AuthStep, IdentityError> {
        let key = Key::new(format!("AUTH#{session}"), "AUTH");
        let item = self.state.get(&key).await.map_err(store_error)?.ok_or(IdentityError::NotAuthorized)?;
        let record: AuthSession = item.record().map_err(store_error)?;
        // A session is used once, whatever the answer: Cognito issues a new one for the next try.
        match self.state.delete(&key, Condition::Exists).await {
            Ok(()) => {}
            Err(StoreError::ConditionFailed { .. }) => return Err(IdentityError::NotAuthorized),
            Err(e) => return Err(store_error(e)),
        }
        if record.username != patient.as_str() {
            return Err(IdentityError::NotAuthorized);
        }
        let user = self.user(Pool::Patients, patient.as_str()).await?.ok_or(IdentityError::NotAuthorized)?;
        if !user.enabled {
            return Err(IdentityError::NotAuthorized);
        }
        let mut attributes = user.attributes.clone();
        attributes.insert("sub".into(), user.username.clone());
        let verify: CognitoEventUserPoolsVerifyAuthChallenge = Self::event(
            self.base_event(Pool::Patients, "VerifyAuthChallengeResponse_Authentication", &user),
            json!({ "userAttributes": attributes, "privateChallengeParameters": record.private, "challengeAnswer": answer, "userNotFound": false }),
            json!({}),
        )?;
        let verify = self.triggers.verify(verify).await.map_err(unavailable)?;
        let mut results = record.results;
        results.push(
            json!({ "challengeName": "CUSTOM_CHALLENGE", "challengeResult": verify.response.answer_correct, "challengeMetadata": record.metadata }),
        );
        self.next_step(&user, results).await
    }

    async fn refresh(&self, refresh_token: &SecretString) -> Result<Tokens, IdentityError> {
        let (key, username) = Self::refresh_key(refresh_token).ok_or(IdentityError::NotAuthorized)?;
        let item = self.state.get(&key).await.map_err(store_error)?.ok_or(IdentityError::NotAuthorized)?;
        let record: RefreshRecord = item.record().map_err(store_error)?;
        let user = self.user(Pool::Patients, &username).await?.ok_or(IdentityError::NotAuthorized)?;
        if !user.enabled {
            return Err(IdentityError::NotAuthorized);
        }
        self.mint(Pool::Patients, &user, record.auth_time, &record.origin_jti, false).await
    }

    async fn revoke(&self, refresh_token: &SecretString) -> Result<(), IdentityError> {
        let Some((key, _)) = Self::refresh_key(refresh_token) else { return Ok(()) };
        self.state.delete(&key, Condition::Always).await.map_err(store_error)
    }
}
