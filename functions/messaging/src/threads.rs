//! Threads and messages between a patient and the care team.
//!
//! A thread's header item carries what the lists need (status, assignee, last activity, unread counts)
//! and sits in three indexes: the practice's inbox by status, the inbox by status and assignee, and the
//! patient's own list. Messages sit under the thread's prefix in the patient's partition. Every change is
//! one transaction: the message, the header (conditional on its version) and, when someone should be
//! told, the outbox event.

use chrono::{DateTime, Duration, Utc};
use portico::directory::Practice;
use portico::ids::{AttachmentId, EventId, MessageId, PatientId, PracticeId, StaffId, ThreadId};
use portico::store::{Condition, Cursor, Index, Item, Query, StoreError, Table, Update, Write};
use serde::{Deserialize, Serialize};

use crate::attachments::{Attachment, State as AttachmentState};
use crate::events::{Event, EventKind};
use crate::keys;

/// Longest message body, in characters.
pub const MAX_BODY: usize = 10_000;
/// Longest subject, in characters.
pub const MAX_SUBJECT: usize = 120;
/// Most attachments on one message.
pub const MAX_ATTACHMENTS: usize = 5;
/// Messages per page of a thread.
pub const PAGE: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Clinical,
    Scheduling,
    Billing,
    Other,
}

impl Topic {
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Clinical => "clinical",
            Topic::Scheduling => "scheduling",
            Topic::Billing => "billing",
            Topic::Other => "other",
        }
    }

    /// The roles who answer a topic when the practice has not named a care team for it.
    pub fn default_roles(self) -> &'static [portico::directory::Role] {
        use portico::directory::Role;
        match self {
            Topic::Clinical => &[Role::Clinician],
            Topic::Scheduling | Topic::Other => &[Role::FrontDesk],
            Topic::Billing => &[Role::Billing],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ThreadStatus {
    Open,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Author {
    Patient,
    Staff { staff_id: StaffId },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    Portal,
    Sms,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Thread {
    pub practice_id: PracticeId,
    pub patient_id: PatientId,
    pub thread_id: ThreadId,
    pub topic: Topic,
    pub subject: String,
    pub status: ThreadStatus,
    #[serde(default)]
    pub assignee: Option<StaffId>,
    /// Who is told of patient messages; from the practice's care team for the topic.
    #[serde(default)]
    pub care_team: Vec<StaffId>,
    pub created_at: DateTime<Utc>,
    pub last_activity_at: DateTime<Utc>,
    pub unread_for_patient: i64,
    pub unread_for_staff: i64,
    pub message_count: i64,
    /// What the patient sees: internal notes leave these alone, so their count and timing never show.
    pub shared_activity_at: DateTime<Utc>,
    pub shared_message_count: i64,
    #[serde(default)]
    pub version: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Deletion {
    pub by: StaffId,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Message {
    pub practice_id: PracticeId,
    pub patient_id: PatientId,
    pub thread_id: ThreadId,
    pub message_id: MessageId,
    pub author: Author,
    pub via: Via,
    /// Staff notes the patient never sees.
    pub internal: bool,
    #[serde(default)]
    pub urgent: bool,
    pub body: String,
    /// SHA-256 of the body as written, so later copies can be checked against it.
    pub content_hash: String,
    #[serde(default)]
    pub attachments: Vec<Attached>,
    pub created_at: DateTime<Utc>,
    /// When the other side first read it.
    #[serde(default)]
    pub read_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub deleted: Option<Deletion>,
    /// The end of the retention period; the item expires then.
    pub retain_until: DateTime<Utc>,
}

/// A message body: trimmed, at most [`MAX_BODY`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body(String);

impl Body {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let text = raw.trim();
        let chars = text.chars().count();
        if chars > MAX_BODY {
            return Err(format!("is {chars} characters long; a message may be at most {MAX_BODY}. Split it into two messages."));
        }
        if text.chars().any(|c| c == '\0') {
            return Err("contains a character that is not allowed".into());
        }
        Ok(Body(text.to_string()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub fn parse_subject(raw: &str) -> Result<String, String> {
    let subject = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    match subject.chars().count() {
        0 => Err("must not be empty".into()),
        n if n > MAX_SUBJECT => Err(format!("must be at most {MAX_SUBJECT} characters")),
        _ => Ok(subject),
    }
}

/// A file sent with a message, as the message shows it. Copied from the attachment when it is sent;
/// a sent attachment never changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Attached {
    #[schema(value_type = String)]
    pub attachment_id: AttachmentId,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
}

/// The patient's checked, unsent uploads named by `ids`, to go with a message. The message's transaction
/// checks again, so two messages racing for one file cannot both have it.
pub async fn attachable(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    ids: &[AttachmentId],
) -> Result<Vec<Attached>, ThreadError> {
    let mut attached: Vec<Attached> = Vec::with_capacity(ids.len());
    for id in ids {
        if attached.iter().any(|a| &a.attachment_id == id) {
            return Err(ThreadError::Attachment);
        }
        let item = table.get(&keys::attachment(practice, patient, id)).await?.ok_or(ThreadError::Attachment)?;
        let attachment: Attachment = item.record()?;
        if attachment.state != AttachmentState::Ready || attachment.message_id.is_some() {
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

/// A message about to be written.
#[derive(Debug, Clone)]
pub struct Draft {
    pub author: Author,
    pub via: Via,
    pub body: Body,
    pub internal: bool,
    pub urgent: bool,
    pub attachments: Vec<Attached>,
}

#[derive(Debug, thiserror::Error)]
pub enum ThreadError {
    #[error("no such thread")]
    NotFound,
    #[error("a message needs text or an attachment")]
    Empty,
    #[error("an attachment is not ready, not yours, or already used")]
    Attachment,
    #[error("no such message")]
    MessageNotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn sha256_hex(text: &str) -> String {
    aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, text.as_bytes()).as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

impl Thread {
    pub fn item(&self) -> Result<Item, StoreError> {
        let open = self.status == ThreadStatus::Open;
        let sort = keys::activity(self.last_activity_at, &self.thread_id);
        let shared = keys::activity(self.shared_activity_at, &self.thread_id);
        Ok(Item::from_record(keys::thread(&self.practice_id, &self.patient_id, &self.thread_id), self)?
            .indexed(Index::Gsi1, keys::inbox(&self.practice_id, open), sort.clone())
            .indexed(Index::Gsi2, keys::inbox_for(&self.practice_id, open, self.assignee.as_ref()), sort)
            .indexed(Index::Gsi3, keys::patient_threads(&self.practice_id, &self.patient_id), shared))
    }

    /// The header after `message` was added.
    fn with_message(&self, message: &Message) -> Thread {
        let mut next = self.clone();
        next.last_activity_at = message.created_at;
        next.message_count += 1;
        if !message.internal {
            next.shared_activity_at = message.created_at;
            next.shared_message_count += 1;
        }
        match (&message.author, message.internal) {
            (Author::Patient, _) => {
                next.unread_for_staff += 1;
                // A patient writing into a closed thread reopens it: someone has to answer.
                next.status = ThreadStatus::Open;
            }
            (Author::Staff { .. }, false) => next.unread_for_patient += 1,
            (Author::Staff { .. }, true) => {}
        }
        next.version = self.version + 1;
        next
    }
}

impl Message {
    pub fn item(&self) -> Result<Item, StoreError> {
        Ok(Item::from_record(keys::message(&self.practice_id, &self.patient_id, &self.thread_id, &self.message_id), self)?
            .expiring_at(self.retain_until.timestamp()))
    }

    pub fn visible_to_patient(&self) -> bool {
        !self.internal
    }
}

/// How long the practice keeps messages (7 years unless it says otherwise).
pub fn retention(practice: &Practice) -> Duration {
    Duration::days(i64::from(practice.settings.message_retention_days))
}

fn new_message(practice: &Practice, patient: &PatientId, thread: &ThreadId, draft: &Draft, now: DateTime<Utc>) -> Message {
    Message {
        practice_id: practice.id.clone(),
        patient_id: patient.clone(),
        thread_id: thread.clone(),
        message_id: MessageId::generate(now),
        author: draft.author.clone(),
        via: draft.via,
        internal: draft.internal,
        urgent: draft.urgent,
        content_hash: sha256_hex(draft.body.as_str()),
        body: draft.body.as_str().to_string(),
        attachments: draft.attachments.clone(),
        created_at: now,
        read_at: None,
        deleted: None,
        retain_until: now + retention(practice),
    }
}

/// The writes that add a message: the message, attachment links, and the event when someone should be
/// told (patients are told of staff replies, care teams of patient messages; internal notes tell no one).
fn message_writes(practice: &Practice, thread: &Thread, message: &Message, now: DateTime<Utc>) -> Result<Vec<Write>, StoreError> {
    let mut writes = vec![Write::put(message.item()?, Condition::NotExists)];
    for attachment in &message.attachments {
        let link = Update::new(keys::attachment(&practice.id, &thread.patient_id, &attachment.attachment_id))
            .set("message_id", message.message_id.as_str())
            .set("thread_id", thread.thread_id.as_str())
            .when(Condition::Exists.and(Condition::eq("state", "ready")).and(Condition::Missing("message_id".into())));
        writes.push(Write::Update(link));
    }
    if !message.internal {
        let event = Event {
            event_id: EventId::generate(now),
            practice_id: practice.id.clone(),
            patient_id: thread.patient_id.clone(),
            created_at: now,
            kind: EventKind::MessageCreated {
                thread_id: thread.thread_id.clone(),
                message_id: message.message_id.clone(),
                topic: thread.topic,
                from_patient: message.author == Author::Patient,
                urgent: message.urgent,
                care_team: thread.care_team.clone(),
            },
        };
        writes.push(Write::put(event.item()?, Condition::NotExists));
    }
    Ok(writes)
}

/// Reads a failed message transaction. Writes are laid out as: the header (0), the message (1), the
/// attachment links (2..), the event.
fn transaction_error(e: StoreError, attachments: usize) -> ThreadError {
    match e {
        StoreError::ConditionFailed { index: Some(i), .. } if (2..2 + attachments).contains(&i) => ThreadError::Attachment,
        other => ThreadError::Store(other),
    }
}

/// What a new thread is about and who answers it.
#[derive(Debug, Clone)]
pub struct Opening {
    pub topic: Topic,
    pub subject: String,
    pub care_team: Vec<StaffId>,
}

/// Opens a thread with its first message.
pub async fn start(
    table: &dyn Table,
    practice: &Practice,
    patient: &PatientId,
    opening: Opening,
    draft: Draft,
    now: DateTime<Utc>,
) -> Result<(Thread, Message), ThreadError> {
    let Opening { topic, subject, care_team } = opening;
    if draft.body.is_empty() && draft.attachments.is_empty() {
        return Err(ThreadError::Empty);
    }
    let thread_id = ThreadId::generate(now);
    let message = new_message(practice, patient, &thread_id, &draft, now);
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
        version: 0,
    };
    let thread = empty.with_message(&message);
    let mut writes = message_writes(practice, &thread, &message, now)?;
    writes.insert(0, Write::put(thread.item()?, Condition::NotExists));
    let attachments = message.attachments.len();
    table.transact(writes).await.map_err(|e| transaction_error(e, attachments))?;
    Ok((thread, message))
}

pub async fn header(table: &dyn Table, practice: &PracticeId, patient: &PatientId, thread: &ThreadId) -> Result<Thread, ThreadError> {
    let item = table.get(&keys::thread(practice, patient, thread)).await?.ok_or(ThreadError::NotFound)?;
    Ok(item.record()?)
}

/// Adds a message to a thread, retrying when another write changed the header meanwhile.
pub async fn post(
    table: &dyn Table,
    practice: &Practice,
    patient: &PatientId,
    thread_id: &ThreadId,
    draft: Draft,
    now: DateTime<Utc>,
) -> Result<(Thread, Message), ThreadError> {
    if draft.body.is_empty() && draft.attachments.is_empty() {
        return Err(ThreadError::Empty);
    }
    for _ in 0..4 {
        let current = header(table, &practice.id, patient, thread_id).await?;
        let message = new_message(practice, patient, thread_id, &draft, now);
        let next = current.with_message(&message);
        let mut writes = vec![Write::put(next.item()?, Condition::VersionIs(current.version))];
        writes.extend(message_writes(practice, &next, &message, now)?);
        match table.transact(writes).await {
            Ok(()) => return Ok((next, message)),
            Err(StoreError::ConditionFailed { index: Some(0), .. }) | Err(StoreError::Conflict) => continue,
            Err(e) => return Err(transaction_error(e, message.attachments.len())),
        }
    }
    Err(ThreadError::Store(StoreError::Conflict))
}

/// One page of a thread, newest last. The first page holds the newest messages; `before` pages back.
pub struct Page {
    pub thread: Thread,
    pub messages: Vec<Message>,
    pub older: Option<Cursor>,
}

/// Whose view of a thread is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Patient,
    Staff,
}

impl Reader {
    fn sees(self, message: &Message) -> bool {
        self == Reader::Staff || message.visible_to_patient()
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
    reader: Reader,
    before: Option<Cursor>,
    limit: usize,
) -> Result<Page, ThreadError> {
    let partition = portico::directory::keys::patient_partition(practice, patient);
    let header_sk = keys::thread(practice, patient, thread_id).sk;
    let (mut thread, mut messages, mut last_shown, mut more) = (None, Vec::new(), None, false);
    let mut position = before;
    'pages: loop {
        let query = Query::partition(Index::Table, partition.clone())
            .begins_with(keys::thread_prefix(thread_id))
            .backward()
            .limit(limit + 1)
            .after(position.take());
        let page = table.query(query).await?;
        for item in &page.items {
            if item.key.sk == header_sk {
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
    let older = if more { last_shown.as_ref().and_then(|item| Cursor::after(Index::Table, item)) } else { None };
    let thread = match thread {
        Some(thread) => thread,
        None => header(table, practice, patient, thread_id).await?,
    };
    messages.reverse();
    Ok(Page { thread, messages, older })
}

/// The patient's threads, most recent activity first.
pub async fn for_patient(table: &dyn Table, practice: &PracticeId, patient: &PatientId) -> Result<Vec<Thread>, StoreError> {
    let page = table.query(Query::partition(Index::Gsi3, keys::patient_threads(practice, patient)).backward()).await?;
    page.items.iter().map(Item::record).collect()
}

/// Which threads the inbox shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssigneeFilter {
    Anyone,
    Me,
    Unassigned,
}

/// The practice's inbox, newest activity first.
pub async fn inbox(
    table: &dyn Table,
    practice: &PracticeId,
    open: bool,
    assignee: AssigneeFilter,
    me: &StaffId,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<(Vec<Thread>, Option<Cursor>), StoreError> {
    let query = match assignee {
        AssigneeFilter::Anyone => Query::partition(Index::Gsi1, keys::inbox(practice, open)),
        AssigneeFilter::Me => Query::partition(Index::Gsi2, keys::inbox_for(practice, open, Some(me))),
        AssigneeFilter::Unassigned => Query::partition(Index::Gsi2, keys::inbox_for(practice, open, None)),
    };
    let page = table.query(query.backward().limit(limit).after(cursor)).await?;
    let threads = page.items.iter().map(Item::record).collect::<Result<Vec<Thread>, _>>()?;
    Ok((threads, page.next))
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
    for _ in 0..4 {
        let page = read(table, practice, patient, thread_id, Reader::Staff, None, 99).await?;
        let current = page.thread;
        let unread: Vec<&Message> = page
            .messages
            .iter()
            .filter(|m| m.read_at.is_none() && !m.internal && (matches!(m.author, Author::Patient) != by_patient))
            .collect();
        let mut next = current.clone();
        if by_patient {
            next.unread_for_patient = 0;
        } else {
            next.unread_for_staff = 0;
        }
        next.version = current.version + 1;
        let mut writes = vec![Write::put(next.item()?, Condition::VersionIs(current.version))];
        for message in unread {
            let key = keys::message(practice, patient, thread_id, &message.message_id);
            writes.push(Write::Update(
                Update::new(key).set("read_at", serde_json::to_value(now).unwrap_or_default()).when(Condition::Exists),
            ));
        }
        match table.transact(writes).await {
            Ok(()) => return Ok(next),
            Err(StoreError::ConditionFailed { .. }) | Err(StoreError::Conflict) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ThreadError::Store(StoreError::Conflict))
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
) -> Result<Thread, ThreadError> {
    for _ in 0..4 {
        let current = header(table, practice, patient, thread_id).await?;
        let mut next = current.clone();
        if let Some(assignee) = &change.assignee {
            next.assignee = assignee.clone();
        }
        if let Some(status) = change.status {
            next.status = status;
        }
        next.version = current.version + 1;
        match table.put(next.item()?, Condition::VersionIs(current.version)).await {
            Ok(()) => return Ok(next),
            Err(StoreError::ConditionFailed { .. }) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ThreadError::Store(StoreError::Conflict))
}

/// Soft-deletes a message: its text stays for the record, patients see only that it was removed.
pub async fn delete(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    thread_id: &ThreadId,
    message: &MessageId,
    by: &StaffId,
    now: DateTime<Utc>,
) -> Result<Message, ThreadError> {
    let deletion = Deletion { by: by.clone(), at: now };
    let update = Update::new(keys::message(practice, patient, thread_id, message))
        .set("deleted", serde_json::to_value(&deletion).unwrap_or_default())
        .when(Condition::Exists);
    match table.update(update).await {
        Ok(item) => Ok(item.record()?),
        Err(StoreError::ConditionFailed { .. }) => Err(ThreadError::MessageNotFound),
        Err(e) => Err(e.into()),
    }
}
