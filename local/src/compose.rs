//! The composition root: every adapter the gateway runs on, built once, and every function mounted from
//! the capability list on top of them. Embedded adapters by default; the AWS adapters against an
//! emulator when asked.

use std::path::PathBuf;
use std::sync::Arc;

use portico::blobs::{Blobs, LocalBlobs};
use portico::config::PortalConfig;
use portico::crypto::{self, Hasher};
use portico::http::Edge;
use portico::identity::{LocalIdentity, LocalIssuerConfig};
use portico::notify::twilio::TwilioWebhooks;
use portico::notify::{Mailer, Outbox, OutboxMailer, OutboxSms, SmsSender, TeeMailer};
use portico::queue::{LocalQueue, Queue};
use portico::store::{RedbTable, Table};
use portico::tenant::Tenants;
use portico::wiring::Ports;
use secrecy::{ExposeSecret as _, SecretString};

use crate::{App, Backend, LocalError, LocalOptions, counting, emulator, workers};

/// Every queue the gateway needs: those events are routed to, and those functions consume.
pub fn queue_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = portico::events::QUEUES.to_vec();
    for capability in crate::capabilities::all() {
        for function in &capability.functions {
            if let portico::lambda::Trigger::Queue(name) = function.trigger
                && !names.contains(&name)
            {
                names.push(name);
            }
        }
    }
    names
}

fn load_or_create_key(path: &std::path::Path) -> Result<SecretString, LocalError> {
    match std::fs::read_to_string(path) {
        Ok(key) if key.trim().len() >= 32 => Ok(SecretString::from(key.trim().to_string())),
        _ => {
            let key = crypto::random_token(48);
            std::fs::write(path, &key).map_err(LocalError::DataDir)?;
            Ok(SecretString::from(key))
        }
    }
}

/// The stores and channels behind the gateway: embedded, or the AWS adapters on the emulator.
struct Backing {
    table: Arc<dyn Table>,
    audit: Arc<dyn Table>,
    mailer: Arc<dyn Mailer>,
    queue: Arc<dyn Queue>,
    blobs: Arc<dyn Blobs>,
    backlog: workers::Backlog,
    local_blobs: Option<Arc<LocalBlobs>>,
    local_queue: Option<Arc<LocalQueue>>,
}

async fn backing(options: &LocalOptions, hasher: &Hasher, outbox: &Arc<Outbox>) -> Result<Backing, LocalError> {
    let clock = Arc::clone(&options.clock);
    let outbox_mailer: Arc<dyn Mailer> = Arc::new(OutboxMailer::new(Arc::clone(outbox)));
    Ok(match &options.backend {
        Backend::Embedded => {
            // Relative links: the browser uploads to and downloads from the practice host it is on.
            let local_blobs = Arc::new(LocalBlobs::new(options.data_dir.join("blobs"), "", hasher.clone()));
            let local_queue = Arc::new(LocalQueue::new(Arc::clone(&clock)));
            Backing {
                table: Arc::new(RedbTable::open(&options.data_dir.join("portico.redb"), Arc::clone(&clock))?),
                audit: Arc::new(RedbTable::open(&options.data_dir.join("audit.redb"), clock)?),
                mailer: outbox_mailer,
                queue: local_queue.clone(),
                blobs: local_blobs.clone(),
                backlog: workers::Backlog::Local(Arc::clone(&local_queue)),
                local_blobs: Some(local_blobs),
                local_queue: Some(local_queue),
            }
        }
        Backend::Aws { table_name, sdk } => {
            let aws = emulator::prepare(sdk, table_name, clock).await?;
            Backing {
                table: aws.table,
                audit: aws.audit,
                // The outbox keeps a copy, so codes are readable locally while SES receives the real call.
                mailer: Arc::new(TeeMailer(aws.mailer, outbox_mailer)),
                queue: aws.queue,
                blobs: aws.blobs,
                backlog: workers::Backlog::Sqs { client: aws.sqs, urls: aws.queue_urls },
                local_blobs: None,
                local_queue: None,
            }
        }
    })
}

/// Builds every adapter and function as the gateway on `port` would, without listening: handler tests
/// invoke the routes directly with `events/` samples.
pub async fn build(options: LocalOptions, port: u16) -> Result<App, LocalError> {
    std::fs::create_dir_all(&options.data_dir).map_err(LocalError::DataDir)?;
    let clock = Arc::clone(&options.clock);
    let hasher = Hasher::new(&load_or_create_key(&options.data_dir.join("hash.key"))?);
    let outbox = Arc::new(Outbox::new(Some(options.data_dir.join("outbox.jsonl")), options.print_outbox));
    let base_url = format!("http://127.0.0.1:{port}");
    let Backing { table, audit, mailer, queue, blobs, backlog, local_blobs, local_queue } = backing(&options, &hasher, &outbox).await?;
    let sms: Arc<dyn SmsSender> = Arc::new(OutboxSms::new(Arc::clone(&outbox)));
    let counted: Arc<dyn Table> = Arc::new(counting::CountingTable(Arc::clone(&table)));

    let issuer = LocalIssuerConfig {
        patient_issuer: format!("{base_url}/_local/idp/patients"),
        staff_issuer: format!("{base_url}/_local/idp/staff"),
        patient_client_id: "local-patient-client".into(),
        staff_client_id: "local-staff-client".into(),
        access_ttl: 600,
        auth_session_ttl: 600,
        refresh_ttl: portico::auth::limits::absolute().num_seconds(),
    };
    let issuers =
        portico::config::IssuerConfig { patient_issuer: issuer.patient_issuer.clone(), staff_issuer: issuer.staff_issuer.clone() };
    let portal =
        PortalConfig::parse(&format!("http://{{slug}}.localhost:{port}")).ok_or_else(|| LocalError::Seed("portal template".into()))?;
    let tenants = Arc::new(Tenants::new(Arc::clone(&counted), portal));
    // Audit events are data requests too: counted like the table's.
    let audit_counted: Arc<dyn Table> = Arc::new(counting::CountingTable(Arc::clone(&audit)));
    let edge = Arc::new(Edge::new(Arc::clone(&counted), audit_counted, Arc::clone(&clock), tenants, issuers));
    // The local issuer runs Cognito's flow through the same trigger functions Cognito would call.
    let triggers = Arc::new(portico_identity::triggers::TriggerDeps {
        table: Arc::clone(&counted),
        hasher: hasher.clone(),
        clock: Arc::clone(&clock),
    });
    let identity = Arc::new(LocalIdentity::open(&options.data_dir.join("identity"), Arc::clone(&clock), triggers, issuer)?);
    // Video visits: the Chime adapter itself, against the stand-in on loopback.
    let video_origin = crate::video::serve().await.map_err(LocalError::Bind)?;
    let video = Arc::new(portico::video::ChimeVideo::standin(&crate::video::sdk_config().await, &video_origin));
    // Payments: the Stripe adapter itself, against the stand-in on loopback, which signs its events with
    // this gateway's webhook secret and delivers them to its `/webhooks/stripe`.
    let stripe_secret =
        SecretString::from(format!("whsec_{}", load_or_create_key(&options.data_dir.join("stripe-webhook-secret"))?.expose_secret()));
    let stripe = portico::payments::StripeWebhooks { secrets: vec![stripe_secret.clone()] };
    let stripe_standin = crate::stripe::StandIn::new(Arc::clone(&clock), format!("{base_url}/webhooks/stripe"), stripe_secret);
    let stripe_origin = crate::stripe::serve(Arc::clone(&stripe_standin)).await.map_err(LocalError::Bind)?;
    let payments = portico::payments::StripePayments::new(portico::payments::StripeConfig {
        api_base: stripe_origin,
        secret_key: SecretString::from(crate::stripe::SECRET_KEY.to_string()),
        publishable_key: crate::stripe::PUBLISHABLE_KEY.to_string(),
        js_url: "/_local/stripe/v3.js".to_string(),
    })
    .map_err(|e| LocalError::Seed(format!("stripe client: {e}")))?;
    let twilio =
        TwilioWebhooks { auth_token: load_or_create_key(&options.data_dir.join("twilio-auth-token"))?, public_base: base_url.clone() };
    let ports = Ports {
        edge,
        hasher,
        identity: identity.clone(),
        staff_accounts: identity.clone(),
        mailer,
        sms,
        blobs,
        queue: Arc::clone(&queue),
        video,
        payments: Arc::new(payments),
        stripe,
        twilio,
        sign_in_floor: options.sign_in_floor,
        sns_cert_prefixes: options.sns_cert_prefixes.clone(),
    };
    let capabilities = crate::capabilities::all();
    let routes = capabilities.iter().flat_map(|c| c.endpoints.iter().map(|e| (e.route, (e.mount)(&ports))).collect::<Vec<_>>()).collect();
    let consumers = capabilities
        .iter()
        .flat_map(|c| c.functions.iter().filter_map(|f| Some((queue_of(f)?, (f.consumer?)(&ports)))).collect::<Vec<_>>())
        .collect();
    let ticks = capabilities.iter().flat_map(|c| c.functions.iter().filter_map(|f| Some((f.tick?)(&ports))).collect::<Vec<_>>()).collect();
    let workers = Arc::new(workers::Workers { queue, backlog, consumers, ticks, table: Arc::clone(&counted), clock: Arc::clone(&clock) });
    let web_dir = options.web_dir.clone().unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../web"));
    Ok(App {
        routes,
        ports,
        identity,
        outbox,
        stats: Arc::new(crate::Stats::default()),
        table,
        audit,
        clock,
        web_dir,
        base_url,
        workers,
        local_blobs,
        local_queue,
        stripe: stripe_standin,
    })
}

fn queue_of(function: &portico::lambda::Listed) -> Option<&'static str> {
    match function.trigger {
        portico::lambda::Trigger::Queue(name) => Some(name),
        _ => None,
    }
}
