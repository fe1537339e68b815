//! The billing capability's routes, declared once.

use portico::directory::Role;
use portico::http::{Access, AuditAction, Route};

const fn audit(action: &'static str, object: &'static str) -> Option<AuditAction> {
    Some(AuditAction { action, object })
}

const fn patient(method: &'static str, path: &'static str, function: &'static str, action: &'static str, object: &'static str) -> Route {
    Route { method, path, function, access: Access::Patient, audit: audit(action, object) }
}

const fn staff(
    method: &'static str,
    path: &'static str,
    function: &'static str,
    roles: &'static [Role],
    action: &'static str,
    object: &'static str,
) -> Route {
    Route { method, path, function, access: Access::Staff(roles), audit: audit(action, object) }
}

/// Who works a patient's ledger: billing staff and administrators (minimum necessary: clinicians and
/// the front desk do not see what patients owe or paid).
pub const BILLERS: &[Role] = &[Role::Admin, Role::Billing];
/// Who sets the practice's Stripe account: administrators.
pub const ADMINS: &[Role] = &[Role::Admin];

pub const PORTAL_BILLING_GET: Route = patient("GET", "/portal/billing", "portal-billing-get", "billing.summary.read", "billing");
pub const PORTAL_PAYMENTS_CREATE: Route =
    patient("POST", "/portal/billing/payments", "portal-payments-create", "billing.payment.create", "payment");
pub const PORTAL_PAYMENTS_GET: Route =
    patient("GET", "/portal/billing/payments/{id}", "portal-payments-get", "billing.payment.read", "payment");
pub const PORTAL_STATEMENTS_GET: Route =
    patient("GET", "/portal/billing/statements/{month}", "portal-statements-get", "billing.statement.read", "statement");
pub const PORTAL_AUTOPAY_SETUP: Route =
    patient("POST", "/portal/billing/autopay/setup", "portal-autopay-setup", "billing.autopay.setup", "autopay");
pub const PORTAL_AUTOPAY_PUT: Route = patient("PUT", "/portal/billing/autopay", "portal-autopay-put", "billing.autopay.enroll", "autopay");
pub const PORTAL_AUTOPAY_DELETE: Route =
    patient("DELETE", "/portal/billing/autopay", "portal-autopay-delete", "billing.autopay.off", "autopay");
pub const STAFF_LEDGER_GET: Route =
    staff("GET", "/staff/patients/{id}/ledger", "staff-ledger-get", BILLERS, "billing.ledger.read", "ledger");
pub const STAFF_CHARGES_CREATE: Route =
    staff("POST", "/staff/patients/{id}/ledger/charges", "staff-charges-create", BILLERS, "billing.charge.create", "entry");
pub const STAFF_ADJUSTMENTS_CREATE: Route =
    staff("POST", "/staff/patients/{id}/ledger/adjustments", "staff-adjustments-create", BILLERS, "billing.adjustment.create", "entry");
pub const STAFF_REFUNDS_CREATE: Route =
    staff("POST", "/staff/patients/{id}/ledger/refunds", "staff-refunds-create", BILLERS, "billing.refund.create", "refund");
pub const STAFF_DISPUTE_EVIDENCE_GET: Route = staff(
    "GET",
    "/staff/patients/{id}/ledger/disputes/{dispute_id}/evidence",
    "staff-dispute-evidence-get",
    BILLERS,
    "billing.dispute.evidence.read",
    "dispute",
);
pub const STAFF_DISPUTE_EVIDENCE_SUBMIT: Route = staff(
    "POST",
    "/staff/patients/{id}/ledger/disputes/{dispute_id}/evidence",
    "staff-dispute-evidence-submit",
    BILLERS,
    "billing.dispute.evidence.submit",
    "dispute",
);
pub const STAFF_BILLING_ACCOUNT_GET: Route =
    staff("GET", "/staff/billing/account", "staff-billing-account-get", BILLERS, "billing.account.read", "billing_account");
pub const STAFF_BILLING_ACCOUNT_PUT: Route =
    staff("PUT", "/staff/billing/account", "staff-billing-account-put", ADMINS, "billing.account.update", "billing_account");
pub const WEBHOOK_STRIPE: Route = Route {
    method: "POST",
    path: "/webhooks/stripe",
    function: "webhook-stripe",
    access: Access::Webhook,
    audit: audit("billing.stripe.event", "stripe_event"),
};
