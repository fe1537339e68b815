//! The blob and queue ports' contracts, written once and run against both adapters: the local stand-ins
//! behind the gateway, and S3 and SQS on the emulator. Each check takes a gateway of its own, since the
//! browser's upload and download go through HTTP exactly as they would in AWS.
//!
//! Two of S3's guarantees are beyond the emulator: moto neither evaluates a POST policy's conditions
//! (size range, fixed fields) nor honours `x-amz-copy-source-if-match`. Those checks run against the
//! local adapter, which implements both, while a unit test of the S3 adapter holds the policy document it
//! signs to the same conditions (`blobs::s3::tests`).

use std::collections::BTreeSet;

use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent};
use chrono::Duration;
use portico::blobs::{BlobError, PresignedPost, ScanVerdict, UploadPolicy};
use portico::clock::Clock as _;
use portico::queue::{MAX_RECEIVES, QueueMessage};

use crate::TestApp;

const PDF: &[u8] = b"%PDF-1.7\n% a small document\n";
const OTHER_PDF: &[u8] = b"%PDF-1.7\n% another document, replayed\n";

fn policy(key: &str, max_bytes: u64, app: &TestApp) -> UploadPolicy {
    UploadPolicy {
        key: key.into(),
        content_type: "application/pdf".into(),
        min_bytes: 1,
        max_bytes,
        expires_at: app.clock.now() + Duration::minutes(5),
    }
}

/// A URL the adapter returned, as a browser on the practice's host would resolve it.
fn absolute(app: &TestApp, url: &str) -> String {
    if url.starts_with('/') { format!("http://{}{url}", app.gateway.addr) } else { url.to_string() }
}

/// Posts `bytes` with a presigned form, as a browser does; returns the status.
async fn post(app: &TestApp, form: &PresignedPost, content_type: &str, bytes: &[u8]) -> u16 {
    let mut multipart = reqwest::multipart::Form::new();
    for (name, value) in &form.fields {
        multipart = multipart.text(name.clone(), value.clone());
    }
    let part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name("report.pdf").mime_str(content_type).unwrap();
    multipart = multipart.part("file", part);
    let mut request = app.http.post(absolute(app, &form.url)).multipart(multipart);
    if form.url.starts_with('/') {
        // A link relative to the practice's host: the browser sends that host.
        request = request.header("host", app.host("riverside"));
    }
    request.send().await.unwrap().status().as_u16()
}

fn key(name: &str) -> String {
    format!("contract/{}/{name}", portico::crypto::random_token(6).to_lowercase().replace(['-', '_'], "x"))
}

pub async fn an_upload_is_inspected_as_stored(app: TestApp) {
    let blobs = app.gateway.app.ports.blobs.clone();
    let k = key("upload");
    assert!(blobs.inspect(&k).await.unwrap().is_none(), "nothing is stored before the upload");
    let form = blobs.presign_upload(&policy(&k, 1000, &app)).await.unwrap();
    let status = post(&app, &form, "application/pdf", PDF).await;
    assert!((200..300).contains(&status), "the upload is taken: {status}");
    let stored = blobs.inspect(&k).await.unwrap().expect("stored");
    assert_eq!(stored.size, PDF.len() as u64);
    assert!(stored.head.starts_with(b"%PDF-") && stored.head.len() <= 16, "the first bytes, and only those");
    assert!(!stored.etag.is_empty(), "the content is named");
    assert!(matches!(stored.scan, ScanVerdict::NotScanned | ScanVerdict::Pending), "no verdict before a scanner ran: {:?}", stored.scan);
}

pub async fn uploads_outside_their_policy_are_refused(app: TestApp) {
    let blobs = app.gateway.app.ports.blobs.clone();
    let k = key("refused");
    let form = blobs.presign_upload(&policy(&k, 10, &app)).await.unwrap();
    let too_large = post(&app, &form, "application/pdf", PDF).await;
    assert!(too_large >= 400, "a file over the size range is refused: {too_large}");
    let mut retyped = blobs.presign_upload(&policy(&k, 1000, &app)).await.unwrap();
    retyped.fields.insert("Content-Type".into(), "text/html".into());
    let wrong_type = post(&app, &retyped, "text/html", PDF).await;
    assert!(wrong_type >= 400, "a form cannot be changed to another type: {wrong_type}");
    let mut forged = blobs.presign_upload(&policy(&k, 1000, &app)).await.unwrap();
    let other = key("elsewhere");
    forged.fields.insert("key".into(), other.clone());
    assert!(post(&app, &forged, "application/pdf", PDF).await >= 400, "a form cannot be pointed at another key");
    assert!(blobs.inspect(&k).await.unwrap().is_none() && blobs.inspect(&other).await.unwrap().is_none(), "nothing was stored");
}

/// Whether the store refuses a copy whose source changed (S3 does; the emulator does not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyConditions {
    Enforced,
    Ignored,
}

pub async fn only_the_checked_content_is_promoted(app: TestApp, conditions: CopyConditions) {
    let blobs = app.gateway.app.ports.blobs.clone();
    let (upload, object) = (key("upload"), key("object"));
    let form = blobs.presign_upload(&policy(&upload, 1000, &app)).await.unwrap();
    post(&app, &form, "application/pdf", PDF).await;
    let checked = blobs.inspect(&upload).await.unwrap().expect("stored");
    // The same form, replayed with another file before the promotion.
    post(&app, &form, "application/pdf", OTHER_PDF).await;
    let replayed = blobs.inspect(&upload).await.unwrap().expect("stored");
    assert_ne!(checked.etag, replayed.etag, "new content, new name");
    if conditions == CopyConditions::Enforced {
        let stale = blobs.promote(&upload, &object, &checked.etag).await;
        assert!(matches!(stale, Err(BlobError::Changed)), "stale content is not promoted");
        assert!(blobs.inspect(&object).await.unwrap().is_none(), "nothing was promoted");
    }
    blobs.promote(&upload, &object, &replayed.etag).await.unwrap();
    assert!(blobs.inspect(&upload).await.unwrap().is_none(), "the upload key is emptied");
    assert_eq!(blobs.inspect(&object).await.unwrap().expect("promoted").size, OTHER_PDF.len() as u64);
}

pub async fn downloads_serve_the_file_only_through_a_signed_link(app: TestApp) {
    let blobs = app.gateway.app.ports.blobs.clone();
    let (upload, object) = (key("upload"), key("object"));
    post(&app, &blobs.presign_upload(&policy(&upload, 1000, &app)).await.unwrap(), "application/pdf", PDF).await;
    let etag = blobs.inspect(&upload).await.unwrap().expect("stored").etag;
    blobs.promote(&upload, &object, &etag).await.unwrap();
    let url = absolute(&app, &blobs.presign_download(&object, app.clock.now() + Duration::seconds(60)).await.unwrap());
    let get = |url: String| {
        let request = app.http.get(&url);
        if url.starts_with(&format!("http://{}", app.gateway.addr)) { request.header("host", app.host("riverside")) } else { request }
    };
    let got = get(url.clone()).send().await.unwrap();
    assert_eq!(got.status(), 200);
    let disposition = got.headers().get("content-disposition").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert!(disposition.starts_with("attachment"), "served as an attachment, never rendered: {disposition}");
    assert_eq!(got.bytes().await.unwrap().as_ref(), PDF);
    let tampered = url.replacen("object", "upload", 1);
    let refused = get(tampered).send().await.unwrap().status().as_u16();
    assert!(refused >= 400, "a link changed to name another object is refused: {refused}");
    blobs.delete(&object).await.unwrap();
    assert!(blobs.inspect(&object).await.unwrap().is_none(), "deleted");
}

/// Receives a batch of `queue`, or none.
async fn receive(app: &TestApp, queue: &str) -> Option<SqsEvent> {
    app.gateway.app.workers.receive(queue).await
}

fn bodies(batch: &SqsEvent) -> BTreeSet<String> {
    batch.records.iter().filter_map(|r| r.body.clone()).collect()
}

fn failing(batch: &SqsEvent, body: &str) -> SqsBatchResponse {
    let mut response = SqsBatchResponse::default();
    for record in batch.records.iter().filter(|r| r.body.as_deref() == Some(body)) {
        let mut failure = BatchItemFailure::default();
        failure.item_identifier = record.message_id.clone().unwrap_or_default();
        response.batch_item_failures.push(failure);
    }
    response
}

fn message(body: &str) -> QueueMessage {
    QueueMessage { id: body.into(), body: body.into(), delay_seconds: 0 }
}

/// Makes every message of `batch` visible again now (a deferral of zero seconds).
async fn release(app: &TestApp, queue: &str, batch: &SqsEvent) {
    for record in &batch.records {
        app.gateway.app.workers.queue.defer(queue, record.receipt_handle.as_deref().unwrap_or_default(), 0).await.unwrap();
    }
}

pub async fn messages_arrive_as_sent_and_leave_when_handled(app: TestApp) {
    let queue = app.gateway.app.workers.queue.clone();
    queue.send("notify", vec![message("a"), message("b"), message("c")]).await.unwrap();
    let batch = receive(&app, "notify").await.expect("a batch");
    assert_eq!(bodies(&batch), ["a", "b", "c"].map(String::from).into(), "every message, as sent");
    assert!(receive(&app, "notify").await.is_none(), "received messages are hidden while they are handled");
    app.gateway.app.workers.settle("notify", &batch, &SqsBatchResponse::default()).await;
    for record in &batch.records {
        let deferred = queue.defer("notify", record.receipt_handle.as_deref().unwrap_or_default(), 0).await;
        assert!(matches!(deferred, Err(portico::queue::QueueError::StaleReceipt)), "a handled message is gone: {deferred:?}");
    }
    assert!(receive(&app, "notify").await.is_none(), "and is not delivered again");
}

pub async fn only_failed_items_come_back(app: TestApp) {
    let queue = app.gateway.app.workers.queue.clone();
    queue.send("notify", vec![message("ok"), message("fails")]).await.unwrap();
    let batch = receive(&app, "notify").await.expect("a batch");
    app.gateway.app.workers.settle("notify", &batch, &failing(&batch, "fails")).await;
    let mut failed = batch.clone();
    failed.records.retain(|r| r.body.as_deref() == Some("fails"));
    release(&app, "notify", &failed).await;
    let again = receive(&app, "notify").await.expect("the failed one comes back");
    assert_eq!(bodies(&again), ["fails"].map(String::from).into(), "and only it");
}

pub async fn a_deferred_message_waits(app: TestApp) {
    let queue = app.gateway.app.workers.queue.clone();
    queue.send("notify", vec![message("later")]).await.unwrap();
    let batch = receive(&app, "notify").await.expect("a batch");
    queue.defer("notify", batch.records[0].receipt_handle.as_deref().unwrap_or_default(), 600).await.unwrap();
    app.gateway.app.workers.settle("notify", &batch, &failing(&batch, "later")).await;
    assert!(receive(&app, "notify").await.is_none(), "not before its time");
    release(&app, "notify", &batch).await;
    assert_eq!(bodies(&receive(&app, "notify").await.expect("back")), ["later"].map(String::from).into());
}

pub async fn a_message_received_too_often_is_dead_lettered(app: TestApp) {
    let queue = app.gateway.app.workers.queue.clone();
    queue.send("notify", vec![message("poison")]).await.unwrap();
    for receipt in 1..=MAX_RECEIVES {
        let batch = receive(&app, "notify").await.unwrap_or_else(|| panic!("receive {receipt} of {MAX_RECEIVES}"));
        app.gateway.app.workers.settle("notify", &batch, &failing(&batch, "poison")).await;
        release(&app, "notify", &batch).await;
    }
    assert!(receive(&app, "notify").await.is_none(), "after {MAX_RECEIVES} receives it goes to the dead-letter queue");
}
