//! Twilio's request signature (`X-Twilio-Signature`): HMAC-SHA1, keyed with the account's auth token,
//! over the exact public URL Twilio called plus, for form bodies, every parameter name and value in
//! sorted order. JSON bodies are covered through a `bodySHA256` query parameter. Checked before anything
//! else happens, so a forged request has no effect at all.

use aws_lc_rs::{constant_time, digest, hmac};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use secrecy::{ExposeSecret, SecretString};

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("no X-Twilio-Signature header")]
    Missing,
    #[error("the signature does not match")]
    Mismatch,
    #[error("the body does not match its bodySHA256")]
    BodyHash,
    #[error("the body is neither a form nor JSON")]
    ContentType,
}

/// The signature Twilio would send for `url` and these form parameters.
pub fn sign(auth_token: &SecretString, url: &str, params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut data = url.to_string();
    for (name, value) in sorted {
        data.push_str(name);
        data.push_str(value);
    }
    let key = hmac::Key::new(hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY, auth_token.expose_secret().as_bytes());
    STANDARD.encode(hmac::sign(&key, data.as_bytes()).as_ref())
}

/// The `bodySHA256` Twilio puts in the URL of a JSON webhook.
pub fn body_sha256(body: &[u8]) -> String {
    digest::digest(&digest::SHA256, body).as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

pub fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

fn query_value(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    url::form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

/// Verifies a webhook request as Twilio signs it. `url` is the public URL the request was sent to
/// (scheme, host, path and query), `form` says whether the body is form-encoded (else JSON).
pub fn verify(auth_token: &SecretString, url: &str, body: &[u8], form: bool, header: Option<&str>) -> Result<(), Refused> {
    let header = header.map(str::trim).filter(|h| !h.is_empty()).ok_or(Refused::Missing)?;
    let expected = if form {
        sign(auth_token, url, &form_pairs(body))
    } else {
        let claimed = query_value(url, "bodySHA256").ok_or(Refused::BodyHash)?;
        if constant_time::verify_slices_are_equal(claimed.as_bytes(), body_sha256(body).as_bytes()).is_err() {
            return Err(Refused::BodyHash);
        }
        sign(auth_token, url, &[])
    };
    constant_time::verify_slices_are_equal(expected.as_bytes(), header.as_bytes()).map_err(|_| Refused::Mismatch)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> SecretString {
        SecretString::from("12345".to_string())
    }

    /// The example from Twilio's security documentation.
    #[test]
    fn matches_twilios_documented_example() {
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        let params: Vec<(String, String)> = [
            ("CallSid", "CA1234567890ABCDE"),
            ("Caller", "+12349013030"),
            ("Digits", "1234"),
            ("From", "+12349013030"),
            ("To", "+18005551212"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(sign(&token(), url, &params), "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    }

    #[test]
    fn forged_requests_are_refused() {
        let url = "https://api.example.com/webhooks/twilio/inbound";
        let body = b"Body=Hello&From=%2B15555550101&MessageSid=SM1&To=%2B15555550100";
        let good = sign(&token(), url, &form_pairs(body));
        assert_eq!(verify(&token(), url, body, true, Some(&good)), Ok(()));
        let mut changed = body.to_vec();
        changed[5] = b'J';
        assert_eq!(verify(&token(), url, &changed, true, Some(&good)), Err(Refused::Mismatch), "one byte of body changed");
        assert_eq!(verify(&SecretString::from("other".to_string()), url, body, true, Some(&good)), Err(Refused::Mismatch), "wrong token");
        assert_eq!(
            verify(&token(), "http://api.example.com/webhooks/twilio/inbound", body, true, Some(&good)),
            Err(Refused::Mismatch),
            "http vs https"
        );
        assert_eq!(verify(&token(), url, body, true, None), Err(Refused::Missing));
    }

    #[test]
    fn json_bodies_are_covered_by_their_hash() {
        let body = br#"{"MessageSid":"SM1","MessageStatus":"delivered"}"#;
        let url = format!("https://api.example.com/webhooks/twilio/status?bodySHA256={}", body_sha256(body));
        let good = sign(&token(), &url, &[]);
        assert_eq!(verify(&token(), &url, body, false, Some(&good)), Ok(()));
        assert_eq!(
            verify(&token(), &url, br#"{"MessageSid":"SM2","MessageStatus":"delivered"}"#, false, Some(&good)),
            Err(Refused::BodyHash)
        );
    }
}
