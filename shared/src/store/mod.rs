//! The single-table storage port (ARCHITECTURE §3).
//!
//! One small, typed interface over a DynamoDB-shaped table: items addressed by `PK`/`SK`, two generic
//! indexes (`GSI1PK`/`GSI1SK`, `GSI2PK`/`GSI2SK`), a housekeeping `ttl` and typed conditions.
//! Repositories are written once against [`Table`]; [`DynamoTable`] and [`RedbTable`] implement it and
//! one contract suite (`tests/src/contract`) holds both to the same semantics.
//!
//! Expiry is part of the contract: DynamoDB deletes expired items late (up to days), so every adapter
//! treats an item whose `ttl` has passed as absent on reads and in conditions.

mod condition;
mod cursor;
mod dynamo;
mod item;
#[cfg(feature = "local")]
mod redb;
pub mod retry;

use async_trait::async_trait;

pub use condition::Condition;
pub use cursor::Cursor;
pub use dynamo::{DynamoTable, delete_table, ensure_table, from_dynamodb_json};
pub use item::{Item, Key, attr};
#[cfg(feature = "local")]
pub use redb::RedbTable;

/// Largest page a query may ask for; DynamoDB caps a response at 1 MB anyway.
pub const MAX_PAGE: usize = 100;
/// Most keys one `get_many` reads (DynamoDB BatchGetItem's limit).
pub const MAX_BATCH_GET: usize = 100;

/// The index a query reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Index {
    Table,
    Gsi1,
    Gsi2,
    Gsi3,
}

impl Index {
    /// The attribute names holding this index's partition and sort keys.
    pub fn key_names(self) -> (&'static str, &'static str) {
        match self {
            Index::Table => (attr::PK, attr::SK),
            Index::Gsi1 => (attr::GSI1PK, attr::GSI1SK),
            Index::Gsi2 => (attr::GSI2PK, attr::GSI2SK),
            Index::Gsi3 => (attr::GSI3PK, attr::GSI3SK),
        }
    }

    pub fn name(self) -> Option<&'static str> {
        match self {
            Index::Table => None,
            Index::Gsi1 => Some("GSI1"),
            Index::Gsi2 => Some("GSI2"),
            Index::Gsi3 => Some("GSI3"),
        }
    }
}

/// Which sort keys of a partition a query covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortKey {
    All,
    BeginsWith(String),
    /// Inclusive on both ends, as DynamoDB's `BETWEEN`.
    Between(String, String),
}

impl SortKey {
    pub fn matches(&self, sk: &str) -> bool {
        match self {
            SortKey::All => true,
            SortKey::BeginsWith(prefix) => sk.starts_with(prefix.as_str()),
            SortKey::Between(low, high) => sk >= low.as_str() && sk <= high.as_str(),
        }
    }
}

/// One page of one partition of one index.
#[derive(Debug, Clone)]
pub struct Query {
    pub index: Index,
    pub partition: String,
    pub sort: SortKey,
    /// Newest-last order is `forward = true` (ascending sort keys).
    pub forward: bool,
    pub limit: usize,
    pub cursor: Option<Cursor>,
}

impl Query {
    pub fn partition(index: Index, partition: impl Into<String>) -> Self {
        Query { index, partition: partition.into(), sort: SortKey::All, forward: true, limit: MAX_PAGE, cursor: None }
    }

    /// An empty prefix selects the whole partition (DynamoDB refuses empty key values).
    pub fn begins_with(mut self, prefix: impl Into<String>) -> Self {
        let prefix = prefix.into();
        self.sort = if prefix.is_empty() { SortKey::All } else { SortKey::BeginsWith(prefix) };
        self
    }

    pub fn between(mut self, low: impl Into<String>, high: impl Into<String>) -> Self {
        self.sort = SortKey::Between(low.into(), high.into());
        self
    }

    pub fn backward(mut self) -> Self {
        self.forward = false;
        self
    }

    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit.clamp(1, MAX_PAGE);
        self
    }

    pub fn after(mut self, cursor: Option<Cursor>) -> Self {
        self.cursor = cursor;
        self
    }
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub items: Vec<Item>,
    /// Present when more items may follow; pass it back in [`Query::after`].
    pub next: Option<Cursor>,
}

/// A partial update of one item: set or remove attributes, add to numbers.
#[derive(Debug, Clone)]
pub struct Update {
    pub key: Key,
    pub set: Vec<(String, serde_json::Value)>,
    pub add: Vec<(String, i64)>,
    pub remove: Vec<String>,
    pub condition: Condition,
}

impl Update {
    pub fn new(key: Key) -> Self {
        Update { key, set: Vec::new(), add: Vec::new(), remove: Vec::new(), condition: Condition::Always }
    }

    pub fn set(mut self, name: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.set.push((name.into(), value.into()));
        self
    }

    pub fn add(mut self, name: impl Into<String>, delta: i64) -> Self {
        self.add.push((name.into(), delta));
        self
    }

    pub fn remove(mut self, name: impl Into<String>) -> Self {
        self.remove.push(name.into());
        self
    }

    pub fn when(mut self, condition: Condition) -> Self {
        self.condition = condition;
        self
    }
}

/// One write of a transaction.
#[derive(Debug, Clone)]
pub enum Write {
    Put {
        item: Item,
        condition: Condition,
    },
    Update(Update),
    Delete {
        key: Key,
        condition: Condition,
    },
    /// Writes nothing; fails the transaction unless the condition holds.
    Check {
        key: Key,
        condition: Condition,
    },
}

impl Write {
    pub fn put(item: Item, condition: Condition) -> Self {
        Write::Put { item, condition }
    }

    pub fn key(&self) -> &Key {
        match self {
            Write::Put { item, .. } => &item.key,
            Write::Update(update) => &update.key,
            Write::Delete { key, .. } | Write::Check { key, .. } => key,
        }
    }
}

/// DynamoDB's transaction limit; adapters refuse more.
pub const MAX_TRANSACTION: usize = 100;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A condition did not hold. `current` is the item as it is now (absent when it does not exist),
    /// for single-item writes; `index` is the failing write of a transaction.
    #[error("condition failed")]
    ConditionFailed { index: Option<usize>, current: Option<Box<Item>> },
    /// Another writer got there first (DynamoDB `TransactionConflict`); the caller may retry.
    #[error("write conflict")]
    Conflict,
    #[error("cursor does not belong to this query")]
    BadCursor,
    #[error("invalid request to the store: {0}")]
    Invalid(String),
    #[error("store unavailable: {0}")]
    Unavailable(String),
}

impl StoreError {
    pub fn is_condition_failed(&self) -> bool {
        matches!(self, StoreError::ConditionFailed { .. })
    }
}

/// The port. Every read is strongly consistent on the table; index reads are eventually consistent, as
/// DynamoDB's GSIs are.
#[async_trait]
pub trait Table: Send + Sync {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError>;
    /// Several items in one request, strongly consistent, in the order asked (at most [`MAX_BATCH_GET`]
    /// distinct keys). Adapters that cannot batch read them one by one.
    async fn get_many(&self, keys: &[Key]) -> Result<Vec<Option<Item>>, StoreError> {
        let mut items = Vec::with_capacity(keys.len());
        for key in keys {
            items.push(self.get(key).await?);
        }
        Ok(items)
    }
    async fn put(&self, item: Item, condition: Condition) -> Result<(), StoreError>;
    /// Applies the update and returns the item as it is afterwards.
    async fn update(&self, update: Update) -> Result<Item, StoreError>;
    async fn delete(&self, key: &Key, condition: Condition) -> Result<(), StoreError>;
    async fn query(&self, query: Query) -> Result<Page, StoreError>;
    /// All writes happen or none do. At most [`MAX_TRANSACTION`] writes, each to a different item.
    async fn transact(&self, writes: Vec<Write>) -> Result<(), StoreError>;
}

/// Checks shared by both adapters, so they refuse the same malformed requests.
pub(crate) fn validate_transaction(writes: &[Write]) -> Result<(), StoreError> {
    if writes.is_empty() || writes.len() > MAX_TRANSACTION {
        return Err(StoreError::Invalid(format!("a transaction holds 1 to {MAX_TRANSACTION} writes")));
    }
    let mut keys = std::collections::HashSet::new();
    for write in writes {
        if !keys.insert(write.key()) {
            return Err(StoreError::Invalid("a transaction touches each item once".into()));
        }
    }
    Ok(())
}

pub(crate) fn validate_update(update: &Update) -> Result<(), StoreError> {
    let reserved = [attr::PK, attr::SK];
    let names = update
        .set
        .iter()
        .map(|(n, _)| n.as_str())
        .chain(update.add.iter().map(|(n, _)| n.as_str()))
        .chain(update.remove.iter().map(String::as_str));
    let mut seen = std::collections::HashSet::new();
    for name in names {
        if reserved.contains(&name) || name.is_empty() {
            return Err(StoreError::Invalid(format!("attribute {name:?} cannot be updated")));
        }
        if !seen.insert(name) {
            return Err(StoreError::Invalid(format!("attribute {name:?} appears twice in one update")));
        }
    }
    Ok(())
}
