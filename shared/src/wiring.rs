//! Building adapters from configuration, so every `main` is a few lines and every function builds only
//! the adapters it uses. Each builder reads its variables from one [`Env`]; problems surface together
//! at `Env::finish`.

use std::sync::Arc;

use crate::clock::{Clock, SystemClock};
use crate::config::{Env, IssuerConfig, MailConfig, PatientPoolConfig, PortalConfig, TableConfig};
use crate::http::Edge;
use crate::identity::{CognitoIdentity, IdentityProvider};
use crate::notify::{Mailer, SesMailer, SmsSender, TwilioConfig, TwilioSms};
use crate::store::{DynamoTable, Table};
use crate::tenant::Tenants;

/// What a function needs, built at cold start from its environment (and nothing else).
pub trait FromEnv: Sized {
    fn from_env(env: &mut Env, sdk: &aws_config::SdkConfig) -> Self;
}

/// The start of every `main`: structured logging, the AWS configuration, and the environment to read.
pub async fn start() -> (Env, aws_config::SdkConfig) {
    crate::telemetry::init();
    (Env::from_process(), crate::aws::sdk_config().await)
}

/// A function's dependencies from its environment, with every missing or malformed setting reported
/// at once.
pub async fn init<D: FromEnv>() -> Result<D, crate::config::ConfigError> {
    let (mut env, sdk) = start().await;
    let deps = D::from_env(&mut env, &sdk);
    env.finish()?;
    Ok(deps)
}

/// An HTTP function that needs only the edge (tenant, principal, session, audit).
impl FromEnv for Arc<Edge> {
    fn from_env(env: &mut Env, sdk: &aws_config::SdkConfig) -> Self {
        edge(env, sdk)
    }
}

pub fn clock() -> Arc<dyn Clock> {
    Arc::new(SystemClock)
}

pub fn table(env: &mut Env, sdk: &aws_config::SdkConfig, clock: &Arc<dyn Clock>) -> Arc<dyn Table> {
    let config = TableConfig::read(env);
    Arc::new(DynamoTable::new(sdk, config.table_name, Arc::clone(clock)))
}

/// The edge of an HTTP function: table, tenants, issuers, sessions, audit.
pub fn edge(env: &mut Env, sdk: &aws_config::SdkConfig) -> Arc<Edge> {
    let clock = clock();
    let table = table(env, sdk, &clock);
    let portal = PortalConfig::read(env);
    let issuers = IssuerConfig::read(env);
    let tenants = Arc::new(Tenants::new(Arc::clone(&table), portal));
    Arc::new(Edge::new(table, clock, tenants, issuers))
}

pub fn mailer(env: &mut Env, sdk: &aws_config::SdkConfig) -> Arc<dyn Mailer> {
    Arc::new(SesMailer::new(sdk, MailConfig::read(env)))
}

pub fn sms(env: &mut Env) -> Arc<dyn SmsSender> {
    let config = TwilioConfig::read(env);
    match TwilioSms::new(config) {
        Ok(sms) => Arc::new(sms),
        Err(e) => {
            env.problem(format!("cannot build the Twilio client: {e}"));
            Arc::new(crate::notify::OutboxSms::new(Arc::new(crate::notify::Outbox::new(None, false))))
        }
    }
}

pub fn identity(env: &mut Env, sdk: &aws_config::SdkConfig) -> Arc<dyn IdentityProvider> {
    Arc::new(CognitoIdentity::new(sdk, PatientPoolConfig::read(env)))
}

/// SQS, with the queue URLs this function sends to or defers on (`<NAME>_QUEUE_URL`).
pub fn queue(env: &mut Env, sdk: &aws_config::SdkConfig, names: &[&str]) -> Arc<dyn crate::queue::Queue> {
    let urls = names
        .iter()
        .map(|name| (name.to_string(), env.required(&format!("{}_QUEUE_URL", name.to_uppercase().replace('-', "_")))))
        .collect();
    Arc::new(crate::queue::SqsQueue::new(sdk, urls))
}

/// S3: `UPLOAD_BUCKET`, and the KMS key uploads are encrypted with (`UPLOAD_KMS_KEY_ID`).
pub fn blobs(env: &mut Env, sdk: &aws_config::SdkConfig) -> Arc<dyn crate::blobs::Blobs> {
    Arc::new(crate::blobs::S3Blobs::new(sdk, env.required("UPLOAD_BUCKET"), env.optional("UPLOAD_KMS_KEY_ID")))
}

/// The Twilio webhooks' settings: the auth token their signatures use, and the public origin Twilio
/// calls (`PUBLIC_API_BASE`, e.g. `https://api.example.com`).
pub fn twilio_webhooks(env: &mut Env) -> (secrecy::SecretString, String) {
    (env.secret("TWILIO_AUTH_TOKEN", 16), env.required("PUBLIC_API_BASE"))
}

/// Everything the local gateway hands to capability crates to mount their routes in one process.
#[derive(Clone)]
pub struct Ports {
    pub edge: Arc<Edge>,
    pub hasher: crate::crypto::Hasher,
    pub identity: Arc<dyn IdentityProvider>,
    pub mailer: Arc<dyn Mailer>,
    pub sms: Arc<dyn SmsSender>,
    pub blobs: Arc<dyn crate::blobs::Blobs>,
    /// Twilio signs its webhooks with this token, over URLs starting with `public_base`.
    pub twilio_auth_token: secrecy::SecretString,
    pub public_base: String,
    /// The least time a sign-in start takes, known address or not.
    pub sign_in_floor: std::time::Duration,
}
