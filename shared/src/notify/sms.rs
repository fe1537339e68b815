//! Texts: the port, and Twilio's REST API behind it.

use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

use super::{ProviderText, SendError};
use crate::config::Env;
use crate::domain::Phone;

#[derive(Debug, Clone)]
pub struct OutgoingSms {
    pub to: Phone,
    pub body: String,
}

#[async_trait]
pub trait SmsSender: Send + Sync {
    /// Hands the message to the provider; returns the provider's message id (Twilio `MessageSid`).
    async fn send(&self, sms: &OutgoingSms) -> Result<String, SendError>;
}

/// Twilio's REST API, sending through a Messaging Service (which owns the numbers and opt-out handling).
#[derive(Debug, Clone)]
pub struct TwilioConfig {
    pub account_sid: String,
    pub auth_token: SecretString,
    pub messaging_service_sid: String,
    /// `https://api.twilio.com` in production; a local stand-in in tests.
    pub api_base: String,
    /// Where Twilio reports delivery status.
    pub status_callback: Option<String>,
}

impl TwilioConfig {
    pub fn read(env: &mut Env) -> Self {
        TwilioConfig {
            account_sid: env.required("TWILIO_ACCOUNT_SID"),
            auth_token: env.secret("TWILIO_AUTH_TOKEN", 16),
            messaging_service_sid: env.required("TWILIO_MESSAGING_SERVICE_SID"),
            api_base: env.optional("TWILIO_API_BASE").unwrap_or_else(|| "https://api.twilio.com".into()),
            status_callback: env.optional("TWILIO_STATUS_CALLBACK_URL"),
        }
    }
}

pub struct TwilioSms {
    http: reqwest::Client,
    config: TwilioConfig,
}

#[derive(Deserialize)]
struct TwilioMessage {
    sid: String,
}

#[derive(Deserialize)]
struct TwilioError {
    #[serde(default)]
    code: Option<i64>,
    #[serde(default)]
    message: Option<String>,
}

impl TwilioSms {
    pub fn new(config: TwilioConfig) -> Result<Self, SendError> {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .map_err(|e| SendError::Unavailable(ProviderText::new(e.to_string())))?;
        Ok(TwilioSms { http, config })
    }
}

#[async_trait]
impl SmsSender for TwilioSms {
    async fn send(&self, sms: &OutgoingSms) -> Result<String, SendError> {
        let url = format!("{}/2010-04-01/Accounts/{}/Messages.json", self.config.api_base.trim_end_matches('/'), self.config.account_sid);
        let mut form = vec![
            ("To", sms.to.as_str().to_string()),
            ("MessagingServiceSid", self.config.messaging_service_sid.clone()),
            ("Body", sms.body.clone()),
        ];
        if let Some(callback) = &self.config.status_callback {
            form.push(("StatusCallback", callback.clone()));
        }
        let response = self
            .http
            .post(url)
            .basic_auth(&self.config.account_sid, Some(self.config.auth_token.expose_secret()))
            .form(&form)
            .send()
            .await
            .map_err(|e| SendError::Unavailable(ProviderText::new(e.without_url().to_string())))?;
        let status = response.status();
        if status.is_success() {
            let message: TwilioMessage =
                response.json().await.map_err(|e| SendError::Unavailable(ProviderText::new(e.without_url().to_string())))?;
            return Ok(message.sid);
        }
        let error: Option<TwilioError> = response.json().await.ok();
        // Twilio's messages may quote the number; only the redacted text goes anywhere.
        let detail = ProviderText::new(format!(
            "HTTP {} code {} {}",
            status.as_u16(),
            error.as_ref().and_then(|e| e.code).map(|c| c.to_string()).unwrap_or_default(),
            error.and_then(|e| e.message).unwrap_or_default()
        ));
        if status.as_u16() == 429 || status.is_server_error() {
            Err(SendError::Unavailable(detail))
        } else {
            Err(SendError::Rejected(detail))
        }
    }
}

/// Refuses everything: stands in for a sender whose configuration was invalid, in a function that will
/// not start anyway (configuration problems are reported together at start-up).
pub struct Unconfigured;

#[async_trait]
impl SmsSender for Unconfigured {
    async fn send(&self, _: &OutgoingSms) -> Result<String, SendError> {
        Err(SendError::Unavailable(ProviderText::new("texts are not configured")))
    }
}
