//! Each billing route bound to its handler and what it uses: the type a binary names to serve it.

use portico::endpoint;

use crate::deps::{BillingDeps, PayDeps, StripeWebhookDeps};
use crate::handlers::{portal, staff, webhook};
use crate::routes;

endpoint!(PortalBillingGet, routes::PORTAL_BILLING_GET, BillingDeps, portal::billing);
endpoint!(PortalPaymentsCreate, routes::PORTAL_PAYMENTS_CREATE, PayDeps, portal::pay);
endpoint!(PortalPaymentsGet, routes::PORTAL_PAYMENTS_GET, BillingDeps, portal::payment);
endpoint!(PortalStatementsGet, routes::PORTAL_STATEMENTS_GET, BillingDeps, portal::statement);
endpoint!(PortalAutopaySetup, routes::PORTAL_AUTOPAY_SETUP, PayDeps, portal::autopay_setup);
endpoint!(PortalAutopayPut, routes::PORTAL_AUTOPAY_PUT, PayDeps, portal::autopay_put);
endpoint!(PortalAutopayDelete, routes::PORTAL_AUTOPAY_DELETE, BillingDeps, portal::autopay_delete);
endpoint!(StaffLedgerGet, routes::STAFF_LEDGER_GET, BillingDeps, staff::ledger);
endpoint!(StaffChargesCreate, routes::STAFF_CHARGES_CREATE, BillingDeps, staff::charge);
endpoint!(StaffAdjustmentsCreate, routes::STAFF_ADJUSTMENTS_CREATE, BillingDeps, staff::adjust);
endpoint!(StaffRefundsCreate, routes::STAFF_REFUNDS_CREATE, PayDeps, staff::refund);
endpoint!(StaffDisputeEvidenceGet, routes::STAFF_DISPUTE_EVIDENCE_GET, BillingDeps, staff::evidence_get);
endpoint!(StaffDisputeEvidenceSubmit, routes::STAFF_DISPUTE_EVIDENCE_SUBMIT, PayDeps, staff::evidence_send);
endpoint!(StaffBillingAccountGet, routes::STAFF_BILLING_ACCOUNT_GET, BillingDeps, staff::account_get);
endpoint!(StaffBillingAccountPut, routes::STAFF_BILLING_ACCOUNT_PUT, BillingDeps, staff::account_put);
endpoint!(WebhookStripe, routes::WEBHOOK_STRIPE, StripeWebhookDeps, webhook::stripe);
