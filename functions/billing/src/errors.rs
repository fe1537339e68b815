//! How billing's errors read over HTTP: the one place they map to problem documents.

use portico::http::{ApiError, FieldError};
use portico::payments::PaymentsError;

use crate::accounts::AccountError;
use crate::autopay::AutopayError;
use crate::evidence::EvidenceError;
use crate::ledger::LedgerError;
use crate::pay::PayError;
use crate::refunds::RefundError;

fn unprocessable(detail: &str, field: &str, why: &str) -> ApiError {
    ApiError::Unprocessable { detail: detail.into(), errors: vec![FieldError::new(field, why)] }
}

/// A refusal whose field error says which reason it was, as a code the apps word.
fn unprocessable_because(detail: &str, field: &str, code: &'static str, why: &str) -> ApiError {
    ApiError::Unprocessable { detail: detail.into(), errors: vec![FieldError::coded(field, code, why)] }
}

fn provider(e: PaymentsError) -> ApiError {
    match e {
        PaymentsError::Refused { .. } => ApiError::Conflict("The card processor refused this. Nothing was charged or refunded."),
        PaymentsError::Declined(_) => ApiError::Conflict("The card was declined. Nothing was charged."),
        PaymentsError::KeyReused => ApiError::Conflict("This request was already made with other details."),
        PaymentsError::NotFound => ApiError::NotFound,
        PaymentsError::InFlight => {
            ApiError::ProviderUnavailable("This request is already being made. Please wait a moment and check again.")
        }
        PaymentsError::Unavailable(_) => {
            ApiError::ProviderUnavailable("The card processor did not answer. Nothing was charged or refunded; please try again.")
        }
    }
}

impl From<PayError> for ApiError {
    fn from(e: PayError) -> Self {
        match e {
            PayError::Amount(why) => unprocessable("That amount cannot be paid now.", "amount", why),
            PayError::BalanceChanged => {
                ApiError::Conflict("Your balance changed since this payment was started. Please start a new payment.")
            }
            PayError::Replaced => ApiError::Conflict("A newer payment replaced this one. Please start again."),
            PayError::NoInvoice => unprocessable("There is no such invoice to pay.", "invoice_id", "is not one of your invoices"),
            PayError::NotEnabled => ApiError::Forbidden("This practice does not take payments in the portal yet."),
            PayError::KeyReused => {
                unprocessable("This Idempotency-Key was used for a different payment.", "Idempotency-Key", "was used with another body")
            }
            PayError::Provider(e) => provider(e),
            PayError::Store(e) => e.into(),
        }
    }
}

impl From<RefundError> for ApiError {
    fn from(e: RefundError) -> Self {
        match e {
            RefundError::Amount(why) => unprocessable("That amount cannot be refunded.", "amount", why),
            RefundError::NoPayment => ApiError::NotFound,
            RefundError::NotRefundable => ApiError::Conflict("Only a completed payment can be refunded."),
            RefundError::KeyReused => {
                unprocessable("This Idempotency-Key was used for a different refund.", "Idempotency-Key", "was used with another body")
            }
            RefundError::Provider(e) => provider(e),
            RefundError::Store(e) => e.into(),
        }
    }
}

impl From<LedgerError> for ApiError {
    fn from(e: LedgerError) -> Self {
        match e {
            LedgerError::NoInvoice => unprocessable_because(
                "There is no such invoice for this patient.",
                "invoice_id",
                "not_found",
                "is not this patient's invoice",
            ),
            LedgerError::BelowZero => {
                unprocessable("That would take the invoice below zero.", "amount", "is more than the invoice's balance")
            }
            LedgerError::KeyReused => {
                unprocessable("This Idempotency-Key was used for a different posting.", "Idempotency-Key", "was used with another body")
            }
            LedgerError::InvoiceFinal => {
                unprocessable_because("That invoice is final. Post the charge on a new invoice.", "invoice_id", "final", "is final")
            }
            LedgerError::NotPositive => unprocessable("That amount cannot be posted.", "amount", "must not be zero"),
            LedgerError::Store(e) => ApiError::Internal(e.into()),
        }
    }
}

impl From<AccountError> for ApiError {
    fn from(e: AccountError) -> Self {
        match e {
            AccountError::Taken => unprocessable("That Stripe account belongs to another practice.", "stripe_account", "is taken"),
            AccountError::Changed => ApiError::Conflict("The billing account changed meanwhile. Reload and try again."),
            AccountError::Store(e) => e.into(),
        }
    }
}

impl From<AutopayError> for ApiError {
    fn from(e: AutopayError) -> Self {
        match e {
            AutopayError::NotSaved => unprocessable_because(
                "The card was not saved. Please try again.",
                "setup_intent_id",
                "not_saved",
                "is not a saved card of yours",
            ),
            AutopayError::Processing => unprocessable_because(
                "Your bank has not confirmed this account yet. Autopay can be turned on once it has.",
                "setup_intent_id",
                "processing",
                "is still being confirmed by the bank",
            ),
            AutopayError::NoConsent => unprocessable("Autopay needs your consent.", "consent", "must be true"),
            AutopayError::ConsentChanged => unprocessable_because(
                "The autopay terms changed since you read them. Please read them again before you agree.",
                "consent_version",
                "not_current",
                "is not the current version of the terms",
            ),
            AutopayError::Cap => unprocessable("Choose a limit between $0.01 and $100,000.", "cap", "must be 1 to 10000000"),
            AutopayError::Provider(e) => provider(e),
            AutopayError::Store(e) => e.into(),
        }
    }
}

impl From<EvidenceError> for ApiError {
    fn from(e: EvidenceError) -> Self {
        match e {
            EvidenceError::NotFound => ApiError::NotFound,
            EvidenceError::NotOpen => ApiError::Conflict("This dispute is no longer waiting for evidence."),
            EvidenceError::PastDue => ApiError::Conflict("Stripe's deadline for evidence has passed."),
            EvidenceError::AlreadySent => ApiError::Conflict("Evidence for this dispute was sent; it cannot be changed."),
            EvidenceError::InFlight => ApiError::Conflict("Evidence for this dispute is being sent now. Reload in a minute."),
            EvidenceError::Empty(_) => unprocessable_because(
                "A section you chose has nothing to send.",
                "sections",
                "empty",
                "includes a section with nothing in it",
            ),
            EvidenceError::Provider(PaymentsError::Refused { .. }) => {
                ApiError::Conflict("Stripe refused the evidence. Nothing was submitted; check the dispute in Stripe.")
            }
            EvidenceError::Provider(e) => provider(e),
            EvidenceError::Store(e) => e.into(),
        }
    }
}
