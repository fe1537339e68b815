//! Randomness and keyed hashes. Codes, links and addresses are stored only as HMAC-SHA256 digests under
//! a server-side key, so a copy of the table reveals neither codes nor contact details.

use aws_lc_rs::{constant_time, hmac, rand};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use secrecy::{ExposeSecret, SecretString};

/// Fills `buf` from the operating system's CSPRNG (through aws-lc).
pub fn fill_random(buf: &mut [u8]) {
    // aws-lc's system RNG only fails when the kernel cannot supply entropy; nothing sensible follows.
    if rand::fill(buf).is_err() {
        std::process::abort();
    }
}

pub fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    fill_random(&mut bytes);
    u64::from_le_bytes(bytes)
}

/// `bytes` random bytes, URL-safe base64 without padding.
pub fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    fill_random(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// A uniformly distributed 6-digit code ("000000"–"999999"), by rejection sampling so no code is likelier.
pub fn six_digit_code() -> String {
    const RANGE: u32 = 1_000_000;
    const LIMIT: u32 = u32::MAX - (u32::MAX % RANGE);
    loop {
        let mut bytes = [0u8; 4];
        fill_random(&mut bytes);
        let n = u32::from_le_bytes(bytes);
        if n < LIMIT {
            return format!("{:06}", n % RANGE);
        }
    }
}

/// The server-side key for every keyed hash. Distinct purposes are separated by a label, so a digest
/// made for one purpose never matches another.
#[derive(Clone)]
pub struct Hasher {
    key: hmac::Key,
}

impl std::fmt::Debug for Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Hasher(..)")
    }
}

impl Hasher {
    pub fn new(secret: &SecretString) -> Self {
        Hasher { key: hmac::Key::new(hmac::HMAC_SHA256, secret.expose_secret().as_bytes()) }
    }

    /// URL-safe digest of `parts` under `label`; parts are length-prefixed so boundaries cannot shift.
    pub fn digest(&self, label: &str, parts: &[&str]) -> String {
        let mut ctx = hmac::Context::with_key(&self.key);
        for part in std::iter::once(label).chain(parts.iter().copied()) {
            ctx.update(&(part.len() as u64).to_be_bytes());
            ctx.update(part.as_bytes());
        }
        URL_SAFE_NO_PAD.encode(ctx.sign().as_ref())
    }

    /// Compares a candidate with a stored digest in constant time.
    pub fn matches(&self, label: &str, parts: &[&str], stored: &str) -> bool {
        let candidate = self.digest(label, parts);
        constant_time::verify_slices_are_equal(candidate.as_bytes(), stored.as_bytes()).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_vary() {
        let codes: std::collections::HashSet<String> = (0..200).map(|_| six_digit_code()).collect();
        assert!(codes.iter().all(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit())));
        assert!(codes.len() > 190, "200 draws from a million should rarely collide");
    }

    #[test]
    fn digests_separate_labels_and_boundaries() {
        let hasher = Hasher::new(&SecretString::from("k".repeat(32)));
        assert_ne!(hasher.digest("a", &["bc"]), hasher.digest("a", &["b", "c"]));
        assert_ne!(hasher.digest("code", &["1"]), hasher.digest("link", &["1"]));
        let stored = hasher.digest("code", &["c1", "123456"]);
        assert!(hasher.matches("code", &["c1", "123456"], &stored));
        assert!(!hasher.matches("code", &["c2", "123456"], &stored));
    }
}
