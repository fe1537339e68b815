//! `Stripe-Signature`: `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, each `v1` an HMAC-SHA256 of
//! `"<t>.<raw body>"` keyed with an endpoint secret. Several `v1`s come while Stripe rolls a secret, and
//! Portico may hold several secrets while it rolls its own: any secret matching any `v1` passes. The
//! comparison is constant-time, and a timestamp more than five minutes away from now, either way, is
//! refused, so a captured request cannot be replayed later.

use aws_lc_rs::{constant_time, hmac};
use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};

/// How far a signature's timestamp may be from now, into the past or the future.
pub const TOLERANCE_SECONDS: i64 = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("no Stripe-Signature header")]
    Missing,
    #[error("the Stripe-Signature header is malformed")]
    Malformed,
    #[error("the signature's timestamp is outside the tolerance")]
    Stale,
    #[error("no signature matches")]
    Mismatch,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The `v1` signature of `body` at `timestamp` with `secret`.
pub fn v1(secret: &SecretString, timestamp: i64, body: &[u8]) -> String {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.expose_secret().as_bytes());
    let mut ctx = hmac::Context::with_key(&key);
    ctx.update(timestamp.to_string().as_bytes());
    ctx.update(b".");
    ctx.update(body);
    hex(ctx.sign().as_ref())
}

/// The header Stripe would send for `body` at `timestamp`.
pub fn header(secret: &SecretString, timestamp: i64, body: &[u8]) -> String {
    format!("t={timestamp},v1={}", v1(secret, timestamp, body))
}

/// Checks a request's `Stripe-Signature` against every current secret.
pub fn verify(secrets: &[SecretString], header: Option<&str>, body: &[u8], now: DateTime<Utc>) -> Result<(), Refused> {
    let header = header.map(str::trim).filter(|h| !h.is_empty()).ok_or(Refused::Missing)?;
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        let (name, value) = part.trim().split_once('=').ok_or(Refused::Malformed)?;
        match name {
            "t" => timestamp = Some(value.parse::<i64>().map_err(|_| Refused::Malformed)?),
            "v1" if value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit()) => signatures.push(value.to_ascii_lowercase()),
            "v1" => return Err(Refused::Malformed),
            // v0 (test-mode legacy) and schemes to come are not trusted.
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(Refused::Malformed)?;
    if signatures.is_empty() {
        return Err(Refused::Malformed);
    }
    // `abs_diff`: a timestamp near i64's ends cannot overflow the subtraction.
    if now.timestamp().abs_diff(timestamp) > TOLERANCE_SECONDS.unsigned_abs() {
        return Err(Refused::Stale);
    }
    let mut matched = false;
    for secret in secrets.iter().filter(|s| !s.expose_secret().is_empty()) {
        let expected = v1(secret, timestamp, body);
        for signature in &signatures {
            // Every pair is compared, so the time taken does not say which one matched.
            matched |= constant_time::verify_slices_are_equal(expected.as_bytes(), signature.as_bytes()).is_ok();
        }
    }
    if matched { Ok(()) } else { Err(Refused::Mismatch) }
}

/// What the Stripe webhook needs: the endpoint's signing secrets (`whsec_…`), newest first, one or two
/// while a secret is rolled.
#[derive(Clone)]
pub struct StripeWebhooks {
    pub secrets: Vec<SecretString>,
}

impl StripeWebhooks {
    /// From a comma-separated list (the secret's value in Secrets Manager).
    pub fn parse(value: &SecretString) -> Self {
        let secrets =
            value.expose_secret().split(',').map(str::trim).filter(|s| !s.is_empty()).map(|s| SecretString::from(s.to_string())).collect();
        StripeWebhooks { secrets }
    }

    /// The secret signatures are made with (the local gateway's simulations).
    pub fn signing_secret(&self) -> Option<&SecretString> {
        self.secrets.first()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(s: &str) -> SecretString {
        SecretString::from(s.to_string())
    }

    #[test]
    fn matches_a_signature_computed_independently() {
        // HMAC-SHA256("whsec_test", "1700000000.{}") computed with `openssl dgst -sha256 -hmac`.
        let body = b"{}";
        let got = v1(&secret("whsec_test"), 1_700_000_000, body);
        assert_eq!(got, "35495024f4ef3f94e5a93e22221544c4b75e9a42300cd965ab81cb85cd994e91");
        let now = DateTime::from_timestamp(1_700_000_010, 0).unwrap();
        assert_eq!(verify(&[secret("whsec_test")], Some(&format!("t=1700000000,v1={got}")), body, now), Ok(()));
    }

    #[test]
    fn refuses_forgeries_stale_and_future_timestamps_and_missing_headers() {
        let s = secret("whsec_one");
        let body = br#"{"id":"evt_1"}"#;
        let t = 1_700_000_000;
        let now = DateTime::from_timestamp(t, 0).unwrap();
        let good = header(&s, t, body);
        assert_eq!(verify(std::slice::from_ref(&s), Some(&good), body, now), Ok(()));
        assert_eq!(verify(std::slice::from_ref(&s), Some(&good), br#"{"id":"evt_2"}"#, now), Err(Refused::Mismatch));
        assert_eq!(verify(&[secret("whsec_other")], Some(&good), body, now), Err(Refused::Mismatch));
        assert_eq!(verify(std::slice::from_ref(&s), None, body, now), Err(Refused::Missing));
        assert_eq!(verify(std::slice::from_ref(&s), Some("v1=abc"), body, now), Err(Refused::Malformed));
        assert_eq!(verify(std::slice::from_ref(&s), Some(&format!("t={t}")), body, now), Err(Refused::Malformed));
        let six_minutes = chrono::Duration::minutes(6);
        assert_eq!(verify(std::slice::from_ref(&s), Some(&good), body, now + six_minutes), Err(Refused::Stale));
        assert_eq!(verify(std::slice::from_ref(&s), Some(&good), body, now - six_minutes), Err(Refused::Stale));
        let four_minutes = chrono::Duration::minutes(4);
        assert_eq!(verify(std::slice::from_ref(&s), Some(&good), body, now + four_minutes), Ok(()));
        assert_eq!(verify(std::slice::from_ref(&s), Some(&good), body, now - four_minutes), Ok(()));
        // Timestamps at i64's ends are stale, not an overflow.
        for extreme in [i64::MIN, i64::MAX] {
            let forged = format!("t={extreme},v1={}", "0".repeat(64));
            assert_eq!(verify(std::slice::from_ref(&s), Some(&forged), body, now), Err(Refused::Stale));
        }
    }

    #[test]
    fn any_secret_matching_any_v1_passes_during_rotation() {
        let (old, new) = (secret("whsec_old"), secret("whsec_new"));
        let body = b"{}";
        let t = 1_700_000_000;
        let now = DateTime::from_timestamp(t, 0).unwrap();
        // Stripe signs with both of its secrets while rolling; Portico knows only the new one yet.
        let both = format!("t={t},v1={},v1={}", v1(&old, t, body), v1(&new, t, body));
        assert_eq!(verify(std::slice::from_ref(&new), Some(&both), body, now), Ok(()));
        // Portico holds both while Stripe signs with the old one only.
        assert_eq!(verify(&[new.clone(), old.clone()], Some(&header(&old, t, body)), body, now), Ok(()));
        let parsed = StripeWebhooks::parse(&secret(" whsec_new , whsec_old "));
        assert_eq!(parsed.secrets.len(), 2);
    }
}
