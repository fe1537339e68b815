//! Attachments through the gateway: presigned upload, completion checks, and downloads only for the
//! right people.

use portico_tests::{Session, TestApp, problem, spawn_app};
use reqwest::Method;
use serde_json::{Value, json};

pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
pub const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R'];

/// Asks to upload, then posts the form the way a browser would. Returns the attachment id and the
/// upload's status.
pub async fn upload(app: &TestApp, session: &Session, name: &str, content_type: &str, bytes: &[u8]) -> (String, u16) {
    upload_declaring(app, session, name, content_type, bytes.len(), bytes).await
}

/// As `upload`, declaring a size other than the file's.
pub async fn upload_declaring(
    app: &TestApp,
    session: &Session,
    name: &str,
    content_type: &str,
    declared: usize,
    bytes: &[u8],
) -> (String, u16) {
    let started = app
        .call_ok(
            &session.access,
            Method::POST,
            "/portal/attachments",
            Some(json!({ "file_name": name, "content_type": content_type, "size": declared })),
            201,
        )
        .await;
    let id = started["attachment"]["attachment_id"].as_str().unwrap_or_default().to_string();
    (id, post_form(app, &started["upload"], name, bytes).await)
}

/// Posts a file with a presigned form the way a browser would, and returns the status.
pub async fn post_form(app: &TestApp, upload: &Value, name: &str, bytes: &[u8]) -> u16 {
    let url = upload["url"].as_str().unwrap_or_default().to_string();
    let mut form = reqwest::multipart::Form::new();
    for (field, value) in upload["fields"].as_object().into_iter().flatten() {
        form = form.text(field.clone(), value.as_str().unwrap_or_default().to_string());
    }
    form = form.part("file", reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string()));
    // Locally the form goes to the practice host (a relative URL); on the emulator, to S3 itself.
    let request = match url.strip_prefix('/') {
        Some(path) => app.http.post(format!("http://{}/{path}", app.gateway.addr)).header("host", app.host("riverside")),
        None => app.http.post(url),
    };
    request.multipart(form).send().await.map(|r| r.status().as_u16()).unwrap_or(0)
}

/// Uploads a PDF, completes it, then uses the same presigned form again to put something else there:
/// the attachment still serves the file that was checked. Works on the embedded store and the emulator.
pub async fn a_reused_upload_form_cannot_replace_a_checked_file(app: &TestApp, tag_clean: impl AsyncFn(&str)) {
    let ann = app.sign_in("ann@example.com").await;
    let started = app
        .call_ok(
            &ann.access,
            Method::POST,
            "/portal/attachments",
            Some(json!({ "file_name": "referral.pdf", "content_type": "application/pdf", "size": PDF.len() })),
            201,
        )
        .await;
    let id = started["attachment"]["attachment_id"].as_str().unwrap_or_default().to_string();
    assert!((200..300).contains(&post_form(app, &started["upload"], "referral.pdf", PDF).await));
    tag_clean(&id).await;
    app.call_ok(&ann.access, Method::POST, &format!("/portal/attachments/{id}/complete"), None, 200).await;
    let swapped: &[u8] = b"<html><script>alert(1)</script></html>";
    assert!((200..300).contains(&post_form(app, &started["upload"], "referral.pdf", swapped).await), "the form is still valid");
    let again = app.call_ok(&ann.access, Method::POST, &format!("/portal/attachments/{id}/complete"), None, 200).await;
    assert_eq!(again["state"], "ready");
    let link = app.call_ok(&ann.access, Method::GET, &format!("/portal/attachments/{id}"), None, 200).await;
    let (status, _, bytes) = fetch(app, link["url"].as_str().unwrap_or_default()).await;
    assert_eq!((status, bytes.as_slice()), (200, PDF), "the checked file is served, not what came after");
}

#[tokio::test]
async fn a_reused_upload_form_cannot_replace_a_checked_file_locally() {
    let app = spawn_app().await;
    a_reused_upload_form_cannot_replace_a_checked_file(&app, async |_: &str| {}).await;
}

async fn complete(app: &TestApp, session: &Session, id: &str) -> reqwest::Response {
    app.call(&session.access, Method::POST, &format!("/portal/attachments/{id}/complete"), None).await
}

/// Follows a download link and returns the status, `content-disposition` and bytes.
pub async fn fetch(app: &TestApp, url: &str) -> (u16, String, Vec<u8>) {
    let request = match url.strip_prefix('/') {
        Some(path) => app.http.get(format!("http://{}/{path}", app.gateway.addr)).header("host", app.host("riverside")),
        None => app.http.get(url),
    };
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let disposition = response.headers().get("content-disposition").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    (status, disposition, response.bytes().await.map(|b| b.to_vec()).unwrap_or_default())
}

#[tokio::test]
async fn a_pdf_goes_up_is_checked_and_comes_down_only_for_the_right_people() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let (id, status) = upload(&app, &ann, "lab report.pdf", "application/pdf", PDF).await;
    assert_eq!(status, 204, "the upload matches its policy");
    problem(app.call(&ann.access, Method::GET, &format!("/portal/attachments/{id}"), None).await, 404).await;
    let checked: Value = complete(&app, &ann, &id).await.json().await.unwrap_or_default();
    assert_eq!((checked["state"].as_str(), checked["size"].as_u64()), (Some("ready"), Some(PDF.len() as u64)));
    assert!(checked["scan"].as_str().unwrap_or_default().contains("type-check-only"), "locally only the type check runs, and says so");
    let thread = app
        .call_ok(
            &ann.access,
            Method::POST,
            "/portal/threads",
            Some(json!({ "topic": "clinical", "subject": "Outside lab", "body": "Report attached", "attachment_ids": [id] })),
            201,
        )
        .await;
    assert_eq!(
        thread["messages"][0]["attachments"],
        json!([{ "attachment_id": id, "file_name": "lab report.pdf", "content_type": "application/pdf", "size": PDF.len() }])
    );
    problem(
        app.call(
            &ann.access,
            Method::POST,
            "/portal/threads",
            Some(json!({ "topic": "other", "subject": "Again", "body": "", "attachment_ids": [id] })),
        )
        .await,
        422,
    )
    .await;

    // One file twice in one message is refused, and the file stays free to send.
    let (twice, _) = upload(&app, &ann, "twice.pdf", "application/pdf", PDF).await;
    app.call_ok(&ann.access, Method::POST, &format!("/portal/attachments/{twice}/complete"), None, 200).await;
    let threads_before = app.call_ok(&ann.access, Method::GET, "/portal/threads", None, 200).await["threads"].as_array().map(Vec::len);
    problem(
        app.call(
            &ann.access,
            Method::POST,
            "/portal/threads",
            Some(json!({ "topic": "other", "subject": "Twice", "body": "", "attachment_ids": [twice, twice] })),
        )
        .await,
        422,
    )
    .await;
    let threads_after = app.call_ok(&ann.access, Method::GET, "/portal/threads", None, 200).await["threads"].as_array().map(Vec::len);
    assert_eq!(threads_before, threads_after, "a refused message opens no thread");
    app.call_ok(
        &ann.access,
        Method::POST,
        "/portal/threads",
        Some(json!({ "topic": "other", "subject": "Once", "body": "", "attachment_ids": [twice] })),
        201,
    )
    .await;

    let link = app.call_ok(&ann.access, Method::GET, &format!("/portal/attachments/{id}"), None, 200).await;
    let (status, disposition, bytes) = fetch(&app, link["url"].as_str().unwrap_or_default()).await;
    assert_eq!((status, bytes.as_slice()), (200, PDF));
    assert_eq!(disposition, "attachment", "a download, and the file's name is not in the object's metadata");
    assert!(!link["url"].as_str().unwrap_or_default().contains("report"), "the file's name stays out of the URL: {link}");
    let staff = app.admin_token().await;
    let ann_id = app.ann().patient_id.to_string();
    let staff_link = app.call_ok(&staff, Method::GET, &format!("/staff/patients/{ann_id}/attachments/{id}"), None, 200).await;
    assert_eq!(fetch(&app, staff_link["url"].as_str().unwrap_or_default()).await.0, 200);

    let ben = app.sign_in("ben@example.com").await;
    problem(app.call(&ben.access, Method::GET, &format!("/portal/attachments/{id}"), None).await, 404).await;
    problem(app.call(&ben.access, Method::POST, &format!("/portal/attachments/{id}/complete"), None).await, 404).await;
    let (_, _, lakeside) = app.other_practice().await;
    let foreign = app
        .request_on("lakeside", Method::GET, &format!("/staff/patients/{ann_id}/attachments/{id}"))
        .bearer_auth(&lakeside)
        .send()
        .await
        .unwrap();
    problem(foreign, 404).await;

    // Download links expire after a minute.
    let url = link["url"].as_str().unwrap_or_default().to_string();
    app.advance(chrono::Duration::seconds(61));
    assert_eq!(fetch(&app, &url).await.0, 403, "an expired link serves nothing");
}

#[tokio::test]
async fn wrong_type_or_size_is_refused_and_never_visible() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    // Declared a PDF, is a PNG.
    let (id, status) = upload(&app, &ann, "scan.pdf", "application/pdf", PNG).await;
    assert_eq!(status, 204);
    let refused = problem(complete(&app, &ann, &id).await, 422).await;
    assert!(refused["detail"].as_str().unwrap_or_default().contains("image/png but was declared application/pdf"), "{refused}");
    problem(app.call(&ann.access, Method::GET, &format!("/portal/attachments/{id}"), None).await, 404).await;
    problem(
        app.call(
            &ann.access,
            Method::POST,
            "/portal/threads",
            Some(json!({ "topic": "other", "subject": "x", "body": "", "attachment_ids": [id] })),
        )
        .await,
        422,
    )
    .await;
    assert!(app.gateway.app.local_blobs.is_some());
    // Not a file type we take at all.
    let (id, _) = upload(&app, &ann, "virus.pdf", "application/pdf", b"MZ\x90\x00 not a pdf").await;
    problem(complete(&app, &ann, &id).await, 422).await;
    // Larger than 10 MB: refused at upload by the signed policy, even if declared small.
    let big = vec![b'%'; 10 * 1024 * 1024 + 1];
    let (id, status) = upload_declaring(&app, &ann, "big.pdf", "application/pdf", 1000, &big).await;
    assert_eq!(status, 403, "the upload policy refuses more than 10 MB");
    problem(complete(&app, &ann, &id).await, 409).await;
    // Declared too large, or of a type we do not take: refused before any upload.
    problem(
        app.call(
            &ann.access,
            Method::POST,
            "/portal/attachments",
            Some(json!({ "file_name": "big.pdf", "content_type": "application/pdf", "size": 10 * 1024 * 1024 + 1 })),
        )
        .await,
        400,
    )
    .await;
    problem(
        app.call(
            &ann.access,
            Method::POST,
            "/portal/attachments",
            Some(json!({ "file_name": "page.html", "content_type": "text/html", "size": 10 })),
        )
        .await,
        400,
    )
    .await;
    // The upload window is five minutes.
    let started = app
        .call_ok(
            &ann.access,
            Method::POST,
            "/portal/attachments",
            Some(json!({ "file_name": "late.pdf", "content_type": "application/pdf", "size": PDF.len() })),
            201,
        )
        .await;
    let expires =
        chrono::DateTime::parse_from_rfc3339(started["expires_at"].as_str().unwrap_or_default()).map(|t| t.timestamp()).unwrap_or(0);
    assert!(expires - portico::clock::Clock::now(app.clock.as_ref()).timestamp() <= 300, "presigned uploads last at most five minutes");
}

/// Staff send files too: uploaded for the patient, checked, then sent with a reply (the patient can
/// download it) or with a note (the patient cannot). Neither side can send or complete the other's
/// unsent upload.
#[tokio::test]
async fn staff_send_files_that_only_replies_share() {
    let app = spawn_app().await;
    let ann = app.sign_in("ann@example.com").await;
    let staff = app.admin_token().await;
    let ann_id = app.ann().patient_id.to_string();
    let staff_upload = async |name: &str| {
        let body = json!({ "file_name": name, "content_type": "application/pdf", "size": PDF.len() });
        let started = app.call_ok(&staff, Method::POST, &format!("/staff/patients/{ann_id}/attachments"), Some(body), 201).await;
        let id = started["attachment"]["attachment_id"].as_str().unwrap().to_string();
        assert!((200..300).contains(&post_form(&app, &started["upload"], name, PDF).await));
        app.call_ok(&staff, Method::POST, &format!("/staff/patients/{ann_id}/attachments/{id}/complete"), None, 200).await;
        id
    };
    let for_reply = staff_upload("care-plan.pdf").await;
    let for_note = staff_upload("internal-fax.pdf").await;
    problem(complete(&app, &ann, &for_reply).await, 404).await;
    let opened = app
        .call_ok(
            &staff,
            Method::POST,
            &format!("/staff/patients/{ann_id}/threads"),
            Some(json!({ "topic": "clinical", "subject": "Your care plan", "body": "Attached.", "attachment_ids": [for_reply] })),
            201,
        )
        .await;
    let thread = opened["thread"]["thread_id"].as_str().unwrap().to_string();
    let note = json!({ "body": "Fax from the lab", "internal": true, "attachment_ids": [for_note] });
    app.call_ok(&staff, Method::POST, &format!("/staff/patients/{ann_id}/threads/{thread}/messages"), Some(note), 201).await;
    let view = app.call_ok(&ann.access, Method::GET, &format!("/portal/threads/{thread}"), None, 200).await;
    let files: Vec<&str> = view["messages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["attachments"].as_array().unwrap().iter())
        .map(|a| a["file_name"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["care-plan.pdf"], "the reply's file is there, the note's is not");
    let link = app.call_ok(&ann.access, Method::GET, &format!("/portal/attachments/{for_reply}"), None, 200).await;
    assert_eq!(fetch(&app, link["url"].as_str().unwrap()).await.2, PDF);
    problem(app.call(&ann.access, Method::GET, &format!("/portal/attachments/{for_note}"), None).await, 404).await;
    // Sides cannot borrow each other's unsent files.
    let (mine, _) = upload(&app, &ann, "photo.pdf", "application/pdf", PDF).await;
    complete(&app, &ann, &mine).await;
    let stolen = json!({ "body": "Here", "attachment_ids": [mine] });
    let refused = app.call(&staff, Method::POST, &format!("/staff/patients/{ann_id}/threads/{thread}/messages"), Some(stolen)).await;
    assert!(refused.status().is_client_error(), "staff cannot send a patient's unsent upload");
    let spare = staff_upload("spare.pdf").await;
    let borrowed = json!({ "body": "Look", "attachment_ids": [spare] });
    let refused = app.call(&ann.access, Method::POST, &format!("/portal/threads/{thread}/messages"), Some(borrowed)).await;
    assert!(refused.status().is_client_error(), "a patient cannot send a staff upload");
}
