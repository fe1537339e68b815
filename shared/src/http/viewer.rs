//! Who is calling, by address. Through API Gateway alone, its source address is the client's. Behind
//! the CDN, that address is CloudFront's, so per-client throttles and the audit trail would see edge
//! servers; the client's own address is then the `CloudFront-Viewer-Address` header, trusted only when the
//! request also carries the origin secret that the CDN, and nothing else, adds to what it forwards (a
//! caller who reaches the API's regional address directly cannot vouch for an address that way).

use aws_lc_rs::constant_time;
use http::HeaderMap;
use secrecy::{ExposeSecret, SecretString};

use crate::config::Env;

/// The header CloudFront adds to every request it forwards to the API, carrying the origin secret.
pub const ORIGIN_HEADER: &str = "x-portico-origin";
/// CloudFront's header with the viewer's address and port (`203.0.113.7:46532`, `[2001:db8::1]:443`).
pub const VIEWER_HEADER: &str = "cloudfront-viewer-address";

/// What an HTTP function trusts of the CDN.
#[derive(Clone, Default)]
pub struct CdnOrigin {
    secret: Option<SecretString>,
}

impl std::fmt::Debug for CdnOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CdnOrigin").field("secret", &self.secret.as_ref().map(|_| "…")).finish()
    }
}

impl CdnOrigin {
    /// `CDN_ORIGIN_SECRET_ARN`: the secret the CDN adds as [`ORIGIN_HEADER`], read at cold start.
    pub fn read(env: &mut Env) -> Self {
        CdnOrigin { secret: Some(env.secret("CDN_ORIGIN", 32)) }
    }

    /// No CDN in front (the local gateway): the source address is the client's.
    pub fn none() -> Self {
        CdnOrigin { secret: None }
    }

    /// Trusts `secret` as the CDN's (tests).
    pub fn with_secret(secret: &str) -> Self {
        CdnOrigin { secret: Some(SecretString::from(secret.to_string())) }
    }

    /// The viewer's address the CDN vouches for, if the request came through it.
    pub fn viewer(&self, headers: &HeaderMap) -> Option<String> {
        let secret = self.secret.as_ref()?.expose_secret();
        let presented = headers.get(ORIGIN_HEADER)?.as_bytes();
        constant_time::verify_slices_are_equal(presented, secret.as_bytes()).ok()?;
        let raw = headers.get(VIEWER_HEADER)?.to_str().ok()?;
        let (host, _port) = raw.rsplit_once(':')?;
        let host = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
        host.parse::<std::net::IpAddr>().ok().map(|ip| ip.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap_or_else(|e| panic!("{e}")));
        }
        map
    }

    #[test]
    fn only_the_cdn_vouches_for_a_viewer_address() {
        let cdn = CdnOrigin::with_secret("s3cret-s3cret-s3cret-s3cret-s3cret");
        let through_cdn = headers(&[(ORIGIN_HEADER, "s3cret-s3cret-s3cret-s3cret-s3cret"), (VIEWER_HEADER, "203.0.113.7:46532")]);
        assert_eq!(cdn.viewer(&through_cdn).as_deref(), Some("203.0.113.7"));
        let v6 = headers(&[(ORIGIN_HEADER, "s3cret-s3cret-s3cret-s3cret-s3cret"), (VIEWER_HEADER, "[2001:db8::1]:443")]);
        assert_eq!(cdn.viewer(&v6).as_deref(), Some("2001:db8::1"));
        let forged = headers(&[(ORIGIN_HEADER, "guess"), (VIEWER_HEADER, "198.51.100.1:1")]);
        assert_eq!(cdn.viewer(&forged), None, "a wrong secret vouches for nothing");
        let bare = headers(&[(VIEWER_HEADER, "198.51.100.1:1")]);
        assert_eq!(cdn.viewer(&bare), None, "a direct caller's header is ignored");
        let junk = headers(&[(ORIGIN_HEADER, "s3cret-s3cret-s3cret-s3cret-s3cret"), (VIEWER_HEADER, "not-an-address")]);
        assert_eq!(cdn.viewer(&junk), None);
        assert_eq!(CdnOrigin::none().viewer(&through_cdn), None, "without a CDN nothing is trusted");
    }
}
