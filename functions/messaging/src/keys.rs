//! Key layout of the items messaging owns (ARCHITECTURE §3: built here, never in handlers). A thread's
//! header and its messages share the patient's partition and a prefix, so reading a thread is one query.

use chrono::{DateTime, Utc};
use portico::ids::{AttachmentId, MessageId, PatientId, PracticeId, StaffId, ThreadId};
use portico::keys::{Partition, Prefix, patient_partition};
use portico::store::Key;

/// The sort keys messaging writes in patients' partitions.
pub const KEY_PREFIXES: &[Prefix] = &[
    Prefix { partition: Partition::Patient, prefix: "THREAD#", owner: "messaging" },
    Prefix { partition: Partition::Patient, prefix: "ATT#", owner: "messaging" },
];

pub fn thread_prefix(thread: &ThreadId) -> String {
    format!("THREAD#{thread}")
}

pub fn thread(practice: &PracticeId, patient: &PatientId, thread: &ThreadId) -> Key {
    Key::new(patient_partition(practice, patient), thread_prefix(thread))
}

pub fn message(practice: &PracticeId, patient: &PatientId, thread: &ThreadId, message: &MessageId) -> Key {
    Key::new(patient_partition(practice, patient), format!("{}#MSG#{message}", thread_prefix(thread)))
}

/// Index sort key: newest activity is last, so inbox queries read backwards.
pub fn activity(at: DateTime<Utc>, thread: &ThreadId) -> String {
    format!("{}#{thread}", portico::time::sortable(at))
}

/// GSI1: the practice's inbox by status.
pub fn inbox(practice: &PracticeId, open: bool) -> String {
    format!("PR#{practice}#INBOX#{}", if open { "OPEN" } else { "CLOSED" })
}

/// GSI2: the practice's inbox by status and assignee (`NONE` when unassigned).
pub fn inbox_for(practice: &PracticeId, open: bool, assignee: Option<&StaffId>) -> String {
    format!("{}#{}", inbox(practice, open), assignee.map(StaffId::as_str).unwrap_or("NONE"))
}

/// GSI3: one patient's threads.
pub fn patient_threads(practice: &PracticeId, patient: &PatientId) -> String {
    format!("{}#THREADS", patient_partition(practice, patient))
}

pub fn attachment(practice: &PracticeId, patient: &PatientId, id: &AttachmentId) -> Key {
    Key::new(patient_partition(practice, patient), format!("ATT#{id}"))
}

/// Where a checked attachment lives: written only by the completion step, served by download links.
pub fn attachment_object(practice: &PracticeId, patient: &PatientId, id: &AttachmentId) -> String {
    format!("practices/{practice}/patients/{patient}/attachments/{id}")
}

/// Where the browser uploads an attachment; the bucket forgets whatever is left here after a day.
pub fn attachment_upload(practice: &PracticeId, patient: &PatientId, id: &AttachmentId) -> String {
    format!("uploads/{}", attachment_object(practice, patient, id))
}
