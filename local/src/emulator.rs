//! The gateway on the AWS adapters, against the emulator named by the SDK configuration: creates what
//! the SAM template would have created (the table, a verified sender, the queues with their dead-letter
//! queues, the upload bucket) when it is missing.

use std::sync::Arc;

use portico::blobs::{Blobs, S3Blobs};
use portico::clock::Clock;
use portico::config::MailConfig;
use portico::notify::{Mailer, SesMailer};
use portico::queue::{MAX_RECEIVES, Queue, SqsQueue};
use portico::store::{DynamoTable, Table, ensure_table};

use crate::LocalError;

pub struct AwsAdapters {
    pub table: Arc<dyn Table>,
    /// The audit trail's own table.
    pub audit: Arc<dyn Table>,
    pub mailer: Arc<dyn Mailer>,
    pub queue: Arc<dyn Queue>,
    pub queue_urls: Vec<(String, String)>,
    pub blobs: Arc<dyn Blobs>,
    pub sqs: aws_sdk_sqs::Client,
}

pub const MAIL_FROM: &str = "portal@riverside.example";

fn emulator(e: impl std::fmt::Display) -> LocalError {
    LocalError::Emulator(e.to_string())
}

/// A queue and its dead-letter queue, as the template defines them.
async fn queue_with_dlq(sqs: &aws_sdk_sqs::Client, name: &str) -> Result<String, LocalError> {
    use aws_sdk_sqs::types::QueueAttributeName;
    let dlq = sqs
        .create_queue()
        .queue_name(format!("{name}-dlq"))
        .send()
        .await
        .map_err(|e| emulator(aws_sdk_sqs::error::DisplayErrorContext(e)))?;
    let dlq_url = dlq.queue_url().unwrap_or_default().to_string();
    let attributes = sqs
        .get_queue_attributes()
        .queue_url(&dlq_url)
        .attribute_names(QueueAttributeName::QueueArn)
        .send()
        .await
        .map_err(|e| emulator(aws_sdk_sqs::error::DisplayErrorContext(e)))?;
    let dlq_arn = attributes.attributes().and_then(|a| a.get(&QueueAttributeName::QueueArn)).cloned().unwrap_or_default();
    let redrive = serde_json::json!({ "deadLetterTargetArn": dlq_arn, "maxReceiveCount": MAX_RECEIVES.to_string() }).to_string();
    let queue = sqs
        .create_queue()
        .queue_name(name)
        .attributes(QueueAttributeName::RedrivePolicy, redrive)
        .attributes(QueueAttributeName::VisibilityTimeout, portico::queue::visibility().num_seconds().to_string())
        .send()
        .await
        .map_err(|e| emulator(aws_sdk_sqs::error::DisplayErrorContext(e)))?;
    Ok(queue.queue_url().unwrap_or_default().to_string())
}

/// The URLs of the queues [`prepare`] made for `table_name`.
pub async fn queue_urls(sdk: &aws_config::SdkConfig, table_name: &str) -> Vec<(String, String)> {
    let sqs = aws_sdk_sqs::Client::new(sdk);
    let mut urls = Vec::new();
    for name in crate::compose::queue_names() {
        if let Ok(out) = sqs.get_queue_url().queue_name(format!("{table_name}-{name}")).send().await
            && let Some(url) = out.queue_url()
        {
            urls.push((name.to_string(), url.to_string()));
        }
    }
    urls
}

pub async fn prepare(sdk: &aws_config::SdkConfig, table_name: &str, clock: Arc<dyn Clock>) -> Result<AwsAdapters, LocalError> {
    ensure_table(sdk, table_name).await?;
    let audit_name = format!("{table_name}-audit");
    ensure_table(sdk, &audit_name).await?;
    let ses = aws_sdk_sesv2::Client::new(sdk);
    let domain = MAIL_FROM.split('@').nth(1).unwrap_or("riverside.example");
    if ses.get_email_identity().email_identity(domain).send().await.is_err() {
        ses.create_email_identity()
            .email_identity(domain)
            .send()
            .await
            .map_err(|e| emulator(aws_sdk_sesv2::error::DisplayErrorContext(e)))?;
    }
    let sqs = aws_sdk_sqs::Client::new(sdk);
    let mut queue_urls = Vec::new();
    for name in crate::compose::queue_names() {
        queue_urls.push((name.to_string(), queue_with_dlq(&sqs, &format!("{table_name}-{name}")).await?));
    }
    let bucket = format!("{table_name}-uploads").to_lowercase();
    let s3 = aws_sdk_s3::Client::from_conf(aws_sdk_s3::config::Builder::from(sdk).force_path_style(true).build());
    if s3.head_bucket().bucket(&bucket).send().await.is_err() {
        s3.create_bucket().bucket(&bucket).send().await.map_err(|e| emulator(aws_sdk_s3::error::DisplayErrorContext(e)))?;
    }
    Ok(AwsAdapters {
        table: Arc::new(DynamoTable::new(sdk, table_name, Arc::clone(&clock))),
        audit: Arc::new(DynamoTable::new(sdk, audit_name, clock)),
        mailer: Arc::new(SesMailer::new(sdk, MailConfig { from: MAIL_FROM.to_string(), configuration_set: None })),
        queue: Arc::new(SqsQueue::new(sdk, queue_urls.iter().cloned().collect())),
        queue_urls,
        blobs: Arc::new(S3Blobs::new(sdk, bucket, None)),
        sqs,
    })
}
