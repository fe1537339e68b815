//! The local gateway (`portico-local`): every route of `infra/template.yaml` in one process. It does
//! API Gateway's part (routing, the JWT authorizer, the payload 2.0 event) and invokes each handler
//! in-process exactly as Lambda would, on the embedded adapters — or, with the emulator variables set,
//! on the AWS adapters. It serves the web app at `/` and seeds a demo practice on first start.

pub mod counting;
pub mod emulator;
mod event;
mod gateway;
mod local_routes;
pub mod seed;
mod static_files;
pub mod workers;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use portico::blobs::{Blobs, LocalBlobs};
use portico::clock::Clock;
use portico::config::PortalConfig;
use portico::crypto::{self, Hasher};
use portico::http::{Edge, Handler, Route};
use portico::identity::{LocalIdentity, LocalIssuerConfig};
use portico::notify::{Mailer, Outbox, OutboxMailer, OutboxSms, SmsSender, TeeMailer};
use portico::queue::{LocalQueue, Queue};
use portico::store::{RedbTable, Table};
use portico::tenant::Tenants;
use portico::wiring::Ports;
use secrecy::SecretString;

pub use counting::{RouteStats, Stats};

/// Where the gateway keeps its data.
#[derive(Debug, Clone)]
pub enum Backend {
    /// redb files in the data directory.
    Embedded,
    /// The AWS adapters with this SDK configuration (the emulator's endpoint); the table is created if
    /// missing.
    Aws { table_name: String, sdk: Box<aws_config::SdkConfig> },
}

pub struct LocalOptions {
    pub data_dir: PathBuf,
    pub bind: SocketAddr,
    pub clock: Arc<dyn Clock>,
    pub backend: Backend,
    /// The least time a sign-in start takes (production uses one second).
    pub sign_in_floor: Duration,
    /// Echo outbox messages to stdout.
    pub print_outbox: bool,
    /// Serve the web app from here (default: the workspace's `web/`).
    pub web_dir: Option<PathBuf>,
    /// Seed the demo practice on first start.
    pub seed: bool,
    /// Run the relay and the workers continuously (tests drive them with `App::pump` instead).
    pub auto_pump: bool,
    /// Where SNS signing certificates may come from (the region's SNS endpoint by default; a test's
    /// stand-in).
    pub sns_cert_prefixes: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum LocalError {
    #[error("cannot prepare the data directory: {0}")]
    DataDir(std::io::Error),
    #[error("cannot listen: {0}")]
    Bind(std::io::Error),
    #[error("store: {0}")]
    Store(#[from] portico::store::StoreError),
    #[error("identity: {0}")]
    Identity(#[from] portico::identity::IdentityError),
    #[error("emulator: {0}")]
    Emulator(String),
    #[error("seed: {0}")]
    Seed(String),
}

/// Everything the gateway is made of; tests reach in through it.
pub struct App {
    pub routes: Vec<(&'static Route, Handler)>,
    pub ports: Ports,
    pub identity: Arc<LocalIdentity>,
    pub outbox: Arc<Outbox>,
    pub stats: Arc<Stats>,
    /// The table without request counting, for test set-up and inspection.
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub web_dir: PathBuf,
    pub base_url: String,
    /// The relay and the workers.
    pub workers: Arc<workers::Workers>,
    /// The local blob store, when files are kept locally (not on the emulator's S3).
    pub local_blobs: Option<Arc<LocalBlobs>>,
    /// The in-process queue, when messages are queued locally (not on the emulator's SQS).
    pub local_queue: Option<Arc<LocalQueue>>,
}

impl App {
    /// Runs the relay and the workers until nothing is left to do now. Returns messages handled.
    pub async fn pump(&self) -> usize {
        let mut total = 0;
        for _ in 0..10 {
            let seen = self.workers.pump().await;
            total += seen;
            if seen == 0 {
                break;
            }
        }
        total
    }
}

/// A running gateway.
pub struct Gateway {
    pub addr: SocketAddr,
    pub app: Arc<App>,
    pub demo: Option<seed::Demo>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Gateway {
    /// The portal's URL for a practice slug on this gateway.
    pub fn practice_url(&self, slug: &str) -> String {
        format!("http://{slug}.localhost:{}", self.addr.port())
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
    }
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

/// The route table: every capability's routes with their handlers.
pub fn mount_all(ports: &Ports) -> Vec<(&'static Route, Handler)> {
    let mut routes = portico_identity::mount_routes(ports);
    routes.extend(portico_practice::mount_routes(ports));
    routes.extend(portico_messaging::mount_routes(ports));
    routes
}

/// Every route declared by the capabilities, in declaration order.
pub fn declared_routes() -> Vec<&'static Route> {
    portico_identity::routes::ROUTES
        .iter()
        .chain(portico_practice::routes::ROUTES.iter())
        .chain(portico_messaging::routes::ROUTES.iter())
        .copied()
        .collect()
}

/// Every function without a route: Cognito triggers, workers, the relay.
pub fn routeless_functions() -> Vec<&'static str> {
    portico_identity::routes::TRIGGERS.iter().chain(portico_messaging::routes::WORKERS.iter()).copied().collect()
}

/// The OpenAPI document of the whole API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi as _;
    use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
    let mut doc = portico_identity::IdentityApi::openapi();
    doc.merge(portico_practice::PracticeApi::openapi());
    doc.merge(portico_messaging::MessagingApi::openapi());
    doc.info = utoipa::openapi::InfoBuilder::new()
        .title("Portico API")
        .version(env!("CARGO_PKG_VERSION"))
        .description(Some(
            "The Portico patient portal API. Public routes find the practice from the host; signed-in routes take it from the token. \
             Errors are RFC 9457 problem documents.",
        ))
        .build();
    let components = doc.components.get_or_insert_with(Default::default);
    let bearer = || SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build());
    components.add_security_scheme("patient", bearer());
    components.add_security_scheme("staff", bearer());
    doc
}

/// Builds the adapters, seeds on first start, and starts serving.
pub async fn start(options: LocalOptions) -> Result<Gateway, LocalError> {
    let listener = tokio::net::TcpListener::bind(options.bind).await.map_err(LocalError::Bind)?;
    let addr = listener.local_addr().map_err(LocalError::Bind)?;
    let (seed, auto_pump) = (options.seed, options.auto_pump);
    let app = Arc::new(build(options, addr.port()).await?);
    let demo = if seed { Some(seed::demo(&app).await?) } else { None };
    if auto_pump {
        let pumped = Arc::clone(&app);
        tokio::spawn(async move {
            loop {
                pumped.pump().await;
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        });
    }
    let (shutdown, task) = gateway::serve(listener, Arc::clone(&app));
    Ok(Gateway { addr, app, demo, shutdown: Some(shutdown), task })
}

/// The stores and channels behind the gateway: embedded, or the AWS adapters on the emulator.
struct Backing {
    table: Arc<dyn Table>,
    mailer: Arc<dyn Mailer>,
    queue: Arc<dyn Queue>,
    blobs: Arc<dyn Blobs>,
    backlog: workers::Backlog,
    local_blobs: Option<Arc<LocalBlobs>>,
    local_queue: Option<Arc<LocalQueue>>,
}

/// Builds every adapter and route as the gateway on `port` would, without listening: handler tests
/// invoke the routes directly with `events/` samples.
pub async fn build(options: LocalOptions, port: u16) -> Result<App, LocalError> {
    std::fs::create_dir_all(&options.data_dir).map_err(LocalError::DataDir)?;
    let clock = Arc::clone(&options.clock);
    let hasher = Hasher::new(&load_or_create_key(&options.data_dir.join("hash.key"))?);
    let outbox = Arc::new(Outbox::new(Some(options.data_dir.join("outbox.jsonl")), options.print_outbox));
    let outbox_mailer: Arc<dyn Mailer> = Arc::new(OutboxMailer::new(Arc::clone(&outbox)));
    let base_url = format!("http://127.0.0.1:{port}");
    // Relative links: the browser uploads to and downloads from the practice host it is on.
    let local_blobs = Arc::new(LocalBlobs::new(options.data_dir.join("blobs"), "", hasher.clone()));
    let local_queue = Arc::new(LocalQueue::new(Arc::clone(&clock)));
    let Backing { table, mailer, queue, blobs, backlog, local_blobs, local_queue } = match &options.backend {
        Backend::Embedded => Backing {
            table: Arc::new(RedbTable::open(&options.data_dir.join("portico.redb"), Arc::clone(&clock))?),
            mailer: outbox_mailer,
            queue: local_queue.clone(),
            blobs: local_blobs.clone(),
            backlog: workers::Backlog::Local(Arc::clone(&local_queue)),
            local_blobs: Some(local_blobs),
            local_queue: Some(local_queue),
        },
        Backend::Aws { table_name, sdk } => {
            let aws = emulator::prepare(sdk, table_name, Arc::clone(&clock)).await?;
            Backing {
                table: aws.table,
                // The outbox keeps a copy, so codes are readable locally while SES receives the real call.
                mailer: Arc::new(TeeMailer(aws.mailer, outbox_mailer)),
                queue: aws.queue,
                blobs: aws.blobs,
                backlog: workers::Backlog::Sqs { client: aws.sqs, urls: aws.queue_urls },
                local_blobs: None,
                local_queue: None,
            }
        }
    };
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
    let edge = Arc::new(Edge::new(Arc::clone(&counted), Arc::clone(&clock), tenants, issuers));
    let triggers = Arc::new(portico_identity::triggers::TriggerDeps {
        table: Arc::clone(&counted),
        hasher: hasher.clone(),
        clock: Arc::clone(&clock),
    });
    let identity = Arc::new(LocalIdentity::open(&options.data_dir.join("identity"), Arc::clone(&clock), triggers, issuer)?);
    let twilio_auth_token = load_or_create_key(&options.data_dir.join("twilio-auth-token"))?;
    let ports = Ports {
        edge,
        hasher,
        identity: identity.clone(),
        mailer,
        sms,
        blobs,
        twilio_auth_token,
        public_base: base_url.clone(),
        sign_in_floor: options.sign_in_floor,
    };
    let routes = mount_all(&ports);
    let workers = Arc::new(workers::Workers {
        queue,
        backlog,
        notify: portico_messaging::notify::NotifyDeps {
            table: Arc::clone(&counted),
            clock: Arc::clone(&clock),
            tenants: Arc::clone(&ports.edge.tenants),
            hasher: ports.hasher.clone(),
            mail: Arc::clone(&ports.mailer),
            sms: Arc::clone(&ports.sms),
        },
        ses: portico_messaging::ses_events::SesEventDeps {
            table: Arc::clone(&counted),
            clock: Arc::clone(&clock),
            hasher: ports.hasher.clone(),
            verifier: portico_messaging::ses_events::SnsVerifier::new(options.sns_cert_prefixes.clone()),
        },
        table: Arc::clone(&counted),
        clock: Arc::clone(&clock),
    });
    let web_dir = options.web_dir.clone().unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../web"));
    Ok(App {
        routes,
        ports,
        identity,
        outbox,
        stats: Arc::new(Stats::default()),
        table,
        clock,
        web_dir,
        base_url,
        workers,
        local_blobs,
        local_queue,
    })
}
