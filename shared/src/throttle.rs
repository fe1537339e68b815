//! Per-client limits on public routes. API Gateway throttles a route as a whole and WAF (in production)
//! stops floods at the edge; this keeps one client from using up, alone, what a practice's patients share
//! (sign-in codes, answers, unsubscribe lookups). A fixed window per practice, route and client, counted
//! in the table; clients are known by a keyed digest of their address, never the address itself.

use chrono::{DateTime, Utc};

use crate::crypto::Hasher;
use crate::ids::PracticeId;
use crate::keys;
use crate::store::{Condition, StoreError, Table, Update};

/// How many requests of one kind a client may make per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    pub scope: &'static str,
    pub limit: i64,
    pub window_seconds: i64,
}

/// Sign-in codes asked for, per client per hour (a family sharing a connection signs in a few times).
pub const CODE_REQUESTS: Throttle = Throttle { scope: "code", limit: 20, window_seconds: 3600 };
/// Answers to codes and links, per client per hour.
pub const ANSWERS: Throttle = Throttle { scope: "answer", limit: 30, window_seconds: 3600 };
/// One-click unsubscribe requests, per client per hour.
/// Invitations to act for a patient, per inviting patient per day.
pub const PROXY_INVITES: Throttle = Throttle { scope: "proxy-invite", limit: 10, window_seconds: 86_400 };
/// Invitations to one address, per day (whoever sends them).
pub const PROXY_INVITES_TO: Throttle = Throttle { scope: "proxy-invite-to", limit: 3, window_seconds: 86_400 };
pub const UNSUBSCRIBES: Throttle = Throttle { scope: "unsubscribe", limit: 30, window_seconds: 3600 };

#[derive(Debug, thiserror::Error)]
pub enum Throttled {
    #[error("too many requests; retry in {0} s")]
    RetryAfter(u64),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The digest a client is counted under.
pub fn client_digest(hasher: &Hasher, client_ip: &str) -> String {
    hasher.digest("client", &[client_ip])
}

/// Counts one request of `client` (a [`client_digest`]), or says when the window ends.
pub async fn admit(
    table: &dyn Table,
    practice: &PracticeId,
    throttle: Throttle,
    client: &str,
    now: DateTime<Utc>,
) -> Result<(), Throttled> {
    let now_s = now.timestamp();
    let window = now_s.div_euclid(throttle.window_seconds);
    let ends = (window + 1) * throttle.window_seconds;
    let update = Update::new(keys::throttle(practice, throttle.scope, client, window))
        .add("count", 1)
        .set(crate::store::attr::TTL, ends + 60)
        .when(Condition::Missing("count".into()).or(Condition::lt("count", throttle.limit)));
    match table.update(update).await {
        Ok(_) => Ok(()),
        Err(StoreError::ConditionFailed { .. }) => Err(Throttled::RetryAfter(u64::try_from((ends - now_s).max(1)).unwrap_or(60))),
        Err(e) => Err(e.into()),
    }
}
