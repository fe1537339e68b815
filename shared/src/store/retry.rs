//! Contention, handled in one place (ARCHITECTURE §10).
//!
//! Two kinds of lost race: DynamoDB cancels a transaction that collides with another one on the same
//! item (`TransactionConflict`), which says nothing about the data, so the adapter tries again after a
//! jittered pause, within a bounded budget, before any use-case sees it; and a read-modify-write whose
//! version condition failed because another writer got there first, which the use-case must redo from a
//! fresh read: [`until_settled`] runs that loop.

use std::future::Future;
use std::time::Duration;

use super::StoreError;

/// Tries of one request that keeps colliding (`TransactionConflict`) before the caller sees `Conflict`.
pub const CONFLICT_ATTEMPTS: u32 = 8;
/// Rounds of a read-modify-write that keeps losing its version race.
pub const VERSION_ATTEMPTS: usize = 8;

/// Full-jitter exponential backoff: a random pause in `[0, min(cap, base · 2^attempt))`.
pub fn backoff(attempt: u32) -> Duration {
    const BASE_MS: u64 = 8;
    const CAP_MS: u64 = 400;
    let ceiling = BASE_MS.saturating_mul(1u64 << attempt.min(16)).min(CAP_MS);
    Duration::from_millis(crate::crypto::random_u64() % ceiling.max(1))
}

/// Runs `op` again while it fails with [`StoreError::Conflict`], pausing between tries.
pub async fn on_conflict<T, F, Fut>(mut op: F) -> Result<T, StoreError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, StoreError>>,
{
    let mut attempt = 0;
    loop {
        match op().await {
            Err(StoreError::Conflict) if attempt + 1 < CONFLICT_ATTEMPTS => {
                tokio::time::sleep(backoff(attempt)).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// One round of a read-modify-write.
#[derive(Debug)]
pub enum Round<T> {
    Done(T),
    /// Another writer changed what was read: read again and redo.
    Lost,
}

impl<T> Round<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Round<U> {
        match self {
            Round::Done(value) => Round::Done(f(value)),
            Round::Lost => Round::Lost,
        }
    }
}

/// Maps a write's result to a round: a failed condition or a conflict means the race was lost.
pub fn settle<T>(result: Result<T, StoreError>) -> Result<Round<T>, StoreError> {
    match result {
        Ok(value) => Ok(Round::Done(value)),
        Err(StoreError::ConditionFailed { .. } | StoreError::Conflict) => Ok(Round::Lost),
        Err(e) => Err(e),
    }
}

/// Repeats a read-modify-write until a round completes, pausing briefly between lost rounds; after
/// [`VERSION_ATTEMPTS`] lost rounds the caller sees `Conflict` (409: someone keeps changing it).
pub async fn until_settled<T, E, F, Fut>(mut round: F) -> Result<T, E>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Round<T>, E>>,
    E: From<StoreError>,
{
    for attempt in 0..VERSION_ATTEMPTS {
        match round().await? {
            Round::Done(value) => return Ok(value),
            Round::Lost => tokio::time::sleep(backoff(attempt as u32)).await,
        }
    }
    Err(StoreError::Conflict.into())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    #[tokio::test]
    async fn conflicts_are_retried_within_a_budget() {
        let calls = AtomicU32::new(0);
        let result =
            on_conflict(|| async { if calls.fetch_add(1, Ordering::SeqCst) < 3 { Err(StoreError::Conflict) } else { Ok(7) } }).await;
        assert_eq!(result.unwrap(), 7);
        assert_eq!(calls.load(Ordering::SeqCst), 4);

        let calls = AtomicU32::new(0);
        let result: Result<(), _> = on_conflict(|| async {
            calls.fetch_add(1, Ordering::SeqCst);
            Err(StoreError::Conflict)
        })
        .await;
        assert!(matches!(result, Err(StoreError::Conflict)));
        assert_eq!(calls.load(Ordering::SeqCst), CONFLICT_ATTEMPTS, "bounded");
    }

    #[tokio::test]
    async fn other_errors_are_not_retried() {
        let calls = AtomicU32::new(0);
        let result: Result<(), _> = on_conflict(|| async {
            calls.fetch_add(1, Ordering::SeqCst);
            Err(StoreError::ConditionFailed { index: None, current: None })
        })
        .await;
        assert!(result.is_err_and(|e| e.is_condition_failed()));
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn lost_rounds_are_redone_then_reported() {
        let calls = AtomicU32::new(0);
        let value: Result<u32, StoreError> = until_settled(|| async {
            let n = calls.fetch_add(1, Ordering::SeqCst);
            settle(if n < 2 { Err(StoreError::ConditionFailed { index: None, current: None }) } else { Ok(n) })
        })
        .await;
        assert_eq!(value.unwrap(), 2);
        let lost: Result<(), StoreError> = until_settled(|| async { Ok(Round::Lost) }).await;
        assert!(matches!(lost, Err(StoreError::Conflict)));
    }

    #[test]
    fn backoff_stays_under_its_cap() {
        for attempt in 0..20 {
            assert!(backoff(attempt) < Duration::from_millis(400));
        }
    }
}
