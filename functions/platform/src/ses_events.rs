//! SES bounces and complaints, delivered by SNS through SQS (`worker-ses-events`). Every notification's
//! SNS signature is checked against the signing certificate before anything is believed: the certificate
//! must come from an allowed SNS address, and the signature (version 2, SHA256withRSA) must verify over
//! SNS's canonical string. A permanent bounce or a complaint suppresses the address for the practice the
//! email was sent for (the `practice_id` tag every email carries).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use portico::crypto::Hasher;
use portico::domain::Email;
use portico::ids::PracticeId;
use portico::notify::suppression::{self, Reason};
use portico::queue::{Outcome, Queue};
use portico::store::{StoreError, Table};
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject as _;
use serde::Deserialize;

/// An SNS message as delivered to SQS (raw delivery off).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SnsEnvelope {
    #[serde(rename = "Type")]
    pub kind: String,
    pub message_id: String,
    pub topic_arn: String,
    #[serde(default)]
    pub subject: Option<String>,
    pub message: String,
    pub timestamp: String,
    pub signature_version: String,
    pub signature: String,
    #[serde(rename = "SigningCertURL")]
    pub signing_cert_url: String,
    #[serde(default, rename = "SubscribeURL")]
    pub subscribe_url: Option<String>,
    #[serde(default)]
    pub token: Option<String>,
}

/// SNS's canonical string to sign for a message of this type.
pub fn string_to_sign(envelope: &SnsEnvelope) -> String {
    let mut fields: Vec<(&str, &str)> = vec![("Message", &envelope.message), ("MessageId", &envelope.message_id)];
    if envelope.kind == "Notification" {
        if let Some(subject) = &envelope.subject {
            fields.push(("Subject", subject));
        }
        fields.extend([
            ("Timestamp", envelope.timestamp.as_str()),
            ("TopicArn", envelope.topic_arn.as_str()),
            ("Type", envelope.kind.as_str()),
        ]);
    } else {
        fields.push(("SubscribeURL", envelope.subscribe_url.as_deref().unwrap_or_default()));
        fields.extend([("Timestamp", envelope.timestamp.as_str()), ("Token", envelope.token.as_deref().unwrap_or_default())]);
        fields.extend([("TopicArn", envelope.topic_arn.as_str()), ("Type", envelope.kind.as_str())]);
    }
    fields.iter().map(|(k, v)| format!("{k}\n{v}\n")).collect()
}

#[derive(Debug, thiserror::Error)]
pub enum SnsError {
    #[error("the signing certificate is not from an allowed address")]
    UntrustedCertificate,
    /// Signed by SNS, but for a topic that is not ours: anyone can have SNS sign their own topic's
    /// messages and subscribe our queue's endpoint to it.
    #[error("the message is from another topic")]
    ForeignTopic,
    #[error("only signature version 2 (SHA256withRSA) is accepted")]
    SignatureVersion,
    #[error("the signature does not verify")]
    BadSignature,
    #[error("cannot fetch the signing certificate: {0}")]
    Fetch(String),
}

/// Verifies SNS signatures, caching certificates by URL, and that the message is from our topic.
pub struct SnsVerifier {
    http: reqwest::Client,
    /// The URL prefixes a signing certificate may come from, e.g. `https://sns.us-east-1.amazonaws.com/`.
    allowed: Vec<String>,
    /// The topic SES publishes our events to.
    topic_arn: String,
    cache: Mutex<HashMap<String, Vec<u8>>>,
}

/// The SES events topic of the local gateway.
pub const LOCAL_SES_EVENTS_TOPIC: &str = "arn:aws:sns:us-east-1:000000000000:portico-ses-events";

impl SnsVerifier {
    pub fn new(allowed: Vec<String>, topic_arn: String) -> Self {
        let http = reqwest::Client::builder().timeout(std::time::Duration::from_secs(5)).build().unwrap_or_default();
        SnsVerifier { http, allowed, topic_arn, cache: Mutex::new(HashMap::new()) }
    }

    /// The SNS endpoints of a region, over HTTPS only.
    pub fn for_region(region: &str, topic_arn: String) -> Self {
        SnsVerifier::new(vec![format!("https://sns.{region}.amazonaws.com/")], topic_arn)
    }

    fn trusted(&self, url: &str) -> bool {
        !url.contains("..") && !url.contains('@') && url.ends_with(".pem") && self.allowed.iter().any(|prefix| url.starts_with(prefix))
    }

    async fn certificate(&self, url: &str) -> Result<Vec<u8>, SnsError> {
        if let Some(der) = self.cache.lock().ok().and_then(|c| c.get(url).cloned()) {
            return Ok(der);
        }
        let pem =
            self.http.get(url).send().await.and_then(|r| r.error_for_status()).map_err(|e| SnsError::Fetch(e.without_url().to_string()))?;
        let pem = pem.bytes().await.map_err(|e| SnsError::Fetch(e.without_url().to_string()))?;
        let der = CertificateDer::from_pem_slice(&pem).map_err(|e| SnsError::Fetch(e.to_string()))?.to_vec();
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(url.to_string(), der.clone());
        }
        Ok(der)
    }

    pub async fn verify(&self, envelope: &SnsEnvelope) -> Result<(), SnsError> {
        if envelope.signature_version != "2" {
            return Err(SnsError::SignatureVersion);
        }
        if !self.trusted(&envelope.signing_cert_url) {
            return Err(SnsError::UntrustedCertificate);
        }
        if envelope.topic_arn != self.topic_arn {
            return Err(SnsError::ForeignTopic);
        }
        let der = self.certificate(&envelope.signing_cert_url).await?;
        let signature = STANDARD.decode(&envelope.signature).map_err(|_| SnsError::BadSignature)?;
        let certificate = CertificateDer::from(der);
        let certificate = webpki::EndEntityCert::try_from(&certificate).map_err(|_| SnsError::BadSignature)?;
        certificate
            .verify_signature(webpki::aws_lc_rs::RSA_PKCS1_2048_8192_SHA256, string_to_sign(envelope).as_bytes(), &signature)
            .map_err(|_| SnsError::BadSignature)
    }
}

/// What a verified SES event did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Suppressed(usize),
    Ignored,
}

#[derive(Debug, Deserialize)]
struct Recipient {
    #[serde(rename = "emailAddress")]
    email_address: String,
}

/// Reads an SES event (configuration-set publishing uses `eventType`, identity notifications
/// `notificationType`) and suppresses what should be.
pub async fn apply(table: &dyn Table, hasher: &Hasher, message: &str, now: DateTime<Utc>) -> Result<Effect, StoreError> {
    let Ok(event) = serde_json::from_str::<serde_json::Value>(message) else { return Ok(Effect::Ignored) };
    let kind = event["eventType"].as_str().or_else(|| event["notificationType"].as_str()).unwrap_or_default();
    let (reason, recipients): (Reason, Vec<Recipient>) = match kind {
        "Bounce" if event["bounce"]["bounceType"] == "Permanent" => {
            (Reason::Bounce, serde_json::from_value(event["bounce"]["bouncedRecipients"].clone()).unwrap_or_default())
        }
        "Complaint" => (Reason::Complaint, serde_json::from_value(event["complaint"]["complainedRecipients"].clone()).unwrap_or_default()),
        _ => return Ok(Effect::Ignored),
    };
    let tags = &event["mail"]["tags"]["practice_id"];
    let Some(practice) = tags.get(0).and_then(|v| v.as_str()).or_else(|| tags.as_str()).and_then(PracticeId::parse) else {
        return Ok(Effect::Ignored);
    };
    let mut suppressed = 0;
    for recipient in recipients {
        let Ok(email) = Email::parse(&recipient.email_address) else { continue };
        suppression::suppress(table, hasher, &practice, &email, reason, now).await?;
        suppressed += 1;
    }
    Ok(Effect::Suppressed(suppressed))
}

/// What `worker-ses-events` uses.
pub struct SesEventDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn portico::clock::Clock>,
    pub hasher: Hasher,
    pub verifier: SnsVerifier,
    /// Its own queue, for deferrals.
    pub queue: Arc<dyn Queue>,
}

impl SesEventDeps {
    pub async fn handle(&self, body: &str) -> Outcome {
        let Ok(envelope) = serde_json::from_str::<SnsEnvelope>(body) else {
            tracing::warn!("not an SNS message; dropped");
            return Outcome::Done;
        };
        match self.verifier.verify(&envelope).await {
            Ok(()) => {}
            Err(SnsError::Fetch(e)) => return Outcome::Retry(e),
            Err(e) => {
                // A forged or foreign message: it will never verify, so it is dropped, not retried.
                tracing::warn!(error = %e, "SNS message refused");
                return Outcome::Done;
            }
        }
        if envelope.kind != "Notification" {
            return Outcome::Done;
        }
        match apply(self.table.as_ref(), &self.hasher, &envelope.message, self.clock.now()).await {
            Ok(effect) => {
                tracing::info!(effect = ?effect, "SES event applied");
                Outcome::Done
            }
            Err(e) => Outcome::Retry(e.to_string()),
        }
    }
}
