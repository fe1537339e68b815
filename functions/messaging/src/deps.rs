//! What each messaging function uses, built once per environment: from Lambda's environment
//! (`from_env`) or from the local gateway's adapters (`from_ports`).

use std::sync::Arc;

use portico::config::Env;
use portico::notify::twilio::TwilioWebhooks;
use portico::store::Table;
use portico::wiring::{Base, Ports, Wire};

use crate::attachments::AttachmentDeps;
use crate::inbound::InboundDeps;

/// The thread routes: the table (notices and tasks travel through the table's outbox).
pub struct ThreadDeps {
    pub table: Arc<dyn Table>,
}

impl Wire for ThreadDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        ThreadDeps { table: base.table(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        ThreadDeps { table: ports.table() }
    }
}

/// The attachment routes: the table and the bucket.
impl Wire for AttachmentDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        AttachmentDeps { table: base.table(env), clock: base.clock(), blobs: base.blobs(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        AttachmentDeps { table: ports.table(), clock: ports.clock(), blobs: Arc::clone(&ports.blobs) }
    }
}

/// Twilio's inbound-text webhook: the signature's secret, and what applying a text needs.
pub struct InboundWebhookDeps {
    pub twilio: TwilioWebhooks,
    pub inbound: InboundDeps,
}

impl Wire for InboundWebhookDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        let inbound = InboundDeps { table: base.table(env), clock: base.clock(), tenants: base.tenants(env), hasher: base.hasher(env) };
        InboundWebhookDeps { twilio: base.twilio_webhooks(env), inbound }
    }

    fn from_ports(ports: &Ports) -> Self {
        let inbound = InboundDeps { table: ports.table(), clock: ports.clock(), tenants: ports.tenants(), hasher: ports.hasher.clone() };
        InboundWebhookDeps { twilio: ports.twilio.clone(), inbound }
    }
}
