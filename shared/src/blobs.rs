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

use std::collections::BTreeMap;
use std::path::PathBuf;

use async_trait::async_trait;
use aws_lc_rs::hmac;
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::crypto::Hasher;

/// What an upload may be.
#[derive(Debug, Clone)]
pub struct UploadPolicy {
    pub key: String,
    pub content_type: String,
    /// The name the file downloads under.
    pub file_name: String,
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
#[derive(Debug, Clone, Default)]
pub struct Stored {
    pub size: u64,
    /// The object's tags (GuardDuty's malware scan writes `GuardDutyMalwareScanStatus`).
    pub tags: BTreeMap<String, String>,
    /// The first bytes, for checking the real file type.
    pub head: Vec<u8>,
    /// Names this very content: a promotion succeeds only while the object still carries it.
    pub etag: String,
}

/// Whether stored files are scanned for malware by the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scanning {
    /// GuardDuty Malware Protection for S3 tags each object when its scan ends.
    GuardDutyTags,
    /// No scanner: only the type check applies (local development).
    None,
}

pub const SCAN_TAG: &str = "GuardDutyMalwareScanStatus";

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
}

/// `attachment; filename="…"` with a safe ASCII fallback and the UTF-8 name (RFC 6266).
pub fn content_disposition(file_name: &str) -> String {
    let ascii: String = file_name.chars().map(|c| if c.is_ascii_alphanumeric() || "._- ".contains(c) { c } else { '_' }).collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"._-".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

// ---- S3 -----------------------------------------------------------------------------------------

pub struct S3Blobs {
    client: aws_sdk_s3::Client,
    sdk: aws_config::SdkConfig,
    bucket: String,
    kms_key_id: Option<String>,
}

impl S3Blobs {
    pub fn new(sdk: &aws_config::SdkConfig, bucket: impl Into<String>, kms_key_id: Option<String>) -> Self {
        // Path-style addressing when an endpoint is configured (the emulator), virtual-hosted otherwise.
        let config = aws_sdk_s3::config::Builder::from(sdk).force_path_style(sdk.endpoint_url().is_some()).build();
        S3Blobs { client: aws_sdk_s3::Client::from_conf(config), sdk: sdk.clone(), bucket: bucket.into(), kms_key_id }
    }

    fn post_url(&self) -> String {
        match self.sdk.endpoint_url() {
            Some(endpoint) => format!("{}/{}", endpoint.trim_end_matches('/'), self.bucket),
            None => format!("https://{}.s3.{}.amazonaws.com", self.bucket, self.region()),
        }
    }

    fn region(&self) -> String {
        self.sdk.region().map(|r| r.to_string()).unwrap_or_else(|| "us-east-1".into())
    }
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), data).as_ref().to_vec()
}

fn unavailable(e: impl std::fmt::Display) -> BlobError {
    BlobError::Unavailable(e.to_string())
}

fn status_of<E>(e: &aws_sdk_s3::error::SdkError<E, aws_sdk_s3::config::http::HttpResponse>) -> Option<u16> {
    e.raw_response().map(|r| r.status().as_u16())
}

/// Signs a POST policy with Signature Version 4, as S3 expects for browser uploads.
pub fn sign_post_policy(policy_b64: &str, secret: &str, date: &str, region: &str) -> String {
    let k_date = hmac_sha256(format!("AWS4{secret}").as_bytes(), date.as_bytes());
    let k_region = hmac_sha256(&k_date, region.as_bytes());
    let k_service = hmac_sha256(&k_region, b"s3");
    let k_signing = hmac_sha256(&k_service, b"aws4_request");
    hmac_sha256(&k_signing, policy_b64.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[async_trait]
impl Blobs for S3Blobs {
    async fn presign_upload(&self, policy: &UploadPolicy) -> Result<PresignedPost, BlobError> {
        use aws_credential_types::provider::ProvideCredentials as _;
        let provider = self.sdk.credentials_provider().ok_or_else(|| unavailable("no AWS credentials"))?;
        let credentials = provider.provide_credentials().await.map_err(unavailable)?;
        let now = Utc::now();
        let (date, stamp) = (now.format("%Y%m%d").to_string(), now.format("%Y%m%dT%H%M%SZ").to_string());
        let region = self.region();
        let credential = format!("{}/{date}/{region}/s3/aws4_request", credentials.access_key_id());
        let mut fields = BTreeMap::from([
            ("key".to_string(), policy.key.clone()),
            ("Content-Type".to_string(), policy.content_type.clone()),
            ("Content-Disposition".to_string(), content_disposition(&policy.file_name)),
            ("x-amz-server-side-encryption".to_string(), "aws:kms".to_string()),
            ("x-amz-algorithm".to_string(), "AWS4-HMAC-SHA256".to_string()),
            ("x-amz-credential".to_string(), credential),
            ("x-amz-date".to_string(), stamp),
        ]);
        if let Some(key_id) = &self.kms_key_id {
            fields.insert("x-amz-server-side-encryption-aws-kms-key-id".into(), key_id.clone());
        }
        if let Some(token) = credentials.session_token() {
            fields.insert("x-amz-security-token".into(), token.to_string());
        }
        let mut conditions = vec![
            serde_json::json!({ "bucket": self.bucket }),
            serde_json::json!(["content-length-range", policy.min_bytes, policy.max_bytes]),
        ];
        for (name, value) in &fields {
            conditions.push(serde_json::json!(["eq", format!("${name}"), value]));
        }
        let document =
            serde_json::json!({ "expiration": policy.expires_at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(), "conditions": conditions });
        let policy_b64 = STANDARD.encode(document.to_string());
        let signature = sign_post_policy(&policy_b64, credentials.secret_access_key(), &date, &region);
        fields.insert("Policy".into(), policy_b64);
        fields.insert("X-Amz-Signature".into(), signature);
        Ok(PresignedPost { url: self.post_url(), fields })
    }

    async fn inspect(&self, key: &str) -> Result<Option<Stored>, BlobError> {
        let head = match self.client.head_object().bucket(&self.bucket).key(key).send().await {
            Ok(head) => head,
            Err(e) if e.as_service_error().is_some_and(|s| s.is_not_found()) => return Ok(None),
            Err(e) => return Err(unavailable(aws_sdk_s3::error::DisplayErrorContext(e))),
        };
        let size = u64::try_from(head.content_length().unwrap_or(0)).unwrap_or(0);
        let etag = head.e_tag().unwrap_or_default().to_string();
        let tagging = self
            .client
            .get_object_tagging()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
            .map_err(|e| unavailable(aws_sdk_s3::error::DisplayErrorContext(e)))?;
        let tags = tagging.tag_set().iter().map(|t| (t.key().to_string(), t.value().to_string())).collect();
        let first = if size == 0 {
            Vec::new()
        } else {
            let object =
                self.client.get_object().bucket(&self.bucket).key(key).range("bytes=0-15").if_match(&etag).send().await.map_err(|e| {
                    if status_of(&e) == Some(412) { BlobError::Changed } else { unavailable(aws_sdk_s3::error::DisplayErrorContext(e)) }
                })?;
            object.body.collect().await.map_err(unavailable)?.into_bytes().to_vec()
        };
        Ok(Some(Stored { size, tags, head: first, etag }))
    }

    async fn promote(&self, from: &str, to: &str, etag: &str) -> Result<(), BlobError> {
        use aws_sdk_s3::types::{MetadataDirective, ServerSideEncryption, TaggingDirective};
        let mut copy = self
            .client
            .copy_object()
            .bucket(&self.bucket)
            .key(to)
            .copy_source(format!("{}/{from}", self.bucket))
            .copy_source_if_match(etag)
            // Content-Type and Content-Disposition go with the object; the upload's scan tags do not
            // (only the scanner writes tags, and the promoted copy is never scanned again).
            .metadata_directive(MetadataDirective::Copy)
            .tagging_directive(TaggingDirective::Replace)
            .server_side_encryption(ServerSideEncryption::AwsKms)
            .bucket_key_enabled(true);
        if let Some(key_id) = &self.kms_key_id {
            copy = copy.ssekms_key_id(key_id);
        }
        copy.send().await.map_err(|e| {
            if status_of(&e) == Some(412) { BlobError::Changed } else { unavailable(aws_sdk_s3::error::DisplayErrorContext(e)) }
        })?;
        self.delete(from).await
    }

    async fn presign_download(&self, key: &str, expires_at: DateTime<Utc>) -> Result<String, BlobError> {
        let seconds = (expires_at - Utc::now()).num_seconds().clamp(1, 300);
        let config =
            aws_sdk_s3::presigning::PresigningConfig::expires_in(std::time::Duration::from_secs(seconds as u64)).map_err(unavailable)?;
        let request = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .presigned(config)
            .await
            .map_err(|e| unavailable(aws_sdk_s3::error::DisplayErrorContext(e)))?;
        Ok(request.uri().to_string())
    }

    async fn delete(&self, key: &str) -> Result<(), BlobError> {
        self.client
            .delete_object()
            .bucket(&self.bucket)
            .key(key)
            .send()
            .await
            .map_err(|e| unavailable(aws_sdk_s3::error::DisplayErrorContext(e)))?;
        Ok(())
    }

    fn scanning(&self) -> Scanning {
        Scanning::GuardDutyTags
    }
}

// ---- local --------------------------------------------------------------------------------------

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
            content_disposition: content_disposition(&policy.file_name),
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
                tags: BTreeMap::new(),
                head: bytes.iter().take(16).copied().collect(),
                etag: local_etag(&bytes),
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
}

/// A local stand-in for S3's ETag: a digest of the content.
fn local_etag(bytes: &[u8]) -> String {
    aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes).as_ref().iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// How long presigned links live.
pub fn upload_window() -> Duration {
    Duration::minutes(5)
}

pub fn download_window() -> Duration {
    Duration::seconds(60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(key: &str) -> UploadPolicy {
        UploadPolicy {
            key: key.into(),
            content_type: "application/pdf".into(),
            file_name: "lab report.pdf".into(),
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
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let blobs =
            LocalBlobs::new(dir.path().to_path_buf(), "", Hasher::new(&"local-blob-test-key-local-blob-test-key".to_string().into()));
        let post = blobs.presign_upload(&policy("uploads/a/b")).await.unwrap_or_else(|e| panic!("{e}"));
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
        let link = blobs.presign_download("a/b", Utc::now() + Duration::seconds(60)).await.unwrap_or_else(|e| panic!("{e}"));
        assert!(!link.contains("report"), "the file name stays out of the link: {link}");
        let query: BTreeMap<String, String> =
            url::form_urlencoded::parse(link.split_once('?').map(|(_, q)| q).unwrap_or_default().as_bytes()).into_owned().collect();
        let (bytes, headers) = blobs.serve_download(&query, Utc::now()).await.unwrap_or_else(|| panic!("served"));
        assert_eq!(bytes, b"%PDF-swapped");
        assert_eq!(headers.content_type, "application/pdf");
        assert!(headers.content_disposition.starts_with("attachment;") && headers.content_disposition.contains("lab report.pdf"));
    }

    #[tokio::test]
    async fn an_upload_must_carry_the_signed_type_and_name() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let blobs =
            LocalBlobs::new(dir.path().to_path_buf(), "", Hasher::new(&"local-blob-test-key-local-blob-test-key".to_string().into()));
        let post = blobs.presign_upload(&policy("uploads/a/c")).await.unwrap_or_else(|e| panic!("{e}"));
        for (field, value) in [("Content-Type", "text/html"), ("Content-Disposition", "inline")] {
            let mut fields = post.fields.clone();
            fields.insert(field.into(), value.into());
            let refused = blobs.accept_upload(&post.fields["policy"], &post.fields["signature"], &fields, b"%PDF", Utc::now()).await;
            assert!(refused.is_err(), "{field}: {value}");
        }
        assert!(blobs.inspect("uploads/a/c").await.ok().flatten().is_none());
    }
}
