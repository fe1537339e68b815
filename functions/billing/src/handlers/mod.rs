//! Billing's HTTP handlers: the patient's billing and payments, the staff ledger, and Stripe's webhook.

pub mod portal;
pub mod staff;
pub mod webhook;

use portico::http::ApiError;

/// A request's amount as whole minor units, or a 422 saying why not.
pub(crate) fn amount(n: &serde_json::Number) -> Result<i64, ApiError> {
    crate::api::minor_units(n).ok_or_else(|| ApiError::Unprocessable {
        detail: "Amounts are whole numbers of cents.".into(),
        errors: vec![portico::http::FieldError::new("amount", "must be a whole number of cents")],
    })
}

/// The `Idempotency-Key` a money-moving request must carry.
pub(crate) fn required_key(x: &portico::http::Exchange<'_>) -> Result<String, ApiError> {
    x.idempotency_key()?.ok_or_else(|| ApiError::field("Idempotency-Key", "is required: one per payment or refund, reused on retry"))
}
