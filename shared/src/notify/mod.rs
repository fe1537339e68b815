//! Notifications (ARCHITECTURE §6): texts and emails that say only that something is waiting, never
//! what. Capabilities ask for a notice by writing a notice event ([`crate::events::EventKind`]) in the
//! transaction of their change; they never talk to Twilio or SES. The platform does the rest:
//!
//! - [`gate`]: at send time, whether and how a patient may be told (consent, STOP, channel × category
//!   preferences, quiet hours, caps, suppression);
//! - [`templates`] (fixed, for codes and invitations) and [`wording`] (practice-editable), whose inputs
//!   are types that cannot hold PHI;
//! - [`notices`]: the worker that turns notice events into messages, once each;
//! - [`deliveries`]: what became of each message (Twilio's status callbacks);
//! - [`unsubscribe`] (RFC 8058 one-click) and [`suppression`] (bounces and complaints);
//! - [`twilio`]: verifying Twilio's webhooks;
//! - the ports, [`Mailer`] and [`SmsSender`], with SES and Twilio behind them and, locally, the outbox.

pub mod deliveries;
pub mod gate;
pub mod mail;
pub mod notices;
#[cfg(feature = "local")]
pub mod outbox;
pub mod sms;
pub mod suppression;
pub mod templates;
pub mod twilio;
pub mod unsubscribe;
pub mod wording;

pub use mail::{Mailer, OutgoingEmail, SesMailer};
#[cfg(feature = "local")]
pub use outbox::{Outbox, OutboxEntry, OutboxMailer, OutboxSms, TeeMailer};
pub use sms::{OutgoingSms, SmsSender, TwilioConfig, TwilioSms};

/// Why a message was not handed to the provider.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The provider refused this message for good (bad number, suppressed address).
    #[error("rejected by the provider: {0}")]
    Rejected(ProviderText),
    /// Worth trying again later (throttling, provider outage, network).
    #[error("provider unavailable: {0}")]
    Unavailable(ProviderText),
}

/// A provider's error text, redacted as it is made ([`redact`]): whatever a provider quotes back (the
/// number or address it refused) never reaches a log, a record or an answer. The only way to make one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderText(String);

impl ProviderText {
    pub fn new(raw: impl AsRef<str>) -> Self {
        ProviderText(redact(raw.as_ref()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ProviderText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A provider's error text fit for logs and records: anything that looks like an email address or a
/// phone number is replaced, and the text is cut short. Providers quote the address they refused.
pub fn redact(text: &str) -> String {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|word| {
            let digits = word.chars().filter(char::is_ascii_digit).count();
            let phone_like = digits >= 7 && word.chars().all(|c| c.is_ascii_digit() || "+-().'\",:".contains(c));
            if word.contains('@') || phone_like { "[redacted]".to_string() } else { word.to_string() }
        })
        .collect();
    words.join(" ").chars().take(200).collect()
}

/// Sends a rendered, PHI-free message to an address on its channel: for transactional messages that
/// must go now, to an address rather than a patient (sign-in codes, confirmations, invitations).
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_errors_lose_addresses_and_numbers() {
        let text = "HTTP 400 code 21211 The 'To' number +15555550101 is not a valid phone number. Also ann@example.com bounced.";
        let redacted = redact(text);
        assert!(!redacted.contains("5555550101") && !redacted.contains("ann@"), "{redacted}");
        assert!(redacted.contains("21211"), "error codes stay: {redacted}");
        assert!(redact(&"x ".repeat(500)).chars().count() <= 200);
    }
}
