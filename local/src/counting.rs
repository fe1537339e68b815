//! Counts data requests per route: every call a handler makes to the table is one request. The bench
//! reads these counts from the end-to-end suite.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use portico::store::{Condition, Item, Key, Page, Query, StoreError, Table, Update, Write};
use serde::Serialize;

tokio::task_local! {
    static REQUESTS: Arc<AtomicUsize>;
}

/// Runs `work` counting the table requests it makes.
pub async fn counted<T>(work: impl std::future::Future<Output = T>) -> (T, usize) {
    let counter = Arc::new(AtomicUsize::new(0));
    let result = REQUESTS.scope(Arc::clone(&counter), work).await;
    (result, counter.load(Ordering::Relaxed))
}

fn tick() {
    let _ = REQUESTS.try_with(|c| c.fetch_add(1, Ordering::Relaxed));
}

pub struct CountingTable(pub Arc<dyn Table>);

#[async_trait]
impl Table for CountingTable {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        tick();
        self.0.get(key).await
    }

    async fn get_many(&self, keys: &[Key]) -> Result<Vec<Option<Item>>, StoreError> {
        tick();
        self.0.get_many(keys).await
    }

    async fn put(&self, item: Item, condition: Condition) -> Result<(), StoreError> {
        tick();
        self.0.put(item, condition).await
    }

    async fn update(&self, update: Update) -> Result<Item, StoreError> {
        tick();
        self.0.update(update).await
    }

    async fn delete(&self, key: &Key, condition: Condition) -> Result<(), StoreError> {
        tick();
        self.0.delete(key, condition).await
    }

    async fn query(&self, query: Query) -> Result<Page, StoreError> {
        tick();
        self.0.query(query).await
    }

    async fn transact(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        tick();
        self.0.transact(writes).await
    }
}

/// Data requests seen per function, over the gateway's life.
#[derive(Debug, Default, Clone, Serialize)]
pub struct RouteStats {
    pub calls: usize,
    pub min: usize,
    pub max: usize,
    pub total: usize,
    /// Requests of calls that answered 2xx, which is what a screen costs.
    pub ok_calls: usize,
    pub ok_min: usize,
    pub ok_max: usize,
}

#[derive(Default)]
pub struct Stats(Mutex<BTreeMap<&'static str, RouteStats>>);

impl Stats {
    pub fn record(&self, function: &'static str, requests: usize, ok: bool) {
        let Ok(mut map) = self.0.lock() else { return };
        let entry = map.entry(function).or_default();
        entry.min = if entry.calls == 0 { requests } else { entry.min.min(requests) };
        entry.max = entry.max.max(requests);
        entry.calls += 1;
        entry.total += requests;
        if ok {
            entry.ok_min = if entry.ok_calls == 0 { requests } else { entry.ok_min.min(requests) };
            entry.ok_max = entry.ok_max.max(requests);
            entry.ok_calls += 1;
        }
    }

    pub fn snapshot(&self) -> BTreeMap<&'static str, RouteStats> {
        self.0.lock().map(|m| m.clone()).unwrap_or_default()
    }

    /// Forgets what was counted (a test measures warm calls only).
    pub fn clear(&self) {
        if let Ok(mut map) = self.0.lock() {
            map.clear();
        }
    }
}
