//! Attachments: files a patient sends with a message. The mechanics (presigned upload, size and type
//! check, malware scan, promotion, download links) are the platform's ([`portico::uploads`]); this is
//! the record of each file and its life: pending until checked, then ready (and sent with at most one
//! message) or refused. Nothing is visible until it is ready.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use portico::auth::access::StaffView;
use portico::blobs::{self, Blobs, PresignedPost};
use portico::clock::Clock;
use portico::ids::{AttachmentId, PatientId, PracticeId, ThreadId};
use portico::store::{Condition, Item, StoreError, Table};
use portico::uploads::{self, Checked, Placement};
use serde::{Deserialize, Serialize};

pub use portico::uploads::FileType;

use crate::keys;
use crate::threads::Author;

/// Largest attachment.
pub const MAX_BYTES: u64 = uploads::MAX_BYTES;
/// An upload not completed within a day is forgotten.
fn pending_for() -> Duration {
    Duration::hours(24)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Pending,
    Ready,
    Rejected,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attachment {
    pub practice_id: PracticeId,
    pub patient_id: PatientId,
    pub attachment_id: AttachmentId,
    pub file_name: String,
    pub file_type: FileType,
    pub declared_size: u64,
    #[serde(default)]
    pub size: Option<u64>,
    pub state: State,
    #[serde(default)]
    pub reason: Option<String>,
    /// How the file was checked: `guardduty:NO_THREATS_FOUND`, or `type-check-only (no scanner locally)`.
    #[serde(default)]
    pub scan: Option<String>,
    pub uploaded_by: Author,
    pub created_at: DateTime<Utc>,
    /// Absent (not null) until sent: linking is conditional on the attribute not existing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<String>,
    /// Sent in a message the patient sees (not an internal note).
    #[serde(default)]
    pub shared: bool,
    #[serde(default)]
    pub version: u64,
}

impl Attachment {
    /// Whether the patient may have it: their own upload, or one sent to them (never a note's).
    pub fn patient_may_open(&self) -> bool {
        self.uploaded_by == Author::Patient || (self.message_id.is_some() && self.shared)
    }
}

impl Attachment {
    fn placement(&self) -> Placement {
        Placement {
            upload_key: keys::attachment_upload(&self.practice_id, &self.patient_id, &self.attachment_id),
            object_key: keys::attachment_object(&self.practice_id, &self.patient_id, &self.attachment_id),
        }
    }

    pub fn item(&self) -> Result<Item, StoreError> {
        let item = Item::from_record(keys::attachment(&self.practice_id, &self.patient_id, &self.attachment_id), self)?;
        Ok(match self.state {
            State::Pending => item.expiring_at((self.created_at + pending_for()).timestamp()),
            _ => item,
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AttachmentError {
    #[error("no such attachment")]
    NotFound,
    #[error("the file has not been uploaded yet")]
    NotUploaded,
    #[error("the malware scan has not finished")]
    ScanPending,
    #[error("the file was refused: {0}")]
    Rejected(String),
    #[error(transparent)]
    Blob(#[from] blobs::BlobError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the attachment routes use.
pub struct AttachmentDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub blobs: Arc<dyn Blobs>,
}

/// A file a patient asks to upload, as parsed at the edge.
#[derive(Debug, Clone)]
pub struct UploadRequest {
    pub file_name: String,
    pub file_type: FileType,
    pub size: u64,
}

impl AttachmentDeps {
    /// Records the pending attachment and returns the presigned POST that admits exactly its file.
    pub async fn begin(
        &self,
        practice: &PracticeId,
        patient: &PatientId,
        request: UploadRequest,
        by: Author,
    ) -> Result<(Attachment, PresignedPost, DateTime<Utc>), AttachmentError> {
        let now = self.clock.now();
        let attachment = Attachment {
            practice_id: practice.clone(),
            patient_id: patient.clone(),
            attachment_id: AttachmentId::generate(now),
            file_name: request.file_name,
            file_type: request.file_type,
            declared_size: request.size,
            size: None,
            state: State::Pending,
            reason: None,
            scan: None,
            uploaded_by: by,
            created_at: now,
            message_id: None,
            thread_id: None,
            shared: false,
            version: 1,
        };
        self.table.put(attachment.item()?, Condition::NotExists).await?;
        let (post, expires_at) =
            uploads::presign(self.blobs.as_ref(), &attachment.placement(), attachment.file_type, MAX_BYTES, now).await?;
        Ok((attachment, post, expires_at))
    }

    pub async fn load(&self, practice: &PracticeId, patient: &PatientId, id: &AttachmentId) -> Result<Attachment, AttachmentError> {
        let item = self.table.get(&keys::attachment(practice, patient, id)).await?.ok_or(AttachmentError::NotFound)?;
        Ok(item.record()?)
    }

    async fn settle(
        &self,
        attachment: &Attachment,
        state: State,
        size: u64,
        reason: Option<String>,
        scan: Option<String>,
    ) -> Result<Attachment, AttachmentError> {
        let mut next = attachment.clone();
        next.state = state;
        next.size = Some(size);
        next.reason = reason;
        next.scan = scan;
        next.version = attachment.version + 1;
        self.table.put(next.item()?, Condition::VersionIs(attachment.version)).await?;
        Ok(next)
    }

    /// An attachment as staff may see it: sent with a message (never a patient's unsent upload), in a
    /// thread whose topic the staff member's roles handle.
    pub async fn load_sent(
        &self,
        practice: &PracticeId,
        patient: &PatientId,
        id: &AttachmentId,
        view: &StaffView,
    ) -> Result<Attachment, AttachmentError> {
        let attachment = self.load(practice, patient, id).await?;
        let thread = attachment.thread_id.as_deref().and_then(ThreadId::parse).ok_or(AttachmentError::NotFound)?;
        let header = crate::threads::layout::header(self.table.as_ref(), practice, patient, &thread).await.map_err(|e| match e {
            crate::threads::ThreadError::Store(e) => AttachmentError::Store(e),
            _ => AttachmentError::NotFound,
        })?;
        if !view.reads(header.topic) {
            return Err(AttachmentError::NotFound);
        }
        Ok(attachment)
    }

    /// Checks what was uploaded; the attachment becomes ready (the checked file promoted to where it is
    /// served), is refused (and the file deleted), or waits for the scan.
    pub async fn complete(&self, practice: &PracticeId, patient: &PatientId, id: &AttachmentId) -> Result<Attachment, AttachmentError> {
        let attachment = self.load(practice, patient, id).await?;
        match attachment.state {
            State::Ready => return Ok(attachment),
            State::Rejected => return Err(AttachmentError::Rejected(attachment.reason.unwrap_or_default())),
            State::Pending => {}
        }
        match uploads::check(self.blobs.as_ref(), &attachment.placement(), attachment.file_type, MAX_BYTES).await? {
            Checked::Ready { size, checked_by } => self.settle(&attachment, State::Ready, size, None, Some(checked_by.into())).await,
            Checked::Refused { size, reason } => {
                self.settle(&attachment, State::Rejected, size, Some(reason.clone()), None).await?;
                Err(AttachmentError::Rejected(reason))
            }
            Checked::NotUploaded => Err(AttachmentError::NotUploaded),
            Checked::Scanning => Err(AttachmentError::ScanPending),
        }
    }

    /// A short-lived download link, for an attachment the caller may see.
    pub async fn download(&self, attachment: &Attachment) -> Result<(String, DateTime<Utc>), AttachmentError> {
        if attachment.state != State::Ready {
            return Err(AttachmentError::NotFound);
        }
        Ok(uploads::download_link(self.blobs.as_ref(), &attachment.placement().object_key, self.clock.now()).await?)
    }
}
