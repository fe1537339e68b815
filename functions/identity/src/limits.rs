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

/// Wrong answers to the codes of one address in one UTC day; after that its codes stop working, and no
/// new ones are sent, until the next day (three challenges' worth of guesses, and a few more).
pub const WRONG_CODES_PER_ADDRESS_DAY: i64 = 10;

/// Changing how a patient signs in (email, phone) needs a sign-in at most this old.
pub fn recent_sign_in() -> Duration {
    Duration::minutes(5)
}

/// Confirmation codes one patient may ask for, for new addresses, per day.
pub const CONTACT_CHANGES_PER_DAY: i64 = 5;

/// Digits of a sign-in or confirmation code.
pub const CODE_DIGITS: usize = 6;
/// A code as the API describes it.
pub const CODE_PATTERN: &str = "^[0-9]{6}$";

/// Whether `code` has the form of a code (the answer is checked elsewhere).
pub fn is_code(code: &str) -> bool {
    code.len() == CODE_DIGITS && code.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_described_pattern_is_the_rule() {
        assert_eq!(CODE_PATTERN, format!("^[0-9]{{{CODE_DIGITS}}}$"));
        assert!(is_code("012345") && !is_code("12345") && !is_code("12345a"));
    }
}
