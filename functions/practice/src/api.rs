//! Wire types of the staff routes.

use chrono::{DateTime, Utc};
use portico::directory::{AccountStatus, Patient};
use portico::domain::Channel;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use portico::domain::{Email, Patch, PersonName, Pronouns};
use portico::http::openapi::{Constraint, Limit};

/// The limits the staff patient routes enforce, as the API's description states them.
pub const LIMITS: &[Limit] = &[
    Limit::new("NewPatientRequest", "given_name", Constraint::MaxLength(PersonName::MAX_CHARS)),
    Limit::new("NewPatientRequest", "family_name", Constraint::MaxLength(PersonName::MAX_CHARS)),
    Limit::new("NewPatientRequest", "preferred_name", Constraint::MaxLength(PersonName::MAX_CHARS)),
    Limit::new("NewPatientRequest", "pronouns", Constraint::MaxLength(Pronouns::MAX_CHARS)),
    Limit::new("NewPatientRequest", "email", Constraint::MaxLength(Email::MAX_LEN)),
    Limit::new("NewPatientRequest", "date_of_birth", Constraint::Format("date")),
    Limit::new("PatientUpdate", "given_name", Constraint::MaxLength(PersonName::MAX_CHARS)),
    Limit::new("PatientUpdate", "family_name", Constraint::MaxLength(PersonName::MAX_CHARS)),
    Limit::new("PatientUpdate", "preferred_name", Constraint::MaxLength(PersonName::MAX_CHARS)),
    Limit::new("PatientUpdate", "pronouns", Constraint::MaxLength(Pronouns::MAX_CHARS)),
    Limit::new("PatientUpdate", "email", Constraint::MaxLength(Email::MAX_LEN)),
    Limit::new("PatientUpdate", "date_of_birth", Constraint::Format("date")),
    Limit::new("StaffInviteRequest", "email", Constraint::MaxLength(Email::MAX_LEN)),
    Limit::new("StaffInviteRequest", "display_name", Constraint::MaxLength(100)),
    Limit::new("StaffInviteRequest", "display_name", Constraint::MinLength(1)),
    Limit::new("StaffInviteRequest", "roles", Constraint::MinItems(1)),
    Limit::new("StaffInviteRequest", "roles", Constraint::MaxItems(4)),
    Limit::new("StaffRolesRequest", "roles", Constraint::MinItems(1)),
    Limit::new("StaffRolesRequest", "roles", Constraint::MaxItems(4)),
    Limit::new("PracticeSettingsUpdate", "allowed_origins", Constraint::MaxItems(10)),
    Limit::new("PracticeSettingsUpdate", "invite_ttl_hours", Constraint::Minimum(1)),
    Limit::new("PracticeSettingsUpdate", "invite_ttl_hours", Constraint::Maximum(168)),
    Limit::new("PracticeSettingsUpdate", "message_retention_days", Constraint::Minimum(crate::settings::MIN_RETENTION_DAYS as u64)),
    Limit::new("PracticeSettingsUpdate", "sign_in_codes_per_hour", Constraint::Minimum(1)),
    Limit::new("PracticeSettingsUpdate", "sign_in_codes_per_hour", Constraint::Maximum(10_000)),
    Limit::new("ConsentPublication", "title", Constraint::MinLength(1)),
    Limit::new("ConsentPublication", "title", Constraint::MaxLength(120)),
    Limit::new("ConsentPublication", "summary", Constraint::MinLength(1)),
    Limit::new("ConsentPublication", "summary", Constraint::MaxLength(500)),
];

/// A new patient. At least one of email and phone is needed to invite them.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPatientRequest {
    pub given_name: String,
    pub family_name: String,
    #[schema(example = "1984-07-02")]
    pub date_of_birth: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub preferred_name: Option<String>,
    pub pronouns: Option<String>,
    pub language: Option<String>,
    pub time_zone: Option<String>,
}

/// A patient as staff see them.
#[derive(Debug, Serialize, ToSchema)]
pub struct PatientView {
    pub patient_id: String,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    pub pronouns: Option<String>,
    #[schema(value_type = String, format = Date)]
    pub date_of_birth: chrono::NaiveDate,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub language: String,
    pub time_zone: String,
    pub status: AccountStatus,
    /// An invitation link is outstanding (sent, not yet redeemed or replaced).
    pub invitation_sent: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The record's version: send it back with a change, so a colleague's change in between is not
    /// overwritten (409).
    pub version: u64,
}

impl From<&Patient> for PatientView {
    fn from(p: &Patient) -> Self {
        PatientView {
            patient_id: p.patient_id.to_string(),
            given_name: p.given_name.to_string(),
            family_name: p.family_name.to_string(),
            preferred_name: p.preferred_name.as_ref().map(ToString::to_string),
            pronouns: p.pronouns.as_ref().map(ToString::to_string),
            date_of_birth: p.date_of_birth.date(),
            email: p.email.as_ref().map(ToString::to_string),
            phone: p.phone.as_ref().map(ToString::to_string),
            language: p.language.to_string(),
            time_zone: p.time_zone.to_string(),
            status: p.status,
            invitation_sent: p.invitation.is_some(),
            created_at: p.created_at,
            updated_at: p.updated_at,
            version: p.version,
        }
    }
}

/// Staff's correction of a patient's record. Absent fields stay as they are; `null` clears an optional
/// one (an email or a phone may be removed while the other remains). A new email or phone is used at
/// once: staff confirm it with the patient. The patient is told, without details, that the practice
/// updated their record, and an address that no longer signs them in is told too.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatientUpdate {
    /// The `version` of the record the change was made on.
    pub version: u64,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub preferred_name: Patch<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub pronouns: Patch<String>,
    #[schema(example = "1984-07-02")]
    pub date_of_birth: Option<String>,
    pub language: Option<String>,
    pub time_zone: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub email: Patch<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub phone: Patch<String>,
}

/// The record after a change, and which fields changed (empty: nothing was, and nobody was told).
#[derive(Debug, Serialize, ToSchema)]
pub struct PatientUpdated {
    pub patient: PatientView,
    pub changed: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PatientSummary {
    pub patient_id: String,
    pub given_name: String,
    pub family_name: String,
    #[schema(value_type = String, format = Date)]
    pub date_of_birth: chrono::NaiveDate,
    pub status: AccountStatus,
}

impl From<&Patient> for PatientSummary {
    fn from(p: &Patient) -> Self {
        PatientSummary {
            patient_id: p.patient_id.to_string(),
            given_name: p.given_name.to_string(),
            family_name: p.family_name.to_string(),
            date_of_birth: p.date_of_birth.date(),
            status: p.status,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PatientList {
    pub patients: Vec<PatientSummary>,
    /// Pass as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    /// Defaults to email when the patient has one, else SMS.
    pub channel: Option<Channel>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationSent {
    pub channel: Channel,
    /// The address, partly hidden.
    pub destination: String,
    pub expires_at: DateTime<Utc>,
}

/// A staff member as the console shows them.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffMemberView {
    pub staff_id: String,
    pub display_name: String,
    pub email: String,
    pub roles: Vec<portico::directory::Role>,
    pub status: AccountStatus,
    pub created_at: DateTime<Utc>,
    /// Absent until their first sign-in (an invited member who has not signed in yet).
    pub last_sign_in_at: Option<DateTime<Utc>>,
}

/// The signed-in staff member, with the terms of their session.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffSelfView {
    #[serde(flatten)]
    pub member: StaffMemberView,
    /// The console signs out after this long without the person's own activity.
    pub idle_timeout_seconds: i64,
}

impl From<&portico::directory::StaffMember> for StaffMemberView {
    fn from(m: &portico::directory::StaffMember) -> Self {
        StaffMemberView {
            staff_id: m.staff_id.to_string(),
            display_name: m.display_name.clone(),
            email: m.email.clone(),
            roles: m.roles.clone(),
            status: m.status,
            created_at: m.created_at,
            last_sign_in_at: m.last_sign_in_at,
        }
    }
}

/// One page of the practice's staff.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamList {
    pub staff: Vec<StaffMemberView>,
    pub next_cursor: Option<String>,
}

/// A practice as its sign reads: nothing about any patient.
#[derive(Debug, Serialize, ToSchema)]
pub struct PracticeInfo {
    pub name: String,
    pub logo_url: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// What the chart shows about reaching a patient: consents, preferences, text opt-out, whether a "new
/// message" notice can reach them on each channel (and what stops it), and their latest notices.
#[derive(Debug, Serialize, ToSchema)]
pub struct PatientContactView {
    pub consents: portico::views::ConsentsView,
    pub preferences: portico::views::PreferencesView,
    /// The patient texted STOP and has not texted START since.
    pub sms_opted_out: bool,
    pub notices: NoticeReach,
    /// Newest first, at most ten.
    pub recent_notifications: Vec<portico::views::NotificationView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeReach {
    pub email: portico::views::ChannelReach,
    pub sms: portico::views::ChannelReach,
}

impl From<crate::patients::ContactFacts> for PatientContactView {
    fn from(f: crate::patients::ContactFacts) -> Self {
        PatientContactView {
            preferences: portico::views::PreferencesView::from(&f.patient),
            sms_opted_out: f.patient.sms.opted_out,
            consents: f.consents.into(),
            notices: NoticeReach { email: f.email.into(), sms: f.sms.into() },
            recent_notifications: f.recent.iter().map(Into::into).collect(),
        }
    }
}

/// A range of the audit trail to write to a file: the same filters as the search.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditExportRequest {
    /// RFC 3339.
    pub from: DateTime<Utc>,
    /// RFC 3339; at most 31 days after `from`.
    pub to: DateTime<Utc>,
    pub patient_id: Option<String>,
    pub actor_id: Option<String>,
    pub action: Option<String>,
    #[serde(default = "csv")]
    pub format: crate::audit_review::ExportFormat,
}

fn csv() -> crate::audit_review::ExportFormat {
    crate::audit_review::ExportFormat::Csv
}

/// An export file, ready: its link works until `expires_at` (open it to download the file).
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditExportFile {
    pub url: String,
    pub expires_at: DateTime<Utc>,
    pub file_name: String,
    pub events: usize,
    pub bytes: u64,
}

/// One audit event as reviewers see it: who, what, when, from where, and how it ended. Never PHI.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventView {
    pub at: DateTime<Utc>,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub action: String,
    pub object_kind: String,
    pub object_id: Option<String>,
    pub patient_id: Option<String>,
    /// `success`, `denied`, `not_found`, `rejected` or `error`.
    pub outcome: String,
    pub status: u16,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: String,
}

impl From<&portico::audit::AuditEvent> for AuditEventView {
    fn from(e: &portico::audit::AuditEvent) -> Self {
        AuditEventView {
            at: e.at,
            actor_kind: e.actor_kind.clone(),
            actor_id: e.actor_id.clone(),
            action: e.action.clone(),
            object_kind: e.object_kind.clone(),
            object_id: e.object_id.clone(),
            patient_id: e.patient_id.clone(),
            outcome: e.outcome.as_str().to_string(),
            status: e.status,
            ip: e.ip.clone(),
            user_agent: e.user_agent.clone(),
            request_id: e.request_id.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditSearchPage {
    pub events: Vec<AuditEventView>,
    /// Present while more may follow (even after a short or empty page).
    pub next_cursor: Option<String>,
}

/// A staff member to invite: the staff pool emails them a temporary password; they set their own and
/// enrol MFA at first sign-in.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffInviteRequest {
    pub email: String,
    pub display_name: String,
    pub roles: Vec<portico::directory::Role>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffRolesRequest {
    pub roles: Vec<portico::directory::Role>,
}

/// The practice as its administrators see and edit it. `version` is what an edit must send back.
#[derive(Debug, Serialize, ToSchema)]
pub struct PracticeSettingsView {
    pub practice_id: String,
    pub name: String,
    pub slug: String,
    pub version: u64,
    /// The operator's: the practice's own portal hosts and texting numbers.
    pub custom_domains: Vec<String>,
    pub sms_numbers: Vec<String>,
    pub country: String,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub logo_url: Option<String>,
    pub invite_ttl_hours: u32,
    pub message_retention_days: u32,
    pub allowed_origins: Vec<String>,
    pub default_time_zone: String,
    /// Staff ids per topic (`clinical`, `scheduling`, `billing`, `other`); a topic without a team goes
    /// to every staff member whose role handles the topic.
    pub care_teams: std::collections::BTreeMap<String, Vec<String>>,
    pub sign_in_codes_per_hour: u32,
    /// ISO 3166 alpha-2 codes of the countries whose numbers the practice texts; empty means the
    /// practice's own `country` only.
    pub sms_countries: Vec<String>,
    pub consent_documents: Vec<portico::directory::ConsentDocument>,
    /// How a parent's or guardian's access to a child's account changes with the child's age.
    pub proxy_age_rules: portico::proxies::AgeRules,
    /// Hours before an appointment its reminders go out.
    pub appointment_reminder_hours: Vec<u32>,
    /// How many waitlisted patients each freed time is offered to at once.
    pub waitlist_batch: u32,
}

impl From<&portico::directory::Practice> for PracticeSettingsView {
    fn from(p: &portico::directory::Practice) -> Self {
        let s = &p.settings;
        PracticeSettingsView {
            practice_id: p.id.to_string(),
            name: p.name.clone(),
            slug: p.slug.clone(),
            version: p.version,
            custom_domains: p.custom_domains.clone(),
            sms_numbers: s.sms_numbers.clone(),
            country: s.country.clone(),
            contact_phone: s.contact_phone.clone(),
            contact_email: s.contact_email.clone(),
            logo_url: s.logo_url.clone(),
            invite_ttl_hours: s.invite_ttl_hours,
            message_retention_days: s.message_retention_days,
            allowed_origins: s.allowed_origins.clone(),
            default_time_zone: s.default_time_zone.clone(),
            care_teams: s.care_teams.clone(),
            sign_in_codes_per_hour: s.sign_in_codes_per_hour,
            sms_countries: s.sms_countries.clone(),
            consent_documents: s.consent_documents.clone(),
            proxy_age_rules: s.proxy_age_rules.clone(),
            appointment_reminder_hours: s.appointment_reminder_hours.clone(),
            waitlist_batch: s.waitlist_batch,
        }
    }
}

/// Everything an administrator may change, with the `version` they read (a stale one answers 409).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PracticeSettingsUpdate {
    pub version: u64,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub logo_url: Option<String>,
    pub invite_ttl_hours: u32,
    pub message_retention_days: u32,
    pub allowed_origins: Vec<String>,
    pub default_time_zone: String,
    /// Staff ids per message topic, each an active member; a topic without a team goes to every staff
    /// member whose role handles the topic.
    pub care_teams: std::collections::BTreeMap<portico::auth::access::Topic, Vec<String>>,
    pub sign_in_codes_per_hour: u32,
    /// ISO 3166 alpha-2 codes of the countries whose numbers the practice texts; empty means the
    /// practice's own `country` only.
    pub sms_countries: Vec<String>,
    /// Absent: unchanged.
    #[serde(default)]
    pub proxy_age_rules: Option<portico::proxies::AgeRules>,
    /// Hours before an appointment its reminders go out: at most 6, each 1 to 168. Absent: unchanged.
    #[serde(default)]
    #[schema(max_items = 6)]
    pub appointment_reminder_hours: Option<Vec<u32>>,
    /// How many waitlisted patients each freed time is offered to at once: 1 to 10. Absent: unchanged.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 10)]
    pub waitlist_batch: Option<u32>,
}

/// A new version of one consent document (the practice's `version` as read).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentPublication {
    pub version: u64,
    pub kind: portico::directory::ConsentKind,
    pub title: String,
    pub summary: String,
    pub url: String,
    pub required: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsChangeView {
    pub version: u64,
    pub changed_by: String,
    pub at: DateTime<Utc>,
    /// The settings that changed (`consent_documents` for a publication).
    pub fields: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsHistory {
    pub changes: Vec<SettingsChangeView>,
    pub next_cursor: Option<String>,
}

/// A text-message consent the patient gave staff (or withdrew), and how.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffConsentRequest {
    pub decision: StaffDecision,
    pub method: ConsentMethod,
}

/// What staff may record for a patient: an agreement or its withdrawal (a patient's "no thanks" to an
/// optional document is theirs to give in the portal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StaffDecision {
    Accept,
    Revoke,
}

impl From<StaffDecision> for portico::consents::Decision {
    fn from(d: StaffDecision) -> Self {
        match d {
            StaffDecision::Accept => portico::consents::Decision::Accept,
            StaffDecision::Revoke => portico::consents::Decision::Revoke,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsentMethod {
    /// Said to staff, by phone or in person.
    Verbal,
    /// On a signed paper form.
    Written,
}

impl ConsentMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentMethod::Verbal => "verbal",
            ConsentMethod::Written => "written",
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClearSuppressionRequest {
    pub reason: portico::notify::suppression::ClearReason,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SuppressionCleared {
    /// False when the address was not suppressed (nothing changed).
    pub cleared: bool,
}

/// Who can act for a patient, and whom the patient acts for.
#[derive(Debug, Serialize, ToSchema)]
pub struct PatientProxies {
    pub acting_for_patient: Vec<portico::proxies::GrantView>,
    pub patient_acts_for: Vec<portico::proxies::GrantView>,
}

/// A grant made by staff: `proxy_id` is a person with an account at the practice (enrol them first).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGrantRequest {
    pub proxy_id: String,
    /// `parent` and `legal_guardian` are for a child (the practice's age rules apply).
    pub relationship: portico::proxies::Relationship,
    pub legal_basis: portico::proxies::LegalBasis,
    /// A guarantor's is `billing` only.
    #[schema(min_items = 1)]
    pub scopes: Vec<portico::auth::Scope>,
    /// The last day it works (YYYY-MM-DD, the practice's time zone); none for no end.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub expires_on: Option<String>,
}
