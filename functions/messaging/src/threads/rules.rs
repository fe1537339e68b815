//! What happens when people write. Every change is one transaction: the message, the header update and,
//! when someone should hear of it, the notice event and the staff task. Patients are told of staff
//! replies (by the send gate, without PHI); the care team is told of patient messages and a response
//! task opens for the thread until someone answers; internal notes tell no one.

use chrono::{DateTime, Utc};
use portico::auth::StaffPrincipal;
use portico::auth::access::{StaffView, Topic};
use portico::directory::Practice;
use portico::events::{Event, EventKind};
use portico::ids::{AttachmentId, MessageId, PatientId, PracticeId, StaffId, ThreadId};
use portico::notify::gate::Category;
use portico::notify::wording::TemplateKind;
use portico::store::retry::{Round, settle, until_settled};
use portico::store::{Condition, Cursor, StoreError, Table, Update, Write};
use portico::tasks::{self, Task};

use super::layout::{self, header_update, message_writes};
use super::model::{Attached, Author, Deletion, Draft, LastMessage, Message, Opening, Thread, ThreadError, ThreadStatus};
use crate::attachments::{Attachment, State as AttachmentState};
use crate::keys;

/// Checked, unsent uploads named by `ids`, to go with a message written by `writer`: a patient attaches
/// their own uploads, staff attach staff uploads (never a patient's unsent file). The message's
/// transaction checks again, so two messages racing for one file cannot both have it.
pub async fn attachable(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    ids: &[AttachmentId],
    writer: &Author,
) -> Result<Vec<Attached>, ThreadError> {
    let mut attached: Vec<Attached> = Vec::with_capacity(ids.len());
    for id in ids {
        if attached.iter().any(|a| &a.attachment_id == id) {
            return Err(ThreadError::Attachment);
        }
        let item = table.get(&keys::attachment(practice, patient, id)).await?.ok_or(ThreadError::Attachment)?;
        let attachment: Attachment = item.record()?;
        let same_side =
            matches!((&attachment.uploaded_by, writer), (Author::Patient, Author::Patient) | (Author::Staff { .. }, Author::Staff { .. }));
        if attachment.state != AttachmentState::Ready || attachment.message_id.is_some() || !same_side {
            return Err(ThreadError::Attachment);
        }
        attached.push(Attached {
            attachment_id: id.clone(),
            file_name: attachment.file_name,
            content_type: attachment.file_type.mime().to_string(),
            size: attachment.size.unwrap_or(attachment.declared_size),
        });
    }
    Ok(attached)
}

/// Who hears of a message, and what it does to the thread's response task (read as `task`), as writes of
/// its transaction: a patient's message tells the care team and makes sure the task is open; a staff
/// reply tells the patient and settles the task; an internal note does neither. Each shared message is
/// an entry on the patient's timeline.
fn consequences(thread: &Thread, message: &Message, task: Option<&Task>, now: DateTime<Utc>) -> Result<Vec<Write>, StoreError> {
    let (practice, patient) = (&thread.practice_id, &thread.patient_id);
    let mut writes = Vec::new();
    if !message.tells_anyone() {
        return Ok(writes);
    }
    // The patient's timeline names the thread, never the words (a message may be deleted later).
    let from_care_team = matches!(message.author, Author::Staff { .. });
    let entry = portico::timeline::TimelineEntry::message(message.created_at, from_care_team, &thread.subject, thread.thread_id.as_str());
    writes.push(portico::timeline::entry_write(practice, patient, message.message_id.as_str(), &entry)?);
    match &message.author {
        Author::Patient => {
            let notice = EventKind::StaffNotice { topic: thread.topic, care_team: thread.care_team.clone() };
            writes.push(Event::new(practice, patient, notice, now).write()?);
            let (id, source) = (thread.thread_id.as_str(), message.message_id.as_str());
            let fresh = Task::respond_to_thread(practice, patient, thread.patient_names.as_ref(), id, thread.topic, source, now);
            writes.push(tasks::ensure_open_write(task, &fresh)?);
        }
        Author::Staff { staff_id } => {
            let notice = EventKind::PatientNotice {
                category: Category::Messages,
                template: TemplateKind::MessageWaiting,
                urgent: message.urgent,
                item: Some(portico::links::ItemRef::thread(thread.thread_id.as_str())),
                when: None,
                still: None,
                answers_text: false,
            };
            writes.push(Event::new(practice, patient, notice, now).write()?);
            let latest = portico::home::LatestMessage {
                thread_id: thread.thread_id.to_string(),
                subject: thread.subject.clone(),
                preview: LastMessage::of(message).preview,
                at: message.created_at,
            };
            writes.push(portico::home::message_arrived(practice, patient, message.message_id.as_str(), &latest)?);
            let bell = portico::bell::BellItem {
                id: portico::bell::new_id(message.created_at, message.message_id.as_str()),
                at: message.created_at,
                kind: portico::bell::BellKind::NewMessage,
                thread_id: Some(thread.thread_id.to_string()),
                appointment_id: None,
                appointment_change: None,
                title: Some(thread.subject.clone()),
                read_at: None,
            };
            writes.push(portico::bell::ring(practice, patient, &bell)?);
            writes.extend(tasks::settle_write(task, staff_id, now)?);
        }
    }
    Ok(writes)
}

/// The thread's response task as it stands, for a message's transaction to decide from.
async fn response_task(table: &dyn Table, practice: &PracticeId, thread: &ThreadId) -> Result<Option<Task>, StoreError> {
    tasks::get(table, practice, &Task::respond_id(thread.as_str())).await
}

/// Reads a failed message transaction, laid out as the header, the message, the attachment links, then
/// the consequences: a failed link means the file is not attachable; a failed header or task condition,
/// or a conflict, means someone else changed the thread or its task meanwhile (read again).
fn transaction_outcome<T>(result: Result<T, StoreError>, attachments: usize) -> Result<Round<T>, ThreadError> {
    match result {
        Ok(value) => Ok(Round::Done(value)),
        Err(StoreError::ConditionFailed { index: Some(i), .. }) if (2..2 + attachments).contains(&i) => Err(ThreadError::Attachment),
        Err(StoreError::ConditionFailed { index: Some(_), .. } | StoreError::Conflict) => Ok(Round::Lost),
        Err(other) => Err(ThreadError::Store(other)),
    }
}

/// Opens a thread with its first message.
pub async fn start(
    table: &dyn Table,
    practice: &Practice,
    patient: &PatientId,
    opening: Opening,
    draft: Draft,
    writer: &Reader,
    now: DateTime<Utc>,
) -> Result<(Thread, Message), ThreadError> {
    if draft.is_empty() {
        return Err(ThreadError::Empty);
    }
    if !writer.may_open_topic(opening.topic) {
        return Err(ThreadError::TopicNotAllowed);
    }
    if !writer.may_write(&draft) {
        return Err(ThreadError::NotesNotAllowed);
    }
    let Opening { topic, subject, care_team } = opening;
    let thread_id = ThreadId::generate(now);
    let message = Message::from_draft(practice, patient, &thread_id, &draft, now);
    let empty = Thread {
        practice_id: practice.id.clone(),
        patient_id: patient.clone(),
        thread_id,
        topic,
        subject,
        status: ThreadStatus::Open,
        assignee: None,
        care_team,
        created_at: now,
        last_activity_at: now,
        shared_activity_at: now,
        shared_message_count: 0,
        unread_for_patient: 0,
        unread_for_staff: 0,
        message_count: 0,
        last_message: None,
        patient_names: portico::directory::patients::get(table, &practice.id, patient)
            .await?
            .map(|p| portico::directory::PatientNames::of(&p)),
        opened_by_patient: matches!(writer, Reader::Patient(_)),
        opened_by_proxy: draft.written_by.as_ref().map(|w| w.person_id.clone()),
        version: 0,
    };
    let thread = empty.opened_with(&message);
    let mut writes = vec![Write::put(thread.item()?, Condition::NotExists)];
    writes.extend(message_writes(&message)?);
    // A new thread has no response task yet.
    writes.extend(consequences(&thread, &message, None, now)?);
    match transaction_outcome(table.transact(writes).await, message.attachments.len())? {
        Round::Done(()) => Ok((thread, message)),
        // A new thread's writes are all new items: nobody else can have changed them.
        Round::Lost => Err(ThreadError::Store(StoreError::Conflict)),
    }
}

/// Adds a message to a thread. Concurrent messages all land: the header changes by atomic updates, and a
/// round lost to a change of the thread's handling (closed, reassigned) is redone from a fresh read.
pub async fn post(
    table: &dyn Table,
    practice: &Practice,
    patient: &PatientId,
    thread_id: &ThreadId,
    draft: Draft,
    writer: &Reader,
    now: DateTime<Utc>,
) -> Result<(Thread, Message), ThreadError> {
    if draft.is_empty() {
        return Err(ThreadError::Empty);
    }
    let message = Message::from_draft(practice, patient, thread_id, &draft, now);
    until_settled(|| async {
        let read = layout::header(table, &practice.id, patient, thread_id).await?;
        if !writer.may_open(&read) {
            return Err(ThreadError::NotFound);
        }
        if !writer.may_write(&draft) {
            return Err(ThreadError::NotesNotAllowed);
        }
        let task = response_task(table, &practice.id, thread_id).await?;
        let mut writes = vec![Write::Update(header_update(&read, &message)?)];
        writes.extend(message_writes(&message)?);
        writes.extend(consequences(&read, &message, task.as_ref(), now)?);
        Ok(transaction_outcome(table.transact(writes).await, message.attachments.len())?.map(|()| (read.after(&message), message.clone())))
    })
    .await
}

/// One page of a thread, newest last. The first page holds the newest messages; `before` pages back.
pub struct Page {
    pub thread: Thread,
    pub messages: Vec<Message>,
    pub older: Option<Cursor>,
}

/// Who is reading or acting on a thread: the patient (whose partition it is), or a staff member with
/// what their roles let them see ([`StaffView`]: which topics, and whether internal notes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reader {
    /// The patient, or someone acting for them (what their grant lets them see).
    Patient(Option<portico::auth::Acting>),
    Staff(StaffView),
}

impl Reader {
    /// The patient's side, as the request's principal says.
    pub fn patient(who: &portico::auth::PatientPrincipal) -> Self {
        Reader::Patient(who.acting.clone())
    }

    fn sees(&self, message: &Message) -> bool {
        match self {
            Reader::Patient(_) => message.visible_to_patient(),
            Reader::Staff(view) => !message.internal || view.reads_notes(),
        }
    }

    /// Whether the thread exists for this reader at all (a topic their role does not read does not; a
    /// teen's own conversations and confidential topics do not for their parent).
    pub fn may_open(&self, thread: &Thread) -> bool {
        match self {
            Reader::Patient(Some(acting)) => acting.sees_conversation(thread.topic, thread.opener()),
            _ => self.may_open_topic(thread.topic),
        }
    }

    pub fn may_open_topic(&self, topic: Topic) -> bool {
        match self {
            Reader::Patient(acting) => acting.as_ref().is_none_or(|a| a.may_start(topic)),
            Reader::Staff(view) => view.reads(topic),
        }
    }

    fn may_write(&self, draft: &Draft) -> bool {
        match self {
            Reader::Patient(_) => !draft.internal,
            Reader::Staff(view) => !draft.internal || view.reads_notes(),
        }
    }
}

/// Reads a page of a thread as `reader` sees it: up to `limit` messages before `before`. The header is
/// the oldest item of the thread, so reaching it ends the paging. The cursor points at the last message
/// shown, and is offered only when the reader has an older message to see, so a page boundary neither
/// skips a message nor hints at notes the patient cannot read.
pub async fn read(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    thread_id: &ThreadId,
    reader: &Reader,
    before: Option<Cursor>,
    limit: usize,
) -> Result<Page, ThreadError> {
    let (mut thread, mut messages, mut last_shown, mut more) = (None, Vec::new(), None, false);
    let mut position = before;
    'pages: loop {
        let page = layout::items_backwards(table, practice, patient, thread_id, position.take(), limit + 1).await?;
        for item in &page.items {
            if layout::is_header(item, practice, patient, thread_id) {
                thread = Some(item.record::<Thread>()?);
                break 'pages;
            }
            let message = item.record::<Message>()?;
            if !reader.sees(&message) {
                continue;
            }
            if messages.len() == limit {
                more = true;
                break 'pages;
            }
            messages.push(message);
            last_shown = Some(item.clone());
        }
        match page.next {
            Some(next) => position = Some(next),
            None => break,
        }
    }
    let older = if more { last_shown.as_ref().and_then(|item| Cursor::after(portico::store::Index::Table, item)) } else { None };
    let thread = match thread {
        Some(thread) => thread,
        None => layout::header(table, practice, patient, thread_id).await?,
    };
    if !reader.may_open(&thread) {
        return Err(ThreadError::NotFound);
    }
    messages.reverse();
    Ok(Page { thread, messages, older })
}

/// Marks the messages one side has not read as read now, with the header's unread count. `by_patient`
/// says which side is reading.
pub async fn mark_read(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    thread_id: &ThreadId,
    by_patient: bool,
    now: DateTime<Utc>,
) -> Result<Thread, ThreadError> {
    until_settled(|| async {
        // Read as someone who sees every message: which were read is a fact about all of them.
        let everything = Reader::Staff(StaffView::of(&portico::directory::Role::ALL));
        let page = read(table, practice, patient, thread_id, &everything, None, 99).await?;
        let current = page.thread;
        let unread: Vec<&Message> = page
            .messages
            .iter()
            .filter(|m| m.read_at.is_none() && !m.internal && (matches!(m.author, Author::Patient) != by_patient))
            .collect();
        let mut writes = vec![Write::Update(layout::unread_cleared(&current, by_patient))];
        if by_patient {
            writes.extend(portico::home::messages_read(practice, patient, current.unread_for_patient));
        }
        for message in unread {
            writes.push(layout::message_read(message, now)?);
        }
        let mut next = current.clone();
        if by_patient {
            next.unread_for_patient = 0;
        } else {
            next.unread_for_staff = 0;
        }
        Ok(settle(table.transact(writes).await)?.map(|()| next))
    })
    .await
}

/// Staff changes to a thread's handling.
#[derive(Debug, Clone, Default)]
pub struct Handling {
    /// `Some(None)` unassigns.
    pub assignee: Option<Option<StaffId>>,
    pub status: Option<ThreadStatus>,
}

pub async fn handle(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    thread_id: &ThreadId,
    change: &Handling,
    by: &Reader,
) -> Result<Thread, ThreadError> {
    until_settled(|| async {
        let current = layout::header(table, practice, patient, thread_id).await?;
        if !by.may_open(&current) {
            return Err(ThreadError::NotFound);
        }
        let mut next = current.clone();
        if let Some(assignee) = &change.assignee {
            next.assignee = assignee.clone();
        }
        if let Some(status) = change.status {
            next.status = status;
        }
        let update = layout::handling_update(&current, next.assignee.as_ref(), next.status)?;
        Ok(settle(table.update(update).await)?.map(|_| next))
    })
    .await
}

/// The patient closes a thread they started (their question was answered, or they no longer need one).
/// Closing again changes nothing. The thread's response task stays as it was: an unanswered message is
/// still the care team's to read. A new message from the patient reopens it, as ever.
pub async fn close_by_patient(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    thread_id: &ThreadId,
) -> Result<Thread, ThreadError> {
    until_settled(|| async {
        let current = layout::header(table, practice, patient, thread_id).await?;
        if !current.opened_by_patient {
            return Err(ThreadError::NotPatientsToClose);
        }
        if current.status == ThreadStatus::Closed {
            return Ok(Round::Done(current));
        }
        let mut next = current.clone();
        next.status = ThreadStatus::Closed;
        let update = layout::handling_update(&current, next.assignee.as_ref(), next.status)?;
        Ok(settle(table.update(update).await)?.map(|_| next))
    })
    .await
}

/// Soft-deletes a message: its text stays for the record, patients see only that it was removed.
pub async fn delete(
    table: &dyn Table,
    by: &StaffPrincipal,
    patient: &PatientId,
    thread_id: &ThreadId,
    message: &MessageId,
    now: DateTime<Utc>,
) -> Result<Message, ThreadError> {
    let practice = &by.practice;
    let header = layout::header(table, practice, patient, thread_id).await?;
    if !by.view().reads(header.topic) {
        return Err(ThreadError::NotFound);
    }
    let deletion = Deletion { by: by.staff.clone(), at: now };
    let key = keys::message(practice, patient, thread_id, message);
    let update = Update::new(key.clone()).set("deleted", serde_json::to_value(&deletion).unwrap_or_default()).when(Condition::Exists);
    let mut writes = vec![Write::Update(update)];
    // A deleted message's words leave the lists too, and the home screen's card.
    if header.last_message.as_ref().is_some_and(|last| &last.message_id == message) {
        let header_key = keys::thread(practice, patient, thread_id);
        let cleared = Update::new(header_key).remove("last_message").when(Condition::Exists);
        writes.push(Write::Update(cleared));
    }
    let home = table.get(&portico::keys::home(practice, patient)).await?;
    if portico::home::shows(home.as_ref(), message.as_str()) {
        writes.push(portico::home::latest_removed(practice, patient, message.as_str()));
    }
    match table.transact(writes).await {
        Ok(()) => Ok(table.get(&key).await?.ok_or(ThreadError::MessageNotFound)?.record()?),
        Err(StoreError::ConditionFailed { .. }) => Err(ThreadError::MessageNotFound),
        Err(e) => Err(e.into()),
    }
}

/// The topic a text arriving from a patient is filed under when it opens a thread.
pub const TEXTED_TOPIC: Topic = Topic::Other;
