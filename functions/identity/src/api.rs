//! Wire types of the identity routes: converted to domain types once, here at the edge.

use portico::consents::Decision;
use portico::directory::{CategorySet, ConsentKind, Patient, QuietHours};
use portico::domain::Channel;
use portico::domain::Patch;
pub use portico::views::{ConsentEventView, ConsentView, ConsentsView, PreferencesView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use portico::domain::{Email, LocalTime, PersonName, Pronouns};
use portico::http::openapi::{Constraint, Limit};
use portico::ids::ChallengeId;

use crate::limits::{CODE_DIGITS, CODE_PATTERN};

/// The limits the identity routes enforce, as the API's description states them.
pub const LIMITS: &[Limit] = &[
    Limit::new("StartCodeRequest", "address", Constraint::MaxLength(Email::MAX_LEN)),
    Limit::new("VerifyCodeRequest", "challenge_id", Constraint::Pattern(ChallengeId::PATTERN)),
    Limit::new("VerifyCodeRequest", "code", Constraint::Pattern(CODE_PATTERN)),
    Limit::new("VerifyCodeRequest", "code", Constraint::MinLength(CODE_DIGITS)),
    Limit::new("VerifyCodeRequest", "code", Constraint::MaxLength(CODE_DIGITS)),
    Limit::new("VerifyContactRequest", "challenge_id", Constraint::Pattern(ChallengeId::PATTERN)),
    Limit::new("VerifyContactRequest", "code", Constraint::Pattern(CODE_PATTERN)),
    Limit::new("VerifyContactRequest", "code", Constraint::MinLength(CODE_DIGITS)),
    Limit::new("VerifyContactRequest", "code", Constraint::MaxLength(CODE_DIGITS)),
    Limit::new("ProfilePatch", "given_name", Constraint::MaxLength(PersonName::MAX_CHARS)),
    Limit::new("ProfilePatch", "family_name", Constraint::MaxLength(PersonName::MAX_CHARS)),
    Limit::new("ProfilePatch", "preferred_name", Constraint::MaxLength(PersonName::MAX_CHARS)),
    Limit::new("ProfilePatch", "pronouns", Constraint::MaxLength(Pronouns::MAX_CHARS)),
    Limit::new("ProfilePatch", "email", Constraint::MaxLength(Email::MAX_LEN)),
    Limit::new("QuietHours", "start", Constraint::Pattern(LocalTime::PATTERN)),
    Limit::new("QuietHours", "end", Constraint::Pattern(LocalTime::PATTERN)),
];

/// Ask for a sign-in code.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartCodeRequest {
    pub channel: Channel,
    /// The email address or mobile number the practice has on file.
    #[schema(example = "ann@example.com")]
    pub address: String,
}

/// A code is on its way if the address is on file. The answer is the same either way.
#[derive(Debug, Serialize, ToSchema)]
pub struct CodeSentResponse {
    pub challenge_id: String,
    pub channel: Channel,
    /// Seconds the code stays valid.
    pub expires_in: i64,
    /// Seconds until another code may be asked for.
    pub resend_after: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyCodeRequest {
    pub challenge_id: String,
    #[schema(example = "123456")]
    pub code: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RedeemLinkRequest {
    /// The token from the invitation link's fragment.
    pub token: String,
}

/// A signed-in session. The access token is kept in memory by the portal; the refresh token is in the
/// `__Host-portico_refresh` cookie.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionResponse {
    pub access_token: String,
    pub token_type: &'static str,
    pub expires_in: i64,
    pub patient_id: String,
    /// The session ends after this many seconds without the person's activity.
    pub idle_timeout_seconds: i64,
    /// The patient's language (BCP 47), so the portal speaks it before any other read.
    pub language: String,
}

/// The patient's profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProfileView {
    pub patient_id: String,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    pub pronouns: Option<String>,
    /// BCP 47.
    pub language: String,
    /// IANA.
    pub time_zone: String,
    /// Read-only: the practice corrects it.
    #[schema(value_type = String, format = Date)]
    pub date_of_birth: chrono::NaiveDate,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl From<&Patient> for ProfileView {
    fn from(p: &Patient) -> Self {
        ProfileView {
            patient_id: p.patient_id.to_string(),
            given_name: p.given_name.to_string(),
            family_name: p.family_name.to_string(),
            preferred_name: p.preferred_name.as_ref().map(ToString::to_string),
            pronouns: p.pronouns.as_ref().map(ToString::to_string),
            language: p.language.to_string(),
            time_zone: p.time_zone.to_string(),
            date_of_birth: p.date_of_birth.date(),
            email: p.email.as_ref().map(ToString::to_string),
            phone: p.phone.as_ref().map(ToString::to_string),
        }
    }
}

/// Changes to the profile; absent fields stay as they are, `null` clears an optional one. A new email
/// or phone is used only after the code sent to it is confirmed.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfilePatch {
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub preferred_name: Patch<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub pronouns: Patch<String>,
    pub language: Option<String>,
    pub time_zone: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Not changeable here; present so the refusal can say why.
    #[schema(value_type = Option<String>)]
    pub date_of_birth: Option<serde_json::Value>,
}

/// A confirmation code was sent to a new address.
#[derive(Debug, Serialize, ToSchema)]
pub struct PendingVerification {
    pub challenge_id: String,
    pub channel: Channel,
    /// The new address, partly hidden.
    pub destination: String,
    pub expires_in: i64,
    /// Seconds until another code may be asked for.
    pub resend_after: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProfileUpdated {
    pub profile: ProfileView,
    pub verification: Option<PendingVerification>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyContactRequest {
    pub challenge_id: String,
    pub code: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentDecisionRequest {
    pub kind: ConsentKind,
    pub version: u32,
    pub decision: Decision,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferencesUpdate {
    pub time_zone: String,
    pub email: CategorySet,
    pub sms: CategorySet,
    pub quiet_hours: Option<QuietHours>,
}

/// The home screen, in one read: greeting, the practice, what is new, what waits for a decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct HomeView {
    pub profile: HomeProfile,
    pub practice: HomePractice,
    /// Messages from the care team not read yet, across conversations.
    pub unread_total: i64,
    /// The newest of them, while any is unread.
    pub latest_unread: Option<HomeMessage>,
    /// Consent documents waiting for the patient's decision (the required ones first block the portal).
    pub consents_needing_decision: usize,
    /// Unread items of the bell (`GET /portal/notifications`).
    pub notifications_unread: i64,
    /// Who is signed in (the greeting names them, whoever they act for).
    pub person: HomeName,
    /// The people the signed-in person may act for: the person switcher. Empty for most patients.
    pub people: Vec<HomePerson>,
    /// The soonest appointment still ahead (requested or booked); none without the appointments scope.
    pub next_appointment: Option<HomeAppointment>,
    /// Set when this request acted for someone else (`Portico-Acting-For`): what the grant allows.
    /// Counts outside its scopes (or hidden from a teen's parent) are zero.
    pub acting_for: Option<HomeActing>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HomeAppointment {
    pub appointment_id: String,
    pub start: chrono::DateTime<chrono::Utc>,
    pub service_name: String,
    pub clinician_name: String,
    /// `requested` or `booked`.
    pub status: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HomeName {
    #[schema(value_type = String)]
    pub patient_id: portico::ids::PatientId,
    pub given_name: String,
    pub preferred_name: Option<String>,
    /// An account made only to act for others (a caregiver who is not a patient here): the portal
    /// opens on someone they act for.
    pub proxy_only: bool,
}

/// Someone the signed-in person may act for.
#[derive(Debug, Serialize, ToSchema)]
pub struct HomePerson {
    #[schema(value_type = String)]
    pub patient_id: portico::ids::PatientId,
    pub given_name: String,
    pub preferred_name: Option<String>,
    pub relationship: portico::proxies::Relationship,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HomeActing {
    #[schema(value_type = String)]
    pub patient_id: portico::ids::PatientId,
    #[schema(value_type = String)]
    pub grant_id: portico::ids::GrantId,
    pub relationship: portico::proxies::Relationship,
    pub scopes: Vec<portico::auth::Scope>,
    /// A teen's account under the practice's age rules: confidential topics and the teen's own
    /// conversations are hidden.
    pub limited: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HomeProfile {
    pub given_name: String,
    pub preferred_name: Option<String>,
    pub language: String,
    pub time_zone: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HomePractice {
    pub name: String,
    pub logo_url: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HomeMessage {
    pub thread_id: String,
    pub subject: String,
    pub preview: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// One line of the patient's access log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccessEntry {
    pub at: chrono::DateTime<chrono::Utc>,
    /// `you` (a sign-in or sign-out), `staff` (someone at the practice) or `proxy` (someone acting for
    /// you: `grant_id` names their access in `GET /portal/proxies`).
    pub by: String,
    pub grant_id: Option<String>,
    /// The staff member's roles (`admin`, `clinician`, `front-desk`, `billing`); empty for you.
    pub roles: Vec<String>,
    /// What happened, as the audit trail names it (`auth.sign_in.code`, `patient.read`, `message.staff.create`…).
    pub action: String,
    /// Whether it went through.
    pub succeeded: bool,
    /// For your own sign-ins: the browser or device that asked, and the address it came from.
    pub device: Option<String>,
    pub ip: Option<String>,
}

impl From<&portico::audit::AuditEvent> for AccessEntry {
    fn from(e: &portico::audit::AuditEvent) -> Self {
        let yours = e.actor_kind == "patient";
        let by = match e.actor_kind.as_str() {
            "patient" => "you",
            "proxy" => "proxy",
            _ => "staff",
        };
        AccessEntry {
            at: e.at,
            by: by.into(),
            grant_id: e.grant_id.clone(),
            roles: if yours { Vec::new() } else { e.actor_roles.clone() },
            action: e.action.clone(),
            succeeded: e.outcome == portico::audit::Outcome::Success,
            // Staff members' addresses and browsers are theirs, not the patient's to see.
            device: if yours { e.user_agent.clone() } else { None },
            ip: if yours { e.ip.clone() } else { None },
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Notifications {
    /// Newest first.
    pub items: Vec<portico::bell::BellItem>,
    pub unread: i64,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationsMarked {
    /// How many were unread and are read now.
    pub marked: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Timeline {
    /// Newest first.
    pub entries: Vec<portico::timeline::TimelineEntry>,
    /// Present while older entries follow.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AccessLog {
    pub entries: Vec<AccessEntry>,
    /// Present while older entries may follow (a page may be short).
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SessionsEnded {
    /// How many other sessions were signed out.
    pub ended: usize,
}

/// Who can act for the signed-in person, and whom they act for.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProxyList {
    /// People who can act for you: each with what they may do and when they last did.
    pub acting_for_you: Vec<portico::proxies::GrantView>,
    /// People you can act for (switch to them in the portal); ended grants are not listed.
    pub you_act_for: Vec<portico::proxies::GrantView>,
    /// Invitations you sent that are not accepted yet (cancel one with `DELETE /portal/proxies/{grant_id}`).
    pub pending_invitations: Vec<portico::proxies::PendingInvitation>,
}

/// An invitation to act for you. Give exactly one of `email` and `phone`: the invitation link goes
/// there; the code it needs is shown to you once, to pass on yourself.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProxyInviteRequest {
    #[schema(min_length = 1, max_length = 100)]
    pub given_name: String,
    #[schema(min_length = 1, max_length = 100)]
    pub family_name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// Not `parent` or `legal_guardian`: a child's access is set up by the practice.
    pub relationship: portico::proxies::Relationship,
    /// What they may do for you; a guarantor's is `billing` only.
    #[schema(min_items = 1)]
    pub scopes: Vec<portico::auth::Scope>,
    /// The last day their access works (YYYY-MM-DD, the practice's time zone); none for no end.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub expires_on: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProxyInvitationSent {
    /// The grant's id once accepted.
    pub grant_id: String,
    /// Tell this code to the person you invited: they need it, with your date of birth, to accept.
    /// It is shown only now.
    pub code: String,
    pub channel: portico::domain::Channel,
    /// Where the link went, masked.
    pub destination: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// Accepting an invitation to act for someone.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProxyAcceptRequest {
    /// The token from the invitation link's fragment.
    pub token: String,
    /// The 6-digit code the person who invited you has.
    pub code: String,
    /// Their date of birth (YYYY-MM-DD).
    #[schema(format = Date)]
    pub patient_date_of_birth: String,
    /// Yours, when you have no account at the practice yet (the answer says so with a 400 naming this field).
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub your_date_of_birth: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProxyAccepted {
    /// Whom you can now act for.
    pub patient_given_name: String,
    /// Whether an account was made for you now.
    pub new_account: bool,
    /// Sign in with this address (masked) to act for them.
    pub channel: portico::domain::Channel,
    pub destination: String,
}

/// Opening a notice's link.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenLinkRequest {
    /// The token from the link's fragment.
    pub token: String,
    /// Send a sign-in code to the address the notice went to (when this browser has no live session of
    /// the same patient).
    #[serde(default)]
    pub send_code: bool,
}

/// What a link leads to. Showing it needs a live session of `patient_id`, or the code sent now.
#[derive(Debug, Serialize, ToSchema)]
pub struct OpenedLink {
    pub item: portico::links::ItemRef,
    pub patient_id: String,
    /// Present when a code was asked for and sent: verify it with `POST /auth/otp/verify`.
    pub challenge: Option<LinkCode>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LinkCode {
    pub challenge_id: String,
    pub channel: Channel,
    /// Where the code went, masked.
    pub destination: String,
    pub expires_in: i64,
    pub resend_after: i64,
}
