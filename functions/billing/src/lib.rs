//! Billing: the patient's ledger (integer minor units, append-only entries each with a unique source, a
//! summary kept in the same transaction), invoices, payments through each practice's own Stripe account,
//! Stripe's webhook and the worker that applies its events exactly once in any order, refunds, and
//! disputes with the non-clinical evidence a practice may send.

pub mod accounts;
pub mod api;
pub mod autopay;
pub mod deps;
pub mod endpoints;
mod errors;
pub mod evidence;
pub mod functions;
pub mod handlers;
pub mod keys;
pub mod ledger;
pub mod model;
pub mod pay;
pub mod refunds;
pub mod routes;
pub mod screen;
pub mod statements;
pub mod stripe_events;

use portico::lambda::{Capability, Trigger, endpoint, scheduled, worker};

use endpoints::*;
use handlers::{portal, staff, webhook};

/// The billing capability, described once.
pub fn capability() -> Capability {
    Capability {
        name: "billing",
        endpoints: vec![
            endpoint::<PortalBillingGet>(),
            endpoint::<PortalPaymentsCreate>(),
            endpoint::<PortalPaymentsGet>(),
            endpoint::<PortalStatementsGet>(),
            endpoint::<PortalAutopaySetup>(),
            endpoint::<PortalAutopayPut>(),
            endpoint::<PortalAutopayDelete>(),
            endpoint::<StaffLedgerGet>(),
            endpoint::<StaffChargesCreate>(),
            endpoint::<StaffAdjustmentsCreate>(),
            endpoint::<StaffRefundsCreate>(),
            endpoint::<StaffDisputeEvidenceGet>(),
            endpoint::<StaffDisputeEvidenceSubmit>(),
            endpoint::<StaffBillingAccountGet>(),
            endpoint::<StaffBillingAccountPut>(),
            endpoint::<WebhookStripe>(),
        ],
        functions: vec![
            worker::<functions::WorkerBilling>(portico::events::BILLING_QUEUE),
            scheduled::<functions::AutopayRun>(Trigger::Schedule),
        ],
        key_prefixes: keys::KEY_PREFIXES,
        openapi: <BillingApi as utoipa::OpenApi>::openapi,
        limits: api::LIMITS,
    }
}

/// The OpenAPI description of this capability's routes.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    portal::billing,
    portal::pay,
    portal::payment,
    portal::statement,
    portal::autopay_setup,
    portal::autopay_put,
    portal::autopay_delete,
    staff::ledger,
    staff::charge,
    staff::adjust,
    staff::refund,
    staff::evidence_get,
    staff::evidence_send,
    staff::account_get,
    staff::account_put,
    webhook::stripe
))]
pub struct BillingApi;
