//! The AWS SDK configuration every adapter shares. Endpoints come from the SDK's own
//! `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` variables, so adapters carry no test-only branches.

/// Loads region, credentials and endpoints from the environment (Lambda's, or the emulator's).
pub async fn sdk_config() -> aws_config::SdkConfig {
    aws_config::defaults(aws_config::BehaviorVersion::latest()).load().await
}

pub use aws_config::SdkConfig;
