//! Email: the port, and SES v2 behind it.

use async_trait::async_trait;
use aws_sdk_sesv2::error::DisplayErrorContext;
use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message, MessageHeader, MessageTag};

use super::{ProviderText, SendError};
use crate::config::MailConfig;
use crate::domain::Email;

#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    pub to: Email,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Extra headers, such as `List-Unsubscribe` (RFC 8058).
    pub headers: Vec<(String, String)>,
    /// SES message tags, carried into bounce and complaint events (never PHI: practice id, category).
    pub tags: Vec<(String, String)>,
}

#[async_trait]
pub trait Mailer: Send + Sync {
    /// Hands the message to the provider; returns the provider's message id.
    async fn send(&self, email: &OutgoingEmail) -> Result<String, SendError>;
}

/// SES v2, through the practice's configuration set (which records deliveries, bounces, complaints).
pub struct SesMailer {
    client: aws_sdk_sesv2::Client,
    config: MailConfig,
}

impl SesMailer {
    pub fn new(sdk: &aws_config::SdkConfig, config: MailConfig) -> Self {
        SesMailer { client: aws_sdk_sesv2::Client::new(sdk), config }
    }
}

/// A subject as one line: a line break in a header is how headers get injected. Templates refuse them
/// already; this holds for every subject, whatever made it.
pub fn one_line(subject: &str) -> String {
    subject.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_string()
}

fn content(data: &str) -> Result<Content, SendError> {
    Content::builder().data(data).charset("UTF-8").build().map_err(|e| SendError::Rejected(ProviderText::new(e.to_string())))
}

#[async_trait]
impl Mailer for SesMailer {
    async fn send(&self, email: &OutgoingEmail) -> Result<String, SendError> {
        let mut message = Message::builder()
            .subject(content(&one_line(&email.subject))?)
            .body(Body::builder().text(content(&email.text)?).html(content(&email.html)?).build());
        for (name, value) in &email.headers {
            message = message.headers(
                MessageHeader::builder()
                    .name(name)
                    .value(value)
                    .build()
                    .map_err(|e| SendError::Rejected(ProviderText::new(e.to_string())))?,
            );
        }
        let mut request = self
            .client
            .send_email()
            .from_email_address(&self.config.from)
            .destination(Destination::builder().to_addresses(email.to.as_str()).build())
            .content(EmailContent::builder().simple(message.build()).build())
            .set_configuration_set_name(self.config.configuration_set.clone());
        for (name, value) in &email.tags {
            request = request.email_tags(
                MessageTag::builder().name(name).value(value).build().map_err(|e| SendError::Rejected(ProviderText::new(e.to_string())))?,
            );
        }
        let result = request.send().await;
        match result {
            Ok(out) => Ok(out.message_id().unwrap_or_default().to_string()),
            Err(e) => {
                let permanent = e.as_service_error().is_some_and(|s| {
                    s.is_message_rejected() || s.is_mail_from_domain_not_verified_exception() || s.is_account_suspended_exception()
                });
                let detail = ProviderText::new(DisplayErrorContext(&e).to_string());
                Err(if permanent { SendError::Rejected(detail) } else { SendError::Unavailable(detail) })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn subjects_are_one_line() {
        assert_eq!(super::one_line("Hello\r\nBcc: evil@example.com"), "Hello  Bcc: evil@example.com");
        assert_eq!(super::one_line("Plain"), "Plain");
    }
}
