//! The payments port (ARCHITECTURE §4): Stripe in both places. [`StripePayments`] speaks Stripe's REST
//! API (form-encoded, the API version pinned, `Idempotency-Key` on every create, `Stripe-Account` for the
//! practice's connected account); the local gateway points the same adapter at a stand-in that keeps
//! Stripe's PaymentIntent and Refund state machines. [`signature`] checks and makes `Stripe-Signature`.
//!
//! Nothing about care reaches Stripe: the port's types have no field that could carry a name, a date of
//! birth, a diagnosis or a visit. Metadata holds opaque ids only, the description is fixed, and Stripe's
//! own receipts stay off (Portico sends a PHI-free receipt through the send gate).

pub mod signature;
mod stripe;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

pub use signature::StripeWebhooks;
pub use stripe::{STRIPE_API_VERSION, StripeConfig, StripePayments, Unconfigured};

/// The one description every PaymentIntent carries: neutral, the same for every patient.
pub const DESCRIPTION: &str = "Account payment";

/// Opaque ids only: which practice, patient and Portico record a Stripe object belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub practice_id: String,
    pub patient_id: String,
    /// The Portico record (a payment or a refund request).
    pub record_id: String,
}

impl Metadata {
    fn pairs(&self) -> [(&'static str, &str); 3] {
        [("practice_id", &self.practice_id), ("patient_id", &self.patient_id), ("record_id", &self.record_id)]
    }
}

/// A PaymentIntent to create on a connected account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPaymentIntent {
    /// Minor units (cents).
    pub amount: i64,
    /// ISO 4217, lower case (`usd`).
    pub currency: String,
    pub metadata: Metadata,
    /// The practice's neutral name on the card statement (Stripe joins it to the account's prefix).
    pub statement_descriptor_suffix: Option<String>,
    /// Charged now with a saved card, the patient not present (autopay); `None`: the browser confirms.
    pub off_session: Option<OffSession>,
}

/// A saved card to charge without the patient present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffSession {
    pub customer: String,
    pub payment_method: String,
}

/// Saving a card for later (autopay): the browser confirms it with Stripe.js.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupIntent {
    pub id: String,
    /// `requires_payment_method`, `requires_confirmation`, `requires_action`, `processing`, `canceled`,
    /// `succeeded`.
    pub status: String,
    #[serde(default)]
    pub client_secret: Option<String>,
    #[serde(default)]
    pub customer: Option<String>,
    #[serde(default)]
    pub payment_method: Option<String>,
}

/// A PaymentIntent as Stripe answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentIntent {
    pub id: String,
    /// `requires_payment_method`, `requires_confirmation`, `requires_action`, `processing`,
    /// `succeeded`, `canceled`.
    pub status: String,
    pub amount: i64,
    pub currency: String,
    /// What the browser confirms with (Stripe.js); never stored.
    #[serde(default)]
    pub client_secret: Option<String>,
    #[serde(default)]
    pub livemode: bool,
}

/// A refund to create on a connected account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRefund {
    pub payment_intent: String,
    pub amount: i64,
    /// Stripe's own reasons only (`duplicate`, `requested_by_customer`); the practice's reason stays in
    /// Portico.
    pub reason: Option<&'static str>,
    pub metadata: Metadata,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    pub id: String,
    /// `pending`, `requires_action`, `succeeded`, `failed`, `canceled`.
    pub status: String,
    pub amount: i64,
    #[serde(default)]
    pub payment_intent: Option<String>,
}

/// A practice's answer to a dispute: the evidence fields Portico fills, each plain text made only of
/// dates, times, counts and document versions (billing's `evidence` module writes them), never a
/// name, a contact, an appointment's kind or anything clinical. Sent with `submit=true`: Stripe forwards it
/// to the card network and it cannot be changed afterwards.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisputeEvidence {
    /// The last appointment the payment was for (`YYYY-MM-DD`).
    pub service_date: Option<String>,
    /// Portal sign-ins and the payment itself, one per line.
    pub access_activity_log: Option<String>,
    /// The financial policy (and any autopay authorization) the patient accepted, and when.
    pub refund_policy_disclosure: Option<String>,
    /// Attendance times and communication counts, one per line.
    pub uncategorized_text: Option<String>,
}

/// The neutral words Stripe shows the card network for what was bought, the same for every practice.
pub const PRODUCT_DESCRIPTION: &str = "Professional services provided by the practice, billed after each appointment.";

impl DisputeEvidence {
    /// The form fields of the update (the product description is always the neutral one).
    pub fn form(&self) -> Vec<(String, String)> {
        let mut form = vec![("evidence[product_description]".to_string(), PRODUCT_DESCRIPTION.to_string())];
        let fields = [
            ("service_date", &self.service_date),
            ("access_activity_log", &self.access_activity_log),
            ("refund_policy_disclosure", &self.refund_policy_disclosure),
            ("uncategorized_text", &self.uncategorized_text),
        ];
        for (name, value) in fields {
            if let Some(value) = value {
                form.push((format!("evidence[{name}]"), value.clone()));
            }
        }
        form.push(("submit".to_string(), "true".to_string()));
        form
    }
}

/// A dispute as Stripe answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeAnswer {
    pub id: String,
    /// `warning_needs_response`, `warning_under_review`, `warning_closed`, `needs_response`,
    /// `under_review`, `won`, `lost`.
    pub status: String,
    #[serde(default)]
    pub evidence_details: EvidenceDetails,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceDetails {
    /// How many times evidence was submitted (0 or 1: submitting is final).
    #[serde(default)]
    pub submission_count: i64,
}

impl DisputeAnswer {
    /// Whether the card network has the practice's evidence.
    pub fn submitted(&self) -> bool {
        self.evidence_details.submission_count > 0
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PaymentsError {
    /// Stripe refused the request (a 4xx): its error type and code, never a message with data in it.
    #[error("refused by the payment provider: {kind} {code}")]
    Refused { kind: String, code: String },
    /// A card payment was declined or needs the cardholder (an off-session charge): Stripe's code
    /// (`card_declined`, `authentication_required`, …).
    #[error("card declined: {0}")]
    Declined(String),
    /// The same `Idempotency-Key` with different parameters.
    #[error("idempotency key reused with other parameters")]
    KeyReused,
    #[error("no such object")]
    NotFound,
    /// Another request with the same idempotency key is still being handled by Stripe: its answer
    /// will be the answer; nothing is decided yet.
    #[error("a request with the same key is in flight")]
    InFlight,
    /// Network, timeouts, 5xx, 429: the caller may try again (with the same idempotency key).
    #[error("payment provider unavailable: {0}")]
    Unavailable(String),
}

#[async_trait]
pub trait Payments: Send + Sync {
    /// Creates (or, for a key Stripe still remembers, returns again) a PaymentIntent on `account`.
    async fn create_payment_intent(&self, account: &str, new: &NewPaymentIntent, key: &str) -> Result<PaymentIntent, PaymentsError>;
    async fn payment_intent(&self, account: &str, id: &str) -> Result<PaymentIntent, PaymentsError>;
    /// Cancels a PaymentIntent nobody has paid yet (it can no longer be confirmed). Stripe refuses
    /// (`Refused`) once it is processing or succeeded.
    async fn cancel_payment_intent(&self, account: &str, id: &str) -> Result<PaymentIntent, PaymentsError>;
    /// Creates (or returns again, for the same key) a customer on `account` that holds saved cards: no
    /// name, no email, opaque ids only.
    async fn create_customer(&self, account: &str, metadata: &Metadata, key: &str) -> Result<String, PaymentsError>;
    /// Starts saving a card for off-session use by `customer`.
    async fn create_setup_intent(
        &self,
        account: &str,
        customer: &str,
        metadata: &Metadata,
        key: &str,
    ) -> Result<SetupIntent, PaymentsError>;
    async fn setup_intent(&self, account: &str, id: &str) -> Result<SetupIntent, PaymentsError>;
    /// Creates (or returns again, for the same key) a refund of part or all of a PaymentIntent.
    async fn create_refund(&self, account: &str, new: &NewRefund, key: &str) -> Result<Refund, PaymentsError>;
    /// Submits the practice's evidence for a dispute (final: Stripe sends it to the card network).
    async fn submit_dispute_evidence(
        &self,
        account: &str,
        dispute: &str,
        evidence: &DisputeEvidence,
        key: &str,
    ) -> Result<DisputeAnswer, PaymentsError>;
    /// A dispute as Stripe has it (whether evidence was submitted, after an answer that was lost).
    async fn dispute(&self, account: &str, id: &str) -> Result<DisputeAnswer, PaymentsError>;
    /// The publishable key the browser's Stripe.js is started with.
    fn publishable_key(&self) -> &str;
    /// Where the browser loads Stripe.js from.
    fn js_url(&self) -> &str;
}

/// Stripe.js, from Stripe (never self-hosted: Stripe requires it for PCI scope).
pub const STRIPE_JS_URL: &str = "https://js.stripe.com/v3/";
