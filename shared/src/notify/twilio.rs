//! Twilio's webhooks as the platform sees them: the request signature (`X-Twilio-Signature`), HMAC-SHA1
//! keyed with the account's auth token, over the exact public URL Twilio called plus, for form bodies,
//! every parameter name and value in sorted order (JSON bodies are covered through a `bodySHA256` query
//! parameter), checked before anything else happens so a forged request has no effect at all; and TwiML
//! replies. Inbound texts (messaging) and delivery callbacks (notifications) both stand on this.

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

/// What verifying Twilio's webhooks needs: the auth token, and the public origin Twilio calls
/// (`https://api.example.com`), because signatures cover the URL as Twilio saw it, not as API Gateway
/// rewrote it.
#[derive(Clone)]
pub struct TwilioWebhooks {
    pub auth_token: SecretString,
    pub public_base: String,
}

/// The largest webhook body read.
pub const MAX_WEBHOOK_BODY: usize = 64 * 1024;

impl TwilioWebhooks {
    /// Checks the signature over the public URL and the body, and reads the parameters. Nothing else
    /// happens for a request that fails here.
    pub fn verified_params(&self, req: &lambda_http::Request) -> Result<Vec<(String, String)>, crate::http::ApiError> {
        use crate::http::{ApiError, parse};
        use lambda_http::RequestExt as _;
        let body = parse::body_bytes(req);
        if body.len() > MAX_WEBHOOK_BODY {
            return Err(ApiError::PayloadTooLarge { limit: MAX_WEBHOOK_BODY });
        }
        let form = parse::has_content_type(req, "application/x-www-form-urlencoded");
        if !form && !parse::has_content_type(req, "application/json") {
            return Err(ApiError::UnsupportedMediaType { expected: "application/x-www-form-urlencoded" });
        }
        // The path as API Gateway received it (before any rewriting), under the public origin Twilio called.
        let path = match req.raw_http_path() {
            "" => req.uri().path(),
            raw => raw,
        };
        let base = self.public_base.trim_end_matches('/');
        let url = match req.uri().query().filter(|q| !q.is_empty()) {
            Some(query) => format!("{base}{path}?{query}"),
            None => format!("{base}{path}"),
        };
        let header = req.headers().get("x-twilio-signature").and_then(|v| v.to_str().ok());
        verify(&self.auth_token, &url, body, form, header).map_err(|_| ApiError::Forbidden("The request is not signed by Twilio."))?;
        if form {
            return Ok(form_pairs(body));
        }
        let json: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(body).map_err(|_| ApiError::field("body", "is not a JSON object"))?;
        Ok(json.into_iter().map(|(k, v)| (k, v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))).collect())
    }
}

/// A TwiML response: `<Response/>`, or one `<Message>`.
pub fn twiml(reply: Option<&str>) -> String {
    match reply {
        None => r#"<?xml version="1.0" encoding="UTF-8"?><Response/>"#.to_string(),
        Some(text) => {
            let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><Response><Message>{escaped}</Message></Response>"#)
        }
    }
}

/// A TwiML reply, as the edge sends it.
pub fn twiml_reply(reply: Option<&str>) -> crate::http::Reply {
    crate::http::Reply {
        status: http::StatusCode::OK,
        body: Some(twiml(reply).into_bytes()),
        content_type: Some("text/xml"),
        headers: Vec::new(),
    }
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
