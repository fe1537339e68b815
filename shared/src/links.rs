//! Links that open the right thing: the PHI-free text or email about a waiting item carries a
//! single-use, short-lived link to it (seed 004's per-message magic link). The token is random and stored
//! only as a keyed digest. A link opens once; a newer link for the same item retires the older one; the
//! patient's sign-out retires every link issued before it; it expires after [`VALID_HOURS`].
//!
//! Opening a link reveals only that something is waiting and where: the portal shows the item itself
//! after a live session of the same patient, or after a code sent to the address on file (the risk is
//! PHI on the screen, and a forwarded text must not show it).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::crypto::{self, Hasher};
use crate::domain::Channel;
use crate::ids::{PatientId, PracticeId};
use crate::keys;
use crate::store::{Condition, Item, StoreError, Table, Update, Write};

/// How long a link works.
pub const VALID_HOURS: i64 = 24;

/// What a link opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Thread,
    /// A freed time offered from the waitlist.
    Offer,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Thread => "thread",
            ItemKind::Offer => "offer",
        }
    }
}

/// An item of the patient's account a notice is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ItemRef {
    pub kind: ItemKind,
    pub id: String,
}

impl ItemRef {
    pub fn thread(id: &str) -> Self {
        ItemRef { kind: ItemKind::Thread, id: id.to_string() }
    }

    pub fn offer(id: &str) -> Self {
        ItemRef { kind: ItemKind::Offer, id: id.to_string() }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Link {
    patient_id: PatientId,
    item: ItemRef,
    /// The channel the notice went by: a code to open it goes there too.
    channel: Channel,
    issued_at: i64,
    expires_at: i64,
    used: bool,
}

fn digest(hasher: &Hasher, token: &str) -> String {
    hasher.digest("item-link", &[token])
}

/// A new link to `item` for the patient; the token goes in the notice, nowhere else. It retires the
/// item's earlier link in the same transaction.
pub async fn issue(
    table: &dyn Table,
    hasher: &Hasher,
    practice: &PracticeId,
    patient: &PatientId,
    item: &ItemRef,
    channel: Channel,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let token = crypto::random_token(32);
    let digest = digest(hasher, &token);
    let expires_at = (now + Duration::hours(VALID_HOURS)).timestamp();
    let link = Link { patient_id: patient.clone(), item: item.clone(), channel, issued_at: now.timestamp(), expires_at, used: false };
    let stored = Item::from_record(keys::item_link(practice, &digest), &link)?.expiring_at(expires_at);
    let current = Item::new(keys::item_link_current(practice, patient, item.kind.as_str(), &item.id))
        .with("digest", digest.as_str())
        .expiring_at(expires_at);
    table.transact(vec![Write::put(stored, Condition::NotExists), Write::put(current, Condition::Always)]).await?;
    Ok(token)
}

/// What an opened link leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub patient: PatientId,
    pub item: ItemRef,
    pub channel: Channel,
}

/// A live link, checked but not yet used.
#[derive(Debug, Clone)]
pub struct Live {
    pub opened: Opened,
    digest: String,
    issued_at: i64,
}

/// Reads a link: unused, unexpired, the item's newest, issued after the patient last signed out. It
/// stays usable until [`spend`]: a code that could not be sent yet does not cost the link.
pub async fn check(
    table: &dyn Table,
    hasher: &Hasher,
    practice: &PracticeId,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Live>, StoreError> {
    if token.is_empty() || token.len() > 128 {
        return Ok(None);
    }
    let digest = digest(hasher, token);
    let Some(item) = table.get(&keys::item_link(practice, &digest)).await? else { return Ok(None) };
    let link: Link = item.record()?;
    if link.used || link.expires_at <= now.timestamp() {
        return Ok(None);
    }
    let opened = Opened { patient: link.patient_id, item: link.item, channel: link.channel };
    Ok(Some(Live { opened, digest, issued_at: link.issued_at }))
}

/// Uses a link up: exactly one concurrent use wins, and only while it is still the item's newest,
/// unexpired, unused, and issued after the patient last signed out.
pub async fn spend(table: &dyn Table, practice: &PracticeId, live: &Live, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let (patient, item) = (&live.opened.patient, &live.opened.item);
    let consume = Update::new(keys::item_link(practice, &live.digest))
        .set("used", true)
        .when(Condition::eq("used", false).and(Condition::gt("expires_at", now.timestamp())));
    let newest = Write::Check {
        key: keys::item_link_current(practice, patient, item.kind.as_str(), &item.id),
        condition: Condition::eq("digest", live.digest.as_str()),
    };
    let signed_in_since = Write::Check {
        key: keys::links_retired(practice, patient),
        condition: Condition::Missing("before".into()).or(Condition::le("before", live.issued_at)),
    };
    match table.transact(vec![Write::Update(consume), newest, signed_in_since]).await {
        Ok(()) => Ok(true),
        Err(StoreError::ConditionFailed { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Checks and uses a link in one step.
pub async fn open(
    table: &dyn Table,
    hasher: &Hasher,
    practice: &PracticeId,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Opened>, StoreError> {
    let Some(live) = check(table, hasher, practice, token, now).await? else { return Ok(None) };
    Ok(spend(table, practice, &live, now).await?.then_some(live.opened))
}

/// The patient signed out: every link issued before now stops working.
pub async fn retire_all(table: &dyn Table, practice: &PracticeId, patient: &PatientId, now: DateTime<Utc>) -> Result<(), StoreError> {
    // A link issued in this very second stays retired too: `before` is strictly after it.
    let update = Update::new(keys::links_retired(practice, patient)).set("before", now.timestamp() + 1);
    table.update(update).await.map(|_| ())
}
