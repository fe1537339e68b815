//! S3: browser uploads through a presigned POST (signed here with Signature Version 4), downloads through
//! presigned GETs, GuardDuty's malware-scan tags read into a [`ScanVerdict`].

use std::collections::BTreeMap;

use async_trait::async_trait;
use aws_lc_rs::hmac;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};

use super::{BlobError, BlobWriter, Blobs, CONTENT_DISPOSITION, PresignedPost, ScanVerdict, Scanning, Stored, UploadPolicy, unavailable};

/// The tag GuardDuty Malware Protection for S3 writes on each object when its scan ends.
const SCAN_TAG: &str = "GuardDutyMalwareScanStatus";

/// GuardDuty's tag value as a verdict.
fn verdict(tags: &BTreeMap<String, String>) -> ScanVerdict {
    match tags.get(SCAN_TAG).map(String::as_str) {
        Some("NO_THREATS_FOUND") => ScanVerdict::Clean,
        Some("THREATS_FOUND") => ScanVerdict::Threat,
        Some(other @ ("UNSUPPORTED" | "ACCESS_DENIED" | "FAILED")) => ScanVerdict::Unscannable(other.to_string()),
        _ => ScanVerdict::Pending,
    }
}

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
            ("Content-Disposition".to_string(), CONTENT_DISPOSITION.to_string()),
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
        let tags: BTreeMap<String, String> = tagging.tag_set().iter().map(|t| (t.key().to_string(), t.value().to_string())).collect();
        let first = if size == 0 {
            Vec::new()
        } else {
            let object =
                self.client.get_object().bucket(&self.bucket).key(key).range("bytes=0-15").if_match(&etag).send().await.map_err(|e| {
                    if status_of(&e) == Some(412) { BlobError::Changed } else { unavailable(aws_sdk_s3::error::DisplayErrorContext(e)) }
                })?;
            object.body.collect().await.map_err(unavailable)?.into_bytes().to_vec()
        };
        Ok(Some(Stored { size, head: first, etag, scan: verdict(&tags) }))
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

    async fn create(&self, key: &str, content_type: &str, file_name: &str) -> Result<Box<dyn BlobWriter>, BlobError> {
        Ok(Box::new(S3Writer {
            client: self.client.clone(),
            bucket: self.bucket.clone(),
            key: key.to_string(),
            content_type: content_type.to_string(),
            disposition: super::named_attachment(file_name),
            kms_key_id: self.kms_key_id.clone(),
            buffer: Vec::new(),
            upload_id: None,
            parts: Vec::new(),
            size: 0,
        }))
    }
}

/// Parts of a multipart upload: S3 takes 5 MiB at least (but the last); 8 MiB keeps a 128 MB function
/// well inside its memory.
const PART_BYTES: usize = 8 * 1024 * 1024;

/// A file written to S3: one PutObject if it stays under a part, else a multipart upload, aborted if it
/// cannot be finished (and the bucket's lifecycle rule removes any upload left incomplete).
struct S3Writer {
    client: aws_sdk_s3::Client,
    bucket: String,
    key: String,
    content_type: String,
    disposition: String,
    kms_key_id: Option<String>,
    buffer: Vec<u8>,
    upload_id: Option<String>,
    parts: Vec<aws_sdk_s3::types::CompletedPart>,
    size: u64,
}

fn s3_error<E: std::error::Error + 'static>(e: aws_sdk_s3::error::SdkError<E, aws_sdk_s3::config::http::HttpResponse>) -> BlobError {
    unavailable(aws_sdk_s3::error::DisplayErrorContext(e))
}

impl S3Writer {
    async fn abort(&mut self) {
        let Some(upload_id) = self.upload_id.take() else { return };
        let aborted = self.client.abort_multipart_upload().bucket(&self.bucket).key(&self.key).upload_id(upload_id).send().await;
        if let Err(e) = aborted {
            tracing::warn!(error = %aws_sdk_s3::error::DisplayErrorContext(e), "an unfinished upload was left for the lifecycle rule");
        }
    }

    async fn upload_part(&mut self) -> Result<(), BlobError> {
        use aws_sdk_s3::types::ServerSideEncryption;
        let upload_id = match &self.upload_id {
            Some(id) => id.clone(),
            None => {
                let mut start = self
                    .client
                    .create_multipart_upload()
                    .bucket(&self.bucket)
                    .key(&self.key)
                    .content_type(&self.content_type)
                    .content_disposition(&self.disposition)
                    .server_side_encryption(ServerSideEncryption::AwsKms)
                    .bucket_key_enabled(true);
                if let Some(key_id) = &self.kms_key_id {
                    start = start.ssekms_key_id(key_id);
                }
                let started = start.send().await.map_err(s3_error)?;
                let id = started.upload_id().ok_or_else(|| unavailable("no upload id"))?.to_string();
                self.upload_id = Some(id.clone());
                id
            }
        };
        let number = i32::try_from(self.parts.len() + 1).map_err(unavailable)?;
        let body = std::mem::take(&mut self.buffer);
        let part = self
            .client
            .upload_part()
            .bucket(&self.bucket)
            .key(&self.key)
            .upload_id(&upload_id)
            .part_number(number)
            .body(body.into())
            .send()
            .await
            .map_err(s3_error)?;
        self.parts
            .push(aws_sdk_s3::types::CompletedPart::builder().part_number(number).set_e_tag(part.e_tag().map(str::to_string)).build());
        Ok(())
    }

    async fn complete(&mut self) -> Result<(), BlobError> {
        use aws_sdk_s3::types::{CompletedMultipartUpload, ServerSideEncryption};
        let Some(upload_id) = self.upload_id.clone() else {
            let mut put = self
                .client
                .put_object()
                .bucket(&self.bucket)
                .key(&self.key)
                .content_type(&self.content_type)
                .content_disposition(&self.disposition)
                .server_side_encryption(ServerSideEncryption::AwsKms)
                .bucket_key_enabled(true)
                .body(std::mem::take(&mut self.buffer).into());
            if let Some(key_id) = &self.kms_key_id {
                put = put.ssekms_key_id(key_id);
            }
            put.send().await.map_err(s3_error)?;
            return Ok(());
        };
        if !self.buffer.is_empty() {
            self.upload_part().await?;
        }
        let parts = CompletedMultipartUpload::builder().set_parts(Some(std::mem::take(&mut self.parts))).build();
        self.client
            .complete_multipart_upload()
            .bucket(&self.bucket)
            .key(&self.key)
            .upload_id(upload_id)
            .multipart_upload(parts)
            .send()
            .await
            .map_err(s3_error)?;
        Ok(())
    }
}

#[async_trait]
impl BlobWriter for S3Writer {
    async fn write(&mut self, bytes: &[u8]) -> Result<(), BlobError> {
        self.buffer.extend_from_slice(bytes);
        self.size += bytes.len() as u64;
        if self.buffer.len() >= PART_BYTES
            && let Err(e) = self.upload_part().await
        {
            self.abort().await;
            return Err(e);
        }
        Ok(())
    }

    async fn abort(mut self: Box<Self>) {
        S3Writer::abort(&mut self).await;
    }

    async fn finish(mut self: Box<Self>) -> Result<u64, BlobError> {
        match self.complete().await {
            Ok(()) => Ok(self.size),
            Err(e) => {
                self.abort().await;
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The emulator does not evaluate POST policies, so the conditions S3 enforces are held here.
    #[tokio::test]
    async fn the_signed_policy_fixes_key_type_name_size_and_encryption() {
        let credentials = aws_credential_types::Credentials::new("AKIDEXAMPLE", "secret", None, None, "test");
        let sdk = aws_config::SdkConfig::builder()
            .region(aws_config::Region::new("us-east-1"))
            .credentials_provider(aws_credential_types::provider::SharedCredentialsProvider::new(credentials))
            .behavior_version(aws_config::BehaviorVersion::latest())
            .build();
        let blobs = S3Blobs::new(&sdk, "uploads", Some("arn:aws:kms:us-east-1:1:key/k".into()));
        let policy = UploadPolicy {
            key: "uploads/a".into(),
            content_type: "application/pdf".into(),
            min_bytes: 1,
            max_bytes: 100,
            expires_at: Utc::now(),
        };
        let post = blobs.presign_upload(&policy).await.unwrap();
        let document: serde_json::Value = serde_json::from_slice(&STANDARD.decode(&post.fields["Policy"]).unwrap()).unwrap();
        let conditions = document["conditions"].as_array().unwrap();
        let has = |condition: serde_json::Value| conditions.contains(&condition);
        assert!(has(serde_json::json!(["content-length-range", 1, 100])), "{document}");
        assert!(has(serde_json::json!({ "bucket": "uploads" })));
        for (field, value) in [("key", "uploads/a"), ("Content-Type", "application/pdf"), ("x-amz-server-side-encryption", "aws:kms")] {
            assert!(has(serde_json::json!(["eq", format!("${field}"), value])), "{field} is fixed: {document}");
            assert_eq!(post.fields[field], value);
        }
        // Every field the form carries, bar the policy and its signature, is a condition of the policy.
        let fixed = post.fields.keys().filter(|f| !matches!(f.as_str(), "Policy" | "X-Amz-Signature")).count();
        assert_eq!(conditions.len(), fixed + 2, "bucket and size range, and one condition per field");
    }
}
