//! What a conversation is: a thread between a patient and the care team for a topic, its messages, and
//! the rules of what a message may be.

use chrono::{DateTime, Duration, Utc};
use portico::auth::access::Topic;
use portico::directory::Practice;
use portico::ids::{AttachmentId, MessageId, PatientId, PracticeId, StaffId, ThreadId};
use portico::store::StoreError;
use serde::{Deserialize, Serialize};

/// Longest message body, in characters.
pub const MAX_BODY: usize = 10_000;
/// Longest subject, in characters.
pub const MAX_SUBJECT: usize = 120;
/// Most attachments on one message.
pub const MAX_ATTACHMENTS: usize = 5;
/// Messages per page of a thread.
pub const PAGE: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ThreadStatus {
    Open,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Author {
    Patient,
    Staff { staff_id: StaffId },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    Portal,
    Sms,
}

/// A thread's header: what the lists need (status, assignee, last activity, unread counts). Counters and
/// activity change by atomic updates as messages arrive, so concurrent messages never fight over it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Thread {
    pub practice_id: PracticeId,
    pub patient_id: PatientId,
    pub thread_id: ThreadId,
    pub topic: Topic,
    pub subject: String,
    pub status: ThreadStatus,
    #[serde(default)]
    pub assignee: Option<StaffId>,
    /// Who is told of patient messages; from the practice's care team for the topic.
    #[serde(default)]
    pub care_team: Vec<StaffId>,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
    pub unread_for_patient: i64,
    pub unread_for_staff: i64,
    pub message_count: i64,
    /// What the patient sees: internal notes leave these alone, so their count and timing never show.
    pub shared_activity_at: DateTime<Utc>,
    pub shared_message_count: i64,
    /// The newest message the patient can see, for the lists (never a note, never deleted text).
    #[serde(default)]
    pub last_message: Option<LastMessage>,
    /// The patient's names when the thread was opened, for the inbox's rows.
    #[serde(default)]
    pub patient_names: Option<portico::directory::PatientNames>,
    /// The patient's side started it (and so may close it); the care team closes the others.
    #[serde(default)]
    pub opened_by_patient: bool,
    /// Set when a person acting for the patient started it (a parent of a teen sees it; see
    /// [`portico::auth::Acting::sees_conversation`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened_by_proxy: Option<PatientId>,
    #[serde(default)]
    pub version: u64,
}

/// Who wrote a message, as the lists say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Patient,
    CareTeam,
}

/// The start of the newest shared message: who, the first words, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastMessage {
    pub message_id: MessageId,
    pub from: Party,
    /// At most [`PREVIEW_CHARS`] characters, on one line; empty for a message that is only attachments.
    pub preview: String,
    pub at: DateTime<Utc>,
}

/// Characters of a message the lists show.
pub const PREVIEW_CHARS: usize = 80;

impl LastMessage {
    pub fn of(message: &Message) -> Self {
        let text = message.body.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut preview: String = text.chars().take(PREVIEW_CHARS).collect();
        if text.chars().count() > PREVIEW_CHARS {
            preview.pop();
            preview.push('…');
        }
        let from = match message.author {
            Author::Patient => Party::Patient,
            Author::Staff { .. } => Party::CareTeam,
        };
        LastMessage { message_id: message.message_id.clone(), from, preview, at: message.created_at }
    }
}

impl Thread {
    /// Who started the thread, for what a proxy may see of it.
    pub fn opener(&self) -> portico::auth::Opener<'_> {
        match (&self.opened_by_proxy, self.opened_by_patient) {
            (Some(person), _) => portico::auth::Opener::Proxy(person),
            (None, true) => portico::auth::Opener::Patient,
            (None, false) => portico::auth::Opener::CareTeam,
        }
    }
}

/// A person who wrote on the patient's side while acting for them (a parent, a caregiver).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProxyWriter {
    pub person_id: PatientId,
    pub grant_id: portico::ids::GrantId,
    /// Their name when they wrote, for both sides' views.
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Deletion {
    pub by: StaffId,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Message {
    pub practice_id: PracticeId,
    pub patient_id: PatientId,
    pub thread_id: ThreadId,
    pub message_id: MessageId,
    pub author: Author,
    pub via: Via,
    /// Staff notes the patient never sees.
    pub internal: bool,
    #[serde(default)]
    pub urgent: bool,
    /// Set when someone acting for the patient wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_by: Option<ProxyWriter>,
    pub body: String,
    /// SHA-256 of the body as written, so later copies can be checked against it.
    pub content_hash: String,
    #[serde(default)]
    pub attachments: Vec<Attached>,
    pub created_at: DateTime<Utc>,
    /// When the other side first read it.
    #[serde(default)]
    pub read_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub deleted: Option<Deletion>,
    /// The end of the retention period; the item expires then.
    pub retain_until: DateTime<Utc>,
}

impl Message {
    pub fn visible_to_patient(&self) -> bool {
        !self.internal
    }

    /// Whether the other side of the conversation should be told of it.
    pub fn tells_anyone(&self) -> bool {
        !self.internal
    }
}

/// A message body: trimmed, at most [`MAX_BODY`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body(String);

impl Body {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.trim();
        let chars = text.chars().count();
        if chars > MAX_BODY {
            return Err(format!("is {chars} characters long; a message may be at most {MAX_BODY}. Split it into two messages."));
        }
        if text.chars().any(|c| c == '\0') {
            return Err("contains a character that is not allowed".into());
        }
        Ok(Body(text.to_string()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub fn parse_subject(raw: &str) -> Result<String, String> {
    let subject = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    match subject.chars().count() {
        0 => Err("must not be empty".into()),
        n if n > MAX_SUBJECT => Err(format!("must be at most {MAX_SUBJECT} characters")),
        _ => Ok(subject),
    }
}

/// A file sent with a message, as the message shows it. Copied from the attachment when it is sent;
/// a sent attachment never changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Attached {
    #[schema(value_type = String)]
    pub attachment_id: AttachmentId,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
}

/// A message about to be written.
#[derive(Debug, Clone)]
pub struct Draft {
    pub author: Author,
    pub via: Via,
    pub body: Body,
    pub internal: bool,
    pub urgent: bool,
    pub attachments: Vec<Attached>,
    /// Set when someone acting for the patient writes.
    pub written_by: Option<ProxyWriter>,
}

impl Draft {
    pub fn is_empty(&self) -> bool {
        self.body.is_empty() && self.attachments.is_empty()
    }
}

/// What a new thread is about and who answers it.
#[derive(Debug, Clone)]
pub struct Opening {
    pub topic: Topic,
    pub subject: String,
    pub care_team: Vec<StaffId>,
}

#[derive(Debug, thiserror::Error)]
pub enum ThreadError {
    #[error("no such thread")]
    NotFound,
    #[error("a message needs text or an attachment")]
    Empty,
    #[error("an attachment is not ready, not yours, or already used")]
    Attachment,
    #[error("no such message")]
    MessageNotFound,
    /// The staff member's roles do not handle this topic (minimum necessary).
    #[error("the role does not handle this topic")]
    TopicNotAllowed,
    /// Internal notes are the clinical record: only roles that read them write them.
    #[error("the role does not write internal notes")]
    NotesNotAllowed,
    /// A patient closes only threads they started.
    #[error("the care team started this thread")]
    NotPatientsToClose,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How long the practice keeps messages (7 years unless it says otherwise).
pub fn retention(practice: &Practice) -> Duration {
    Duration::days(i64::from(practice.settings.message_retention_days))
}

/// The practice's named care team for a topic (settings `care_teams`), or none: then the topic's roles
/// answer.
pub fn care_team(practice: &Practice, topic: Topic) -> Vec<StaffId> {
    practice.settings.care_teams.get(topic.as_str()).map(|ids| ids.iter().filter_map(|id| StaffId::parse(id)).collect()).unwrap_or_default()
}

fn sha256_hex(text: &str) -> String {
    aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, text.as_bytes()).as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

impl Message {
    /// The message a draft becomes in a thread.
    pub fn from_draft(practice: &Practice, patient: &PatientId, thread: &ThreadId, draft: &Draft, now: DateTime<Utc>) -> Message {
        Message {
            practice_id: practice.id.clone(),
            patient_id: patient.clone(),
            thread_id: thread.clone(),
            message_id: MessageId::generate(now),
            author: draft.author.clone(),
            via: draft.via,
            internal: draft.internal,
            urgent: draft.urgent,
            written_by: draft.written_by.clone(),
            content_hash: sha256_hex(draft.body.as_str()),
            body: draft.body.as_str().to_string(),
            attachments: draft.attachments.clone(),
            created_at: now,
            read_at: None,
            deleted: None,
            retain_until: now + retention(practice),
        }
    }
}
