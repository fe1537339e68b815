//! The gateway on the AWS adapters, against the emulator named by `AWS_ENDPOINT_URL`: creates what the
//! SAM template would have created (the table, a verified sender) when it is missing.

use std::sync::Arc;

use portico::clock::Clock;
use portico::config::MailConfig;
use portico::notify::{Mailer, SesMailer};
use portico::store::{DynamoTable, Table, ensure_table};

use crate::LocalError;

pub struct AwsAdapters {
    pub table: Arc<dyn Table>,
    pub mailer: Arc<dyn Mailer>,
}

pub const MAIL_FROM: &str = "portal@riverside.example";

pub async fn prepare(sdk: &aws_config::SdkConfig, table_name: &str, clock: Arc<dyn Clock>) -> Result<AwsAdapters, LocalError> {
    ensure_table(sdk, table_name).await?;
    let ses = aws_sdk_sesv2::Client::new(sdk);
    let domain = MAIL_FROM.split('@').nth(1).unwrap_or("riverside.example");
    if ses.get_email_identity().email_identity(domain).send().await.is_err() {
        ses.create_email_identity()
            .email_identity(domain)
            .send()
            .await
            .map_err(|e| LocalError::Emulator(aws_sdk_sesv2::error::DisplayErrorContext(e).to_string()))?;
    }
    Ok(AwsAdapters {
        table: Arc::new(DynamoTable::new(sdk, table_name, clock)),
        mailer: Arc::new(SesMailer::new(sdk, MailConfig { from: MAIL_FROM.to_string(), configuration_set: None })),
    })
}
