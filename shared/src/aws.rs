//! The AWS SDK configuration every adapter shares, read from the environment and nothing else: Lambda
//! sets the region (`AWS_REGION`) and the function role's credentials (`AWS_ACCESS_KEY_ID`,
//! `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`); locally, the emulator's are set the same way.
//! `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>` (e.g. `AWS_ENDPOINT_URL_DYNAMODB`) point clients
//! elsewhere, so adapters carry no test-only branches.
//!
//! Not `aws_config::defaults(..).load()`: its provider chains (profile files, web identity through STS,
//! the container and instance metadata endpoints) are never reached on Lambda, yet they are linked into
//! every binary and set up at every cold start (README, "Measuring", for the figures).

use aws_config::environment::EnvironmentVariableCredentialsProvider;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_types::service_config::{LoadServiceConfig, ServiceConfigKey};

pub use aws_config::SdkConfig;

/// Region, credentials and endpoints from the environment (Lambda's, or the emulator's).
pub async fn sdk_config() -> SdkConfig {
    sdk_config_from(std::env::vars())
}

fn sdk_config_from(vars: impl IntoIterator<Item = (String, String)>) -> SdkConfig {
    let vars: std::collections::HashMap<String, String> = vars.into_iter().filter(|(name, _)| name.starts_with("AWS_")).collect();
    let region = vars.get("AWS_REGION").or_else(|| vars.get("AWS_DEFAULT_REGION")).cloned().map(aws_config::Region::new);
    let endpoint = vars.get("AWS_ENDPOINT_URL").cloned();
    let endpoints = ServiceEndpoints(vars.into_iter().filter(|(name, _)| name.starts_with("AWS_ENDPOINT_URL")).collect());
    let mut builder = SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .credentials_provider(SharedCredentialsProvider::new(EnvironmentVariableCredentialsProvider::new()))
        .service_config(endpoints);
    builder.set_region(region).set_endpoint_url(endpoint);
    builder.build()
}

/// `AWS_ENDPOINT_URL_<SERVICE>` first, then `AWS_ENDPOINT_URL`: the SDK asks per service, by its service
/// id in capitals with spaces as underscores (`AWS_ENDPOINT_URL_SECRETS_MANAGER`).
#[derive(Debug)]
struct ServiceEndpoints(std::collections::HashMap<String, String>);

impl LoadServiceConfig for ServiceEndpoints {
    fn load_config(&self, key: ServiceConfigKey<'_>) -> Option<String> {
        let service = key.service_id().to_uppercase().replace([' ', '-'], "_");
        self.0.get(&format!("{}_{service}", key.env())).or_else(|| self.0.get(key.env())).cloned()
    }
}

/// Reads each named secret from Secrets Manager in one request (`BatchGetSecretValue`: one connection
/// and one round trip at cold start, however many secrets); `(HASH_KEY, arn)` becomes `HASH_KEY → value`.
/// A secret that cannot be read is left out (and logged by name, never by value): the function's
/// configuration check then reports it, and the function does not start half-configured.
pub async fn load_secrets(sdk: &SdkConfig, wanted: Vec<(String, String)>) -> std::collections::HashMap<String, secrecy::SecretString> {
    if wanted.is_empty() {
        return std::collections::HashMap::new();
    }
    let client = aws_sdk_secretsmanager::Client::new(sdk);
    let ids = wanted.iter().map(|(_, id)| id.clone()).collect();
    let out = match client.batch_get_secret_value().set_secret_id_list(Some(ids)).send().await {
        Ok(out) => out,
        Err(e) => {
            let error = aws_sdk_secretsmanager::error::DisplayErrorContext(e).to_string();
            let names: Vec<&str> = wanted.iter().map(|(name, _)| name.as_str()).collect();
            tracing::error!(secrets = ?names, error = %error, "secrets not read");
            return std::collections::HashMap::new();
        }
    };
    let mut read = std::collections::HashMap::new();
    for (name, id) in wanted {
        let value = out.secret_values().iter().find(|v| names_secret(&id, v.arn(), v.name())).and_then(|v| v.secret_string());
        match value {
            Some(value) => {
                read.insert(name, secrecy::SecretString::from(value.to_string()));
            }
            None => {
                let error = out
                    .errors()
                    .iter()
                    .find(|e| e.secret_id() == Some(id.as_str()))
                    .map(|e| format!("{}: {}", e.error_code().unwrap_or("error"), e.message().unwrap_or_default()));
                tracing::error!(secret = %name, error = %error.unwrap_or_else(|| "not returned".into()), "secret not read");
            }
        }
    }
    read
}

/// Whether a secret id as configured (its full ARN, its ARN without Secrets Manager's six-character
/// suffix, or its name) names the secret returned as `arn` / `name`.
fn names_secret(id: &str, arn: Option<&str>, name: Option<&str>) -> bool {
    let (arn, name) = (arn.unwrap_or_default(), name.unwrap_or_default());
    !id.is_empty() && (id == arn || id == name || (!name.is_empty() && id.ends_with(&format!(":secret:{name}")) && arn.starts_with(id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> SdkConfig {
        sdk_config_from(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())))
    }

    /// The endpoint a client of `service_id` is given, as the SDK's clients ask for it.
    fn endpoint(sdk: &SdkConfig, service_id: &str) -> Option<String> {
        let key = ServiceConfigKey::builder().service_id(service_id).env("AWS_ENDPOINT_URL").profile("endpoint_url").build().ok()?;
        sdk.service_config()?.load_config(key)
    }

    #[test]
    fn region_and_endpoints_come_from_the_environment() {
        let sdk = config(&[
            ("AWS_REGION", "us-west-2"),
            ("AWS_ENDPOINT_URL", "https://all.example"),
            ("AWS_ENDPOINT_URL_DYNAMODB", "https://ddb.example"),
            ("HOME", "/root"),
        ]);
        assert_eq!(sdk.region().map(ToString::to_string).as_deref(), Some("us-west-2"));
        assert_eq!(sdk.endpoint_url(), Some("https://all.example"));
        assert_eq!(endpoint(&sdk, "DynamoDB").as_deref(), Some("https://ddb.example"));
        assert_eq!(endpoint(&sdk, "Secrets Manager").as_deref(), Some("https://all.example"));
        assert!(sdk.credentials_provider().is_some());
    }

    #[test]
    fn a_service_endpoint_is_named_by_its_service_id() {
        let sdk = config(&[("AWS_DEFAULT_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL_SECRETS_MANAGER", "https://sm.example")]);
        assert_eq!(sdk.region().map(ToString::to_string).as_deref(), Some("eu-west-1"));
        assert_eq!(sdk.endpoint_url(), None);
        assert_eq!(endpoint(&sdk, "Secrets Manager").as_deref(), Some("https://sm.example"));
        assert_eq!(endpoint(&sdk, "DynamoDB"), None);
    }

    #[test]
    fn a_secret_is_found_by_its_arn_its_partial_arn_or_its_name() {
        let arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:portico/hash-key-AbCdEf";
        let name = "portico/hash-key";
        assert!(names_secret(arn, Some(arn), Some(name)));
        assert!(names_secret("arn:aws:secretsmanager:us-east-1:123456789012:secret:portico/hash-key", Some(arn), Some(name)));
        assert!(names_secret(name, Some(arn), Some(name)));
        assert!(!names_secret("portico/hash", Some(arn), Some(name)));
        assert!(!names_secret("arn:aws:secretsmanager:us-east-1:123456789012:secret:portico/hash", Some(arn), Some(name)));
        assert!(!names_secret("", Some(arn), Some(name)));
    }
}
