use serde::{Deserialize, Serialize};

use crate::ids::PracticeId;
use crate::keys;
use crate::store::{Condition, Item, StoreError, Table, Write};

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
    /// The practice's logo (an https URL), for the portal's header.
    #[serde(default)]
    pub logo_url: Option<String>,
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
    /// Where the practice is (ISO 3166 alpha-2).
    #[serde(default = "default_country")]
    pub country: String,
    /// The countries whose numbers the practice texts; empty means its own country only.
    #[serde(default)]
    pub sms_countries: Vec<String>,
    /// How a parent's or guardian's access to a child's account changes with the child's age.
    #[serde(default)]
    pub proxy_age_rules: crate::proxies::AgeRules,
    /// Hours before an appointment its reminders go out (at most 6).
    #[serde(default = "default_reminder_hours")]
    pub appointment_reminder_hours: Vec<u32>,
    /// How many waitlisted patients each freed time is offered to at once (1 to 10).
    #[serde(default = "default_waitlist_batch")]
    pub waitlist_batch: u32,
}

fn default_waitlist_batch() -> u32 {
    3
}

fn default_reminder_hours() -> Vec<u32> {
    vec![24, 2]
}

fn default_country() -> String {
    "US".to_string()
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
            logo_url: None,
            contact_email: None,
            consent_documents: Vec::new(),
            default_time_zone: default_time_zone(),
            sms_numbers: Vec::new(),
            care_teams: Default::default(),
            message_retention_days: default_retention_days(),
            sign_in_codes_per_hour: default_practice_hourly_codes(),
            country: default_country(),
            sms_countries: Vec::new(),
            proxy_age_rules: Default::default(),
            appointment_reminder_hours: default_reminder_hours(),
            waitlist_batch: default_waitlist_batch(),
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
    /// What the patient pays and when: fees, missed visits, refunds (shown to a card network when a
    /// payment is disputed).
    FinancialPolicy,
}

impl ConsentKind {
    /// Consent to a channel (texts, emails): decided with the contact preferences, where it is asked
    /// for when the patient turns that channel on, not in the documents list.
    pub fn is_channel(self) -> bool {
        matches!(self, ConsentKind::SmsMessages | ConsentKind::EmailMessages)
    }

    pub const ALL: [ConsentKind; 6] = [
        ConsentKind::TermsOfUse,
        ConsentKind::PrivacyNotice,
        ConsentKind::SmsMessages,
        ConsentKind::EmailMessages,
        ConsentKind::Telehealth,
        ConsentKind::FinancialPolicy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConsentKind::TermsOfUse => "terms_of_use",
            ConsentKind::PrivacyNotice => "privacy_notice",
            ConsentKind::SmsMessages => "sms_messages",
            ConsentKind::EmailMessages => "email_messages",
            ConsentKind::Telehealth => "telehealth",
            ConsentKind::FinancialPolicy => "financial_policy",
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

    /// Whether the practice sends messages to this address: any email; a phone only in the countries it
    /// texts ([`crate::regions`]).
    pub fn texts_to(&self, address: &crate::domain::Address) -> bool {
        match address {
            crate::domain::Address::Email(_) => true,
            crate::domain::Address::Sms(phone) => self.texts_phone(phone),
        }
    }

    /// Whether a number is in a country the practice texts.
    pub fn texts_phone(&self, phone: &crate::domain::Phone) -> bool {
        let Some(country) = crate::regions::country_of(phone) else { return false };
        if self.settings.sms_countries.is_empty() {
            self.settings.country.eq_ignore_ascii_case(country)
        } else {
            self.settings.sms_countries.iter().any(|c| c.eq_ignore_ascii_case(country))
        }
    }

    /// The hosts the practice answers on, as host keys.
    pub fn host_keys(&self) -> Vec<String> {
        std::iter::once(keys::slug_host(&self.slug)).chain(self.custom_domains.iter().map(|d| keys::domain_host(d))).collect()
    }

    /// Everything that routes to the practice: its hosts and its texting numbers.
    fn claims(&self) -> Vec<String> {
        self.host_keys().into_iter().chain(self.settings.sms_numbers.iter().map(|n| keys::number_host(n))).collect()
    }
}

/// Hosts under the portal domain that are not practices: staff sign in through `signin.<portal domain>`
/// (the staff pool's one registered callback, which hands the answer to the practice's own host).
pub const RESERVED_SLUGS: &[&str] = &["signin", "www", "api", "auth", "console", "admin", "static"];

pub fn is_valid_slug(slug: &str) -> bool {
    !RESERVED_SLUGS.contains(&slug)
        && (2..=40).contains(&slug.len())
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

/// The practice holding a host key: one read of its claim.
pub async fn find_by_host(table: &dyn Table, host_key: &str) -> Result<Option<PracticeId>, StoreError> {
    Ok(table.get(&keys::host_claim(host_key)).await?.and_then(|item| item.str("practice_id").and_then(PracticeId::parse)))
}

/// Why a practice could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("a practice with this id exists")]
    Exists,
    /// Another practice holds this slug, domain or texting number (its host key).
    #[error("{0} belongs to another practice")]
    Taken(String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The practice in its one stored form: custom domains normalised (lower case, no trailing dot, IDNA),
/// texting numbers in E.164, the slug checked.
pub fn normalized(practice: &Practice) -> Result<Practice, CreateError> {
    let mut record = practice.clone();
    if !is_valid_slug(&record.slug) {
        return Err(CreateError::Invalid(format!("slug {:?} is not 2 to 40 lower-case letters, digits and dashes", record.slug)));
    }
    record.custom_domains = practice
        .custom_domains
        .iter()
        .map(|d| crate::tenant::normalize_host(d).ok_or_else(|| CreateError::Invalid(format!("{d:?} is not a domain name"))))
        .collect::<Result<_, _>>()?;
    record.settings.sms_numbers = practice
        .settings
        .sms_numbers
        .iter()
        .map(|n| {
            crate::domain::Phone::parse(n)
                .map(|p| p.as_str().to_string())
                .map_err(|_| CreateError::Invalid(format!("{n:?} is not an E.164 number")))
        })
        .collect::<Result<_, _>>()?;
    Ok(record)
}

/// Creates a practice with its claims on its slug, domains and texting numbers, in one transaction: a
/// claim another practice holds fails the whole write, and says which.
pub async fn create(table: &dyn Table, practice: &Practice) -> Result<Practice, CreateError> {
    let mut record = normalized(practice)?;
    record.version = 1;
    let claims = record.claims();
    let mut writes = vec![Write::put(Item::from_record(keys::practice(&record.id), &record)?, Condition::NotExists)];
    for host_key in &claims {
        let claim = Item::new(keys::host_claim(host_key)).with("practice_id", record.id.as_str());
        writes.push(Write::put(claim, Condition::NotExists));
    }
    match table.transact(writes).await {
        Ok(()) => Ok(record),
        Err(StoreError::ConditionFailed { index: Some(0), .. }) => Err(CreateError::Exists),
        Err(StoreError::ConditionFailed { index: Some(i), .. }) => Err(CreateError::Taken(claims.get(i - 1).cloned().unwrap_or_default())),
        Err(e) => Err(e.into()),
    }
}

/// Who changed a practice's settings, when, and which fields: one history item per saved version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsChange {
    pub version: u64,
    pub changed_by: String,
    pub at: chrono::DateTime<chrono::Utc>,
    pub fields: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// Someone saved the practice since it was read.
    #[error("the practice changed since it was read")]
    Stale,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Saves a practice's new settings over the version `before` was read at, with the history item of the
/// change, in one transaction. Slug, domains and numbers are not changed here (they are claims).
pub async fn save_settings(
    table: &dyn Table,
    before: &Practice,
    settings: PracticeSettings,
    changed_by: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(Practice, SettingsChange), SaveError> {
    let old = serde_json::to_value(&before.settings).map_err(|e| StoreError::Unavailable(e.to_string()))?;
    let new = serde_json::to_value(&settings).map_err(|e| StoreError::Unavailable(e.to_string()))?;
    let fields: Vec<String> = new
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(name, value)| old.get(name.as_str()) != Some(value))
        .map(|(name, _)| name.clone())
        .collect();
    let mut after = before.clone();
    after.settings = settings;
    after.version = before.version + 1;
    let change = SettingsChange { version: after.version, changed_by: changed_by.to_string(), at, fields };
    let writes = vec![
        Write::put(Item::from_record(keys::practice(&after.id), &after)?, Condition::eq("version", before.version)),
        Write::put(Item::from_record(keys::settings_change(&after.id, after.version), &change)?, Condition::NotExists),
    ];
    match table.transact(writes).await {
        Ok(()) => Ok((after, change)),
        Err(StoreError::ConditionFailed { .. }) | Err(StoreError::Conflict) => Err(SaveError::Stale),
        Err(e) => Err(e.into()),
    }
}

/// The practice's settings history, newest first.
pub async fn settings_history(
    table: &dyn Table,
    practice: &PracticeId,
    cursor: Option<crate::store::Cursor>,
    limit: usize,
) -> Result<(Vec<SettingsChange>, Option<crate::store::Cursor>), StoreError> {
    let query = crate::store::Query::partition(crate::store::Index::Table, keys::practice_items(practice))
        .begins_with(keys::SETTINGS_CHANGE_PREFIX)
        .backward()
        .limit(limit)
        .after(cursor);
    let page = table.query(query).await?;
    let changes = page.items.iter().map(|i| i.record()).collect::<Result<_, _>>()?;
    Ok((changes, page.next))
}
