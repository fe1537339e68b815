//! The local gateway (`portico-local`): every route of `infra/template.yaml` in one process. It does
//! API Gateway's part (routing, the JWT authorizer, the payload 2.0 event) and invokes each handler
//! in-process exactly as Lambda would, on the embedded adapters — or, with the emulator variables set,
//! on the AWS adapters. It serves the web app at `/` and seeds a demo practice on first start.

pub mod counting;
mod emulator;
mod event;
mod gateway;
pub mod seed;
mod static_files;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use portico::clock::Clock;
use portico::config::PortalConfig;
use portico::crypto::{self, Hasher};
use portico::http::{Edge, Handler, Route};
use portico::identity::{LocalIdentity, LocalIssuerConfig};
use portico::notify::{Mailer, Outbox, OutboxMailer, OutboxSms, SmsSender, TeeMailer};
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
    routes
}

/// Every route declared by the capabilities, in declaration order.
pub fn declared_routes() -> Vec<&'static Route> {
    portico_identity::routes::ROUTES.iter().chain(portico_practice::routes::ROUTES.iter()).copied().collect()
}

/// The OpenAPI document of the whole API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi as _;
    use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
    let mut doc = portico_identity::IdentityApi::openapi();
    doc.merge(portico_practice::PracticeApi::openapi());
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
    let seed = options.seed;
    let app = Arc::new(build(options, addr.port()).await?);
    let demo = if seed { Some(seed::demo(&app).await?) } else { None };
    let (shutdown, task) = gateway::serve(listener, Arc::clone(&app));
    Ok(Gateway { addr, app, demo, shutdown: Some(shutdown), task })
}

/// Builds every adapter and route as the gateway on `port` would, without listening: handler tests
/// invoke the routes directly with `events/` samples.
pub async fn build(options: LocalOptions, port: u16) -> Result<App, LocalError> {
    std::fs::create_dir_all(&options.data_dir).map_err(LocalError::DataDir)?;
    let clock = Arc::clone(&options.clock);
    let hasher = Hasher::new(&load_or_create_key(&options.data_dir.join("hash.key"))?);
    let outbox = Arc::new(Outbox::new(Some(options.data_dir.join("outbox.jsonl")), options.print_outbox));
    let outbox_mailer: Arc<dyn Mailer> = Arc::new(OutboxMailer::new(Arc::clone(&outbox)));
    let (table, mailer): (Arc<dyn Table>, Arc<dyn Mailer>) = match &options.backend {
        Backend::Embedded => (Arc::new(RedbTable::open(&options.data_dir.join("portico.redb"), Arc::clone(&clock))?), outbox_mailer),
        Backend::Aws { table_name, sdk } => {
            let aws = emulator::prepare(sdk, table_name, Arc::clone(&clock)).await?;
            // The outbox keeps a copy, so codes are readable locally while SES receives the real call.
            (aws.table, Arc::new(TeeMailer(aws.mailer, outbox_mailer)))
        }
    };
    let sms: Arc<dyn SmsSender> = Arc::new(OutboxSms::new(Arc::clone(&outbox)));
    let counted: Arc<dyn Table> = Arc::new(counting::CountingTable(Arc::clone(&table)));

    let base_url = format!("http://127.0.0.1:{port}");
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
    let ports = Ports { edge, hasher, identity: identity.clone(), mailer, sms, sign_in_floor: options.sign_in_floor };
    let routes = mount_all(&ports);
    let web_dir = options.web_dir.clone().unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../web"));
    Ok(App { routes, ports, identity, outbox, stats: Arc::new(Stats::default()), table, clock, web_dir, base_url })
}
