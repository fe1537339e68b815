//! What billing keeps: the practice's billing account, and for each patient a summary, ledger entries,
//! payments, refund requests and disputes. Money is always an integer count of the currency's minor
//! units (cents), in the practice's one currency.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use portico::ids::{InvoiceId, PatientId, PaymentId, PracticeId, RefundId};
use serde::{Deserialize, Serialize};

/// A practice's billing account: its Stripe connected account (direct charges), whether that account is
/// live, its currency, and the rules patients' payments follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub practice_id: PracticeId,
    /// `acct_…`: the practice's own Stripe account.
    pub stripe_account: String,
    /// Live or test mode: an event from the other mode changes nothing.
    pub livemode: bool,
    /// ISO 4217, lower case.
    pub currency: String,
    /// The least a patient may pay at once (minor units), unless it is all they owe.
    pub minimum_payment: i64,
    /// Whether patients may pay more than they owe (a credit for later charges).
    pub allow_prepayment: bool,
    /// The neutral name on card statements (never a specialty or a clinic type).
    pub statement_descriptor: String,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub version: u64,
}

/// What one invoice stands at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceBalance {
    /// The patient's invoice number (1, 2, …), for people to refer to.
    pub number: u32,
    /// Everything charged on it.
    pub charged: i64,
    /// What is still owed on it (charges less payments and credits, plus refunds).
    pub balance: i64,
    pub opened_at: DateTime<Utc>,
    /// What it is for: its first charge's description.
    #[serde(default)]
    pub description: Option<String>,
    /// Complete: nothing more is charged on it, and autopay may pay it.
    #[serde(default = "finalized_by_default")]
    pub finalized: bool,
}

fn finalized_by_default() -> bool {
    true
}

/// A patient's balance and each invoice's, kept in the transaction of every entry (one read for the
/// billing screen, and the condition that orders concurrent postings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub practice_id: PracticeId,
    pub patient_id: PatientId,
    pub currency: String,
    /// What the patient owes: the invoices' balances less unapplied credit. Negative is a credit.
    pub balance: i64,
    /// Paid beyond what was owed, not yet applied to an invoice.
    pub unapplied: i64,
    pub invoices: BTreeMap<InvoiceId, InvoiceBalance>,
    pub next_invoice: u32,
    /// Autopay stops for a patient with an open dispute.
    #[serde(default)]
    pub autopay_paused: bool,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub version: u64,
}

impl Summary {
    pub fn empty(practice: &PracticeId, patient: &PatientId, currency: &str, now: DateTime<Utc>) -> Self {
        Summary {
            practice_id: practice.clone(),
            patient_id: patient.clone(),
            currency: currency.to_string(),
            balance: 0,
            unapplied: 0,
            invoices: BTreeMap::new(),
            next_invoice: 1,
            autopay_paused: false,
            updated_at: now,
            version: 0,
        }
    }

    /// Open invoices, oldest first.
    pub fn open_invoices(&self) -> Vec<(&InvoiceId, &InvoiceBalance)> {
        let mut open: Vec<_> = self.invoices.iter().filter(|(_, i)| i.balance > 0).collect();
        open.sort_by_key(|(_, i)| i.number);
        open
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Charge,
    Adjustment,
    WriteOff,
    Payment,
    Refund,
    /// A refund that failed after it posted: its credit is taken back.
    RefundReversal,
    /// A disputed payment's amount, held while the dispute is open.
    DisputeHold,
    /// A dispute the practice won: the hold is released.
    DisputeRelease,
}

/// How an entry moved one invoice's balance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Allocation {
    #[schema(value_type = String)]
    pub invoice_id: InvoiceId,
    pub amount: i64,
}

/// One ledger entry: append-only, keyed by its unique source so the same fact never posts twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// What it stands for: a Portico id (`le_…`), a PaymentIntent (`pi_…`), a refund (`re_…`, and
    /// `re_…:failed` for its reversal), a dispute (`dp_…:hold`, `dp_…:release`).
    pub source: String,
    pub kind: EntryKind,
    /// The change to the balance: positive means more is owed.
    pub amount: i64,
    /// The change to each invoice's balance.
    pub allocations: Vec<Allocation>,
    /// The change to unapplied credit.
    #[serde(default)]
    pub unapplied: i64,
    /// What a charge or an adjustment was for, as staff wrote it (shown to the patient).
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub payment_id: Option<PaymentId>,
    #[serde(default)]
    pub refund_id: Option<RefundId>,
    /// Who posted it: `staff:<id>`, `patient`, `stripe`.
    pub posted_by: String,
    pub posted_at: DateTime<Utc>,
}

/// Where a payment stands. It moves forward only: `succeeded` is final, and a later attempt on the same
/// PaymentIntent may move `failed` on to `processing` or `succeeded`, never back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Created; waiting for the patient to confirm in the browser.
    RequiresPayment,
    /// The last attempt failed; the patient may try again.
    Failed,
    /// Confirmed; the bank has not answered yet.
    Processing,
    Succeeded,
    Canceled,
}

impl PaymentStatus {
    /// From a PaymentIntent's status.
    pub fn of_intent(status: &str) -> Self {
        match status {
            "processing" => PaymentStatus::Processing,
            "succeeded" => PaymentStatus::Succeeded,
            "canceled" => PaymentStatus::Canceled,
            _ => PaymentStatus::RequiresPayment,
        }
    }

    pub fn is_final(self) -> bool {
        matches!(self, PaymentStatus::Succeeded | PaymentStatus::Canceled)
    }
}

/// A patient's payment: made before its PaymentIntent, which it then names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    pub payment_id: PaymentId,
    pub practice_id: PracticeId,
    pub patient_id: PatientId,
    pub amount: i64,
    pub currency: String,
    /// The invoice it pays first, when the patient chose one.
    #[serde(default)]
    pub invoice_id: Option<InvoiceId>,
    pub stripe_account: String,
    /// Absent (not null) until named: it is set once, under "missing".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_intent: Option<String>,
    pub status: PaymentStatus,
    /// When the status last changed, by the event that changed it (events apply in any order).
    #[serde(default)]
    pub status_at: Option<DateTime<Utc>>,
    /// Stripe's decline code of the last failure (never its message).
    #[serde(default)]
    pub failure_code: Option<String>,
    /// Refunded, or asked for and not failed: what is left to refund is `amount` less this.
    #[serde(default)]
    pub refunded: i64,
    /// Who paid: the patient, or the person acting for them (`proxy:<person>`), or `autopay`.
    pub paid_by: String,
    /// For an autopay charge, the authorization it was made under (kept with the payment: a later
    /// enrolment replaces the autopay's own record).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization: Option<Authorization>,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub succeeded_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub version: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RefundReason {
    /// The patient paid twice.
    Duplicate,
    /// The patient paid more than they owed.
    Overpayment,
    /// The charge was lowered or removed.
    ChargeReduced,
    /// The patient asked.
    RequestedByPatient,
}

impl RefundReason {
    /// Stripe's nearest reason (Stripe sees no more than that).
    pub fn stripe(self) -> Option<&'static str> {
        match self {
            RefundReason::Duplicate => Some("duplicate"),
            RefundReason::RequestedByPatient => Some("requested_by_customer"),
            RefundReason::Overpayment | RefundReason::ChargeReduced => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RefundStatus {
    /// Asked of Stripe; not yet confirmed by its event.
    Requested,
    /// Stripe did not answer: nothing is held for it, and nothing is refunded unless Stripe reports the
    /// refund later. Sending the same request again (the same key) asks again.
    Unsent,
    Pending,
    Succeeded,
    Failed,
}

/// A refund the practice asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundRequest {
    pub refund_id: RefundId,
    pub payment_id: PaymentId,
    pub amount: i64,
    pub reason: RefundReason,
    /// Lower the invoices by the same amount when the refund posts (the charge was too high).
    pub adjust: bool,
    /// Absent (not null) until named: it is set once, under "missing".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stripe_refund: Option<String>,
    pub status: RefundStatus,
    pub requested_by: String,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub version: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DisputeStatus {
    /// Open: evidence is due.
    NeedsResponse,
    UnderReview,
    Won,
    Lost,
    /// An inquiry closed without becoming a dispute.
    Closed,
}

/// A cardholder's dispute of a payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispute {
    /// Stripe's dispute id (`dp_…`).
    pub dispute_id: String,
    pub payment_id: PaymentId,
    pub amount: i64,
    /// Stripe's reason code (`fraudulent`, `duplicate`, …).
    pub reason: String,
    pub status: DisputeStatus,
    #[serde(default)]
    pub evidence_due_by: Option<DateTime<Utc>>,
    pub opened_at: DateTime<Utc>,
    #[serde(default)]
    pub status_at: Option<DateTime<Utc>>,
    /// The practice's answer, once staff send one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceSent>,
}

/// What staff may choose to tell the card network about a disputed payment: non-clinical facts only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceSection {
    /// When the patient arrived for visits and when the visits ended (times only).
    Attendance,
    /// The financial policy (and an autopay authorization) the patient accepted: versions and times.
    FinancialPolicy,
    /// How many messages went each way through the portal, and when (never their words or subjects).
    Communication,
    /// The patient's sign-ins to the portal.
    PortalActivity,
}

impl EvidenceSection {
    pub const ALL: [EvidenceSection; 4] =
        [EvidenceSection::Attendance, EvidenceSection::FinancialPolicy, EvidenceSection::Communication, EvidenceSection::PortalActivity];
}

/// Where a dispute's evidence stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceState {
    /// Being sent to Stripe now.
    Sending,
    /// Stripe has it and sent it to the card network: it cannot be changed.
    Sent,
    /// Stripe did not answer: nothing was submitted; sending again asks again.
    Unsent,
}

/// The evidence staff sent (or tried to send) for a dispute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceSent {
    pub sections: Vec<EvidenceSection>,
    pub state: EvidenceState,
    /// `staff:<id>`.
    pub by: String,
    pub at: DateTime<Utc>,
    /// Which send this is (each new send after an unsent one is a new request to Stripe).
    #[serde(default)]
    pub attempt: u32,
}

/// The autopay consent a charge was made under: which words, when, and who agreed (`patient`, or
/// `proxy:<person>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorization {
    pub consent_version: String,
    pub consented_at: DateTime<Utc>,
    pub consented_by: String,
}
