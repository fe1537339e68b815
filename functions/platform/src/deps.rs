//! What each platform function uses, built once per environment: from Lambda's environment
//! (`from_env`) or from the local gateway's adapters (`from_ports`).

use std::sync::Arc;

use portico::config::Env;
use portico::crypto::Hasher;
use portico::events::NOTIFY_QUEUE;
use portico::notify::notices::Notifier;
use portico::notify::twilio::TwilioWebhooks;
use portico::queue::Queue;
use portico::store::Table;
use portico::wiring::{Base, Ports, Wire};

use crate::ses_events::{SesEventDeps, SnsVerifier};

/// Routes that only read and write the table (tasks, templates).
pub struct TableDeps {
    pub table: Arc<dyn Table>,
}

impl Wire for TableDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        TableDeps { table: base.table(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        TableDeps { table: ports.table() }
    }
}

/// Twilio's delivery callbacks: the signature's secret and the table.
pub struct StatusWebhookDeps {
    pub twilio: TwilioWebhooks,
    pub table: Arc<dyn Table>,
}

impl Wire for StatusWebhookDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        StatusWebhookDeps { twilio: base.twilio_webhooks(env), table: base.table(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        StatusWebhookDeps { twilio: ports.twilio.clone(), table: ports.table() }
    }
}

/// One-click unsubscribe: the key its tokens are signed with, and the table.
pub struct UnsubscribeDeps {
    pub hasher: Hasher,
    pub table: Arc<dyn Table>,
}

impl Wire for UnsubscribeDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        UnsubscribeDeps { hasher: base.hasher(env), table: base.table(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        UnsubscribeDeps { hasher: ports.hasher.clone(), table: ports.table() }
    }
}

/// The notify worker: the send gate's facts, the providers, and its queue (for deferrals).
pub struct NotifyWorkerDeps {
    pub notifier: Notifier,
    pub queue: Arc<dyn Queue>,
}

impl Wire for NotifyWorkerDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        let notifier = Notifier {
            table: base.table(env),
            clock: base.clock(),
            tenants: base.tenants(env),
            hasher: base.hasher(env),
            mail: base.mailer(env),
            sms: base.sms(env),
        };
        NotifyWorkerDeps { notifier, queue: base.queue(env, &[NOTIFY_QUEUE]) }
    }

    fn from_ports(ports: &Ports) -> Self {
        let notifier = Notifier {
            table: ports.table(),
            clock: ports.clock(),
            tenants: ports.tenants(),
            hasher: ports.hasher.clone(),
            mail: Arc::clone(&ports.mailer),
            sms: Arc::clone(&ports.sms),
        };
        NotifyWorkerDeps { notifier, queue: Arc::clone(&ports.queue) }
    }
}

/// The SES events worker: the table, the key addresses are digested with, and the SNS verifier.
impl Wire for SesEventDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        let region = base.sdk.region().map(|r| r.to_string()).unwrap_or_else(|| "us-east-1".into());
        // `SNS_CERT_URL_PREFIXES` may name other signing-certificate origins (a test stand-in); by default
        // only the region's SNS endpoint over HTTPS is trusted.
        let topic = env.required("SES_EVENTS_TOPIC_ARN");
        let verifier = match env.optional("SNS_CERT_URL_PREFIXES") {
            Some(prefixes) => {
                SnsVerifier::new(prefixes.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect(), topic)
            }
            None => SnsVerifier::for_region(&region, topic),
        };
        SesEventDeps {
            table: base.table(env),
            clock: base.clock(),
            hasher: base.hasher(env),
            verifier,
            queue: base.queue(env, &[SES_EVENTS_QUEUE]),
        }
    }

    fn from_ports(ports: &Ports) -> Self {
        SesEventDeps {
            table: ports.table(),
            clock: ports.clock(),
            hasher: ports.hasher.clone(),
            verifier: SnsVerifier::new(ports.sns_cert_prefixes.clone(), crate::ses_events::LOCAL_SES_EVENTS_TOPIC.to_string()),
            queue: Arc::clone(&ports.queue),
        }
    }
}

/// The queue SNS delivers SES's bounces and complaints to.
pub const SES_EVENTS_QUEUE: &str = "ses-events";

/// The relay: the table's outbox and every queue events are routed to.
pub struct RelayDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn portico::clock::Clock>,
    pub queue: Arc<dyn Queue>,
}

impl Wire for RelayDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        RelayDeps { table: base.table(env), clock: base.clock(), queue: base.queue(env, portico::events::QUEUES) }
    }

    fn from_ports(ports: &Ports) -> Self {
        RelayDeps { table: ports.table(), clock: ports.clock(), queue: Arc::clone(&ports.queue) }
    }
}
