//! The local gateway (`portico-local`): every route of `infra/template.yaml` in one process. It does
//! API Gateway's part (routing, the JWT authorizer, the payload 2.0 event) and invokes each handler
//! in-process exactly as Lambda would, on the embedded adapters — or, with the emulator variables set,
//! on the AWS adapters. It serves the web app at `/` and seeds a demo practice on first start.

pub mod capabilities;
pub mod compose;
pub mod counting;
pub mod emulator;
mod event;
mod gateway;
mod local_routes;
pub mod seed;
mod static_files;
pub mod stripe;
pub mod video;
pub mod workers;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use portico::blobs::LocalBlobs;
use portico::clock::Clock;
use portico::http::Route;
use portico::identity::LocalIdentity;
use portico::lambda::Handler;
use portico::notify::Outbox;
use portico::queue::LocalQueue;
use portico::store::Table;
use portico::wiring::Ports;

pub use capabilities::{declared_routes, openapi, routeless_functions};
pub use compose::build;
pub use counting::{RouteStats, Stats};
pub use static_files::PAGE_POLICY;

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
    /// The audit trail's own table (functions may only add to it).
    pub audit: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub web_dir: PathBuf,
    pub base_url: String,
    /// The relay and the workers.
    pub workers: Arc<workers::Workers>,
    /// The local blob store, when files are kept locally (not on the emulator's S3).
    pub local_blobs: Option<Arc<LocalBlobs>>,
    /// The in-process queue, when messages are queued locally (not on the emulator's SQS).
    pub local_queue: Option<Arc<LocalQueue>>,
    /// The Stripe stand-in (its requests and events, for tests).
    pub stripe: Arc<stripe::StandIn>,
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
