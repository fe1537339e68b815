//! The wire shapes of billing's routes. Amounts are integers in the currency's minor units (cents);
//! a request's amount is read as any JSON number so that 1.5 is refused as an amount (422), not as
//! unreadable JSON.

use chrono::{DateTime, Utc};
use portico::http::openapi::{Constraint, Limit};
use portico::ids::{InvoiceId, PaymentId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::evidence::PaidBy;
use crate::model::{
    Account, Allocation, Dispute, DisputeStatus, Entry, EntryKind, EvidenceSection, EvidenceSent, EvidenceState, Payment, PaymentStatus,
    RefundReason, RefundRequest, RefundStatus, Summary,
};

/// Longest description of a charge or an adjustment.
pub const MAX_DESCRIPTION: usize = 200;

/// Limits the API document states for the web apps.
pub const LIMITS: &[Limit] = &[
    Limit::new("ChargeRequest", "description", Constraint::MaxLength(MAX_DESCRIPTION)),
    Limit::new("ChargeRequest", "description", Constraint::MinLength(1)),
    Limit::new("AdjustmentRequest", "description", Constraint::MaxLength(MAX_DESCRIPTION)),
    Limit::new("AdjustmentRequest", "description", Constraint::MinLength(1)),
    Limit::new("PayRequest", "invoice_id", Constraint::Pattern(InvoiceId::PATTERN)),
    Limit::new("RefundBody", "payment_id", Constraint::Pattern(PaymentId::PATTERN)),
    Limit::new("AccountUpdate", "stripe_account", Constraint::Pattern(ACCOUNT_PATTERN)),
    Limit::new("AccountUpdate", "currency", Constraint::Pattern("^[a-z]{3}$")),
    Limit::new("AccountUpdate", "statement_descriptor", Constraint::Pattern(DESCRIPTOR_PATTERN)),
];

pub const ACCOUNT_PATTERN: &str = "^acct_[A-Za-z0-9]{1,64}$";
/// Stripe's rule for a descriptor suffix: letters, digits, spaces and `.-`, at most 22.
pub const DESCRIPTOR_PATTERN: &str = "^[A-Za-z0-9 .-]{2,22}$";

/// One invoice: what was charged on it and what is still owed.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceView {
    pub invoice_id: String,
    pub number: u32,
    pub charged: i64,
    pub balance: i64,
    pub opened_at: DateTime<Utc>,
    /// What it is for (its first charge's description).
    pub description: Option<String>,
    /// Complete: no more charges on it; autopay may pay it.
    pub finalized: bool,
}

/// One ledger entry, as the patient and staff see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryView {
    /// The entry's unique source (a Portico id or a Stripe object's id).
    pub entry_id: String,
    pub kind: EntryKind,
    /// The change to the balance (positive: more is owed).
    pub amount: i64,
    pub allocations: Vec<Allocation>,
    pub description: Option<String>,
    pub payment_id: Option<String>,
    pub posted_at: DateTime<Utc>,
}

impl From<&Entry> for EntryView {
    fn from(e: &Entry) -> Self {
        EntryView {
            entry_id: e.source.clone(),
            kind: e.kind,
            amount: e.amount,
            allocations: e.allocations.clone(),
            description: e.description.clone(),
            payment_id: e.payment_id.as_ref().map(ToString::to_string),
            posted_at: e.posted_at,
        }
    }
}

/// A payment and where it stands (`processing` until Stripe's event posts it).
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentView {
    pub payment_id: String,
    pub amount: i64,
    pub currency: String,
    pub invoice_id: Option<String>,
    pub status: PaymentStatus,
    /// Stripe's decline code of the last failure, for a message (`card_declined`, `insufficient_funds`).
    pub failure_code: Option<String>,
    /// Refunded or being refunded (a refund Stripe did not answer, `unsent`, is not counted).
    pub refunded: i64,
    pub created_at: DateTime<Utc>,
    pub succeeded_at: Option<DateTime<Utc>>,
}

impl From<&Payment> for PaymentView {
    fn from(p: &Payment) -> Self {
        PaymentView {
            payment_id: p.payment_id.to_string(),
            amount: p.amount,
            currency: p.currency.clone(),
            invoice_id: p.invoice_id.as_ref().map(ToString::to_string),
            status: p.status,
            failure_code: p.failure_code.clone(),
            refunded: p.refunded,
            created_at: p.created_at,
            succeeded_at: p.succeeded_at,
        }
    }
}

/// How patients may pay this practice.
#[derive(Debug, Serialize, ToSchema)]
pub struct PayRules {
    /// Whether the practice takes payments in the portal.
    pub enabled: bool,
    pub minimum_payment: i64,
    pub allow_prepayment: bool,
}

/// The patient's billing screen: balance, invoices, the ledger, payments.
#[derive(Debug, Serialize, ToSchema)]
pub struct BillingView {
    pub currency: String,
    /// What is owed now (negative: a credit).
    pub balance: i64,
    /// Credit not yet applied to an invoice.
    pub unapplied: i64,
    /// Newest first.
    pub invoices: Vec<InvoiceView>,
    /// Newest first.
    pub entries: Vec<EntryView>,
    /// Newest first.
    pub payments: Vec<PaymentView>,
    pub pay: PayRules,
    /// The months with a statement (`YYYY-MM`, in the practice's zone), newest first.
    pub statement_months: Vec<String>,
    /// Autopay, when the patient ever set it up.
    pub autopay: Option<AutopayView>,
}

/// A patient's autopay.
#[derive(Debug, Serialize, ToSchema)]
pub struct AutopayView {
    pub active: bool,
    /// The most it charges at once (minor units).
    pub cap: i64,
    pub consented_at: DateTime<Utc>,
    pub consent_version: String,
    /// What the last run did.
    pub last_outcome: Option<crate::autopay::RunOutcome>,
    /// When the last run did it.
    pub last_run_at: Option<DateTime<Utc>>,
    /// What the last run charged (minor units); null when it charged nothing.
    pub last_amount: Option<i64>,
    /// When the run next looks at what is owed (in the practice's early hours); null while autopay is
    /// off or paused.
    pub next_run_at: Option<DateTime<Utc>>,
    /// Paused while a dispute is open.
    pub paused: bool,
}

impl AutopayView {
    pub fn of(a: &crate::autopay::Autopay, paused: bool, zone: chrono_tz::Tz, now: DateTime<Utc>) -> Self {
        AutopayView {
            active: a.active,
            cap: a.cap,
            consented_at: a.consented_at,
            consent_version: a.consent_version.clone(),
            last_outcome: a.last_outcome,
            last_run_at: a.last_run_at,
            last_amount: a.last_amount,
            next_run_at: crate::autopay::next_run(a, paused, zone, now),
            paused,
        }
    }
}

/// Turn autopay on with the card a confirmed SetupIntent saved.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AutopayRequest {
    /// The SetupIntent the browser confirmed (`seti_…`).
    pub setup_intent_id: String,
    /// The most autopay may charge at once (minor units, 1 to 10,000,000).
    #[schema(value_type = i64, minimum = 1, maximum = 10_000_000)]
    pub cap: serde_json::Number,
    /// The patient agrees that finalized invoices up to the cap are charged to this card each month.
    pub consent: bool,
    /// The version of the consent's words the patient was shown (`AutopaySetup.consent_version`); a
    /// version that is no longer current is refused (422, code `not_current`) and nothing is turned on.
    pub consent_version: String,
}

/// What the browser saves a card with (Stripe.js `confirmSetup`).
#[derive(Debug, Serialize, ToSchema)]
pub struct AutopaySetup {
    pub client_secret: String,
    pub publishable_key: String,
    pub stripe_account: String,
    pub js_url: String,
    /// The consent the patient is asked for, by version: send it back in `AutopayRequest`.
    pub consent_version: String,
    /// That version's words, to show beside the box the patient checks.
    pub consent_text: ConsentText,
}

/// A consent's words in each language the portal speaks.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentText {
    pub en: String,
    pub es: String,
}

/// A refund the practice asked for.
#[derive(Debug, Serialize, ToSchema)]
pub struct RefundView {
    pub refund_id: String,
    pub payment_id: String,
    pub amount: i64,
    pub reason: RefundReason,
    pub adjust: bool,
    pub status: RefundStatus,
    pub created_at: DateTime<Utc>,
}

impl From<&RefundRequest> for RefundView {
    fn from(r: &RefundRequest) -> Self {
        RefundView {
            refund_id: r.refund_id.to_string(),
            payment_id: r.payment_id.to_string(),
            amount: r.amount,
            reason: r.reason,
            adjust: r.adjust,
            status: r.status,
            created_at: r.created_at,
        }
    }
}

/// A dispute of a payment.
#[derive(Debug, Serialize, ToSchema)]
pub struct DisputeView {
    pub dispute_id: String,
    pub payment_id: String,
    pub amount: i64,
    pub reason: String,
    pub status: DisputeStatus,
    pub evidence_due_by: Option<DateTime<Utc>>,
    pub opened_at: DateTime<Utc>,
    /// The evidence staff sent (or tried to send), once they have.
    pub evidence: Option<EvidenceSentView>,
}

/// Evidence staff sent for a dispute.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceSentView {
    pub sections: Vec<EvidenceSection>,
    /// `sent`: Stripe has it (final); `unsent`: Stripe did not answer, nothing was submitted; `sending`:
    /// under way.
    pub state: EvidenceState,
    /// `staff:<id>`.
    pub by: String,
    pub at: DateTime<Utc>,
}

impl From<&EvidenceSent> for EvidenceSentView {
    fn from(e: &EvidenceSent) -> Self {
        EvidenceSentView { sections: e.sections.clone(), state: e.state, by: e.by.clone(), at: e.at }
    }
}

/// One appointment the patient came to: times only (never what it was, or with whom).
#[derive(Debug, Serialize, ToSchema)]
pub struct VisitView {
    pub starts_at: DateTime<Utc>,
    /// When the practice checked the patient in.
    pub arrived_at: Option<DateTime<Utc>>,
    /// When the practice marked it completed.
    pub completed_at: Option<DateTime<Utc>>,
}

/// A document the patient accepted.
#[derive(Debug, Serialize, ToSchema)]
pub struct AcceptanceView {
    pub version: String,
    pub accepted_at: DateTime<Utc>,
    /// `patient`, `proxy` (someone acting for the patient) or `staff` (the practice recorded it).
    pub by: String,
    /// How an answer the practice recorded was given: `verbal` or `written`.
    pub method: Option<String>,
}

impl From<&crate::evidence::Acceptance> for AcceptanceView {
    fn from(a: &crate::evidence::Acceptance) -> Self {
        AcceptanceView { version: a.version.clone(), accepted_at: a.at, by: a.by.clone(), method: a.method.clone() }
    }
}

/// Text for one of Stripe's evidence fields.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceField {
    /// Stripe's field: `product_description`, `service_date`, `access_activity_log`,
    /// `refund_policy_disclosure` or `uncategorized_text`. Parts of one field are sent a blank line apart,
    /// in the order listed (what is always sent first, then the sections in their order).
    pub name: String,
    pub value: String,
}

fn fields(pairs: Vec<(&'static str, String)>) -> Vec<EvidenceField> {
    pairs.into_iter().map(|(name, value)| EvidenceField { name: name.to_string(), value }).collect()
}

/// Portal messages each way before the dispute (never their words or subjects).
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageCounts {
    pub from_patient: u32,
    pub from_practice: u32,
    pub first_at: Option<DateTime<Utc>>,
    pub last_at: Option<DateTime<Utc>>,
}

/// One section staff may choose, and exactly what it adds to what Stripe gets.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceSectionView {
    pub section: EvidenceSection,
    /// Whether there is anything to send in it.
    pub available: bool,
    pub fields: Vec<EvidenceField>,
}

/// What the practice may offer for a disputed payment: non-clinical facts only, and the exact text.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceView {
    pub dispute: DisputeView,
    /// Whether evidence can be sent now.
    pub can_send: bool,
    /// Why not: `not_open` (no longer waiting for evidence), `past_due` (Stripe's deadline passed),
    /// `sent` (final) or `sending` (under way).
    pub blocked: Option<String>,
    /// The practice's zone: the text's times are local to it.
    pub time_zone: String,
    pub paid_at: DateTime<Utc>,
    pub paid_by: PaidBy,
    /// What is sent whatever staff choose: the neutral description and the payment's line.
    pub always: Vec<EvidenceField>,
    /// Oldest first, the latest 20.
    pub visits: Vec<VisitView>,
    pub financial_policy: Option<AcceptanceView>,
    pub autopay: Option<AcceptanceView>,
    pub messages: MessageCounts,
    /// Oldest first, the latest 20.
    pub sign_ins: Vec<DateTime<Utc>>,
    pub sections: Vec<EvidenceSectionView>,
}

impl EvidenceView {
    pub fn new(found: &crate::evidence::Found, facts: &crate::evidence::Facts, now: DateTime<Utc>) -> Self {
        use crate::evidence::EvidenceError;
        let blocked = crate::evidence::sendable(&found.dispute, now).err().map(|e| {
            match e {
                EvidenceError::AlreadySent => "sent",
                EvidenceError::InFlight => "sending",
                EvidenceError::PastDue => "past_due",
                _ => "not_open",
            }
            .to_string()
        });
        EvidenceView {
            dispute: DisputeView::from(&found.dispute),
            can_send: blocked.is_none(),
            blocked,
            time_zone: facts.zone.name().to_string(),
            paid_at: facts.paid_at,
            paid_by: facts.paid_by,
            always: fields(facts.always()),
            visits: facts
                .visits
                .iter()
                .map(|v| VisitView { starts_at: v.starts_at, arrived_at: v.arrived_at, completed_at: v.completed_at })
                .collect(),
            financial_policy: facts.policy.as_ref().map(AcceptanceView::from),
            autopay: facts.autopay.as_ref().map(AcceptanceView::from),
            messages: MessageCounts {
                from_patient: facts.messages.from_patient,
                from_practice: facts.messages.from_practice,
                first_at: facts.messages.first_at,
                last_at: facts.messages.last_at,
            },
            sign_ins: facts.sign_ins.clone(),
            sections: EvidenceSection::ALL
                .iter()
                .map(|s| EvidenceSectionView { section: *s, available: facts.has(*s), fields: fields(facts.fields(*s)) })
                .collect(),
        }
    }
}

/// The sections of evidence to send (each must have something in it).
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRequest {
    #[schema(min_items = 1)]
    pub sections: Vec<EvidenceSection>,
}

impl From<&Dispute> for DisputeView {
    fn from(d: &Dispute) -> Self {
        DisputeView {
            dispute_id: d.dispute_id.clone(),
            payment_id: d.payment_id.to_string(),
            amount: d.amount,
            reason: d.reason.clone(),
            status: d.status,
            evidence_due_by: d.evidence_due_by,
            opened_at: d.opened_at,
            evidence: d.evidence.as_ref().map(EvidenceSentView::from),
        }
    }
}

/// A patient's ledger as billing staff see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerView {
    pub patient_id: String,
    #[serde(flatten)]
    pub billing: BillingView,
    pub refunds: Vec<RefundView>,
    pub disputes: Vec<DisputeView>,
}

/// Pay some or all of what is owed.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PayRequest {
    /// The invoice to pay first; without one, the oldest invoices are paid first.
    #[serde(default)]
    pub invoice_id: Option<String>,
    /// Minor units: a whole number, more than zero, at most what is owed (unless the practice takes
    /// prepayments), at least the practice's minimum unless it is all that is owed.
    #[schema(value_type = i64)]
    pub amount: serde_json::Number,
}

/// What the browser confirms the payment with (Stripe.js and its Payment Element).
#[derive(Debug, Serialize, ToSchema)]
pub struct PayStarted {
    pub payment: PaymentView,
    /// The PaymentIntent's client secret, for `stripe.confirmPayment`; absent once the payment is final.
    pub client_secret: Option<String>,
    pub publishable_key: String,
    /// The practice's connected account (Stripe.js's `stripeAccount` option).
    pub stripe_account: String,
    /// Where to load Stripe.js from.
    pub js_url: String,
}

/// Post a charge (a new invoice unless one is named).
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChargeRequest {
    #[serde(default)]
    pub invoice_id: Option<String>,
    #[schema(value_type = i64)]
    pub amount: serde_json::Number,
    /// What it is for, as the patient will read it.
    pub description: String,
    /// The invoice is complete (the default): nothing more is charged on it, and autopay may pay it.
    /// `false` keeps it open for more charges (the next charge on it may finalize it).
    #[serde(default)]
    pub finalize: Option<bool>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AdjustmentKind {
    Adjustment,
    WriteOff,
}

/// Adjust an invoice (negative lowers it) or write some of it off.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentRequest {
    pub invoice_id: String,
    pub kind: AdjustmentKind,
    /// Signed minor units; a write-off is negative.
    #[schema(value_type = i64)]
    pub amount: serde_json::Number,
    pub description: String,
}

/// Refund part or all of a payment.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundBody {
    pub payment_id: String,
    #[schema(value_type = i64)]
    pub amount: serde_json::Number,
    pub reason: RefundReason,
    /// Lower the invoices by the same amount when the refund posts (the charge was too high), so the
    /// patient does not owe it again.
    #[serde(default)]
    pub adjust: bool,
}

/// What a posting did: the entry's id and the summary after it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Posted {
    pub entry_id: String,
    pub invoice_id: String,
    pub balance: i64,
}

/// The practice's billing account, as administrators set it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountView {
    pub stripe_account: String,
    pub livemode: bool,
    pub currency: String,
    pub minimum_payment: i64,
    pub allow_prepayment: bool,
    pub statement_descriptor: String,
    pub updated_at: DateTime<Utc>,
}

impl From<&Account> for AccountView {
    fn from(a: &Account) -> Self {
        AccountView {
            stripe_account: a.stripe_account.clone(),
            livemode: a.livemode,
            currency: a.currency.clone(),
            minimum_payment: a.minimum_payment,
            allow_prepayment: a.allow_prepayment,
            statement_descriptor: a.statement_descriptor.clone(),
            updated_at: a.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountUpdate {
    pub stripe_account: String,
    pub livemode: bool,
    pub currency: String,
    pub minimum_payment: i64,
    pub allow_prepayment: bool,
    pub statement_descriptor: String,
}

/// A whole number of minor units from a JSON number (1.5 and 1e2 are not).
pub fn minor_units(n: &serde_json::Number) -> Option<i64> {
    n.as_i64()
}

/// The summary's invoices as views, newest first.
pub fn invoices(summary: Option<&Summary>) -> Vec<InvoiceView> {
    let mut found: Vec<InvoiceView> = summary
        .map(|s| {
            s.invoices
                .iter()
                .map(|(id, i)| InvoiceView {
                    invoice_id: id.to_string(),
                    number: i.number,
                    charged: i.charged,
                    balance: i.balance,
                    opened_at: i.opened_at,
                    description: i.description.clone(),
                    finalized: i.finalized,
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort_by_key(|i| std::cmp::Reverse(i.number));
    found
}
