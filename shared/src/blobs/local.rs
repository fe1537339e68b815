//! The local stand-in for S3: files under the data directory, uploads accepted by the local gateway only
//! as a policy signed with the server's key says, downloads through short-lived signed links.

use std::collections::BTreeMap;
use std::path::PathBuf;

use async_trait::async_trait;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{BlobError, BlobWriter, Blobs, CONTENT_DISPOSITION, PresignedPost, ScanVerdict, Scanning, Stored, UploadPolicy, unavailable};
use crate::crypto::Hasher;

/// A local upload policy, signed with the server's key: the gateway accepts a file only as it says.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct LocalPolicy {
    pub key: String,
    pub content_type: String,
    pub content_disposition: String,
    pub min_bytes: u64,
    pub max_bytes: u64,
    pub expires: i64,
}

/// The headers an object is served with, fixed when it was uploaded.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct StoredHeaders {
    pub content_type: String,
    pub content_disposition: String,
}

pub struct LocalBlobs {
    dir: PathBuf,
    base_url: String,
    hasher: Hasher,
}

impl LocalBlobs {
    /// Files under `dir`, served by the local gateway at `base_url`.
    pub fn new(dir: PathBuf, base_url: impl Into<String>, hasher: Hasher) -> Self {
        LocalBlobs { dir, base_url: base_url.into(), hasher }
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        let safe = !key.is_empty() && key.split('/').all(|p| !p.is_empty() && p != "." && p != ".." && !p.contains('\\'));
        safe.then(|| self.dir.join(key))
    }

    /// Where the headers stored with an object live, as S3 keeps them with the object.
    fn headers_path(&self, key: &str) -> Option<PathBuf> {
        self.path(key).map(|p| p.with_extension("headers.json"))
    }

    /// Checks an upload against its signed policy and stores it. Returns why it was refused, if it was.
    pub async fn accept_upload(
        &self,
        encoded_policy: &str,
        signature: &str,
        fields: &BTreeMap<String, String>,
        bytes: &[u8],
        now: DateTime<Utc>,
    ) -> Result<(), &'static str> {
        if !self.hasher.matches("blob-upload", &[encoded_policy], signature) {
            return Err("the policy signature does not match");
        }
        let policy: LocalPolicy =
            URL_SAFE_NO_PAD.decode(encoded_policy).ok().and_then(|b| serde_json::from_slice(&b).ok()).ok_or("the policy is malformed")?;
        if policy.expires <= now.timestamp() {
            return Err("the policy has expired");
        }
        // As S3 checks every form field against the policy's conditions, a field changed after signing
        // refuses the upload rather than being ignored.
        if fields.get("key") != Some(&policy.key) {
            return Err("the key is not the one signed");
        }
        if fields.get("Content-Type") != Some(&policy.content_type) {
            return Err("the content type is not the one signed");
        }
        if fields.get("Content-Disposition") != Some(&policy.content_disposition) {
            return Err("the content disposition is not the one signed");
        }
        let size = bytes.len() as u64;
        if size < policy.min_bytes || size > policy.max_bytes {
            return Err("the file is outside the allowed size range");
        }
        let path = self.path(&policy.key).ok_or("the key is not allowed")?;
        if let Some(parent) = path.parent() {
            tokio::fs::create_dir_all(parent).await.map_err(|_| "cannot store the file")?;
        }
        let stored = StoredHeaders { content_type: policy.content_type, content_disposition: policy.content_disposition };
        let headers = serde_json::to_vec(&stored).map_err(|_| "cannot store the file")?;
        tokio::fs::write(self.headers_path(&policy.key).ok_or("the key is not allowed")?, headers)
            .await
            .map_err(|_| "cannot store the file")?;
        tokio::fs::write(path, bytes).await.map_err(|_| "cannot store the file")
    }

    /// Checks a download link and returns the file and the headers stored with it.
    pub async fn serve_download(&self, query: &BTreeMap<String, String>, now: DateTime<Utc>) -> Option<(Vec<u8>, StoredHeaders)> {
        let (key, expires, signature) = (query.get("key")?, query.get("expires")?, query.get("sig")?);
        if !self.hasher.matches("blob-download", &[key, expires], signature) || expires.parse::<i64>().ok()? <= now.timestamp() {
            return None;
        }
        let headers = serde_json::from_slice(&tokio::fs::read(self.headers_path(key)?).await.ok()?).ok()?;
        let bytes = tokio::fs::read(self.path(key)?).await.ok()?;
        Some((bytes, headers))
    }
}

#[async_trait]
impl Blobs for LocalBlobs {
    async fn presign_upload(&self, policy: &UploadPolicy) -> Result<PresignedPost, BlobError> {
        let local = LocalPolicy {
            key: policy.key.clone(),
            content_type: policy.content_type.clone(),
            content_disposition: CONTENT_DISPOSITION.to_string(),
            min_bytes: policy.min_bytes,
            max_bytes: policy.max_bytes,
            expires: policy.expires_at.timestamp(),
        };
        let encoded = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&local).map_err(unavailable)?);
        let signature = self.hasher.digest("blob-upload", &[&encoded]);
        let fields = BTreeMap::from([
            ("key".to_string(), policy.key.clone()),
            ("Content-Type".to_string(), policy.content_type.clone()),
            ("Content-Disposition".to_string(), local.content_disposition.clone()),
            ("policy".to_string(), encoded),
            ("signature".to_string(), signature),
        ]);
        Ok(PresignedPost { url: format!("{}/_local/blobs/upload", self.base_url), fields })
    }

    async fn inspect(&self, key: &str) -> Result<Option<Stored>, BlobError> {
        let Some(path) = self.path(key) else { return Ok(None) };
        match tokio::fs::read(&path).await {
            Ok(bytes) => Ok(Some(Stored {
                size: bytes.len() as u64,
                head: bytes.iter().take(16).copied().collect(),
                etag: local_etag(&bytes),
                scan: ScanVerdict::NotScanned,
            })),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    async fn promote(&self, from: &str, to: &str, etag: &str) -> Result<(), BlobError> {
        let paths = (self.path(from), self.headers_path(from), self.path(to), self.headers_path(to));
        let (Some(from_path), Some(from_headers), Some(to_path), Some(to_headers)) = paths else {
            return Err(unavailable("a key is not allowed"));
        };
        let bytes = tokio::fs::read(&from_path).await.map_err(|_| BlobError::Changed)?;
        if local_etag(&bytes) != etag {
            return Err(BlobError::Changed);
        }
        let headers = tokio::fs::read(&from_headers).await.map_err(unavailable)?;
        if let Some(parent) = to_path.parent() {
            tokio::fs::create_dir_all(parent).await.map_err(unavailable)?;
        }
        tokio::fs::write(&to_headers, headers).await.map_err(unavailable)?;
        tokio::fs::write(&to_path, bytes).await.map_err(unavailable)?;
        self.delete(from).await
    }

    async fn presign_download(&self, key: &str, expires_at: DateTime<Utc>) -> Result<String, BlobError> {
        let expires = expires_at.timestamp().to_string();
        let signature = self.hasher.digest("blob-download", &[key, &expires]);
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("key", key)
            .append_pair("expires", &expires)
            .append_pair("sig", &signature)
            .finish();
        Ok(format!("{}/_local/blobs/download?{query}", self.base_url))
    }

    async fn delete(&self, key: &str) -> Result<(), BlobError> {
        for path in [self.path(key), self.headers_path(key)].into_iter().flatten() {
            let _ = tokio::fs::remove_file(path).await;
        }
        Ok(())
    }

    fn scanning(&self) -> Scanning {
        Scanning::None
    }

    async fn create(&self, key: &str, content_type: &str, file_name: &str) -> Result<Box<dyn BlobWriter>, BlobError> {
        let (Some(path), Some(headers)) = (self.path(key), self.headers_path(key)) else {
            return Err(unavailable("the key is not allowed"));
        };
        if let Some(parent) = path.parent() {
            tokio::fs::create_dir_all(parent).await.map_err(unavailable)?;
        }
        let partial = path.with_extension("partial");
        let file = tokio::fs::File::create(&partial).await.map_err(unavailable)?;
        let stored = StoredHeaders { content_type: content_type.to_string(), content_disposition: super::named_attachment(file_name) };
        Ok(Box::new(LocalWriter { file, partial, path, headers, stored, size: 0 }))
    }
}

/// A file written under a partial name and moved into place when finished, as S3 shows an object only
/// once its upload completes.
struct LocalWriter {
    file: tokio::fs::File,
    partial: PathBuf,
    path: PathBuf,
    headers: PathBuf,
    stored: StoredHeaders,
    size: u64,
}

#[async_trait]
impl BlobWriter for LocalWriter {
    async fn write(&mut self, bytes: &[u8]) -> Result<(), BlobError> {
        use tokio::io::AsyncWriteExt as _;
        self.file.write_all(bytes).await.map_err(unavailable)?;
        self.size += bytes.len() as u64;
        Ok(())
    }

    async fn abort(self: Box<Self>) {
        let _ = tokio::fs::remove_file(&self.partial).await;
    }

    async fn finish(mut self: Box<Self>) -> Result<u64, BlobError> {
        use tokio::io::AsyncWriteExt as _;
        self.file.flush().await.map_err(unavailable)?;
        tokio::fs::write(&self.headers, serde_json::to_vec(&self.stored).map_err(unavailable)?).await.map_err(unavailable)?;
        tokio::fs::rename(&self.partial, &self.path).await.map_err(unavailable)?;
        Ok(self.size)
    }
}

/// A local stand-in for S3's ETag: a digest of the content.
fn local_etag(bytes: &[u8]) -> String {
    aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes).as_ref().iter().take(16).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn policy(key: &str) -> UploadPolicy {
        UploadPolicy {
            key: key.into(),
            content_type: "application/pdf".into(),
            min_bytes: 1,
            max_bytes: 100,
            expires_at: Utc::now() + Duration::minutes(5),
        }
    }

    async fn upload(blobs: &LocalBlobs, post: &PresignedPost, bytes: &[u8]) -> Result<(), &'static str> {
        blobs.accept_upload(&post.fields["policy"], &post.fields["signature"], &post.fields, bytes, Utc::now()).await
    }

    #[tokio::test]
    async fn only_the_checked_content_is_promoted_and_served() {
        let dir = tempfile::tempdir().unwrap();
        let blobs =
            LocalBlobs::new(dir.path().to_path_buf(), "", Hasher::new(&"local-blob-test-key-local-blob-test-key".to_string().into()));
        let post = blobs.presign_upload(&policy("uploads/a/b")).await.unwrap();
        assert_eq!(upload(&blobs, &post, b"%PDF-checked").await, Ok(()));
        let checked = blobs.inspect("uploads/a/b").await.ok().flatten().unwrap_or_else(|| panic!("stored"));
        // The same presigned form, used again after the check: the content changes under the key.
        assert_eq!(upload(&blobs, &post, b"%PDF-swapped").await, Ok(()));
        assert!(matches!(blobs.promote("uploads/a/b", "a/b", &checked.etag).await, Err(BlobError::Changed)));
        assert!(blobs.inspect("a/b").await.ok().flatten().is_none(), "nothing was promoted");

        let now = blobs.inspect("uploads/a/b").await.ok().flatten().unwrap_or_else(|| panic!("stored"));
        assert!(blobs.promote("uploads/a/b", "a/b", &now.etag).await.is_ok());
        assert!(blobs.inspect("uploads/a/b").await.ok().flatten().is_none(), "the upload is gone once promoted");
        // Another post to the upload key cannot reach the promoted file.
        assert_eq!(upload(&blobs, &post, b"%PDF-later").await, Ok(()));
        let link = blobs.presign_download("a/b", Utc::now() + Duration::seconds(60)).await.unwrap();
        assert!(!link.contains("report"), "the file name stays out of the link: {link}");
        let query: BTreeMap<String, String> =
            url::form_urlencoded::parse(link.split_once('?').map(|(_, q)| q).unwrap_or_default().as_bytes()).into_owned().collect();
        let (bytes, headers) = blobs.serve_download(&query, Utc::now()).await.unwrap_or_else(|| panic!("served"));
        assert_eq!(bytes, b"%PDF-swapped");
        assert_eq!(headers.content_type, "application/pdf");
        assert_eq!(headers.content_disposition, "attachment", "served as a download, and without the file's name");
    }

    #[tokio::test]
    async fn an_upload_must_carry_the_signed_type_and_name() {
        let dir = tempfile::tempdir().unwrap();
        let blobs =
            LocalBlobs::new(dir.path().to_path_buf(), "", Hasher::new(&"local-blob-test-key-local-blob-test-key".to_string().into()));
        let post = blobs.presign_upload(&policy("uploads/a/c")).await.unwrap();
        for (field, value) in [("Content-Type", "text/html"), ("Content-Disposition", "inline")] {
            let mut fields = post.fields.clone();
            fields.insert(field.into(), value.into());
            let refused = blobs.accept_upload(&post.fields["policy"], &post.fields["signature"], &fields, b"%PDF", Utc::now()).await;
            assert!(refused.is_err(), "{field}: {value}");
        }
        assert!(blobs.inspect("uploads/a/c").await.ok().flatten().is_none());
    }
}
