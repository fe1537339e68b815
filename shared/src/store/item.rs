use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Map, Value};

use super::StoreError;

/// Reserved attribute names of the single table.
pub mod attr {
    pub const PK: &str = "PK";
    pub const SK: &str = "SK";
    pub const GSI1PK: &str = "GSI1PK";
    pub const GSI1SK: &str = "GSI1SK";
    pub const GSI2PK: &str = "GSI2PK";
    pub const GSI2SK: &str = "GSI2SK";
    pub const GSI3PK: &str = "GSI3PK";
    pub const GSI3SK: &str = "GSI3SK";
    /// Epoch seconds after which the item is gone, whether or not DynamoDB has deleted it yet.
    pub const TTL: &str = "ttl";
    /// Optimistic-concurrency counter carried by every mutable item.
    pub const VERSION: &str = "version";
}

/// The primary key of an item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub pk: String,
    pub sk: String,
}

impl Key {
    pub fn new(pk: impl Into<String>, sk: impl Into<String>) -> Self {
        Key { pk: pk.into(), sk: sk.into() }
    }
}

/// One item: its key plus every other attribute as JSON values (strings, numbers, booleans, lists,
/// maps). Domain records go in and out through serde, so repositories stay typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub key: Key,
    pub attrs: Map<String, Value>,
}

impl Item {
    pub fn new(key: Key) -> Self {
        Item { key, attrs: Map::new() }
    }

    /// Serialises a record into the item's attributes. The record must serialise to a JSON object and
    /// must not use the key attribute names.
    pub fn from_record<T: Serialize>(key: Key, record: &T) -> Result<Self, StoreError> {
        match serde_json::to_value(record) {
            Ok(Value::Object(attrs)) => {
                if attrs.contains_key(attr::PK) || attrs.contains_key(attr::SK) {
                    return Err(StoreError::Invalid("a record cannot carry PK or SK".into()));
                }
                Ok(Item { key, attrs })
            }
            Ok(_) => Err(StoreError::Invalid("a record must serialise to an object".into())),
            Err(e) => Err(StoreError::Invalid(format!("record does not serialise: {e}"))),
        }
    }

    /// Reads the attributes back as a record; reserved attributes the record does not name are ignored.
    pub fn record<T: DeserializeOwned>(&self) -> Result<T, StoreError> {
        serde_json::from_value(Value::Object(self.attrs.clone()))
            .map_err(|e| StoreError::Invalid(format!("item {}/{} does not match its record: {e}", self.key.pk, self.key.sk)))
    }

    pub fn with(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.attrs.insert(name.to_string(), value.into());
        self
    }

    /// Places the item in an index partition.
    pub fn indexed(self, index: super::Index, pk: impl Into<String>, sk: impl Into<String>) -> Self {
        let (pk_name, sk_name) = index.key_names();
        self.with(pk_name, pk.into()).with(sk_name, sk.into())
    }

    pub fn expiring_at(self, epoch_seconds: i64) -> Self {
        self.with(attr::TTL, epoch_seconds)
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        match name {
            attr::PK | attr::SK => None,
            _ => self.attrs.get(name),
        }
    }

    pub fn str(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Value::as_str)
    }

    pub fn i64(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(Value::as_i64)
    }

    pub fn version(&self) -> u64 {
        self.get(attr::VERSION).and_then(Value::as_u64).unwrap_or(0)
    }

    pub fn ttl(&self) -> Option<i64> {
        self.i64(attr::TTL)
    }

    /// True once the item's `ttl` has passed: it must be treated as absent.
    pub fn expired(&self, now_epoch: i64) -> bool {
        self.ttl().is_some_and(|ttl| ttl <= now_epoch)
    }

    /// The key of this item in an index, when it is in that index.
    pub fn index_key(&self, index: super::Index) -> Option<(String, String)> {
        if index == super::Index::Table {
            return Some((self.key.pk.clone(), self.key.sk.clone()));
        }
        let (pk, sk) = index.key_names();
        Some((self.str(pk)?.to_string(), self.str(sk)?.to_string()))
    }
}
