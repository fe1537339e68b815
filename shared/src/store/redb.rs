//! The embedded adapter: a persistent, ACID [`redb`] database with the table's semantics, for the local
//! gateway and fast tests. One write transaction at a time, so conditions are checked and writes applied
//! atomically, as DynamoDB does per item and per transaction.

use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition, WriteTransaction};
use serde_json::{Map, Value};

use super::{
    Condition, Cursor, Index, Item, Key, Page, Query, SortKey, StoreError, Table, Update, Write, validate_transaction, validate_update,
};
use crate::clock::Clock;

const ITEMS: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("items");
/// Index entries: (index partition, index sort, table partition, table sort).
type IndexEntries = TableDefinition<'static, (&'static str, &'static str, &'static str, &'static str), ()>;
const GSI1: IndexEntries = TableDefinition::new("gsi1");
const GSI2: IndexEntries = TableDefinition::new("gsi2");
const GSI3: IndexEntries = TableDefinition::new("gsi3");

/// Sorts after every sort key a query can name.
const TOP: &str = "\u{10FFFF}";

pub struct RedbTable {
    db: Arc<Database>,
    clock: Arc<dyn Clock>,
}

fn unavailable(e: impl std::fmt::Display) -> StoreError {
    StoreError::Unavailable(e.to_string())
}

impl RedbTable {
    /// Opens (or creates) the database file.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Self, StoreError> {
        let db = Database::create(path).map_err(unavailable)?;
        let txn = db.begin_write().map_err(unavailable)?;
        {
            txn.open_table(ITEMS).map_err(unavailable)?;
            txn.open_table(GSI1).map_err(unavailable)?;
            txn.open_table(GSI2).map_err(unavailable)?;
            txn.open_table(GSI3).map_err(unavailable)?;
        }
        txn.commit().map_err(unavailable)?;
        Ok(RedbTable { db: Arc::new(db), clock })
    }

    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Database, i64) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let db = Arc::clone(&self.db);
        let now = self.clock.now().timestamp();
        tokio::task::spawn_blocking(move || work(&db, now)).await.map_err(unavailable)?
    }
}

fn decode(key: (&str, &str), bytes: &[u8]) -> Result<Item, StoreError> {
    let attrs: Map<String, Value> = serde_json::from_slice(bytes).map_err(unavailable)?;
    Ok(Item { key: Key::new(key.0, key.1), attrs })
}

fn read_item(txn: &WriteTransaction, key: &Key) -> Result<Option<Item>, StoreError> {
    let table = txn.open_table(ITEMS).map_err(unavailable)?;
    let stored = table.get((key.pk.as_str(), key.sk.as_str())).map_err(unavailable)?;
    stored.map(|guard| decode((&key.pk, &key.sk), guard.value())).transpose()
}

fn index_table(index: Index) -> Option<IndexEntries> {
    match index {
        Index::Table => None,
        Index::Gsi1 => Some(GSI1),
        Index::Gsi2 => Some(GSI2),
        Index::Gsi3 => Some(GSI3),
    }
}

fn write_item(txn: &WriteTransaction, old: Option<&Item>, new: Option<&Item>) -> Result<(), StoreError> {
    for index in [Index::Gsi1, Index::Gsi2, Index::Gsi3] {
        let Some(definition) = index_table(index) else { continue };
        let mut table = txn.open_table(definition).map_err(unavailable)?;
        if let Some((ipk, isk)) = old.and_then(|item| item.index_key(index)) {
            let key = old.map(|item| &item.key).ok_or_else(|| unavailable("index entry without item"))?;
            table.remove((ipk.as_str(), isk.as_str(), key.pk.as_str(), key.sk.as_str())).map_err(unavailable)?;
        }
        if let Some(item) = new
            && let Some((ipk, isk)) = item.index_key(index)
        {
            table.insert((ipk.as_str(), isk.as_str(), item.key.pk.as_str(), item.key.sk.as_str()), ()).map_err(unavailable)?;
        }
    }
    let mut items = txn.open_table(ITEMS).map_err(unavailable)?;
    match (old, new) {
        (_, Some(item)) => {
            let bytes = serde_json::to_vec(&item.attrs).map_err(unavailable)?;
            items.insert((item.key.pk.as_str(), item.key.sk.as_str()), bytes.as_slice()).map_err(unavailable)?;
        }
        (Some(item), None) => {
            items.remove((item.key.pk.as_str(), item.key.sk.as_str())).map_err(unavailable)?;
        }
        (None, None) => {}
    }
    Ok(())
}

/// The item an update produces from what is stored (DynamoDB `UpdateItem` semantics: an absent item is
/// created from the key; numbers are added to, starting from zero).
fn apply_update(stored: Option<Item>, update: &Update) -> Result<Item, StoreError> {
    let mut item = stored.unwrap_or_else(|| Item::new(update.key.clone()));
    for (name, value) in &update.set {
        item.attrs.insert(name.clone(), value.clone());
    }
    for (name, delta) in &update.add {
        let current = match item.attrs.get(name) {
            None => 0,
            Some(value) => value.as_i64().ok_or_else(|| StoreError::Invalid(format!("cannot add to non-integer attribute {name:?}")))?,
        };
        let sum = current.checked_add(*delta).ok_or_else(|| StoreError::Invalid(format!("attribute {name:?} overflows")))?;
        item.attrs.insert(name.clone(), sum.into());
    }
    for name in &update.remove {
        item.attrs.remove(name);
    }
    Ok(item)
}

/// What a condition failure reports: the current item, unless it has expired (absent).
fn failure(index: Option<usize>, stored: Option<Item>, now: i64) -> StoreError {
    let current = stored.filter(|item| !item.expired(now)).map(Box::new);
    StoreError::ConditionFailed { index, current }
}

fn check(txn: &WriteTransaction, key: &Key, condition: &Condition, now: i64, index: Option<usize>) -> Result<Option<Item>, StoreError> {
    let stored = read_item(txn, key)?;
    if condition.holds(stored.as_ref(), now) { Ok(stored) } else { Err(failure(index, stored, now)) }
}

fn commit(txn: WriteTransaction) -> Result<(), StoreError> {
    txn.commit().map_err(unavailable)
}

#[async_trait]
impl Table for RedbTable {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        let key = key.clone();
        self.blocking(move |db, now| {
            let txn = db.begin_read().map_err(unavailable)?;
            let table = txn.open_table(ITEMS).map_err(unavailable)?;
            let stored = table.get((key.pk.as_str(), key.sk.as_str())).map_err(unavailable)?;
            let item = stored.map(|guard| decode((&key.pk, &key.sk), guard.value())).transpose()?;
            Ok(item.filter(|item| !item.expired(now)))
        })
        .await
    }

    async fn get_many(&self, keys: &[Key]) -> Result<Vec<Option<Item>>, StoreError> {
        if keys.is_empty() || keys.len() > super::MAX_BATCH_GET {
            return Err(StoreError::Invalid(format!("a batch reads 1 to {} keys", super::MAX_BATCH_GET)));
        }
        let keys = keys.to_vec();
        self.blocking(move |db, now| {
            let txn = db.begin_read().map_err(unavailable)?;
            let table = txn.open_table(ITEMS).map_err(unavailable)?;
            keys.iter()
                .map(|key| {
                    let stored = table.get((key.pk.as_str(), key.sk.as_str())).map_err(unavailable)?;
                    let item = stored.map(|guard| decode((&key.pk, &key.sk), guard.value())).transpose()?;
                    Ok(item.filter(|item| !item.expired(now)))
                })
                .collect()
        })
        .await
    }

    async fn put(&self, item: Item, condition: Condition) -> Result<(), StoreError> {
        self.blocking(move |db, now| {
            let txn = db.begin_write().map_err(unavailable)?;
            let stored = check(&txn, &item.key, &condition, now, None)?;
            write_item(&txn, stored.as_ref(), Some(&item))?;
            commit(txn)
        })
        .await
    }

    async fn update(&self, update: Update) -> Result<Item, StoreError> {
        validate_update(&update)?;
        self.blocking(move |db, now| {
            let txn = db.begin_write().map_err(unavailable)?;
            let stored = check(&txn, &update.key, &update.condition, now, None)?;
            let updated = apply_update(stored.clone(), &update)?;
            write_item(&txn, stored.as_ref(), Some(&updated))?;
            commit(txn)?;
            Ok(updated)
        })
        .await
    }

    async fn delete(&self, key: &Key, condition: Condition) -> Result<(), StoreError> {
        let key = key.clone();
        self.blocking(move |db, now| {
            let txn = db.begin_write().map_err(unavailable)?;
            let stored = check(&txn, &key, &condition, now, None)?;
            write_item(&txn, stored.as_ref(), None)?;
            commit(txn)
        })
        .await
    }

    async fn query(&self, query: Query) -> Result<Page, StoreError> {
        let start = query.cursor.as_ref().map(|c| c.position(query.index, &query.partition)).transpose()?;
        self.blocking(move |db, now| {
            let txn = db.begin_read().map_err(unavailable)?;
            let items = txn.open_table(ITEMS).map_err(unavailable)?;
            let (low, high) = match &query.sort {
                SortKey::All => (String::new(), TOP.to_string()),
                SortKey::BeginsWith(prefix) => (prefix.clone(), format!("{prefix}{TOP}")),
                SortKey::Between(low, high) => (low.clone(), high.clone()),
            };
            let wanted = query.limit.clamp(1, super::MAX_PAGE);
            let mut found = Vec::new();
            let mut more = false;
            let mut take = |item: Item| -> bool {
                if item.expired(now) {
                    return true;
                }
                if found.len() == wanted {
                    more = true;
                    return false;
                }
                found.push(item);
                true
            };
            match index_table(query.index) {
                None => {
                    let p = query.partition.as_str();
                    let range = items.range((p, low.as_str())..=(p, high.as_str())).map_err(unavailable)?;
                    let after = |sk: &str| match &start {
                        None => true,
                        Some(pos) if query.forward => sk > pos.sort.as_str(),
                        Some(pos) => sk < pos.sort.as_str(),
                    };
                    let mut visit = |entry: Result<(redb::AccessGuard<(&str, &str)>, redb::AccessGuard<&[u8]>), redb::StorageError>| -> Result<bool, StoreError> {
                        let (k, v) = entry.map_err(unavailable)?;
                        let (pk, sk) = k.value();
                        if !query.sort.matches(sk) || !after(sk) {
                            return Ok(true);
                        }
                        Ok(take(decode((pk, sk), v.value())?))
                    };
                    if query.forward {
                        for entry in range {
                            if !visit(entry)? {
                                break;
                            }
                        }
                    } else {
                        for entry in range.rev() {
                            if !visit(entry)? {
                                break;
                            }
                        }
                    }
                }
                Some(definition) => {
                    let index = txn.open_table(definition).map_err(unavailable)?;
                    let p = query.partition.as_str();
                    let range = index.range((p, low.as_str(), "", "")..=(p, high.as_str(), TOP, TOP)).map_err(unavailable)?;
                    let after = |isk: &str, pk: &str, sk: &str| match &start {
                        None => true,
                        Some(pos) => {
                            let here = (isk, pk, sk);
                            let there = (pos.sort.as_str(), pos.table_pk.as_str(), pos.table_sk.as_str());
                            if query.forward { here > there } else { here < there }
                        }
                    };
                    let mut visit = |entry: Result<(redb::AccessGuard<(&str, &str, &str, &str)>, redb::AccessGuard<()>), redb::StorageError>| -> Result<bool, StoreError> {
                        let (k, _) = entry.map_err(unavailable)?;
                        let (_, isk, pk, sk) = k.value();
                        if !query.sort.matches(isk) || !after(isk, pk, sk) {
                            return Ok(true);
                        }
                        let stored = items.get((pk, sk)).map_err(unavailable)?;
                        match stored {
                            Some(bytes) => Ok(take(decode((pk, sk), bytes.value())?)),
                            None => Ok(true),
                        }
                    };
                    if query.forward {
                        for entry in range {
                            if !visit(entry)? {
                                break;
                            }
                        }
                    } else {
                        for entry in range.rev() {
                            if !visit(entry)? {
                                break;
                            }
                        }
                    }
                }
            }
            let next = if more { found.last().and_then(|last| Cursor::after(query.index, last)) } else { None };
            Ok(Page { items: found, next })
        })
        .await
    }

    async fn transact(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        validate_transaction(&writes)?;
        for write in &writes {
            if let Write::Update(update) = write {
                validate_update(update)?;
            }
        }
        self.blocking(move |db, now| {
            let txn = db.begin_write().map_err(unavailable)?;
            let mut plan = Vec::with_capacity(writes.len());
            for (index, write) in writes.iter().enumerate() {
                let (key, condition) = match write {
                    Write::Put { item, condition } => (&item.key, condition),
                    Write::Update(update) => (&update.key, &update.condition),
                    Write::Delete { key, condition } | Write::Check { key, condition } => (key, condition),
                };
                plan.push(check(&txn, key, condition, now, Some(index))?);
            }
            for (write, stored) in writes.iter().zip(plan) {
                match write {
                    Write::Put { item, .. } => write_item(&txn, stored.as_ref(), Some(item))?,
                    Write::Update(update) => {
                        let updated = apply_update(stored.clone(), update)?;
                        write_item(&txn, stored.as_ref(), Some(&updated))?;
                    }
                    Write::Delete { .. } => write_item(&txn, stored.as_ref(), None)?,
                    Write::Check { .. } => {}
                }
            }
            commit(txn)
        })
        .await
    }
}
