//! Wiring: how a function's dependencies are built, once per environment. In Lambda a function reads its
//! configuration from the environment ([`Base`] builds each adapter it asks for, once, and shares the
//! table and caches between the edge and the handler); in the local gateway every function is built from
//! the gateway's adapters ([`Ports`]). A `*Deps` type implements [`Wire`] for both, in one place.

use std::sync::{Arc, OnceLock};

use crate::clock::{Clock, SystemClock};
use crate::config::{Env, IssuerConfig, MailConfig, PatientPoolConfig, PortalConfig, TableConfig, read_hasher};
use crate::crypto::Hasher;
use crate::http::Edge;
use crate::identity::{CognitoIdentity, IdentityProvider};
use crate::notify::twilio::TwilioWebhooks;
use crate::notify::{Mailer, Sender, SesMailer, SmsSender, TwilioConfig, TwilioSms};
use crate::queue::Queue;
use crate::store::{DynamoTable, Table};
use crate::tenant::Tenants;

/// Built once per environment: from Lambda's environment, or from the local gateway's adapters.
pub trait Wire: Sized + Send + Sync + 'static {
    fn from_env(env: &mut Env, base: &Base) -> Self;
    fn from_ports(ports: &Ports) -> Self;
}

/// A function that needs nothing (a Cognito trigger that only reads its event).
impl Wire for () {
    fn from_env(_: &mut Env, _: &Base) -> Self {}
    fn from_ports(_: &Ports) -> Self {}
}

/// What a Lambda function starts from: the AWS configuration and the clock, and the adapters it has asked
/// for so far (each built once, so the edge and the handler share one table client and one cache).
pub struct Base {
    pub sdk: aws_config::SdkConfig,
    pub clock: Arc<dyn Clock>,
    table: OnceLock<Arc<dyn Table>>,
    tenants: OnceLock<Arc<Tenants>>,
    hasher: OnceLock<Hasher>,
    edge: OnceLock<Arc<Edge>>,
}

/// The start of every `main`: structured logging, the AWS configuration, and the environment to read.
pub async fn start() -> (Env, Base) {
    crate::telemetry::init();
    let sdk = crate::aws::sdk_config().await;
    let secrets = crate::aws::load_secrets(&sdk, Env::secret_arns(std::env::vars())).await;
    (Env::from_process(secrets), Base::new(sdk, Arc::new(SystemClock)))
}

impl Base {
    pub fn new(sdk: aws_config::SdkConfig, clock: Arc<dyn Clock>) -> Self {
        Base { sdk, clock, table: OnceLock::new(), tenants: OnceLock::new(), hasher: OnceLock::new(), edge: OnceLock::new() }
    }

    pub fn clock(&self) -> Arc<dyn Clock> {
        Arc::clone(&self.clock)
    }

    /// `TABLE_NAME`: the single table.
    pub fn table(&self, env: &mut Env) -> Arc<dyn Table> {
        if let Some(table) = self.table.get() {
            return Arc::clone(table);
        }
        let config = TableConfig::read(env);
        let table: Arc<dyn Table> = Arc::new(DynamoTable::new(&self.sdk, config.table_name, self.clock()));
        Arc::clone(self.table.get_or_init(|| table))
    }

    /// `PORTAL_URL_TEMPLATE`: which host belongs to which practice.
    pub fn tenants(&self, env: &mut Env) -> Arc<Tenants> {
        if let Some(tenants) = self.tenants.get() {
            return Arc::clone(tenants);
        }
        let tenants = Arc::new(Tenants::new(self.table(env), PortalConfig::read(env)));
        Arc::clone(self.tenants.get_or_init(|| tenants))
    }

    /// `HASH_KEY`: the server-side key for codes, links and address digests.
    pub fn hasher(&self, env: &mut Env) -> Hasher {
        if let Some(hasher) = self.hasher.get() {
            return hasher.clone();
        }
        let hasher = read_hasher(env);
        self.hasher.get_or_init(|| hasher).clone()
    }

    /// The edge of an HTTP function: table, tenants, issuers, sessions, and `AUDIT_TABLE_NAME`, the audit
    /// trail's own table.
    pub fn edge(&self, env: &mut Env) -> Arc<Edge> {
        if let Some(edge) = self.edge.get() {
            return Arc::clone(edge);
        }
        let audit: Arc<dyn Table> = Arc::new(DynamoTable::new(&self.sdk, env.required("AUDIT_TABLE_NAME"), self.clock()));
        let edge = Edge::new(self.table(env), audit, self.clock(), self.tenants(env), IssuerConfig::read(env))
            .behind(crate::http::viewer::CdnOrigin::read(env));
        let edge = Arc::new(edge);
        Arc::clone(self.edge.get_or_init(|| edge))
    }

    /// `AUDIT_TABLE_NAME`, for a function without a route that records its own audit events.
    pub fn audit_log(&self, env: &mut Env) -> crate::audit::AuditLog {
        crate::audit::AuditLog::new(Arc::new(DynamoTable::new(&self.sdk, env.required("AUDIT_TABLE_NAME"), self.clock())))
    }

    pub fn mailer(&self, env: &mut Env) -> Arc<dyn Mailer> {
        Arc::new(SesMailer::new(&self.sdk, MailConfig::read(env)))
    }

    pub fn sms(&self, env: &mut Env) -> Arc<dyn SmsSender> {
        match TwilioSms::new(TwilioConfig::read(env)) {
            Ok(sms) => Arc::new(sms),
            Err(e) => {
                env.problem(format!("cannot build the Twilio client: {e}"));
                Arc::new(crate::notify::sms::Unconfigured)
            }
        }
    }

    /// Email and texts, for transactional messages (codes, invitations).
    pub fn sender(&self, env: &mut Env) -> Sender {
        Sender { mail: self.mailer(env), sms: self.sms(env) }
    }

    pub fn identity(&self, env: &mut Env) -> Arc<dyn IdentityProvider> {
        Arc::new(CognitoIdentity::new(&self.sdk, PatientPoolConfig::read(env)))
    }

    /// `STAFF_POOL_ID`: the staff pool, whose accounts administrators turn off and on.
    pub fn staff_accounts(&self, env: &mut Env) -> Arc<dyn crate::identity::StaffAccounts> {
        Arc::new(crate::identity::CognitoStaffAccounts::new(&self.sdk, env.required("STAFF_POOL_ID")))
    }

    /// SQS, with the queue URLs this function sends to or defers on (`<NAME>_QUEUE_URL`).
    pub fn queue(&self, env: &mut Env, names: &[&str]) -> Arc<dyn Queue> {
        let urls = names
            .iter()
            .map(|name| (name.to_string(), env.required(&format!("{}_QUEUE_URL", name.to_uppercase().replace('-', "_")))))
            .collect();
        Arc::new(crate::queue::SqsQueue::new(&self.sdk, urls))
    }

    /// Amazon Chime SDK meetings, in `VIDEO_MEDIA_REGION` (the function's region unless set).
    pub fn video(&self, env: &mut Env) -> Arc<dyn crate::video::Video> {
        let region =
            env.optional("VIDEO_MEDIA_REGION").or_else(|| self.sdk.region().map(ToString::to_string)).unwrap_or_else(|| "us-east-1".into());
        Arc::new(crate::video::ChimeVideo::new(&self.sdk, region))
    }

    /// S3: `UPLOAD_BUCKET`, and the KMS key uploads are encrypted with (`UPLOAD_KMS_KEY_ID`).
    pub fn blobs(&self, env: &mut Env) -> Arc<dyn crate::blobs::Blobs> {
        Arc::new(crate::blobs::S3Blobs::new(&self.sdk, env.required("UPLOAD_BUCKET"), env.optional("UPLOAD_KMS_KEY_ID")))
    }

    /// Stripe: `STRIPE_SECRET_KEY` (a secret), `STRIPE_PUBLISHABLE_KEY`, and `STRIPE_API_BASE` (Stripe's
    /// own API unless set).
    pub fn payments(&self, env: &mut Env) -> Arc<dyn crate::payments::Payments> {
        let config = crate::payments::StripeConfig {
            api_base: env.optional("STRIPE_API_BASE").unwrap_or_else(|| "https://api.stripe.com".into()),
            secret_key: env.secret("STRIPE_SECRET_KEY", 16),
            publishable_key: env.required("STRIPE_PUBLISHABLE_KEY"),
            js_url: crate::payments::STRIPE_JS_URL.into(),
        };
        match crate::payments::StripePayments::new(config) {
            Ok(stripe) => Arc::new(stripe),
            Err(e) => {
                env.problem(format!("cannot build the Stripe client: {e}"));
                Arc::new(crate::payments::Unconfigured)
            }
        }
    }

    /// The Stripe webhook's signing secrets (`STRIPE_WEBHOOK_SECRET`, comma-separated while one is rolled).
    pub fn stripe_webhooks(&self, env: &mut Env) -> crate::payments::StripeWebhooks {
        crate::payments::StripeWebhooks::parse(&env.secret("STRIPE_WEBHOOK_SECRET", 16))
    }

    /// The Twilio webhooks' settings: the auth token their signatures use, and the public origin Twilio
    /// calls (`PUBLIC_API_BASE`, e.g. `https://api.example.com`).
    pub fn twilio_webhooks(&self, env: &mut Env) -> TwilioWebhooks {
        TwilioWebhooks { auth_token: env.secret("TWILIO_AUTH_TOKEN", 16), public_base: env.required("PUBLIC_API_BASE") }
    }
}

/// Everything the local gateway hands to capability crates to build their functions in one process.
#[derive(Clone)]
pub struct Ports {
    pub edge: Arc<Edge>,
    pub hasher: Hasher,
    pub identity: Arc<dyn IdentityProvider>,
    pub staff_accounts: Arc<dyn crate::identity::StaffAccounts>,
    pub mailer: Arc<dyn Mailer>,
    pub sms: Arc<dyn SmsSender>,
    pub blobs: Arc<dyn crate::blobs::Blobs>,
    pub queue: Arc<dyn Queue>,
    pub video: Arc<dyn crate::video::Video>,
    /// Stripe's API (the stand-in, locally) and the webhook's signing secrets.
    pub payments: Arc<dyn crate::payments::Payments>,
    pub stripe: crate::payments::StripeWebhooks,
    pub twilio: TwilioWebhooks,
    /// The least time a sign-in start takes, known address or not.
    pub sign_in_floor: std::time::Duration,
    /// Where SNS signing certificates may come from (the region's SNS endpoint by default; a test's
    /// stand-in).
    pub sns_cert_prefixes: Vec<String>,
}

impl Ports {
    pub fn table(&self) -> Arc<dyn Table> {
        Arc::clone(&self.edge.table)
    }

    pub fn clock(&self) -> Arc<dyn Clock> {
        Arc::clone(&self.edge.clock)
    }

    pub fn tenants(&self) -> Arc<Tenants> {
        Arc::clone(&self.edge.tenants)
    }

    pub fn sender(&self) -> Sender {
        Sender { mail: Arc::clone(&self.mailer), sms: Arc::clone(&self.sms) }
    }
}
