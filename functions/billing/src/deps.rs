//! What each billing function uses, built once per environment: from Lambda's environment
//! (`from_env`) or from the local gateway's adapters (`from_ports`).

use std::sync::Arc;

use portico::clock::Clock;
use portico::config::Env;
use portico::payments::{Payments, StripeWebhooks};
use portico::queue::Queue;
use portico::store::Table;
use portico::wiring::{Base, Ports, Wire};

/// Reads and postings: the table.
pub struct BillingDeps {
    pub table: Arc<dyn Table>,
}

impl Wire for BillingDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        BillingDeps { table: base.table(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        BillingDeps { table: ports.table() }
    }
}

/// Paying and refunding: the table and Stripe.
pub struct PayDeps {
    pub table: Arc<dyn Table>,
    pub payments: Arc<dyn Payments>,
}

impl Wire for PayDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        PayDeps { table: base.table(env), payments: base.payments(env) }
    }

    fn from_ports(ports: &Ports) -> Self {
        PayDeps { table: ports.table(), payments: Arc::clone(&ports.payments) }
    }
}

/// Stripe's webhook: its signing secrets, and the queue events go to.
pub struct StripeWebhookDeps {
    pub stripe: StripeWebhooks,
    pub queue: Arc<dyn Queue>,
}

impl Wire for StripeWebhookDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        StripeWebhookDeps { stripe: base.stripe_webhooks(env), queue: base.queue(env, &[portico::events::BILLING_QUEUE]) }
    }

    fn from_ports(ports: &Ports) -> Self {
        StripeWebhookDeps { stripe: ports.stripe.clone(), queue: Arc::clone(&ports.queue) }
    }
}

/// The billing worker: the table, the clock, and its queue (for deferrals).
pub struct WorkerDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub queue: Arc<dyn Queue>,
}

impl Wire for WorkerDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        WorkerDeps { table: base.table(env), clock: base.clock(), queue: base.queue(env, &[portico::events::BILLING_QUEUE]) }
    }

    fn from_ports(ports: &Ports) -> Self {
        WorkerDeps { table: ports.table(), clock: ports.clock(), queue: Arc::clone(&ports.queue) }
    }
}

/// The hourly autopay run: the table, Stripe and the clock.
pub struct AutopayDeps {
    pub table: Arc<dyn Table>,
    pub payments: Arc<dyn Payments>,
    pub clock: Arc<dyn Clock>,
}

impl Wire for AutopayDeps {
    fn from_env(env: &mut Env, base: &Base) -> Self {
        AutopayDeps { table: base.table(env), payments: base.payments(env), clock: base.clock() }
    }

    fn from_ports(ports: &Ports) -> Self {
        AutopayDeps { table: ports.table(), payments: Arc::clone(&ports.payments), clock: ports.clock() }
    }
}
