use portico::auth::{PatientPrincipal, Scope};
use portico::http::{ApiError, Exchange, Fields, Problem, Reply};
use portico::ids::{AttachmentId, ThreadId};
use portico::store::Cursor;

use super::attachment_ids;
use crate::api::{
    AttachmentView, DownloadLink, MessageView, NewMessageRequest, NewThreadRequest, ThreadList, ThreadSummary, ThreadView, UploadRequest,
    UploadStarted,
};
use crate::attachments::AttachmentDeps;
use crate::deps::ThreadDeps;
use crate::threads::{self, Author, Body as MessageBody, Draft, ProxyWriter, Reader, Via};

/// Who writes on the patient's side: the patient, or the person acting for them.
fn writer(who: &PatientPrincipal) -> Option<ProxyWriter> {
    who.acting.as_ref().map(|a| ProxyWriter { person_id: a.person.clone(), grant_id: a.grant.clone(), name: a.name.clone() })
}

/// A thread this caller may not see (a teen's, for their parent) does not exist for them.
async fn visible(d: &ThreadDeps, who: &PatientPrincipal, id: &ThreadId) -> Result<(), ApiError> {
    if who.limited() {
        let thread = threads::header(d.table.as_ref(), &who.practice, &who.patient, id).await?;
        if !Reader::patient(who).may_open(&thread) {
            return Err(ApiError::NotFound);
        }
    }
    Ok(())
}

fn thread_view(page: threads::Page) -> ThreadView {
    ThreadView {
        thread: ThreadSummary::for_patient(&page.thread),
        messages: page.messages.iter().filter(|m| m.visible_to_patient()).map(MessageView::for_patient).collect(),
        older_cursor: page.older.map(|c| c.as_str().to_string()),
    }
}

/// The patient's threads, most recent first, with unread counts.
#[utoipa::path(get, path = "/portal/threads", tag = "messages", security(("patient" = [])),
    responses((status = 400, body = Problem), (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = ThreadList), (status = 401, body = Problem)))]
pub async fn threads_list(d: &ThreadDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let table = d.table.as_ref();
    let (who, threads) =
        x.patient_reading(Scope::Messages, async |practice, patient| Ok(threads::for_patient(table, practice, patient).await?)).await?;
    let reader = Reader::patient(&who);
    let threads: Vec<_> = threads.into_iter().filter(|t| reader.may_open(t)).collect();
    let unread_total = threads.iter().map(|t| t.unread_for_patient).sum();
    Ok(Reply::ok(&ThreadList { threads: threads.iter().map(ThreadSummary::for_patient).collect(), unread_total }))
}

/// Starts a thread with the care team for a topic.
#[utoipa::path(post, path = "/portal/threads", tag = "messages", security(("patient" = [])), request_body = NewThreadRequest,
    responses((status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 201, body = ThreadView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 422, body = Problem)))]
pub async fn threads_create(d: &ThreadDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Messages).await?;
    let body: NewThreadRequest = x.json()?;
    let mut fields = Fields::default();
    let subject = fields.check("subject", threads::parse_subject(&body.subject).map_err(|_| "must be 1 to 120 characters"));
    let text = MessageBody::parse(&body.body).map_err(|e| ApiError::field("body", &e))?;
    fields.done()?;
    let ids = attachment_ids(&body.attachment_ids)?;
    let table = d.table.as_ref();
    let attachments = threads::attachable(table, &who.practice, &who.patient, &ids, &Author::Patient).await?;
    let practice = x.practice(&who.practice).await?;
    let draft = Draft {
        author: Author::Patient,
        via: Via::Portal,
        body: text,
        internal: false,
        urgent: false,
        attachments,
        written_by: writer(&who),
    };
    let opening =
        threads::Opening { topic: body.topic, subject: subject.unwrap_or_default(), care_team: threads::care_team(&practice, body.topic) };
    let (thread, message) = threads::start(table, &practice, &who.patient, opening, draft, &Reader::patient(&who), x.now()).await?;
    x.object(thread.thread_id.to_string());
    let view =
        ThreadView { thread: ThreadSummary::for_patient(&thread), messages: vec![MessageView::for_patient(&message)], older_cursor: None };
    Ok(Reply::created(&view, &format!("/portal/threads/{}", thread.thread_id)))
}

/// A page of a thread, newest last. Another patient's thread does not exist here.
#[utoipa::path(get, path = "/portal/threads/{id}", tag = "messages", security(("patient" = [])),
    params(("id" = String, Path), ("before" = Option<String>, Query, description = "older_cursor of the previous page")),
    responses((status = 400, body = Problem), (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = ThreadView), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn threads_get(d: &ThreadDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let id = x.path_id("id", ThreadId::parse)?;
    let before = x.query("before").map(|c| Cursor::parse(&c)).transpose()?;
    let table = d.table.as_ref();
    let (who, page) = x
        .patient_reading(Scope::Messages, async |practice, patient| {
            Ok(threads::read(table, practice, patient, &id, &Reader::Patient(None), before, threads::PAGE).await?)
        })
        .await?;
    x.object(id.to_string());
    if !Reader::patient(&who).may_open(&page.thread) {
        return Err(ApiError::NotFound);
    }
    Ok(Reply::ok(&thread_view(page)))
}

/// Writes to the care team in a thread.
#[utoipa::path(post, path = "/portal/threads/{id}/messages", tag = "messages", security(("patient" = [])), request_body = NewMessageRequest,
    params(("id" = String, Path)),
    responses((status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 201, body = MessageView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn messages_create(d: &ThreadDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Messages).await?;
    let id = x.path_id("id", ThreadId::parse)?;
    let body: NewMessageRequest = x.json()?;
    let text = MessageBody::parse(&body.body).map_err(|e| ApiError::field("body", &e))?;
    let ids = attachment_ids(&body.attachment_ids)?;
    let attachments = threads::attachable(d.table.as_ref(), &who.practice, &who.patient, &ids, &Author::Patient).await?;
    let practice = x.practice(&who.practice).await?;
    let draft = Draft {
        author: Author::Patient,
        via: Via::Portal,
        body: text,
        internal: false,
        urgent: false,
        attachments,
        written_by: writer(&who),
    };
    let (_, message) = threads::post(d.table.as_ref(), &practice, &who.patient, &id, draft, &Reader::patient(&who), x.now()).await?;
    x.object(message.message_id.to_string());
    Ok(Reply::created(&MessageView::for_patient(&message), &format!("/portal/threads/{id}")))
}

/// Marks the care team's messages in a thread as read.
#[utoipa::path(post, path = "/portal/threads/{id}/read", tag = "messages", security(("patient" = [])), params(("id" = String, Path)),
    responses((status = 400, body = Problem), (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = ThreadSummary), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn threads_read(d: &ThreadDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Messages).await?;
    let id = x.path_id("id", ThreadId::parse)?;
    x.object(id.to_string());
    visible(d, &who, &id).await?;
    let thread = threads::mark_read(d.table.as_ref(), &who.practice, &who.patient, &id, true, x.now()).await?;
    // What the bell said of this thread has been seen now.
    portico::bell::mark_thread_read(d.table.as_ref(), &who.practice, &who.patient, id.as_str(), x.now()).await?;
    Ok(Reply::ok(&ThreadSummary::for_patient(&thread)))
}

/// Closes a thread the patient started. A new message from them reopens it; threads the care team
/// started are theirs to close (409).
#[utoipa::path(post, path = "/portal/threads/{id}/close", tag = "messages", security(("patient" = [])), params(("id" = String, Path)),
    responses((status = 400, body = Problem), (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = ThreadSummary), (status = 401, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn threads_close(d: &ThreadDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Messages).await?;
    let id = x.path_id("id", ThreadId::parse)?;
    x.object(id.to_string());
    visible(d, &who, &id).await?;
    let thread = threads::close_by_patient(d.table.as_ref(), &who.practice, &who.patient, &id).await?;
    Ok(Reply::ok(&ThreadSummary::for_patient(&thread)))
}

/// Starts an upload: returns a presigned POST valid for five minutes for exactly this file.
#[utoipa::path(post, path = "/portal/attachments", tag = "messages", security(("patient" = [])), request_body = UploadRequest,
    responses((status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 201, body = UploadStarted), (status = 400, body = Problem), (status = 401, body = Problem)))]
pub async fn attachments_create(d: &AttachmentDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Messages).await?;
    let request = super::upload_request(x.json()?)?;
    let (attachment, upload, expires_at) = d.begin(&who.practice, &who.patient, request, Author::Patient).await?;
    x.object(attachment.attachment_id.to_string());
    let started = UploadStarted { attachment: AttachmentView::from(&attachment), upload, expires_at };
    Ok(Reply::created(&started, &format!("/portal/attachments/{}", attachment.attachment_id)))
}

/// Checks the uploaded file (size, real type, malware scan); only then can it be sent or downloaded.
#[utoipa::path(post, path = "/portal/attachments/{id}/complete", tag = "messages", security(("patient" = [])), params(("id" = String, Path)),
    responses((status = 400, body = Problem), (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = AttachmentView), (status = 401, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn attachments_complete(d: &AttachmentDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Messages).await?;
    let id = x.path_id("id", AttachmentId::parse)?;
    x.object(id.to_string());
    // Only their own uploads: a staff upload waiting to be sent is not theirs to touch.
    if d.load(&who.practice, &who.patient, &id).await?.uploaded_by != Author::Patient {
        return Err(ApiError::NotFound);
    }
    let attachment = d.complete(&who.practice, &who.patient, &id).await?;
    Ok(Reply::ok(&AttachmentView::from(&attachment)))
}

/// A one-minute download link for one of the patient's attachments.
#[utoipa::path(get, path = "/portal/attachments/{id}", tag = "messages", security(("patient" = [])), params(("id" = String, Path)),
    responses((status = 400, body = Problem), (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = DownloadLink), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn attachments_get(d: &AttachmentDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Messages).await?;
    let id = x.path_id("id", AttachmentId::parse)?;
    x.object(id.to_string());
    let attachment = d.load(&who.practice, &who.patient, &id).await?;
    if !attachment.patient_may_open() {
        return Err(ApiError::NotFound);
    }
    // A teen's parent opens only files of the conversations they see.
    if who.limited() {
        let thread = attachment.thread_id.as_deref().and_then(ThreadId::parse).ok_or(ApiError::NotFound)?;
        let thread = threads::header(d.table.as_ref(), &who.practice, &who.patient, &thread).await?;
        if !Reader::patient(&who).may_open(&thread) {
            return Err(ApiError::NotFound);
        }
    }
    let (url, expires_at) = d.download(&attachment).await?;
    Ok(Reply::ok(&DownloadLink { url, expires_at }))
}
