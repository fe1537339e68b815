use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use super::{Index, Item, StoreError};

/// An opaque pagination cursor. It names the index and partition it was issued for, so a cursor from
/// one partition (another patient's, another practice's) is refused instead of reading elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cursor(String);

/// Where the next page starts: the last key returned, in the index and in the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Position {
    #[serde(rename = "i")]
    pub index: u8,
    #[serde(rename = "p")]
    pub partition: String,
    #[serde(rename = "s")]
    pub sort: String,
    #[serde(rename = "tp")]
    pub table_pk: String,
    #[serde(rename = "ts")]
    pub table_sk: String,
}

fn index_code(index: Index) -> u8 {
    match index {
        Index::Table => 0,
        Index::Gsi1 => 1,
        Index::Gsi2 => 2,
        Index::Gsi3 => 3,
    }
}

impl Cursor {
    /// Accepts a cursor string from a client; it is checked when used.
    pub fn parse(raw: &str) -> Result<Self, StoreError> {
        if raw.is_empty() || raw.len() > 2048 || !raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return Err(StoreError::BadCursor);
        }
        Ok(Cursor(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The cursor that continues after `last`, an item read from `index`.
    pub fn after(index: Index, last: &Item) -> Option<Self> {
        let (partition, sort) = last.index_key(index)?;
        let position = Position { index: 0, partition, sort, table_pk: last.key.pk.clone(), table_sk: last.key.sk.clone() };
        Cursor::at(index, position)
    }

    pub(crate) fn at(index: Index, mut position: Position) -> Option<Self> {
        position.index = index_code(index);
        let json = serde_json::to_vec(&position).ok()?;
        Some(Cursor(URL_SAFE_NO_PAD.encode(json)))
    }

    pub(crate) fn position(&self, index: Index, partition: &str) -> Result<Position, StoreError> {
        let bytes = URL_SAFE_NO_PAD.decode(&self.0).map_err(|_| StoreError::BadCursor)?;
        let position: Position = serde_json::from_slice(&bytes).map_err(|_| StoreError::BadCursor)?;
        if position.index != index_code(index) || position.partition != partition {
            return Err(StoreError::BadCursor);
        }
        if index == Index::Table && (position.table_pk != position.partition || position.table_sk != position.sort) {
            return Err(StoreError::BadCursor);
        }
        Ok(position)
    }
}
