use serde::{Deserialize, Serialize};

use crate::ids::PracticeId;
use crate::keys;
use crate::store::{Condition, Index, Item, StoreError, Table, Write};

/// A practice: the tenant every request belongs to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Practice {
    pub id: PracticeId,
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub custom_domains: Vec<String>,
    pub settings: PracticeSettings,
    #[serde(default)]
    pub version: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PracticeSettings {
    /// How long an invitation link stays valid.
    #[serde(default = "default_invite_hours")]
    pub invite_ttl_hours: u32,
    /// Origins (scheme://host[:port]) allowed to call the API from a browser besides the portal itself,
    /// such as the staff CRM.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// Shown in HELP replies and notifications: no PHI.
    #[serde(default)]
    pub contact_phone: Option<String>,
    #[serde(default)]
    pub contact_email: Option<String>,
    /// The consent documents patients accept, at their current versions.
    #[serde(default)]
    pub consent_documents: Vec<ConsentDocument>,
    /// The zone new patients start in until they choose their own.
    #[serde(default = "default_time_zone")]
    pub default_time_zone: String,
    /// The practice's texting numbers (E.164), in its Twilio Messaging Service; inbound texts to them
    /// belong to this practice.
    #[serde(default)]
    pub sms_numbers: Vec<String>,
    /// Staff ids who answer each message topic (`clinical`, `scheduling`, `billing`, `other`); a topic
    /// without a team goes to the staff with the topic's role.
    #[serde(default)]
    pub care_teams: std::collections::BTreeMap<String, Vec<String>>,
    /// How long messages are kept (seven years unless the practice says otherwise).
    #[serde(default = "default_retention_days")]
    pub message_retention_days: u32,
    /// Sign-in codes the practice may send per hour, across all addresses.
    #[serde(default = "default_practice_hourly_codes")]
    pub sign_in_codes_per_hour: u32,
}

fn default_invite_hours() -> u32 {
    24
}

fn default_retention_days() -> u32 {
    // Seven years of 365 days and the leap days among them.
    7 * 365 + 2
}

fn default_time_zone() -> String {
    "America/New_York".to_string()
}

fn default_practice_hourly_codes() -> u32 {
    300
}

impl Default for PracticeSettings {
    fn default() -> Self {
        PracticeSettings {
            invite_ttl_hours: default_invite_hours(),
            allowed_origins: Vec::new(),
            contact_phone: None,
            contact_email: None,
            consent_documents: Vec::new(),
            default_time_zone: default_time_zone(),
            sms_numbers: Vec::new(),
            care_teams: Default::default(),
            message_retention_days: default_retention_days(),
            sign_in_codes_per_hour: default_practice_hourly_codes(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    /// Terms of use of the portal.
    TermsOfUse,
    /// Notice of privacy practices (HIPAA).
    PrivacyNotice,
    /// Texts to the patient's phone (TCPA).
    SmsMessages,
    /// Emails to the patient.
    EmailMessages,
    /// Care by video.
    Telehealth,
}

impl ConsentKind {
    pub const ALL: [ConsentKind; 5] = [
        ConsentKind::TermsOfUse,
        ConsentKind::PrivacyNotice,
        ConsentKind::SmsMessages,
        ConsentKind::EmailMessages,
        ConsentKind::Telehealth,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConsentKind::TermsOfUse => "terms_of_use",
            ConsentKind::PrivacyNotice => "privacy_notice",
            ConsentKind::SmsMessages => "sms_messages",
            ConsentKind::EmailMessages => "email_messages",
            ConsentKind::Telehealth => "telehealth",
        }
    }
}

/// One version of a consent document, as the practice publishes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ConsentDocument {
    pub kind: ConsentKind,
    pub version: u32,
    pub title: String,
    pub summary: String,
    /// Where the full text lives (the practice's site or a portal page).
    pub url: String,
    /// Patients are asked to accept required documents before using the portal.
    pub required: bool,
}

impl Practice {
    pub fn consent_document(&self, kind: ConsentKind) -> Option<&ConsentDocument> {
        self.settings.consent_documents.iter().find(|d| d.kind == kind)
    }

    /// The hosts the practice answers on, as host-index keys.
    pub fn host_keys(&self) -> Vec<String> {
        std::iter::once(keys::slug_host(&self.slug)).chain(self.custom_domains.iter().map(|d| keys::domain_host(d))).collect()
    }

    /// Everything that routes to the practice through GSI1: its hosts and its texting numbers.
    fn claims(&self) -> Vec<String> {
        self.host_keys().into_iter().chain(self.settings.sms_numbers.iter().map(|n| keys::number_host(n))).collect()
    }
}

pub fn is_valid_slug(slug: &str) -> bool {
    (2..=40).contains(&slug.len())
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

pub async fn get(table: &dyn Table, id: &PracticeId) -> Result<Option<Practice>, StoreError> {
    table.get(&keys::practice(id)).await?.map(|item| item.record()).transpose()
}

/// The practice that owns a texting number, through GSI1.
pub async fn find_by_number(table: &dyn Table, e164: &str) -> Result<Option<PracticeId>, StoreError> {
    find_by_host(table, &keys::number_host(e164)).await
}

/// The practice with this slug.
pub async fn find_by_slug(table: &dyn Table, slug: &str) -> Result<Option<Practice>, StoreError> {
    match find_by_host(table, &keys::slug_host(slug)).await? {
        Some(id) => get(table, &id).await,
        None => Ok(None),
    }
}

/// The practice answering on a host key, through GSI1.
pub async fn find_by_host(table: &dyn Table, host_key: &str) -> Result<Option<PracticeId>, StoreError> {
    let page = table.query(crate::store::Query::partition(Index::Gsi1, keys::host_index(host_key)).limit(1)).await?;
    Ok(page.items.first().and_then(|item| item.str("practice_id")).and_then(PracticeId::parse))
}

/// Creates a practice with its host claims; a slug or domain already taken fails the whole write.
pub async fn create(table: &dyn Table, practice: &Practice) -> Result<(), StoreError> {
    let mut record = practice.clone();
    record.version = 1;
    let mut writes = vec![Write::put(Item::from_record(keys::practice(&practice.id), &record)?, Condition::NotExists)];
    for host_key in practice.claims() {
        let claim = Item::new(keys::practice_host(&practice.id, &host_key)).with("practice_id", practice.id.as_str()).indexed(
            Index::Gsi1,
            keys::host_index(&host_key),
            "HOST",
        );
        writes.push(Write::put(claim, Condition::NotExists));
    }
    table.transact(writes).await
}
