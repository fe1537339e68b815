//! Which practice a request belongs to. Public routes find it from the host (a slug under the portal's
//! domain, or a custom domain); signed-in routes take it from the token and must agree with the host.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::config::PortalConfig;
use crate::directory::{Practice, practices};
use crate::ids::PracticeId;
use crate::store::{StoreError, Table};

/// Practices change rarely; a warm Lambda re-reads them at most this often.
const CACHE_FOR: Duration = Duration::from_secs(60);

pub struct Tenants {
    table: Arc<dyn Table>,
    portal: PortalConfig,
    hosts: Mutex<HashMap<String, (Instant, Option<PracticeId>)>>,
    practices: Mutex<HashMap<PracticeId, (Instant, Arc<Practice>)>>,
}

/// The one form of a host name: lower case, no port, no trailing dot, internationalised names in their
/// ASCII (IDNA) form. Refuses anything that is not a plausible host name. `Host` headers and configured
/// custom domains both go through it, so a claim and a lookup always agree.
pub fn normalize_host(raw: &str) -> Option<String> {
    let host = raw.trim();
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.is_empty() || host.ends_with('.') {
        return None;
    }
    // IDNA: `Clínica.Example` and `xn--clnica-4va.example` are one host; url's parser lower-cases too.
    let ascii = match url::Host::parse(host).ok()? {
        url::Host::Domain(domain) => domain,
        _ => return None,
    };
    let ok = ascii.len() <= 253
        && ascii.split('.').all(|label| !label.is_empty() && label.len() <= 63 && !label.starts_with('-') && !label.ends_with('-'))
        && ascii.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    ok.then_some(ascii)
}

impl Tenants {
    pub fn new(table: Arc<dyn Table>, portal: PortalConfig) -> Self {
        Tenants { table, portal, hosts: Mutex::new(HashMap::new()), practices: Mutex::new(HashMap::new()) }
    }

    pub fn portal(&self) -> &PortalConfig {
        &self.portal
    }

    /// The host-index key for a host: `SLUG#<slug>` for `<slug>.<portal domain>`, else `DOMAIN#<host>`.
    pub fn host_key(&self, host: &str) -> Option<String> {
        let host = normalize_host(host)?;
        let base = self.portal.base_domain();
        match host.strip_suffix(base).and_then(|rest| rest.strip_suffix('.')) {
            Some(slug) if practices::is_valid_slug(slug) => Some(crate::keys::slug_host(slug)),
            Some(_) => None,
            None if host == base => None,
            None => Some(crate::keys::domain_host(&host)),
        }
    }

    /// The practice answering on this host, if any.
    pub async fn for_host(&self, host: &str) -> Result<Option<Arc<Practice>>, StoreError> {
        let Some(key) = self.host_key(host) else { return Ok(None) };
        let cached = self.hosts.lock().ok().and_then(|m| m.get(&key).cloned()).filter(|(at, _)| at.elapsed() < CACHE_FOR);
        let id = match cached {
            Some((_, id)) => id,
            None => {
                let id = practices::find_by_host(self.table.as_ref(), &key).await?;
                if let Ok(mut hosts) = self.hosts.lock() {
                    hosts.insert(key, (Instant::now(), id.clone()));
                }
                id
            }
        };
        match id {
            Some(id) => self.by_id(&id).await,
            None => Ok(None),
        }
    }

    pub async fn by_id(&self, id: &PracticeId) -> Result<Option<Arc<Practice>>, StoreError> {
        let cached = self.practices.lock().ok().and_then(|m| m.get(id).cloned()).filter(|(at, _)| at.elapsed() < CACHE_FOR);
        if let Some((_, practice)) = cached {
            return Ok(Some(practice));
        }
        let Some(practice) = practices::get(self.table.as_ref(), id).await? else { return Ok(None) };
        let practice = Arc::new(practice);
        if let Ok(mut practices) = self.practices.lock() {
            practices.insert(id.clone(), (Instant::now(), Arc::clone(&practice)));
        }
        Ok(Some(practice))
    }

    /// Drops cached copies, after a change to a practice.
    pub fn forget(&self) {
        if let Ok(mut hosts) = self.hosts.lock() {
            hosts.clear();
        }
        if let Ok(mut practices) = self.practices.lock() {
            practices.clear();
        }
    }

    /// The portal's own origins for a practice: its slug host and custom domains.
    pub fn portal_origins(&self, practice: &Practice) -> Vec<String> {
        std::iter::once(self.portal.slug_host(&practice.slug))
            .chain(practice.custom_domains.iter().cloned())
            .map(|host| self.portal.origin(&host))
            .collect()
    }

    /// Where links in invitations and notifications point: the first custom domain, else the slug host.
    pub fn portal_url(&self, practice: &Practice) -> String {
        let host = practice.custom_domains.first().cloned().unwrap_or_else(|| self.portal.slug_host(&practice.slug));
        self.portal.origin(&host)
    }

    /// Whether a browser on `origin` may call this practice's API.
    pub fn allows_origin(&self, practice: &Practice, origin: &str) -> bool {
        self.portal_origins(practice).iter().chain(practice.settings.allowed_origins.iter()).any(|allowed| allowed == origin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_normalise() {
        assert_eq!(normalize_host("Demo.LocalHost:3000").as_deref(), Some("demo.localhost"));
        assert_eq!(normalize_host("clinic.example.com.").as_deref(), Some("clinic.example.com"));
        assert_eq!(normalize_host("evil/host"), None);
        assert_eq!(normalize_host(""), None);
        assert_eq!(normalize_host("Clínica.Example").as_deref(), Some("xn--clnica-4va.example"));
        assert_eq!(normalize_host("xn--clnica-4va.example."), normalize_host("clínica.example"));
        assert_eq!(normalize_host("a..b"), None);
        assert_eq!(normalize_host("example.com.."), None);
        assert_eq!(normalize_host("10.0.0.1"), None, "an address is not a practice's host");
        assert_eq!(normalize_host("-bad.example"), None);
    }
}
