//! Wire types of the messaging routes.

use chrono::{DateTime, Utc};
use portico::blobs::PresignedPost;
use portico::domain::Patch;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use portico::http::openapi::{Constraint, Limit};
use portico::ids::AttachmentId;

use crate::threads::{MAX_ATTACHMENTS, MAX_BODY, MAX_SUBJECT};

/// The limits the messaging routes enforce, as the API's description states them.
pub const LIMITS: &[Limit] = &[
    Limit::new("NewThreadRequest", "subject", Constraint::MaxLength(MAX_SUBJECT)),
    Limit::new("NewThreadRequest", "body", Constraint::MaxLength(MAX_BODY)),
    Limit::new("NewThreadRequest", "attachment_ids", Constraint::MaxItems(MAX_ATTACHMENTS)),
    Limit::new("NewThreadRequest", "attachment_ids.items", Constraint::Pattern(AttachmentId::PATTERN)),
    Limit::new("NewMessageRequest", "body", Constraint::MaxLength(MAX_BODY)),
    Limit::new("NewMessageRequest", "attachment_ids", Constraint::MaxItems(MAX_ATTACHMENTS)),
    Limit::new("StaffNewThreadRequest", "attachment_ids", Constraint::MaxItems(MAX_ATTACHMENTS)),
    Limit::new("StaffMessageRequest", "attachment_ids", Constraint::MaxItems(MAX_ATTACHMENTS)),
    Limit::new("NewMessageRequest", "attachment_ids.items", Constraint::Pattern(AttachmentId::PATTERN)),
    Limit::new("StaffNewThreadRequest", "subject", Constraint::MaxLength(MAX_SUBJECT)),
    Limit::new("StaffNewThreadRequest", "body", Constraint::MaxLength(MAX_BODY)),
    Limit::new("StaffMessageRequest", "body", Constraint::MaxLength(MAX_BODY)),
    Limit::new("UploadRequest", "size", Constraint::Minimum(1)),
    Limit::new("UploadRequest", "size", Constraint::Maximum(crate::attachments::MAX_BYTES)),
];

use crate::attachments::{Attachment, FileType, State};
use portico::auth::access::Topic;

use crate::threads::{Attached, Author, LastMessage, Message, Party, Thread, ThreadStatus, Via};

#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadSummary {
    pub thread_id: String,
    pub topic: Topic,
    pub subject: String,
    pub status: ThreadStatus,
    pub last_activity_at: DateTime<Utc>,
    pub unread: i64,
    pub message_count: i64,
    /// Who wrote last and how it began (none once the newest shared message was deleted).
    pub last_message: Option<LastMessageView>,
    /// The patient started it, so they may close it (`POST /portal/threads/{id}/close`).
    pub opened_by_you: bool,
}

/// The newest shared message of a thread, for lists.
#[derive(Debug, Serialize, ToSchema)]
pub struct LastMessageView {
    pub from: Party,
    /// The first words, on one line (at most 80 characters); empty when only files were sent.
    pub preview: String,
    pub at: DateTime<Utc>,
}

impl From<&LastMessage> for LastMessageView {
    fn from(m: &LastMessage) -> Self {
        LastMessageView { from: m.from, preview: m.preview.clone(), at: m.at }
    }
}

impl ThreadSummary {
    pub fn for_patient(t: &Thread) -> Self {
        ThreadSummary {
            thread_id: t.thread_id.to_string(),
            topic: t.topic,
            subject: t.subject.clone(),
            status: t.status,
            last_activity_at: t.shared_activity_at,
            unread: t.unread_for_patient,
            message_count: t.shared_message_count,
            last_message: t.last_message.as_ref().map(LastMessageView::from),
            opened_by_you: t.opened_by_patient,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadList {
    pub threads: Vec<ThreadSummary>,
    pub unread_total: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewThreadRequest {
    pub topic: Topic,
    pub subject: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub attachment_ids: Vec<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMessageRequest {
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub attachment_ids: Vec<String>,
}

/// A message as the patient sees it: internal notes are never included, deleted text never shown.
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageView {
    pub message_id: String,
    /// `patient` or `care_team`.
    pub from: &'static str,
    pub via: Via,
    pub body: Option<String>,
    pub deleted: bool,
    /// Files sent with the message; download each through `/portal/attachments/{attachment_id}`.
    pub attachments: Vec<Attached>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
    /// The name of the person who wrote it while acting for the patient (a parent, a caregiver).
    pub written_by: Option<String>,
}

impl MessageView {
    pub fn for_patient(m: &Message) -> Self {
        MessageView {
            message_id: m.message_id.to_string(),
            from: if m.author == Author::Patient { "patient" } else { "care_team" },
            via: m.via,
            body: if m.deleted.is_some() { None } else { Some(m.body.clone()) },
            deleted: m.deleted.is_some(),
            attachments: if m.deleted.is_some() { Vec::new() } else { m.attachments.clone() },
            created_at: m.created_at,
            read_at: m.read_at,
            written_by: m.written_by.as_ref().map(|w| w.name.clone()),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ThreadView {
    pub thread: ThreadSummary,
    /// Oldest first.
    pub messages: Vec<MessageView>,
    /// Pass as `before` to read older messages.
    pub older_cursor: Option<String>,
}

/// A thread as staff see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffThreadSummary {
    pub thread_id: String,
    pub patient_id: String,
    pub topic: Topic,
    pub subject: String,
    pub status: ThreadStatus,
    pub assignee: Option<String>,
    pub last_activity_at: DateTime<Utc>,
    pub unread: i64,
    pub message_count: i64,
    pub last_message: Option<LastMessageView>,
    /// The patient's names when the thread was opened.
    pub patient: Option<portico::directory::PatientNames>,
}

impl From<&Thread> for StaffThreadSummary {
    fn from(t: &Thread) -> Self {
        StaffThreadSummary {
            thread_id: t.thread_id.to_string(),
            patient_id: t.patient_id.to_string(),
            topic: t.topic,
            subject: t.subject.clone(),
            status: t.status,
            assignee: t.assignee.as_ref().map(ToString::to_string),
            last_activity_at: t.last_activity_at,
            unread: t.unread_for_staff,
            message_count: t.message_count,
            last_message: t.last_message.as_ref().map(LastMessageView::from),
            patient: t.patient_names.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Inbox {
    pub threads: Vec<StaffThreadSummary>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StaffMessageView {
    pub message_id: String,
    /// `patient`, or the staff member's id.
    pub author: String,
    pub via: Via,
    pub internal: bool,
    pub urgent: bool,
    pub body: String,
    pub content_hash: String,
    pub attachments: Vec<Attached>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
    pub deleted_by: Option<String>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// The name of the person who wrote it while acting for the patient, and their grant.
    pub written_by: Option<String>,
    pub grant_id: Option<String>,
}

impl From<&Message> for StaffMessageView {
    fn from(m: &Message) -> Self {
        StaffMessageView {
            message_id: m.message_id.to_string(),
            author: match &m.author {
                Author::Patient => "patient".into(),
                Author::Staff { staff_id } => staff_id.to_string(),
            },
            via: m.via,
            internal: m.internal,
            urgent: m.urgent,
            body: m.body.clone(),
            content_hash: m.content_hash.clone(),
            attachments: m.attachments.clone(),
            created_at: m.created_at,
            read_at: m.read_at,
            deleted_by: m.deleted.as_ref().map(|d| d.by.to_string()),
            deleted_at: m.deleted.as_ref().map(|d| d.at),
            written_by: m.written_by.as_ref().map(|w| w.name.clone()),
            grant_id: m.written_by.as_ref().map(|w| w.grant_id.to_string()),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StaffThreadView {
    pub thread: StaffThreadSummary,
    pub messages: Vec<StaffMessageView>,
    pub older_cursor: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffNewThreadRequest {
    pub topic: Topic,
    pub subject: String,
    #[serde(default)]
    pub body: String,
    /// Urgent messages skip quiet hours and the daily text limit.
    #[serde(default)]
    pub urgent: bool,
    /// Checked uploads of the staff side for this patient (`POST /staff/patients/{id}/attachments`).
    #[serde(default)]
    pub attachment_ids: Vec<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffMessageRequest {
    #[serde(default)]
    pub body: String,
    /// A note for colleagues: the patient never sees it and is not notified.
    #[serde(default)]
    pub internal: bool,
    #[serde(default)]
    pub urgent: bool,
    /// Checked uploads of the staff side for this patient.
    #[serde(default)]
    pub attachment_ids: Vec<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreadUpdateRequest {
    /// A staff id, or `null` to unassign.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub assignee: Patch<String>,
    pub status: Option<ThreadStatus>,
    /// Marks the patient's messages read.
    #[serde(default)]
    pub read: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UploadRequest {
    pub file_name: String,
    /// `application/pdf`, `image/jpeg`, `image/png` or `image/heic`.
    pub content_type: String,
    /// Bytes; at most 10 MB.
    pub size: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AttachmentView {
    pub attachment_id: String,
    pub file_name: String,
    pub content_type: FileType,
    pub size: Option<u64>,
    pub state: State,
    pub reason: Option<String>,
    /// How the file was checked.
    pub scan: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl From<&Attachment> for AttachmentView {
    fn from(a: &Attachment) -> Self {
        AttachmentView {
            attachment_id: a.attachment_id.to_string(),
            file_name: a.file_name.clone(),
            content_type: a.file_type,
            size: a.size,
            state: a.state,
            reason: a.reason.clone(),
            scan: a.scan.clone(),
            created_at: a.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UploadStarted {
    pub attachment: AttachmentView,
    /// POST these fields and then the file (as `file`) to `url`, as multipart/form-data.
    pub upload: PresignedPost,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DownloadLink {
    pub url: String,
    pub expires_at: DateTime<Utc>,
}
