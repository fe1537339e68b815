//! The AWS SDK configuration every adapter shares. Endpoints come from the SDK's own
//! `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` variables, so adapters carry no test-only branches.

/// Loads region, credentials and endpoints from the environment (Lambda's, or the emulator's).
pub async fn sdk_config() -> aws_config::SdkConfig {
    aws_config::defaults(aws_config::BehaviorVersion::latest()).load().await
}

pub use aws_config::SdkConfig;

/// Reads each named secret from Secrets Manager, at once; `(HASH_KEY, arn)` becomes `HASH_KEY → value`.
/// A secret that cannot be read is left out (and logged by name, never by value): the function's
/// configuration check then reports it, and the function does not start half-configured.
pub async fn load_secrets(
    sdk: &aws_config::SdkConfig,
    wanted: Vec<(String, String)>,
) -> std::collections::HashMap<String, secrecy::SecretString> {
    if wanted.is_empty() {
        return std::collections::HashMap::new();
    }
    let client = aws_sdk_secretsmanager::Client::new(sdk);
    let reads = wanted.into_iter().map(|(name, arn)| {
        let client = client.clone();
        async move {
            match client.get_secret_value().secret_id(&arn).send().await {
                Ok(out) => out.secret_string().map(|value| (name, secrecy::SecretString::from(value.to_string()))),
                Err(e) => {
                    let error = aws_sdk_secretsmanager::error::DisplayErrorContext(e).to_string();
                    tracing::error!(secret = %name, error = %error, "secret not read");
                    None
                }
            }
        }
    });
    futures::future::join_all(reads).await.into_iter().flatten().collect()
}
