use portico::directory::{patients, staff as staff_records};
use portico::domain::Patch;
use portico::http::{ApiError, Exchange, Fields, PAGE_DEFAULT, Problem, Reply, page_size};
use portico::ids::{AttachmentId, MessageId, PatientId, StaffId, ThreadId};
use portico::store::Cursor;

use super::attachment_ids;
use crate::api::{
    AttachmentView, DownloadLink, Inbox, StaffMessageRequest, StaffMessageView, StaffNewThreadRequest, StaffThreadSummary, StaffThreadView,
    ThreadUpdateRequest, UploadRequest, UploadStarted,
};
use crate::attachments::AttachmentDeps;
use crate::deps::ThreadDeps;
use crate::threads::{self, AssigneeFilter, Author, Body as MessageBody, Draft, Handling, Via};

fn staff_view(page: threads::Page) -> StaffThreadView {
    StaffThreadView {
        thread: StaffThreadSummary::from(&page.thread),
        messages: page.messages.iter().map(StaffMessageView::from).collect(),
        older_cursor: page.older.map(|c| c.as_str().to_string()),
    }
}

/// The practice's inbox: open or closed threads, anyone's, mine or unassigned, newest activity first.
#[utoipa::path(get, path = "/staff/threads", tag = "staff-messages", security(("staff" = [])),
    params(("status" = Option<String>, Query, description = "open (default) or closed"),
        ("assignee" = Option<String>, Query, description = "any (default), me or unassigned"),
        ("limit" = Option<u32>, Query, description = "How many on a page"), ("cursor" = Option<String>, Query)),
    responses((status = 200, body = Inbox), (status = 400, body = Problem), (status = 401, body = Problem)))]
pub async fn threads_list(d: &ThreadDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let mut fields = Fields::default();
    let open = fields.check(
        "status",
        match x.query("status").as_deref() {
            None | Some("open") => Ok(true),
            Some("closed") => Ok(false),
            Some(_) => Err("must be open or closed"),
        },
    );
    let assignee = fields.check(
        "assignee",
        match x.query("assignee").as_deref() {
            None | Some("any") => Ok(AssigneeFilter::Anyone),
            Some("me") => Ok(AssigneeFilter::Me),
            Some("unassigned") => Ok(AssigneeFilter::Unassigned),
            Some(_) => Err("must be any, me or unassigned"),
        },
    );
    let limit = fields.check("limit", page_size(x.query("limit").as_deref()));
    fields.done()?;
    let cursor = x.query("cursor").map(|c| Cursor::parse(&c)).transpose()?;
    let table = d.table.as_ref();
    let (_, (threads, next)) = x
        .staff_reading(async |practice, staff, view| {
            let (open, assignee, limit) = (open.unwrap_or(true), assignee.unwrap_or(AssigneeFilter::Anyone), limit.unwrap_or(PAGE_DEFAULT));
            Ok(threads::inbox(table, practice, open, assignee, staff, view, cursor, limit).await?)
        })
        .await?;
    Ok(Reply::ok(&Inbox {
        threads: threads.iter().map(StaffThreadSummary::from).collect(),
        next_cursor: next.map(|c| c.as_str().to_string()),
    }))
}

/// Starts a thread with a patient.
#[utoipa::path(post, path = "/staff/patients/{id}/threads", tag = "staff-messages", security(("staff" = [])), request_body = StaffNewThreadRequest,
    params(("id" = String, Path, description = "Patient id")),
    responses((status = 201, body = StaffThreadView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn threads_create(d: &ThreadDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let patient = x.path_id("id", PatientId::parse)?;
    x.concerning(&patient);
    let body: StaffNewThreadRequest = x.json()?;
    let mut fields = Fields::default();
    let subject = fields.check("subject", threads::parse_subject(&body.subject).map_err(|_| "must be 1 to 120 characters"));
    let text = MessageBody::parse(&body.body).map_err(|e| ApiError::field("body", &e))?;
    if text.is_empty() && body.attachment_ids.is_empty() {
        fields.error("body", "must not be empty");
    }
    fields.done()?;
    let ids = attachment_ids(&body.attachment_ids)?;
    let table = d.table.as_ref();
    patients::get(table, &who.practice, &patient).await?.ok_or(ApiError::NotFound)?;
    let practice = x.practice(&who.practice).await?;
    let author = Author::Staff { staff_id: who.staff.clone() };
    let attachments = threads::attachable(table, &who.practice, &patient, &ids, &author).await?;
    let draft = Draft { author, via: Via::Portal, body: text, internal: false, urgent: body.urgent, attachments, written_by: None };
    let opening =
        threads::Opening { topic: body.topic, subject: subject.unwrap_or_default(), care_team: threads::care_team(&practice, body.topic) };
    let (thread, message) =
        threads::start(table, &practice, &patient, opening, draft, &threads::Reader::Staff(who.view()), x.now()).await?;
    let view =
        StaffThreadView { thread: StaffThreadSummary::from(&thread), messages: vec![StaffMessageView::from(&message)], older_cursor: None };
    Ok(Reply::created(&view, &format!("/staff/patients/{patient}/threads/{}", thread.thread_id)))
}

/// A page of a thread with internal notes, newest last.
#[utoipa::path(get, path = "/staff/patients/{id}/threads/{thread}", tag = "staff-messages", security(("staff" = [])),
    params(("id" = String, Path), ("thread" = String, Path), ("before" = Option<String>, Query)),
    responses((status = 200, body = StaffThreadView), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn threads_get(d: &ThreadDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let patient = x.path_id("id", PatientId::parse)?;
    let thread = x.path_id("thread", ThreadId::parse)?;
    let before = x.query("before").map(|c| Cursor::parse(&c)).transpose()?;
    let table = d.table.as_ref();
    let (_, page) = x
        .staff_reading(async |practice, _, view| {
            let reader = threads::Reader::Staff(view.clone());
            Ok(threads::read(table, practice, &patient, &thread, &reader, before, threads::PAGE).await?)
        })
        .await?;
    x.concerning(&patient);
    Ok(Reply::ok(&staff_view(page)))
}

/// Assigns, closes or reopens a thread, or marks the patient's messages read.
#[utoipa::path(patch, path = "/staff/patients/{id}/threads/{thread}", tag = "staff-messages", security(("staff" = [])), request_body = ThreadUpdateRequest,
    params(("id" = String, Path), ("thread" = String, Path)),
    responses((status = 200, body = StaffThreadSummary), (status = 400, body = Problem), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn threads_update(d: &ThreadDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let patient = x.path_id("id", PatientId::parse)?;
    x.concerning(&patient);
    let thread_id = x.path_id("thread", ThreadId::parse)?;
    let body: ThreadUpdateRequest = x.json()?;
    let table = d.table.as_ref();
    let assignee = match body.assignee {
        Patch::Keep => None,
        Patch::Clear => Some(None),
        Patch::Set(raw) => {
            let id = StaffId::parse(&raw).ok_or_else(|| ApiError::field("assignee", "is not a staff id"))?;
            let member = staff_records::get(table, &who.practice, &id).await?;
            if !member.is_some_and(|m| m.status == portico::directory::AccountStatus::Active) {
                return Err(ApiError::Unprocessable {
                    detail: "No active staff member of this practice has that id.".into(),
                    errors: vec![],
                });
            }
            Some(Some(id))
        }
    };
    let mut thread = threads::handle(
        table,
        &who.practice,
        &patient,
        &thread_id,
        &Handling { assignee, status: body.status },
        &threads::Reader::Staff(who.view()),
    )
    .await?;
    if body.read {
        thread = threads::mark_read(table, &who.practice, &patient, &thread_id, false, x.now()).await?;
    }
    Ok(Reply::ok(&StaffThreadSummary::from(&thread)))
}

/// Replies to the patient, or adds an internal note the patient never sees.
#[utoipa::path(post, path = "/staff/patients/{id}/threads/{thread}/messages", tag = "staff-messages", security(("staff" = [])), request_body = StaffMessageRequest,
    params(("id" = String, Path), ("thread" = String, Path)),
    responses((status = 201, body = StaffMessageView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn messages_create(d: &ThreadDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let patient = x.path_id("id", PatientId::parse)?;
    x.concerning(&patient);
    let thread_id = x.path_id("thread", ThreadId::parse)?;
    let body: StaffMessageRequest = x.json()?;
    let text = MessageBody::parse(&body.body).map_err(|e| ApiError::field("body", &e))?;
    let ids = attachment_ids(&body.attachment_ids)?;
    let practice = x.practice(&who.practice).await?;
    let author = Author::Staff { staff_id: who.staff.clone() };
    let attachments = threads::attachable(d.table.as_ref(), &who.practice, &patient, &ids, &author).await?;
    let draft = Draft { author, via: Via::Portal, body: text, internal: body.internal, urgent: body.urgent, attachments, written_by: None };
    let (thread, message) =
        threads::post(d.table.as_ref(), &practice, &patient, &thread_id, draft, &threads::Reader::Staff(who.view()), x.now()).await?;
    x.object(message.message_id.to_string());
    Ok(Reply::created(&StaffMessageView::from(&message), &format!("/staff/patients/{patient}/threads/{}", thread.thread_id)))
}

/// Removes a message from the patient's view; its text is kept for the record.
#[utoipa::path(delete, path = "/staff/patients/{id}/threads/{thread}/messages/{message}", tag = "staff-messages", security(("staff" = [])),
    params(("id" = String, Path), ("thread" = String, Path), ("message" = String, Path)),
    responses((status = 200, body = StaffMessageView), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn messages_delete(d: &ThreadDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let patient = x.path_id("id", PatientId::parse)?;
    x.concerning(&patient);
    let thread = x.path_id("thread", ThreadId::parse)?;
    let message = x.path_id("message", MessageId::parse)?;
    x.object(message.to_string());
    let deleted = threads::delete(d.table.as_ref(), &who, &patient, &thread, &message, x.now()).await?;
    Ok(Reply::ok(&StaffMessageView::from(&deleted)))
}

/// A one-minute download link for a patient's attachment.
#[utoipa::path(get, path = "/staff/patients/{id}/attachments/{attachment}", tag = "staff-messages", security(("staff" = [])),
    params(("id" = String, Path), ("attachment" = String, Path)),
    responses((status = 200, body = DownloadLink), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn attachments_get(d: &AttachmentDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let patient = x.path_id("id", PatientId::parse)?;
    x.concerning(&patient);
    let id = x.path_id("attachment", AttachmentId::parse)?;
    x.object(id.to_string());
    let attachment = d.load_sent(&who.practice, &patient, &id, &who.view()).await?;
    let (url, expires_at) = d.download(&attachment).await?;
    Ok(Reply::ok(&DownloadLink { url, expires_at }))
}

/// Starts a staff upload for a patient: a presigned POST valid for five minutes for exactly this file.
/// The file goes out only with a staff message (or note) in one of the patient's threads.
#[utoipa::path(post, path = "/staff/patients/{id}/attachments", tag = "staff-messages", security(("staff" = [])), request_body = UploadRequest,
    params(("id" = String, Path)),
    responses((status = 201, body = UploadStarted), (status = 400, body = Problem), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn attachments_create(d: &AttachmentDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let patient = x.path_id("id", PatientId::parse)?;
    x.concerning(&patient);
    let request = super::upload_request(x.json()?)?;
    patients::get(d.table.as_ref(), &who.practice, &patient).await?.ok_or(ApiError::NotFound)?;
    let (attachment, upload, expires_at) = d.begin(&who.practice, &patient, request, Author::Staff { staff_id: who.staff.clone() }).await?;
    x.object(attachment.attachment_id.to_string());
    let started = UploadStarted { attachment: AttachmentView::from(&attachment), upload, expires_at };
    Ok(Reply::created(&started, &format!("/staff/patients/{patient}/attachments/{}", attachment.attachment_id)))
}

/// Checks a staff upload (size, real type, malware scan); only then can it be sent.
#[utoipa::path(post, path = "/staff/patients/{id}/attachments/{attachment}/complete", tag = "staff-messages", security(("staff" = [])),
    params(("id" = String, Path), ("attachment" = String, Path)),
    responses((status = 200, body = AttachmentView), (status = 401, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn attachments_complete(d: &AttachmentDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let patient = x.path_id("id", PatientId::parse)?;
    x.concerning(&patient);
    let id = x.path_id("attachment", AttachmentId::parse)?;
    x.object(id.to_string());
    let pending = d.load(&who.practice, &patient, &id).await?;
    if pending.uploaded_by == Author::Patient {
        return Err(ApiError::NotFound);
    }
    let attachment = d.complete(&who.practice, &patient, &id).await?;
    Ok(Reply::ok(&AttachmentView::from(&attachment)))
}
