//! Configuration from the environment only (a Lambda zip holds one binary). Every section reads what it
//! needs from one [`Env`]; `finish` then reports every problem at once, naming variables, never values.

use std::collections::HashMap;
use std::fmt;

use secrecy::{ExposeSecret, SecretString};

use crate::crypto::Hasher;

pub type Lookup = Box<dyn Fn(&str) -> Option<String> + Send>;

pub struct Env {
    lookup: Lookup,
    /// Secrets read at cold start ([`crate::aws::load_secrets`]), by name (`HASH_KEY`).
    secrets: HashMap<String, SecretString>,
    /// Tests and checks answer secrets from `lookup` too; a Lambda never does.
    secrets_from_lookup: bool,
    problems: Vec<String>,
    /// Every variable read, and whether it was required: the template check compares this with what
    /// the template gives each function.
    reads: Vec<(String, Need)>,
}

/// The suffix of the variables that name a secret in Secrets Manager.
pub const SECRET_ARN: &str = "_SECRET_ARN";

/// Whether a function cannot start without a variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
}

#[derive(Debug)]
pub struct ConfigError(pub Vec<String>);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "configuration has {} problem(s): {}", self.0.len(), self.0.join("; "))
    }
}

impl std::error::Error for ConfigError {}

impl Env {
    /// A Lambda's environment, with the secrets read for it at cold start.
    pub fn from_process(secrets: HashMap<String, SecretString>) -> Self {
        Env {
            lookup: Box::new(|name| std::env::var(name).ok()),
            secrets,
            secrets_from_lookup: false,
            problems: Vec::new(),
            reads: Vec::new(),
        }
    }

    /// An environment answered by `lookup`, secrets included (tests, and checks that build functions
    /// without running them).
    pub fn from_lookup(lookup: Lookup) -> Self {
        Env { lookup, secrets: HashMap::new(), secrets_from_lookup: true, problems: Vec::new(), reads: Vec::new() }
    }

    pub fn from_map(map: HashMap<String, String>) -> Self {
        Env::from_lookup(Box::new(move |name| map.get(name).cloned()))
    }

    /// The secrets a Lambda's environment points at: `(HASH_KEY, <arn>)` for `HASH_KEY_SECRET_ARN`.
    pub fn secret_arns(vars: impl Iterator<Item = (String, String)>) -> Vec<(String, String)> {
        vars.filter_map(|(name, value)| Some((name.strip_suffix(SECRET_ARN)?.to_string(), value)))
            .filter(|(_, v)| !v.trim().is_empty())
            .collect()
    }

    /// The variables read so far, each once, with whether it was required.
    pub fn reads(&self) -> Vec<(String, Need)> {
        let mut seen: Vec<(String, Need)> = Vec::new();
        for (name, need) in &self.reads {
            match seen.iter_mut().find(|(n, _)| n == name) {
                Some(entry) if *need == Need::Required => entry.1 = Need::Required,
                Some(_) => {}
                None => seen.push((name.clone(), *need)),
            }
        }
        seen
    }

    fn lookup(&self, name: &str) -> Option<String> {
        (self.lookup)(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
    }

    pub fn optional(&mut self, name: &str) -> Option<String> {
        self.reads.push((name.to_string(), Need::Optional));
        self.lookup(name)
    }

    pub fn required(&mut self, name: &str) -> String {
        self.reads.push((name.to_string(), Need::Required));
        self.lookup(name).unwrap_or_else(|| {
            self.problems.push(format!("{name} is not set"));
            String::new()
        })
    }

    /// A secret of at least `min_len` bytes. A function is given `{name}_SECRET_ARN`, never the value,
    /// and the value is read from Secrets Manager at cold start. It never appears in errors or logs.
    pub fn secret(&mut self, name: &str, min_len: usize) -> SecretString {
        let arn = format!("{name}{SECRET_ARN}");
        self.reads.push((arn.clone(), Need::Required));
        let value = match self.secrets.get(name) {
            Some(value) => value.clone(),
            None if self.secrets_from_lookup => SecretString::from(self.lookup(name).unwrap_or_default()),
            None if self.lookup(&arn).is_none() => {
                self.problems.push(format!("{arn} is not set"));
                SecretString::from(String::new())
            }
            None => {
                self.problems.push(format!("{name} could not be read from Secrets Manager"));
                SecretString::from(String::new())
            }
        };
        let len = value.expose_secret().len();
        if len > 0 && len < min_len {
            self.problems.push(format!("{name} must be at least {min_len} bytes"));
        }
        value
    }

    pub fn parsed<T>(&mut self, name: &str, default: T, parse: impl Fn(&str) -> Option<T>) -> T {
        match self.optional(name) {
            None => default,
            Some(raw) => parse(&raw).unwrap_or_else(|| {
                self.problems.push(format!("{name} is not valid"));
                default
            }),
        }
    }

    pub fn problem(&mut self, message: impl Into<String>) {
        self.problems.push(message.into());
    }

    pub fn finish(self) -> Result<(), ConfigError> {
        if self.problems.is_empty() { Ok(()) } else { Err(ConfigError(self.problems)) }
    }
}

/// `TABLE_NAME`: the single table.
#[derive(Debug, Clone)]
pub struct TableConfig {
    pub table_name: String,
}

impl TableConfig {
    pub fn read(env: &mut Env) -> Self {
        TableConfig { table_name: env.required("TABLE_NAME") }
    }
}

/// `HASH_KEY`: the server-side key for codes, links and address digests (≥ 32 bytes).
pub fn read_hasher(env: &mut Env) -> Hasher {
    Hasher::new(&env.secret("HASH_KEY", 32))
}

/// Where the portal lives: `PORTAL_URL_TEMPLATE`, e.g. `https://{slug}.portal.example.com`.
/// Hosts under the template's domain resolve by slug; any other host by custom domain.
#[derive(Debug, Clone)]
pub struct PortalConfig {
    scheme: String,
    base_domain: String,
    port: Option<u16>,
}

impl PortalConfig {
    pub fn read(env: &mut Env) -> Self {
        let raw = env.required("PORTAL_URL_TEMPLATE");
        PortalConfig::parse(&raw).unwrap_or_else(|| {
            if !raw.is_empty() {
                env.problem("PORTAL_URL_TEMPLATE must look like https://{slug}.portal.example.com");
            }
            PortalConfig { scheme: "https".into(), base_domain: String::new(), port: None }
        })
    }

    pub fn parse(template: &str) -> Option<Self> {
        let (scheme, rest) = template.split_once("://{slug}.")?;
        if !matches!(scheme, "https" | "http") {
            return None;
        }
        let (domain, port) = match rest.rsplit_once(':') {
            Some((domain, port)) => (domain, Some(port.parse().ok()?)),
            None => (rest, None),
        };
        let valid = !domain.is_empty() && domain.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        valid.then(|| PortalConfig { scheme: scheme.to_string(), base_domain: domain.to_ascii_lowercase(), port })
    }

    pub fn base_domain(&self) -> &str {
        &self.base_domain
    }

    /// The portal's origin for a practice host (a slug host or a custom domain).
    pub fn origin(&self, host: &str) -> String {
        match self.port {
            Some(port) => format!("{}://{host}:{port}", self.scheme),
            None => format!("{}://{host}", self.scheme),
        }
    }

    pub fn slug_host(&self, slug: &str) -> String {
        format!("{slug}.{}", self.base_domain)
    }
}

/// The two identity pools as the handlers see them: the issuers whose verified claims they accept.
#[derive(Debug, Clone)]
pub struct IssuerConfig {
    pub patient_issuer: String,
    pub staff_issuer: String,
}

impl IssuerConfig {
    pub fn read(env: &mut Env) -> Self {
        IssuerConfig { patient_issuer: env.required("PATIENT_ISSUER"), staff_issuer: env.required("STAFF_ISSUER") }
    }
}

/// The patient pool, for the routes that drive Cognito's custom authentication.
#[derive(Debug, Clone)]
pub struct PatientPoolConfig {
    pub user_pool_id: String,
    pub client_id: String,
}

impl PatientPoolConfig {
    pub fn read(env: &mut Env) -> Self {
        PatientPoolConfig { user_pool_id: env.required("PATIENT_POOL_ID"), client_id: env.required("PATIENT_CLIENT_ID") }
    }
}

/// SES: `MAIL_FROM` and the configuration set that records deliveries, bounces and complaints.
#[derive(Debug, Clone)]
pub struct MailConfig {
    pub from: String,
    pub configuration_set: Option<String>,
}

impl MailConfig {
    pub fn read(env: &mut Env) -> Self {
        MailConfig { from: env.required("MAIL_FROM"), configuration_set: env.optional("SES_CONFIGURATION_SET") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Env {
        Env::from_map(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn every_problem_is_reported_at_once_without_values() {
        let mut e = env(&[("HASH_KEY", "short-secret-value"), ("PORTAL_URL_TEMPLATE", "ftp://x")]);
        TableConfig::read(&mut e);
        read_hasher(&mut e);
        PortalConfig::read(&mut e);
        assert!(
            e.reads().iter().any(|(name, need)| name == "HASH_KEY_SECRET_ARN" && *need == Need::Required),
            "a secret is given by its ARN"
        );
        let err = e.finish().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("3 problem"), "{err}");
        assert!(err.contains("TABLE_NAME is not set"), "{err}");
        assert!(err.contains("HASH_KEY must be at least 32 bytes"), "{err}");
        assert!(!err.contains("short-secret-value"), "secrets never appear: {err}");
    }

    #[test]
    fn a_lambda_takes_secrets_only_from_secrets_manager() {
        let vars = [("HASH_KEY_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:hk"), ("HASH_KEY", "plain-text-in-the-environment")];
        let arns = Env::secret_arns(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        assert_eq!(arns, [("HASH_KEY".to_string(), "arn:aws:secretsmanager:us-east-1:1:secret:hk".to_string())]);
        // SAFETY of the test: the process environment is not touched; `from_process` only reads it.
        let mut unread = Env::from_process(HashMap::new());
        let _ = unread.secret("PORTICO_TEST_NO_SUCH", 32);
        let err = unread.finish().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("PORTICO_TEST_NO_SUCH_SECRET_ARN is not set"), "{err}");
        let mut loaded = Env::from_process(HashMap::from([("HASH_KEY".to_string(), SecretString::from("k".repeat(40)))]));
        assert_eq!(read_hasher(&mut loaded).digest("x", &["y"]), Hasher::new(&SecretString::from("k".repeat(40))).digest("x", &["y"]));
        assert!(loaded.finish().is_ok());
    }

    #[test]
    fn portal_template_parses_slug_domain_and_port() {
        let p = PortalConfig::parse("http://{slug}.localhost:3000");
        let p = p.as_ref();
        assert_eq!(p.map(PortalConfig::base_domain), Some("localhost"));
        assert_eq!(p.map(|p| p.origin("demo.localhost")), Some("http://demo.localhost:3000".to_string()));
        assert!(PortalConfig::parse("https://portal.example.com").is_none());
    }
}
