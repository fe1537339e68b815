//! Headers every response carries, errors included.

use http::header::{self, HeaderMap, HeaderName, HeaderValue};

/// Security headers for API responses. An API response may carry PHI or a token, so none is cached
/// (unless its handler says it is public, like the practice's name) and none may be framed or leak a
/// referrer.
pub fn secure(headers: &mut HeaderMap) {
    headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    let fixed: [(HeaderName, &str); 6] = [
        (header::STRICT_TRANSPORT_SECURITY, "max-age=63072000; includeSubDomains; preload"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::CONTENT_SECURITY_POLICY, "default-src 'none'; frame-ancestors 'none'"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// CORS for a request whose `Origin` the practice allows: the origin is echoed (never `*`, because the
/// refresh cookie is a credential) and caches are told the answer depends on it.
pub fn allow_origin(headers: &mut HeaderMap, origin: &str) {
    let Ok(value) = HeaderValue::from_str(origin) else { return };
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
    headers.insert(header::ACCESS_CONTROL_ALLOW_CREDENTIALS, HeaderValue::from_static("true"));
    headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("retry-after, location"));
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
}

/// The patient a signed-in person acts for (a grant's patient); absent, they act for themself.
pub const ACTING_FOR: &str = "portico-acting-for";

/// The extra answers of a CORS preflight, for an allowed origin.
pub fn preflight() -> [(HeaderName, HeaderValue); 3] {
    [
        (header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE")),
        (
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("authorization, content-type, idempotency-key, portico-acting-for, x-portico-idle"),
        ),
        (header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600")),
    ]
}

/// Sets the refresh-token cookie. `__Host-` pins it to this exact host, path `/`, `Secure`; JavaScript
/// cannot read it and no other site can send it. It is a browser-session cookie (no `Max-Age`): closing
/// the browser on a shared computer ends the sign-in there, and the server's idle and absolute limits end
/// it anyway (a restored browser session cannot outlive them).
pub fn refresh_cookie(value: &str) -> Option<HeaderValue> {
    let valid = value.bytes().all(|b| b.is_ascii_graphic() && !matches!(b, b';' | b',' | b'"' | b'\\'));
    if !valid {
        return None;
    }
    HeaderValue::from_str(&format!("{REFRESH_COOKIE}={value}; Path=/; HttpOnly; Secure; SameSite=Strict")).ok()
}

/// Clears the refresh-token cookie.
pub fn clear_refresh_cookie() -> HeaderValue {
    HeaderValue::from_static("__Host-portico_refresh=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict")
}

pub const REFRESH_COOKIE: &str = "__Host-portico_refresh";

/// Seconds since the person last used the page that sent a request (see `Exchange::idle_for`).
pub const IDLE: &str = "x-portico-idle";

/// Reads one cookie from the request's `Cookie` headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_cookie_is_host_only_http_only_strict() {
        let value = refresh_cookie("abc").map(|v| v.to_str().unwrap_or_default().to_string()).unwrap_or_default();
        for part in ["__Host-portico_refresh=abc", "Path=/", "HttpOnly", "Secure", "SameSite=Strict"] {
            assert!(value.contains(part), "{value} lacks {part}");
        }
        assert!(!value.contains("Domain"), "__Host- cookies never carry a Domain");
        assert!(!value.contains("Max-Age") && !value.contains("Expires"), "a browser-session cookie: closing the browser ends it");
        assert!(refresh_cookie("a;b").is_none());
    }

    #[test]
    fn cookies_are_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; __Host-portico_refresh=tok; b=2"));
        assert_eq!(cookie(&headers, REFRESH_COOKIE).as_deref(), Some("tok"));
        assert_eq!(cookie(&headers, "missing"), None);
    }
}
