//! Twilio's webhooks: inbound texts (keywords, replies into threads) and delivery status callbacks.

pub mod inbound;
pub mod signature;
pub mod status;

use std::sync::Arc;

use portico::clock::Clock;
use portico::crypto::Hasher;
use portico::tenant::Tenants;
use secrecy::SecretString;

/// What the Twilio webhooks use.
pub struct TwilioDeps {
    pub table: Arc<dyn portico::store::Table>,
    pub clock: Arc<dyn Clock>,
    pub tenants: Arc<Tenants>,
    pub hasher: Hasher,
    pub auth_token: SecretString,
    /// The public origin Twilio calls (`https://api.example.com`): signatures cover the URL as Twilio
    /// saw it, not as API Gateway rewrote it.
    pub public_base: String,
}

/// A TwiML response: `<Response/>`, or one `<Message>`.
pub fn twiml(reply: Option<&str>) -> String {
    match reply {
        None => r#"<?xml version="1.0" encoding="UTF-8"?><Response/>"#.to_string(),
        Some(text) => {
            let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Response><Message>{escaped}</Message></Response>"#)
        }
    }
}
