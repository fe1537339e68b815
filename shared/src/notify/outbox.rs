//! The local stand-in for SES and Twilio: every message is kept, printed to the console and listed at
//! `/_local/outbox`, so a developer can sign in without any provider.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Mailer, OutgoingEmail, OutgoingSms, SendError, SmsSender};

#[derive(Debug, Clone, Serialize)]
pub struct OutboxEntry {
    pub id: String,
    pub at: DateTime<Utc>,
    pub channel: &'static str,
    pub to: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub body: String,
}

pub struct Outbox {
    entries: Mutex<Vec<OutboxEntry>>,
    file: Option<PathBuf>,
    print: bool,
}

impl Outbox {
    /// `file` keeps a JSON-lines copy across restarts; `print` echoes each message to stdout.
    pub fn new(file: Option<PathBuf>, print: bool) -> Self {
        Outbox { entries: Mutex::new(Vec::new()), file, print }
    }

    pub fn push(&self, channel: &'static str, to: &str, subject: Option<&str>, body: &str) -> String {
        let id = format!("local-{}", crate::crypto::random_token(9));
        let entry = OutboxEntry {
            id: id.clone(),
            at: Utc::now(),
            channel,
            to: to.to_string(),
            subject: subject.map(str::to_string),
            body: body.to_string(),
        };
        if self.print {
            // Local development only: the outbox is where codes and links are meant to be read.
            println!("\n── outbox: {channel} to {to} ──\n{}{body}\n", subject.map(|s| format!("Subject: {s}\n")).unwrap_or_default());
        }
        if let Some(path) = &self.file
            && let Ok(line) = serde_json::to_string(&entry)
            && let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(path)
        {
            let _ = writeln!(file, "{line}");
        }
        if let Ok(mut entries) = self.entries.lock() {
            entries.push(entry);
        }
        id
    }

    /// Newest first.
    pub fn entries(&self) -> Vec<OutboxEntry> {
        let mut entries = self.entries.lock().map(|e| e.clone()).unwrap_or_default();
        entries.reverse();
        entries
    }
}

/// Local: the message goes to the outbox.
pub struct OutboxMailer {
    outbox: Arc<Outbox>,
}

impl OutboxMailer {
    pub fn new(outbox: Arc<Outbox>) -> Self {
        OutboxMailer { outbox }
    }
}

#[async_trait]
impl Mailer for OutboxMailer {
    async fn send(&self, email: &OutgoingEmail) -> Result<String, SendError> {
        let mut body = email.text.clone();
        for (name, value) in &email.headers {
            body.push_str(&format!("\n[{name}: {value}]"));
        }
        Ok(self.outbox.push("email", email.to.as_str(), Some(&super::mail::one_line(&email.subject)), &body))
    }
}

/// Sends through two mailers: the local gateway on the emulator keeps its outbox as well as calling SES.
pub struct TeeMailer(pub Arc<dyn Mailer>, pub Arc<dyn Mailer>);

#[async_trait]
impl Mailer for TeeMailer {
    async fn send(&self, email: &OutgoingEmail) -> Result<String, SendError> {
        let id = self.0.send(email).await?;
        self.1.send(email).await?;
        Ok(id)
    }
}

/// Local: the message goes to the outbox.
pub struct OutboxSms {
    outbox: Arc<Outbox>,
}

impl OutboxSms {
    pub fn new(outbox: Arc<Outbox>) -> Self {
        OutboxSms { outbox }
    }
}

#[async_trait]
impl SmsSender for OutboxSms {
    async fn send(&self, sms: &OutgoingSms) -> Result<String, SendError> {
        Ok(self.outbox.push("sms", sms.to.as_str(), None, &sms.body))
    }
}
