//! The blob port: uploads and downloads of files. S3 in AWS, with browser uploads through a presigned POST
//! whose policy fixes the key, the content type, the `Content-Disposition` (so the file downloads as an
//! attachment under its own name), the size range and KMS encryption, and downloads through short-lived
//! presigned GETs. A file's name may say something about a patient, so it is stored with the object and
//! never put in a URL, where access logs would keep it.
//!
//! A presigned POST can be used again until it expires, so the object a browser writes is never the one
//! served: once checked, it is promoted (copied, only if it is still the object checked) to a key no
//! upload can write, and downloads are minted for that key. Locally, files in the data directory behind
//! the local gateway, which applies the same signed-policy rules.

#[cfg(feature = "local")]
mod local;
mod s3;

use std::collections::BTreeMap;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

#[cfg(feature = "local")]
pub use local::{LocalBlobs, LocalPolicy, StoredHeaders};
pub use s3::{S3Blobs, sign_post_policy};

/// What an upload may be.
#[derive(Debug, Clone)]
pub struct UploadPolicy {
    pub key: String,
    pub content_type: String,
    pub min_bytes: u64,
    pub max_bytes: u64,
    pub expires_at: DateTime<Utc>,
}

/// A browser form upload: POST `fields` then the file (as `file`, last) to `url` as multipart/form-data.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PresignedPost {
    pub url: String,
    pub fields: BTreeMap<String, String>,
}

/// What is stored under a key.
#[derive(Debug, Clone)]
pub struct Stored {
    pub size: u64,
    /// The first bytes, for checking the real file type.
    pub head: Vec<u8>,
    /// Names this very content: a promotion succeeds only while the object still carries it.
    pub etag: String,
    /// What the platform's malware scanner said about this object.
    pub scan: ScanVerdict,
}

/// A malware scan's verdict on a stored object, as the adapter reads it from its scanner (GuardDuty's
/// object tags on S3). Use-cases decide on the verdict, never on the scanner's own vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanVerdict {
    Clean,
    Threat,
    /// The scanner could not look at the file (unsupported, access denied, failed); the reason is the
    /// scanner's, for the record.
    Unscannable(String),
    /// The scan has not finished.
    Pending,
    /// No scanner runs here (the local stand-in): only the type check applies.
    NotScanned,
}

/// Whether stored files are scanned for malware by the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scanning {
    /// GuardDuty Malware Protection for S3 tags each object when its scan ends.
    GuardDutyTags,
    /// No scanner: only the type check applies (local development).
    None,
}

impl Scanning {
    /// How a file that passed was checked, for the record.
    pub fn describe(self) -> &'static str {
        match self {
            Scanning::GuardDutyTags => "guardduty:NO_THREATS_FOUND",
            Scanning::None => "type-check-only (no malware scanner locally)",
        }
    }
}

pub(crate) fn unavailable(e: impl std::fmt::Display) -> BlobError {
    BlobError::Unavailable(e.to_string())
}

#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    #[error("blob store unavailable: {0}")]
    Unavailable(String),
    /// The object was replaced while it was being checked.
    #[error("the object changed while it was being checked")]
    Changed,
}

#[async_trait]
pub trait Blobs: Send + Sync {
    async fn presign_upload(&self, policy: &UploadPolicy) -> Result<PresignedPost, BlobError>;
    /// What is stored under `key`; the size, tags and first bytes all describe the object named by `etag`.
    async fn inspect(&self, key: &str) -> Result<Option<Stored>, BlobError>;
    /// Copies the checked object at `from` to `to`, keeping its type, name and encryption, if it still
    /// carries `etag`; then deletes `from`. `Err(Changed)` if it was replaced since it was checked.
    async fn promote(&self, from: &str, to: &str, etag: &str) -> Result<(), BlobError>;
    /// A URL that serves the file, as the attachment it was uploaded as, until `expires_at`.
    async fn presign_download(&self, key: &str, expires_at: DateTime<Utc>) -> Result<String, BlobError>;
    async fn delete(&self, key: &str) -> Result<(), BlobError>;
    fn scanning(&self) -> Scanning;
    /// Starts a file the service makes itself (an export) at `key`, to be served as an attachment named
    /// `file_name` (which must say nothing about a patient). Nothing is stored until it is finished.
    async fn create(&self, key: &str, content_type: &str, file_name: &str) -> Result<Box<dyn BlobWriter>, BlobError>;
}

/// A file being written part by part, so a large one never sits whole in memory.
#[async_trait]
pub trait BlobWriter: Send {
    async fn write(&mut self, bytes: &[u8]) -> Result<(), BlobError>;
    /// Stores what was written; answers its size in bytes. On failure nothing is left behind.
    async fn finish(self: Box<Self>) -> Result<u64, BlobError>;
    /// Gives the file up: nothing of it is stored.
    async fn abort(self: Box<Self>);
}

/// How a file the service made is served: as a download under its (PHI-free) name.
pub fn named_attachment(file_name: &str) -> String {
    let safe: String = file_name.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).collect();
    format!("attachment; filename=\"{safe}\"")
}

/// How every stored file is served: as a download, never shown inline (an uploaded HTML file must not
/// run on our origin). Without a name: file names can be PHI ("hiv-results.pdf"), so they stay in the
/// table and never reach object metadata; the apps name the file they save.
pub const CONTENT_DISPOSITION: &str = "attachment";

pub fn upload_window() -> Duration {
    Duration::minutes(5)
}

pub fn download_window() -> Duration {
    Duration::seconds(60)
}
