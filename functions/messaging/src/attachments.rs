//! Attachments. A patient asks to upload (name, type, size); the server picks the key under the practice
//! and patient and returns a presigned POST that admits only that file, for five minutes. Nothing is
//! visible until the completion step has read what was actually stored: its size, its real type from its
//! first bytes, and its malware scan (GuardDuty's tag in AWS; locally only the type check, and the
//! attachment says so). Downloads are presigned GETs, minted after the authorization check, lasting a
//! minute and served as `attachment`.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use portico::blobs::{self, Blobs, PresignedPost, SCAN_TAG, Scanning, UploadPolicy};
use portico::clock::Clock;
use portico::ids::{AttachmentId, PatientId, PracticeId};
use portico::store::{Condition, Item, StoreError, Table};
use serde::{Deserialize, Serialize};

use crate::keys;
use crate::threads::Author;

/// Largest attachment: 10 MB.
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;
/// An upload not completed within a day is forgotten.
const PENDING_FOR_HOURS: i64 = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub enum FileType {
    #[serde(rename = "application/pdf")]
    Pdf,
    #[serde(rename = "image/jpeg")]
    Jpeg,
    #[serde(rename = "image/png")]
    Png,
    #[serde(rename = "image/heic")]
    Heic,
}

impl FileType {
    pub fn parse(mime: &str) -> Option<Self> {
        match mime.trim().to_ascii_lowercase().as_str() {
            "application/pdf" => Some(FileType::Pdf),
            "image/jpeg" | "image/jpg" => Some(FileType::Jpeg),
            "image/png" => Some(FileType::Png),
            "image/heic" | "image/heif" => Some(FileType::Heic),
            _ => None,
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::Heic => "image/heic",
        }
    }

    /// The type a file's first bytes say it is, whatever its name or declared type claim.
    pub fn sniff(head: &[u8]) -> Option<Self> {
        if head.starts_with(b"%PDF-") {
            return Some(FileType::Pdf);
        }
        if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Some(FileType::Jpeg);
        }
        if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            return Some(FileType::Png);
        }
        let heic_brands: [&[u8]; 8] = [b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis"];
        if head.len() >= 12 && &head[4..8] == b"ftyp" && heic_brands.contains(&&head[8..12]) {
            return Some(FileType::Heic);
        }
        None
    }
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
    #[serde(default)]
    pub version: u64,
}

impl Attachment {
    pub fn object_key(&self) -> String {
        keys::attachment_object(&self.practice_id, &self.patient_id, &self.attachment_id)
    }

    pub fn upload_key(&self) -> String {
        keys::attachment_upload(&self.practice_id, &self.patient_id, &self.attachment_id)
    }

    pub fn item(&self) -> Result<Item, StoreError> {
        let item = Item::from_record(keys::attachment(&self.practice_id, &self.patient_id, &self.attachment_id), self)?;
        Ok(match self.state {
            State::Pending => item.expiring_at((self.created_at + chrono::Duration::hours(PENDING_FOR_HOURS)).timestamp()),
            _ => item,
        })
    }
}

/// A file name fit to store and to offer back: no paths, no control characters, at most 120 characters.
pub fn clean_file_name(raw: &str) -> Result<String, &'static str> {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control()).collect::<String>().trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        return Err("must name the file");
    }
    Ok(cleaned.chars().take(120).collect())
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

pub struct AttachmentDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub blobs: Arc<dyn Blobs>,
}

impl AttachmentDeps {
    /// Records the pending attachment and returns the presigned POST that admits exactly its file.
    pub async fn begin(
        &self,
        practice: &PracticeId,
        patient: &PatientId,
        file_name: String,
        file_type: FileType,
        size: u64,
        by: Author,
    ) -> Result<(Attachment, PresignedPost, DateTime<Utc>), AttachmentError> {
        let now = self.clock.now();
        let attachment = Attachment {
            practice_id: practice.clone(),
            patient_id: patient.clone(),
            attachment_id: AttachmentId::generate(now),
            file_name,
            file_type,
            declared_size: size,
            size: None,
            state: State::Pending,
            reason: None,
            scan: None,
            uploaded_by: by,
            created_at: now,
            message_id: None,
            thread_id: None,
            version: 1,
        };
        self.table.put(attachment.item()?, Condition::NotExists).await?;
        let expires_at = now + blobs::upload_window();
        let policy = UploadPolicy {
            key: attachment.upload_key(),
            content_type: file_type.mime().to_string(),
            file_name: attachment.file_name.clone(),
            min_bytes: 1,
            max_bytes: MAX_BYTES,
            expires_at,
        };
        let post = self.blobs.presign_upload(&policy).await?;
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
        size: Option<u64>,
        reason: Option<String>,
        scan: Option<String>,
    ) -> Result<Attachment, AttachmentError> {
        let mut next = attachment.clone();
        next.state = state;
        next.size = size;
        next.reason = reason;
        next.scan = scan;
        next.version = attachment.version + 1;
        self.table.put(next.item()?, Condition::VersionIs(attachment.version)).await?;
        Ok(next)
    }

    /// Deletes a refused file and records why; the attachment never becomes visible.
    async fn refuse(&self, attachment: &Attachment, key: &str, size: u64, reason: String) -> AttachmentError {
        if let Err(e) = self.blobs.delete(key).await {
            return e.into();
        }
        match self.settle(attachment, State::Rejected, Some(size), Some(reason.clone()), None).await {
            Ok(_) => AttachmentError::Rejected(reason),
            Err(e) => e,
        }
    }

    /// What the completion step could check: the platform's malware scan, or (locally) the type alone.
    fn checked_by(&self) -> &'static str {
        match self.blobs.scanning() {
            Scanning::None => "type-check-only (no malware scanner locally)",
            Scanning::GuardDutyTags => "guardduty:NO_THREATS_FOUND",
        }
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
        let key = attachment.upload_key();
        let Some(stored) = self.blobs.inspect(&key).await? else {
            // An earlier completion promoted the file but did not get to record it.
            if let Some(promoted) = self.blobs.inspect(&attachment.object_key()).await? {
                return self.settle(&attachment, State::Ready, Some(promoted.size), None, Some(self.checked_by().into())).await;
            }
            return Err(AttachmentError::NotUploaded);
        };
        if stored.size == 0 || stored.size > MAX_BYTES {
            return Err(self
                .refuse(&attachment, &key, stored.size, format!("files must be between 1 byte and {} MB", MAX_BYTES / 1024 / 1024))
                .await);
        }
        match FileType::sniff(&stored.head) {
            Some(actual) if actual == attachment.file_type => {}
            Some(actual) => {
                let reason = format!("the file is {} but was declared {}", actual.mime(), attachment.file_type.mime());
                return Err(self.refuse(&attachment, &key, stored.size, reason).await);
            }
            None => {
                return Err(self.refuse(&attachment, &key, stored.size, "only PDF, JPEG, PNG and HEIC files are accepted".into()).await);
            }
        }
        match self.blobs.scanning() {
            Scanning::None => {}
            Scanning::GuardDutyTags => match stored.tags.get(SCAN_TAG).map(String::as_str) {
                Some("NO_THREATS_FOUND") => {}
                Some("THREATS_FOUND") => {
                    return Err(self.refuse(&attachment, &key, stored.size, "the malware scan found a threat".into()).await);
                }
                Some(other @ ("UNSUPPORTED" | "ACCESS_DENIED" | "FAILED")) => {
                    let reason = format!("the malware scan could not check the file ({other})");
                    return Err(self.refuse(&attachment, &key, stored.size, reason).await);
                }
                _ => return Err(AttachmentError::ScanPending),
            },
        }
        self.blobs.promote(&key, &attachment.object_key(), &stored.etag).await?;
        self.settle(&attachment, State::Ready, Some(stored.size), None, Some(self.checked_by().into())).await
    }

    /// A short-lived download link, for an attachment the caller may see.
    pub async fn download(&self, attachment: &Attachment) -> Result<(String, DateTime<Utc>), AttachmentError> {
        if attachment.state != State::Ready {
            return Err(AttachmentError::NotFound);
        }
        let expires_at = self.clock.now() + blobs::download_window();
        let url = self.blobs.presign_download(&attachment.object_key(), expires_at).await?;
        Ok((url, expires_at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_magic_bytes() {
        assert_eq!(FileType::sniff(b"%PDF-1.7\n"), Some(FileType::Pdf));
        assert_eq!(FileType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Some(FileType::Jpeg));
        assert_eq!(FileType::sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]), Some(FileType::Png));
        assert_eq!(FileType::sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), Some(FileType::Heic));
        assert_eq!(FileType::sniff(b"MZ\x90\0 this is an exe"), None);
        assert_eq!(FileType::sniff(b"<html>"), None);
    }

    #[test]
    fn file_names_lose_their_paths() {
        assert_eq!(clean_file_name("../../etc/passwd"), Ok("passwd".into()));
        assert_eq!(clean_file_name("C:\\Users\\ann\\scan.pdf"), Ok("scan.pdf".into()));
        assert_eq!(clean_file_name(".hidden"), Ok("hidden".into()));
        assert!(clean_file_name("  /").is_err());
    }
}
