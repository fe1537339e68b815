//! How threads are stored. A thread's header sits in three indexes: the practice's inbox by status
//! (GSI1), the inbox by status and assignee (GSI2), and the patient's own list (GSI3). Messages sit under
//! the thread's prefix in the patient's partition, after the header, so a page of a thread is one query.
//!
//! The header changes by targeted updates, never by rewriting it: a message adds to the counters
//! atomically and moves the activity keys forward (only forward: a slower writer with an older message
//! leaves them alone), so any number of messages can arrive at once and all of them land.

use chrono::{DateTime, Utc};
use portico::auth::access::StaffView;
use portico::ids::{PatientId, PracticeId, StaffId, ThreadId};
use portico::store::{Condition, Cursor, Index, Item, Query, StoreError, Table, Update, Write, attr};

use super::model::{Author, LastMessage, Message, Thread, ThreadError, ThreadStatus};
use crate::keys;

impl Thread {
    fn activity_key(&self) -> String {
        keys::activity(self.last_activity_at, &self.thread_id)
    }

    fn inboxes(&self) -> (String, String) {
        let open = self.status == ThreadStatus::Open;
        (keys::inbox(&self.practice_id, open), keys::inbox_for(&self.practice_id, open, self.assignee.as_ref()))
    }

    /// The header as first written.
    pub fn item(&self) -> Result<Item, StoreError> {
        let (inbox, inbox_for) = self.inboxes();
        let shared = keys::activity(self.shared_activity_at, &self.thread_id);
        Ok(Item::from_record(keys::thread(&self.practice_id, &self.patient_id, &self.thread_id), self)?
            .indexed(Index::Gsi1, inbox, self.activity_key())
            .indexed(Index::Gsi2, inbox_for, self.activity_key())
            .indexed(Index::Gsi3, keys::patient_threads(&self.practice_id, &self.patient_id), shared))
    }

    /// The header of a thread whose first message is `message`.
    pub fn opened_with(mut self, message: &Message) -> Thread {
        self.last_activity_at = message.created_at;
        self.message_count = 1;
        if message.visible_to_patient() {
            self.shared_activity_at = message.created_at;
            self.shared_message_count = 1;
            self.last_message = Some(LastMessage::of(message));
        }
        match (&message.author, message.internal) {
            (Author::Patient, _) => self.unread_for_staff = 1,
            (Author::Staff { .. }, false) => self.unread_for_patient = 1,
            (Author::Staff { .. }, true) => {}
        }
        self.version = 1;
        self
    }

    /// The header as `header_update` leaves it, from the header as read.
    pub fn after(&self, message: &Message) -> Thread {
        let mut next = self.clone();
        next.message_count += 1;
        next.version += 1;
        next.last_activity_at = next.last_activity_at.max(message.created_at);
        if message.visible_to_patient() {
            next.shared_message_count += 1;
            if message.created_at >= next.shared_activity_at {
                next.last_message = Some(LastMessage::of(message));
            }
            next.shared_activity_at = next.shared_activity_at.max(message.created_at);
        }
        match (&message.author, message.internal) {
            (Author::Patient, _) => {
                next.unread_for_staff += 1;
                next.status = ThreadStatus::Open;
            }
            (Author::Staff { .. }, false) => next.unread_for_patient += 1,
            (Author::Staff { .. }, true) => {}
        }
        next
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, StoreError> {
    serde_json::to_value(value).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// The update that adds `message` to the header as it was read: counters go up, activity moves forward
/// (when this message is the newest), and a patient's message reopens a closed thread. It holds only
/// while the thread's status and assignee are still as read (GSI2's key says both) and, when it moves
/// the activity, while no newer message has moved it further.
pub fn header_update(read: &Thread, message: &Message) -> Result<Update, StoreError> {
    let key = keys::thread(&read.practice_id, &read.patient_id, &read.thread_id);
    let (_, inbox_for) = read.inboxes();
    let mut condition = Condition::Exists.and(Condition::eq(attr::GSI2PK, inbox_for));
    let mut update = Update::new(key).add("message_count", 1).add(attr::VERSION, 1);
    let mine = keys::activity(message.created_at, &read.thread_id);
    if mine >= read.activity_key() {
        update = update.set("last_activity_at", json(&message.created_at)?).set(attr::GSI1SK, mine.clone()).set(attr::GSI2SK, mine.clone());
        condition = condition.and(Condition::le(attr::GSI1SK, mine.clone()));
    }
    if message.visible_to_patient() {
        update = update.add("shared_message_count", 1);
        if message.created_at >= read.shared_activity_at {
            update = update
                .set("shared_activity_at", json(&message.created_at)?)
                .set("last_message", json(&LastMessage::of(message))?)
                .set(attr::GSI3SK, mine.clone());
            condition = condition.and(Condition::le(attr::GSI3SK, mine));
        }
    }
    match (&message.author, message.internal) {
        (Author::Patient, _) => {
            update = update.add("unread_for_staff", 1);
            if read.status == ThreadStatus::Closed {
                // A patient writing into a closed thread reopens it: someone has to answer.
                update = update
                    .set("status", json(&ThreadStatus::Open)?)
                    .set(attr::GSI1PK, keys::inbox(&read.practice_id, true))
                    .set(attr::GSI2PK, keys::inbox_for(&read.practice_id, true, read.assignee.as_ref()));
            }
        }
        (Author::Staff { .. }, false) => update = update.add("unread_for_patient", 1),
        (Author::Staff { .. }, true) => {}
    }
    Ok(update.when(condition))
}

/// The update that changes a thread's handling (assignee, status), while both are still as read.
pub fn handling_update(read: &Thread, assignee: Option<&StaffId>, status: ThreadStatus) -> Result<Update, StoreError> {
    let (_, inbox_for) = read.inboxes();
    let open = status == ThreadStatus::Open;
    let mut update = Update::new(keys::thread(&read.practice_id, &read.patient_id, &read.thread_id))
        .set("status", json(&status)?)
        .set(attr::GSI1PK, keys::inbox(&read.practice_id, open))
        .set(attr::GSI2PK, keys::inbox_for(&read.practice_id, open, assignee))
        .add(attr::VERSION, 1)
        .when(Condition::Exists.and(Condition::eq(attr::GSI2PK, inbox_for)));
    update = match assignee {
        Some(staff) => update.set("assignee", staff.as_str()),
        None => update.set("assignee", serde_json::Value::Null),
    };
    Ok(update)
}

/// The update that clears one side's unread count, while no message arrived since the messages were
/// read (so nothing unread is counted as read).
pub fn unread_cleared(read: &Thread, by_patient: bool) -> Update {
    let counter = if by_patient { "unread_for_patient" } else { "unread_for_staff" };
    Update::new(keys::thread(&read.practice_id, &read.patient_id, &read.thread_id))
        .set(counter, 0)
        .add(attr::VERSION, 1)
        .when(Condition::Exists.and(Condition::eq("message_count", read.message_count)))
}

impl Message {
    pub fn item(&self) -> Result<Item, StoreError> {
        Ok(Item::from_record(keys::message(&self.practice_id, &self.patient_id, &self.thread_id, &self.message_id), self)?
            .expiring_at(self.retain_until.timestamp()))
    }
}

/// The writes that store a message: the message, and its attachments linked to it (each only if it is
/// still a checked upload not yet sent, so two messages racing for one file cannot both have it).
pub fn message_writes(message: &Message) -> Result<Vec<Write>, StoreError> {
    let mut writes = vec![Write::put(message.item()?, Condition::NotExists)];
    for attachment in &message.attachments {
        let link = Update::new(keys::attachment(&message.practice_id, &message.patient_id, &attachment.attachment_id))
            .set("message_id", message.message_id.as_str())
            .set("thread_id", message.thread_id.as_str())
            .set("shared", message.visible_to_patient())
            .when(Condition::Exists.and(Condition::eq("state", "ready")).and(Condition::Missing("message_id".into())));
        writes.push(Write::Update(link));
    }
    Ok(writes)
}

/// The update that marks one message read by the other side.
pub fn message_read(message: &Message, now: DateTime<Utc>) -> Result<Write, StoreError> {
    let key = keys::message(&message.practice_id, &message.patient_id, &message.thread_id, &message.message_id);
    Ok(Write::Update(Update::new(key).set("read_at", json(&now)?).when(Condition::Exists)))
}

pub async fn header(table: &dyn Table, practice: &PracticeId, patient: &PatientId, thread: &ThreadId) -> Result<Thread, ThreadError> {
    let item = table.get(&keys::thread(practice, patient, thread)).await?.ok_or(ThreadError::NotFound)?;
    Ok(item.record()?)
}

/// Items of a thread, newest first, from `position` (the header last, being the oldest).
pub async fn items_backwards(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    thread: &ThreadId,
    position: Option<Cursor>,
    limit: usize,
) -> Result<portico::store::Page, StoreError> {
    let partition = portico::keys::patient_partition(practice, patient);
    table
        .query(Query::partition(Index::Table, partition).begins_with(keys::thread_prefix(thread)).backward().limit(limit).after(position))
        .await
}

/// Whether an item of a thread's prefix is the header (else it is a message).
pub fn is_header(item: &Item, practice: &PracticeId, patient: &PatientId, thread: &ThreadId) -> bool {
    item.key == keys::thread(practice, patient, thread)
}

/// The patient's threads, most recent shared activity first.
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

/// The practice's inbox, newest activity first, holding only the topics the reader's roles handle. A
/// page may need several reads when most threads are of other topics; the cursor follows the last
/// thread shown, so nothing is skipped.
#[allow(clippy::too_many_arguments)]
pub async fn inbox(
    table: &dyn Table,
    practice: &PracticeId,
    open: bool,
    assignee: AssigneeFilter,
    me: &StaffId,
    view: &StaffView,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<(Vec<Thread>, Option<Cursor>), StoreError> {
    let query = match assignee {
        AssigneeFilter::Anyone => Query::partition(Index::Gsi1, keys::inbox(practice, open)),
        AssigneeFilter::Me => Query::partition(Index::Gsi2, keys::inbox_for(practice, open, Some(me))),
        AssigneeFilter::Unassigned => Query::partition(Index::Gsi2, keys::inbox_for(practice, open, None)),
    };
    let index = query.index;
    let (mut threads, mut position) = (Vec::new(), cursor);
    // Bounded: a reader who handles no topic at all still costs at most a few pages.
    for _ in 0..10 {
        let page = table.query(query.clone().backward().limit(limit).after(position.take())).await?;
        for item in &page.items {
            let thread: Thread = item.record()?;
            if !view.reads(thread.topic) {
                continue;
            }
            threads.push(thread);
            if threads.len() == limit {
                return Ok((threads, Cursor::after(index, item)));
            }
        }
        match page.next {
            Some(next) => position = Some(next),
            None => return Ok((threads, None)),
        }
    }
    // Out of rounds with more to read: the next page continues after what was examined last.
    Ok((threads, position))
}
