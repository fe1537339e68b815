//! The practice's settings as its administrators keep them: contact details and logo, invitation
//! lifetime, message retention, CRM origins, the default time zone, care teams per topic, the sign-in
//! code cap, the countries it texts; and its consent documents, each published in new versions (a new
//! version of a required document asks every patient again; old decisions keep their version). Every
//! save is a new version of the practice, with who changed which fields. Slug, domains and texting
//! numbers are the operator's (they are global claims).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use portico::auth::access::Topic;
use portico::directory::practices::{self, SaveError, SettingsChange};
use portico::directory::{AccountStatus, ConsentDocument, ConsentKind, Practice, PracticeSettings, staff};
use portico::domain::{Email, Phone, TimeZoneName};
use portico::ids::{PracticeId, StaffId};
use portico::store::{Cursor, StoreError, Table};

pub struct SettingsDeps {
    pub table: Arc<dyn Table>,
}

/// What administrators may change, as they send it, with the version they read.
#[derive(Debug, Clone)]
pub struct SettingsEdit {
    pub version: u64,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub logo_url: Option<String>,
    pub invite_ttl_hours: u32,
    pub message_retention_days: u32,
    pub allowed_origins: Vec<String>,
    pub default_time_zone: String,
    pub care_teams: BTreeMap<Topic, Vec<String>>,
    pub sign_in_codes_per_hour: u32,
    pub sms_countries: Vec<String>,
    pub proxy_age_rules: Option<portico::proxies::AgeRules>,
    pub appointment_reminder_hours: Option<Vec<u32>>,
    pub waitlist_batch: Option<u32>,
}

/// A new version of one consent document.
#[derive(Debug, Clone)]
pub struct Publication {
    pub version: u64,
    pub kind: ConsentKind,
    pub title: String,
    pub summary: String,
    pub url: String,
    pub required: bool,
}

/// Six years: HIPAA's retention for the records a practice must keep.
pub const MIN_RETENTION_DAYS: u32 = 6 * 365 + 1;

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{1}")]
    Invalid(&'static str, String),
    #[error("the settings changed since you read them; reload and try again")]
    Stale,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<SaveError> for SettingsError {
    fn from(e: SaveError) -> Self {
        match e {
            SaveError::Stale => SettingsError::Stale,
            SaveError::Store(e) => SettingsError::Store(e),
        }
    }
}

fn invalid(field: &'static str, why: impl Into<String>) -> SettingsError {
    SettingsError::Invalid(field, why.into())
}

/// An origin a browser may call the API from: `https://host[:port]`, or plain http on this machine.
fn is_origin(raw: &str) -> bool {
    let Ok(url) = url::Url::parse(raw) else { return false };
    let local = url.host_str().is_some_and(|h| h == "localhost" || h.ends_with(".localhost") || h == "127.0.0.1");
    (url.scheme() == "https" || (url.scheme() == "http" && local))
        && url.path() == "/"
        && !raw.ends_with('/')
        && url.query().is_none()
        && url.username().is_empty()
}

impl SettingsDeps {
    pub async fn practice(&self, id: &PracticeId) -> Result<Practice, SettingsError> {
        practices::get(self.table.as_ref(), id).await?.ok_or(SettingsError::Stale)
    }

    /// Checks and saves an edit of the settings.
    pub async fn update(
        &self,
        id: &PracticeId,
        edit: SettingsEdit,
        by: &StaffId,
        now: DateTime<Utc>,
    ) -> Result<(Practice, SettingsChange), SettingsError> {
        let before = self.practice(id).await?;
        if before.version != edit.version {
            return Err(SettingsError::Stale);
        }
        let contact_phone = edit
            .contact_phone
            .as_deref()
            .map(|p| Phone::parse(p).map(|p| p.as_str().to_string()).map_err(|why| invalid("contact_phone", why)))
            .transpose()?;
        let contact_email = edit
            .contact_email
            .as_deref()
            .map(|e| Email::parse(e).map(|e| e.as_str().to_string()).map_err(|why| invalid("contact_email", why)))
            .transpose()?;
        if let Some(logo) = &edit.logo_url
            && !url::Url::parse(logo).is_ok_and(|u| u.scheme() == "https")
        {
            return Err(invalid("logo_url", "must be an https URL"));
        }
        if !(1..=168).contains(&edit.invite_ttl_hours) {
            return Err(invalid("invite_ttl_hours", "must be 1 to 168 hours"));
        }
        if edit.message_retention_days < MIN_RETENTION_DAYS {
            return Err(invalid("message_retention_days", format!("must be at least {MIN_RETENTION_DAYS} days (six years)")));
        }
        if edit.allowed_origins.len() > 10 || edit.allowed_origins.iter().any(|o| !is_origin(o)) {
            return Err(invalid("allowed_origins", "at most 10 origins, each https://host[:port] (http only for localhost)"));
        }
        TimeZoneName::parse(&edit.default_time_zone).map_err(|why| invalid("default_time_zone", why))?;
        if !(1..=10_000).contains(&edit.sign_in_codes_per_hour) {
            return Err(invalid("sign_in_codes_per_hour", "must be 1 to 10000"));
        }
        if edit.sms_countries.iter().any(|c| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase())) {
            return Err(invalid("sms_countries", "each must be an ISO 3166 alpha-2 code such as US"));
        }
        if let Some(hours) = &edit.appointment_reminder_hours
            && (hours.len() > 6 || hours.iter().any(|h| !(1..=168).contains(h)))
        {
            return Err(invalid("appointment_reminder_hours", "at most 6, each 1 to 168 hours"));
        }
        if edit.waitlist_batch.is_some_and(|n| !(1..=10).contains(&n)) {
            return Err(invalid("waitlist_batch", "must be 1 to 10"));
        }
        if let Some(rules) = &edit.proxy_age_rules {
            rules.check().map_err(|why| invalid("proxy_age_rules", why))?;
        }
        // A care team is the practice's active staff, named by id.
        let mut care_teams = BTreeMap::new();
        for (topic, members) in &edit.care_teams {
            for member in members {
                let active = match StaffId::parse(member) {
                    Some(id) => staff::get(self.table.as_ref(), &before.id, &id).await?.is_some_and(|m| m.status == AccountStatus::Active),
                    None => false,
                };
                if !active {
                    return Err(invalid("care_teams", format!("{member} is not an active staff member of the practice")));
                }
            }
            if !members.is_empty() {
                care_teams.insert(topic.as_str().to_string(), members.clone());
            }
        }
        let settings = PracticeSettings {
            contact_phone,
            contact_email,
            logo_url: edit.logo_url,
            invite_ttl_hours: edit.invite_ttl_hours,
            message_retention_days: edit.message_retention_days,
            allowed_origins: edit.allowed_origins,
            default_time_zone: edit.default_time_zone,
            care_teams,
            sign_in_codes_per_hour: edit.sign_in_codes_per_hour,
            sms_countries: edit.sms_countries,
            proxy_age_rules: edit.proxy_age_rules.unwrap_or_else(|| before.settings.proxy_age_rules.clone()),
            appointment_reminder_hours: edit.appointment_reminder_hours.map_or_else(
                || before.settings.appointment_reminder_hours.clone(),
                |mut hours| {
                    hours.sort_unstable_by(|a, b| b.cmp(a));
                    hours.dedup();
                    hours
                },
            ),
            waitlist_batch: edit.waitlist_batch.unwrap_or(before.settings.waitlist_batch),
            ..before.settings.clone()
        };
        Ok(practices::save_settings(self.table.as_ref(), &before, settings, by.as_str(), now).await?)
    }

    /// Publishes a new version of a consent document (the first, if the practice had none of its kind).
    pub async fn publish(
        &self,
        id: &PracticeId,
        p: Publication,
        by: &StaffId,
        now: DateTime<Utc>,
    ) -> Result<(Practice, SettingsChange), SettingsError> {
        let before = self.practice(id).await?;
        if before.version != p.version {
            return Err(SettingsError::Stale);
        }
        let (title, summary) = (p.title.trim(), p.summary.trim());
        if title.is_empty() || title.chars().count() > 120 {
            return Err(invalid("title", "must be 1 to 120 characters"));
        }
        if summary.is_empty() || summary.chars().count() > 500 {
            return Err(invalid("summary", "must be 1 to 500 characters"));
        }
        if !url::Url::parse(&p.url).is_ok_and(|u| u.scheme() == "https") {
            return Err(invalid("url", "must be an https URL"));
        }
        // Texts and emails are the patient's choice (TCPA): a channel consent is never required.
        if p.kind.is_channel() && p.required {
            return Err(invalid("required", "a consent to texts or emails cannot be required"));
        }
        let mut settings = before.settings.clone();
        let version = settings.consent_documents.iter().find(|d| d.kind == p.kind).map_or(1, |d| d.version + 1);
        let document =
            ConsentDocument { kind: p.kind, version, title: title.into(), summary: summary.into(), url: p.url, required: p.required };
        settings.consent_documents.retain(|d| d.kind != p.kind);
        settings.consent_documents.push(document);
        Ok(practices::save_settings(self.table.as_ref(), &before, settings, by.as_str(), now).await?)
    }

    pub async fn history(
        &self,
        id: &PracticeId,
        cursor: Option<Cursor>,
        limit: usize,
    ) -> Result<(Vec<SettingsChange>, Option<Cursor>), SettingsError> {
        Ok(practices::settings_history(self.table.as_ref(), id, cursor, limit).await?)
    }
}
