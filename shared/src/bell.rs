//! The portal's bell: in-portal notifications of what waits for the patient (a new message now; a
//! shared document, a form to fill, an appointment change as those capabilities arrive). An item is
//! written in the same transaction as the change and as the event that sends the PHI-free text or
//! email, so the bell and the notice never disagree. Items sit in the patient's partition, newest first;
//! the home item counts the unread ones, so the home screen shows the bell's count without another read.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{PatientId, PracticeId};
use crate::keys;
use crate::store::{Condition, Cursor, Index, Item, Key, Query, StoreError, Table, Update, Write};

/// What a bell item tells of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BellKind {
    /// The care team wrote; `thread_id` leads to it.
    NewMessage,
    /// The practice booked, confirmed, moved or cancelled an appointment; `appointment_id` leads to it.
    AppointmentChanged,
}

impl BellKind {
    /// What a person acting for the patient needs to see an item of this kind.
    pub fn scope(self) -> crate::auth::Scope {
        match self {
            BellKind::NewMessage => crate::auth::Scope::Messages,
            BellKind::AppointmentChanged => crate::auth::Scope::Appointments,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct BellItem {
    /// Pass to mark this item read.
    pub id: String,
    pub at: DateTime<Utc>,
    pub kind: BellKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointment_id: Option<String>,
    /// For an appointment: `booked`, `moved` or `cancelled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointment_change: Option<String>,
    /// The thread's subject, or what happened to which appointment: the patient's own portal may show it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// When the patient read it; absent while unread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_at: Option<DateTime<Utc>>,
}

/// The home item's count of unread bell items.
pub const UNREAD: &str = "bell_unread";
const READ_AT: &str = "read_at";

fn key(practice: &PracticeId, patient: &PatientId, id: &str) -> Key {
    keys::bell_item(practice, patient, id)
}

/// The write that rings the bell. The same transaction adds one to the home item's [`UNREAD`], in the
/// home item's own update (a transaction changes an item once): [`crate::home::message_arrived`] does.
pub fn ring(practice: &PracticeId, patient: &PatientId, item: &BellItem) -> Result<Write, StoreError> {
    Ok(Write::put(Item::from_record(key(practice, patient, &item.id), item)?, Condition::NotExists))
}

/// A new item's id: sortable by time (so the partition reads newest first) and safe in a URL path.
pub fn new_id(at: DateTime<Utc>, source: &str) -> String {
    format!("{}-{source}", at.format("%Y%m%d%H%M%S%6f"))
}

/// One page of the bell, newest first.
pub async fn page(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    after: Option<Cursor>,
    limit: usize,
) -> Result<(Vec<BellItem>, Option<Cursor>), StoreError> {
    let query = Query::partition(Index::Table, keys::patient_partition(practice, patient))
        .begins_with(keys::BELL_PREFIX)
        .backward()
        .limit(limit)
        .after(after);
    let page = table.query(query).await?;
    Ok((page.items.iter().map(Item::record).collect::<Result<_, _>>()?, page.next))
}

/// Marks one item read (and one fewer unread); false when it was read already. `None` when there is
/// no such item for this patient.
pub async fn mark_read(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Option<bool>, StoreError> {
    let item_key = key(practice, patient, id);
    let Some(found) = table.get(&item_key).await? else { return Ok(None) };
    let item: BellItem = found.record()?;
    if item.read_at.is_some() {
        return Ok(Some(false));
    }
    match table.transact(read_writes(practice, patient, &item_key, now)?).await {
        Ok(()) => Ok(Some(true)),
        // Read at the same moment by another tab: it counts once.
        Err(StoreError::ConditionFailed { .. }) => Ok(Some(false)),
        Err(e) => Err(e),
    }
}

fn read_writes(practice: &PracticeId, patient: &PatientId, item: &Key, now: DateTime<Utc>) -> Result<Vec<Write>, StoreError> {
    let at = serde_json::to_value(now).map_err(|e| StoreError::Invalid(e.to_string()))?;
    Ok(vec![
        Write::Update(Update::new(item.clone()).set(READ_AT, at).when(Condition::Exists.and(Condition::Missing(READ_AT.into())))),
        Write::Update(Update::new(keys::home(practice, patient)).add(UNREAD, -1)),
    ])
}

/// Marks read the recent unread items that lead to a thread the patient just read (the newest page of
/// the bell: what is older was seen long ago); answers how many.
pub async fn mark_thread_read(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    thread_id: &str,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let (items, _) = page(table, practice, patient, None, 50).await?;
    mark_unread(table, practice, patient, items.iter().filter(|i| i.thread_id.as_deref() == Some(thread_id)), now).await
}

/// Marks each of `items` that is unread read, a transaction per item (each counts once, whatever runs
/// beside it); answers how many it marked.
async fn mark_unread<'a>(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    items: impl Iterator<Item = &'a BellItem>,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let mut marked = 0;
    for item in items.filter(|i| i.read_at.is_none()) {
        match table.transact(read_writes(practice, patient, &key(practice, patient, &item.id), now)?).await {
            Ok(()) => marked += 1,
            Err(StoreError::ConditionFailed { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(marked)
}

/// Marks every unread item read; answers how many it marked.
pub async fn mark_all_read(table: &dyn Table, practice: &PracticeId, patient: &PatientId, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let mut cursor = None;
    let mut marked = 0;
    loop {
        let (items, next) = page(table, practice, patient, cursor, 50).await?;
        marked += mark_unread(table, practice, patient, items.iter(), now).await?;
        match next {
            Some(next) => cursor = Some(next),
            None => return Ok(marked),
        }
    }
}
