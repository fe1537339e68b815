//! Production wiring for each function: only the adapters it uses.

use std::sync::Arc;

use portico::config::{Env, read_hasher};
use portico::wiring;

use crate::attachments::AttachmentDeps;
use crate::handlers::webhooks::{UnsubscribeDeps, WebhookDeps};
use crate::handlers::{ThreadDeps, UploadDeps};
use crate::notify::NotifyDeps;
use crate::ses_events::{SesEventDeps, SnsVerifier};
use crate::twilio::TwilioDeps;

impl portico::wiring::FromEnv for ThreadDeps {
    fn from_env(env: &mut Env, sdk: &portico::aws::SdkConfig) -> Self {
        ThreadDeps { edge: wiring::edge(env, sdk) }
    }
}

impl portico::wiring::FromEnv for UploadDeps {
    fn from_env(env: &mut Env, sdk: &portico::aws::SdkConfig) -> Self {
        let edge = wiring::edge(env, sdk);
        let attachments = AttachmentDeps { table: Arc::clone(&edge.table), clock: Arc::clone(&edge.clock), blobs: wiring::blobs(env, sdk) };
        UploadDeps { edge, attachments }
    }
}

impl portico::wiring::FromEnv for WebhookDeps {
    fn from_env(env: &mut Env, sdk: &portico::aws::SdkConfig) -> Self {
        let edge = wiring::edge(env, sdk);
        let (auth_token, public_base) = wiring::twilio_webhooks(env);
        let twilio = TwilioDeps {
            table: Arc::clone(&edge.table),
            clock: Arc::clone(&edge.clock),
            tenants: Arc::clone(&edge.tenants),
            hasher: read_hasher(env),
            auth_token,
            public_base,
        };
        WebhookDeps { edge, twilio }
    }
}

impl portico::wiring::FromEnv for UnsubscribeDeps {
    fn from_env(env: &mut Env, sdk: &portico::aws::SdkConfig) -> Self {
        UnsubscribeDeps { edge: wiring::edge(env, sdk), hasher: read_hasher(env) }
    }
}

impl portico::wiring::FromEnv for NotifyDeps {
    fn from_env(env: &mut Env, sdk: &portico::aws::SdkConfig) -> Self {
        let clock = wiring::clock();
        let table = wiring::table(env, sdk, &clock);
        let portal = portico::config::PortalConfig::read(env);
        NotifyDeps {
            tenants: Arc::new(portico::tenant::Tenants::new(Arc::clone(&table), portal)),
            table,
            clock,
            hasher: read_hasher(env),
            mail: wiring::mailer(env, sdk),
            sms: wiring::sms(env),
        }
    }
}

impl portico::wiring::FromEnv for SesEventDeps {
    fn from_env(env: &mut Env, sdk: &portico::aws::SdkConfig) -> Self {
        let clock = wiring::clock();
        let region = sdk.region().map(|r| r.to_string()).unwrap_or_else(|| "us-east-1".into());
        // `SNS_CERT_URL_PREFIXES` may name other signing-certificate origins (a test stand-in); by default
        // only the region's SNS endpoint over HTTPS is trusted.
        let verifier = match env.optional("SNS_CERT_URL_PREFIXES") {
            Some(prefixes) => SnsVerifier::new(prefixes.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()),
            None => SnsVerifier::for_region(&region),
        };
        SesEventDeps { table: wiring::table(env, sdk, &clock), clock, hasher: read_hasher(env), verifier }
    }
}
