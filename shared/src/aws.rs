//! The AWS SDK configuration every adapter shares, read from the environment and nothing else: Lambda
//! sets the region (`AWS_REGION`) and the function role's credentials (`AWS_ACCESS_KEY_ID`,
//! `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`); locally, the emulator's are set the same way.
//! `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>` (e.g. `AWS_ENDPOINT_URL_DYNAMODB`) point clients
//! elsewhere, so adapters carry no test-only branches; `AWS_USE_FIPS_ENDPOINT`,
//! `AWS_USE_DUALSTACK_ENDPOINT` and `AWS_MAX_ATTEMPTS` are honoured. Profiles are not read.
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
    let endpoints = ServiceEndpoints(
        vars.iter().filter(|(name, _)| name.starts_with("AWS_ENDPOINT_URL")).map(|(k, v)| (k.clone(), v.clone())).collect(),
    );
    let flag = |name: &str| vars.get(name).is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let (fips, dual_stack) = (flag("AWS_USE_FIPS_ENDPOINT"), flag("AWS_USE_DUALSTACK_ENDPOINT"));
    let attempts = vars.get("AWS_MAX_ATTEMPTS").and_then(|n| n.parse::<u32>().ok()).filter(|n| *n > 0);
    if !vars.contains_key("AWS_ACCESS_KEY_ID") {
        tracing::warn!("AWS_ACCESS_KEY_ID is not set: AWS requests will fail (credentials are read from the environment only)");
    }
    let mut builder = SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .credentials_provider(SharedCredentialsProvider::new(EnvironmentVariableCredentialsProvider::new()))
        .use_fips(fips)
        .use_dual_stack(dual_stack)
        .service_config(endpoints);
    builder.set_region(region).set_endpoint_url(endpoint);
    if let Some(attempts) = attempts {
        builder.set_retry_config(Some(aws_config::retry::RetryConfig::standard().with_max_attempts(attempts)));
    }
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

/// Reads each named secret from Secrets Manager; `(HASH_KEY, arn)` becomes `HASH_KEY → value`. Several
/// are read in one `BatchGetSecretValue` (one connection and one round trip at cold start); one, or a
/// batch refused as a whole (that action's quota is 100 requests a second per region, which a deploy's
/// cold starts could meet), with `GetSecretValue` each, at once. A secret that cannot be read is left
/// out (and logged by name, never by value): the function's configuration check then reports it, and
/// the function does not start half-configured.
pub async fn load_secrets(sdk: &SdkConfig, wanted: Vec<(String, String)>) -> std::collections::HashMap<String, secrecy::SecretString> {
    let client = aws_sdk_secretsmanager::Client::new(sdk);
    if wanted.len() > 1 {
        match read_in_one_request(&client, &wanted).await {
            Ok(read) => return read,
            Err(error) => tracing::warn!(error = %error, "secrets not read in one request; reading each"),
        }
    }
    read_each(&client, wanted).await
}

async fn read_in_one_request(
    client: &aws_sdk_secretsmanager::Client,
    wanted: &[(String, String)],
) -> Result<std::collections::HashMap<String, secrecy::SecretString>, String> {
    let ids = wanted.iter().map(|(_, id)| id.clone()).collect();
    let out = client
        .batch_get_secret_value()
        .set_secret_id_list(Some(ids))
        .send()
        .await
        .map_err(|e| aws_sdk_secretsmanager::error::DisplayErrorContext(e).to_string())?;
    let mut read = std::collections::HashMap::new();
    for (name, id) in wanted {
        let value = out.secret_values().iter().find(|v| names_secret(id, v.arn(), v.name())).and_then(|v| v.secret_string());
        match value {
            Some(value) => {
                read.insert(name.clone(), secrecy::SecretString::from(value.to_string()));
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
    Ok(read)
}

async fn read_each(
    client: &aws_sdk_secretsmanager::Client,
    wanted: Vec<(String, String)>,
) -> std::collections::HashMap<String, secrecy::SecretString> {
    let reads = wanted.into_iter().map(|(name, id)| async move {
        match client.get_secret_value().secret_id(&id).send().await {
            Ok(out) => out.secret_string().map(|value| (name, secrecy::SecretString::from(value.to_string()))),
            Err(e) => {
                let error = aws_sdk_secretsmanager::error::DisplayErrorContext(e).to_string();
                tracing::error!(secret = %name, error = %error, "secret not read");
                None
            }
        }
    });
    futures::future::join_all(reads).await.into_iter().flatten().collect()
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
        assert_eq!(sdk.use_fips(), Some(false));
    }

    #[test]
    fn fips_dual_stack_and_attempts_are_honoured() {
        let sdk = config(&[("AWS_USE_FIPS_ENDPOINT", "true"), ("AWS_USE_DUALSTACK_ENDPOINT", "TRUE"), ("AWS_MAX_ATTEMPTS", "5")]);
        assert_eq!((sdk.use_fips(), sdk.use_dual_stack()), (Some(true), Some(true)));
        assert_eq!(sdk.retry_config().map(|r| r.max_attempts()), Some(5));
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
