//! Email and SMS: the ports, their adapters, and the PHI-free templates that are the only way to build
//! a message. A notification says that something is waiting, never what.

pub mod mail;
pub mod outbox;
pub mod sms;
pub mod templates;

pub use mail::{Mailer, OutboxMailer, OutgoingEmail, SesMailer, TeeMailer};
pub use outbox::{Outbox, OutboxEntry};
pub use sms::{OutboxSms, OutgoingSms, SmsSender, TwilioConfig, TwilioSms};

/// Why a message was not handed to the provider.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The provider refused this message for good (bad number, suppressed address).
    #[error("rejected by the provider: {0}")]
    Rejected(String),
    /// Worth trying again later (throttling, provider outage, network).
    #[error("provider unavailable: {0}")]
    Unavailable(String),
}
