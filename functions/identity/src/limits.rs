//! The numbers of passwordless sign-in (ARCHITECTURE §5 and the foundation issue), in one place.

use chrono::Duration;

/// A code or link challenge must be answered within this time.
pub fn code_ttl() -> Duration {
    Duration::minutes(10)
}

/// Wrong answers a challenge survives; the third wrong answer kills it.
pub const MAX_ATTEMPTS: i64 = 3;

/// Least time between two codes sent to one address.
pub fn resend_cooldown() -> Duration {
    Duration::seconds(60)
}

/// Codes one address may receive per hour.
pub const CODES_PER_ADDRESS_HOUR: i64 = 5;

/// A refresh cookie lives as long as the longest session.
pub fn refresh_cookie_max_age() -> Duration {
    portico::auth::limits::absolute()
}
