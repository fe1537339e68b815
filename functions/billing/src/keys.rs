//! Key layout of the items billing owns (ARCHITECTURE §3: built here, never in handlers).
//!
//! In the practice's partition: its billing account (the Stripe connected account, the currency and
//! the rules for payments). In the patient's partition, all under `BILLING#` so the billing screen is one
//! query: the summary (balance and each invoice's balance, kept in the transaction of every entry), the
//! entries (each keyed by its unique source: a Portico id, a PaymentIntent, a refund, a dispute), the
//! payments, refund requests and disputes, and the records of Idempotency-Keys. In global partitions:
//! which practice a Stripe account belongs to, and whose payment a PaymentIntent is.

use portico::ids::{PatientId, PaymentId, PracticeId, RefundId};
use portico::keys::{Partition, Prefix, patient_partition, practice_partition};
use portico::store::Key;

/// The sort keys billing writes.
pub const KEY_PREFIXES: &[Prefix] = &[
    Prefix { partition: Partition::Practice, prefix: "BILLING#ACCOUNT", owner: "billing" },
    Prefix { partition: Partition::Patient, prefix: "BILLING#", owner: "billing" },
    Prefix { partition: Partition::Global, prefix: "STRIPE#", owner: "billing" },
];

/// Everything billing keeps for a patient begins with this.
pub const PATIENT_PREFIX: &str = "BILLING#";
pub const ENTRY_PREFIX: &str = "BILLING#E#";
pub const PAYMENT_PREFIX: &str = "BILLING#PAY#";
pub const REFUND_PREFIX: &str = "BILLING#REFUND#";
pub const DISPUTE_PREFIX: &str = "BILLING#DISPUTE#";
pub const SUMMARY_SORT: &str = "BILLING#SUMMARY";

pub fn account(practice: &PracticeId) -> Key {
    Key::new(practice_partition(practice), "BILLING#ACCOUNT")
}

/// Which practice a connected account belongs to (one practice per account).
pub fn stripe_account(account: &str) -> Key {
    Key::new(format!("STRIPE#ACCT#{account}"), "PRACTICE")
}

/// Whose payment a PaymentIntent is.
pub fn payment_intent(payment_intent: &str) -> Key {
    Key::new(format!("STRIPE#PI#{payment_intent}"), "PAYMENT")
}

pub fn summary(practice: &PracticeId, patient: &PatientId) -> Key {
    Key::new(patient_partition(practice, patient), SUMMARY_SORT)
}

pub fn entry(practice: &PracticeId, patient: &PatientId, source: &str) -> Key {
    Key::new(patient_partition(practice, patient), format!("{ENTRY_PREFIX}{source}"))
}

pub fn payment(practice: &PracticeId, patient: &PatientId, id: &PaymentId) -> Key {
    Key::new(patient_partition(practice, patient), format!("{PAYMENT_PREFIX}{id}"))
}

pub fn refund(practice: &PracticeId, patient: &PatientId, id: &RefundId) -> Key {
    Key::new(patient_partition(practice, patient), format!("{REFUND_PREFIX}{id}"))
}

pub fn dispute(practice: &PracticeId, patient: &PatientId, id: &str) -> Key {
    Key::new(patient_partition(practice, patient), format!("{DISPUTE_PREFIX}{id}"))
}

/// A patient's autopay (the saved card, the cap, the consent).
pub fn autopay(practice: &PracticeId, patient: &PatientId) -> Key {
    Key::new(patient_partition(practice, patient), AUTOPAY_SORT)
}

pub const AUTOPAY_SORT: &str = "BILLING#AUTOPAY";

/// The patient's Stripe customer on one of the practice's accounts (holds saved cards; no name, no
/// email).
pub fn customer(practice: &PracticeId, patient: &PatientId, stripe_account: &str) -> Key {
    Key::new(patient_partition(practice, patient), format!("BILLING#CUSTOMER#{stripe_account}"))
}

/// Where the hourly autopay run finds every patient with autopay.
pub const AUTOPAY_POINTERS: &str = "STRIPE#AUTOPAY";

pub fn autopay_pointer(practice: &PracticeId, patient: &PatientId) -> Key {
    Key::new(AUTOPAY_POINTERS, format!("{practice}#{patient}"))
}

/// Orders a patient's new payments: each one's creation moves its version.
pub fn pay_lock(practice: &PracticeId, patient: &PatientId) -> Key {
    Key::new(patient_partition(practice, patient), "BILLING#PAYLOCK")
}

/// The record of an Idempotency-Key a patient or staff member sent for a payment or a refund (by its
/// digest): the record it made.
pub fn request_key(practice: &PracticeId, patient: &PatientId, scope: &str, digest: &str) -> Key {
    Key::new(patient_partition(practice, patient), format!("BILLING#KEY#{scope}#{digest}"))
}
