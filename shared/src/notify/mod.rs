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

/// Sends a rendered, PHI-free message to an address on its channel.
#[derive(Clone)]
pub struct Sender {
    pub mail: std::sync::Arc<dyn Mailer>,
    pub sms: std::sync::Arc<dyn SmsSender>,
}

impl Sender {
    pub async fn send(&self, to: &crate::domain::Address, message: &templates::Rendered) -> Result<String, SendError> {
        match to {
            crate::domain::Address::Email(email) => {
                let email = OutgoingEmail {
                    to: email.clone(),
                    subject: message.subject.clone(),
                    text: message.text.clone(),
                    html: message.html.clone(),
                    headers: Vec::new(),
                    tags: Vec::new(),
                };
                self.mail.send(&email).await
            }
            crate::domain::Address::Sms(phone) => self.sms.send(&OutgoingSms { to: phone.clone(), body: message.sms.clone() }).await,
        }
    }
}
