//! Uploads, for every capability that takes files from patients (attachments, documents, forms).
//!
//! The server picks where a file goes and returns a presigned POST that admits only that file, for
//! a few minutes ([`presign`]). Nothing is visible until [`check`] has read what was actually stored:
//! its size, its real type from its first bytes, and the malware scan's verdict. A file that passes is
//! promoted to a key no upload can write (a presigned POST can be replayed until it expires, so the
//! object a browser wrote is never the one served); a file that fails is deleted. Downloads are
//! presigned GETs of the promoted object, minted after the caller's authorization check.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::blobs::{self, BlobError, Blobs, PresignedPost, ScanVerdict, UploadPolicy};

/// The largest file a patient may send: 10 MB.
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;
/// The longest file name kept, in characters.
pub const MAX_FILE_NAME: usize = 120;

/// The kinds of file accepted.
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
    pub const ALL: [FileType; 4] = [FileType::Pdf, FileType::Jpeg, FileType::Png, FileType::Heic];

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

/// A file name fit to store and to offer back: no paths, no control characters, at most
/// [`MAX_FILE_NAME`] characters.
pub fn clean_file_name(raw: &str) -> Result<String, &'static str> {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control()).collect::<String>().trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        return Err("must name the file");
    }
    Ok(cleaned.chars().take(MAX_FILE_NAME).collect())
}

/// Where one upload goes: the key the browser may write, and the key the checked file is served from.
#[derive(Debug, Clone)]
pub struct Placement {
    pub upload_key: String,
    pub object_key: String,
}

/// A presigned POST that admits exactly one file of `file_type`, up to `max_bytes`, to the upload key.
pub async fn presign(
    blobs: &dyn Blobs,
    placement: &Placement,
    file_type: FileType,
    max_bytes: u64,
    now: DateTime<Utc>,
) -> Result<(PresignedPost, DateTime<Utc>), BlobError> {
    let expires_at = now + blobs::upload_window();
    let policy =
        UploadPolicy { key: placement.upload_key.clone(), content_type: file_type.mime().to_string(), min_bytes: 1, max_bytes, expires_at };
    Ok((blobs.presign_upload(&policy).await?, expires_at))
}

/// What checking an upload found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// Checked and promoted: it may be sent and downloaded.
    Ready { size: u64, checked_by: &'static str },
    /// Refused for good; the file is deleted.
    Refused { size: u64, reason: String },
    /// Nothing has been uploaded yet.
    NotUploaded,
    /// The malware scan has not finished; ask again shortly.
    Scanning,
}

async fn refuse(blobs: &dyn Blobs, key: &str, size: u64, reason: String) -> Result<Checked, BlobError> {
    blobs.delete(key).await?;
    Ok(Checked::Refused { size, reason })
}

/// Checks what was uploaded against what was declared, and promotes it when it passes.
pub async fn check(blobs: &dyn Blobs, placement: &Placement, declared: FileType, max_bytes: u64) -> Result<Checked, BlobError> {
    let key = &placement.upload_key;
    let checked_by = blobs.scanning().describe();
    let Some(stored) = blobs.inspect(key).await? else {
        // An earlier check promoted the file but did not get to record it.
        return Ok(match blobs.inspect(&placement.object_key).await? {
            Some(promoted) => Checked::Ready { size: promoted.size, checked_by },
            None => Checked::NotUploaded,
        });
    };
    if stored.size == 0 || stored.size > max_bytes {
        let reason = format!("files must be between 1 byte and {} MB", max_bytes / 1024 / 1024);
        return refuse(blobs, key, stored.size, reason).await;
    }
    match FileType::sniff(&stored.head) {
        Some(actual) if actual == declared => {}
        Some(actual) => {
            let reason = format!("the file is {} but was declared {}", actual.mime(), declared.mime());
            return refuse(blobs, key, stored.size, reason).await;
        }
        None => return refuse(blobs, key, stored.size, "only PDF, JPEG, PNG and HEIC files are accepted".into()).await,
    }
    match &stored.scan {
        ScanVerdict::Clean | ScanVerdict::NotScanned => {}
        ScanVerdict::Threat => return refuse(blobs, key, stored.size, "the malware scan found a threat".into()).await,
        ScanVerdict::Unscannable(why) => {
            return refuse(blobs, key, stored.size, format!("the malware scan could not check the file ({why})")).await;
        }
        ScanVerdict::Pending => return Ok(Checked::Scanning),
    }
    blobs.promote(key, &placement.object_key, &stored.etag).await?;
    Ok(Checked::Ready { size: stored.size, checked_by })
}

/// A short-lived link to a checked file, for a caller already allowed to see it.
pub async fn download_link(blobs: &dyn Blobs, object_key: &str, now: DateTime<Utc>) -> Result<(String, DateTime<Utc>), BlobError> {
    let expires_at = now + blobs::download_window();
    Ok((blobs.presign_download(object_key, expires_at).await?, expires_at))
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
