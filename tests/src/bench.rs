//! `make bench`: every function's release binary under a local Lambda runtime API emulator, each
//! measured against a hello-world `lambda_runtime` binary in the same run; the first request over a
//! fresh TLS connection; binary sizes; and the data requests per route counted by the end-to-end suite.
//! Numbers are medians of several runs, and are reported as ratios to the baseline where one exists.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::routing::{get, post};
use serde_json::Value;

/// Runs per binary; the median is reported.
pub const RUNS: usize = 5;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// What the runtime API emulator saw of one process.
#[derive(Debug, Default, Clone)]
struct Observed {
    first_poll: Option<Instant>,
    responded: Option<Instant>,
    status: Option<u16>,
    error: Option<String>,
}

#[derive(Clone)]
struct RuntimeApi {
    event: Arc<Mutex<Value>>,
    observed: Arc<Mutex<Observed>>,
}

async fn next(State(api): State<RuntimeApi>) -> (StatusCode, HeaderMap, String) {
    let first = {
        let mut observed = api.observed.lock().unwrap_or_else(|p| p.into_inner());
        let first = observed.first_poll.is_none();
        if first {
            observed.first_poll = Some(Instant::now());
        }
        first
    };
    if !first {
        // One event per process: later polls wait until the process is stopped.
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
    let mut headers = HeaderMap::new();
    let deadline = chrono::Utc::now().timestamp_millis() + 30_000;
    for (name, value) in [
        ("lambda-runtime-aws-request-id", "bench-request-1".to_string()),
        ("lambda-runtime-deadline-ms", deadline.to_string()),
        ("lambda-runtime-invoked-function-arn", "arn:aws:lambda:us-east-1:123456789012:function:bench".to_string()),
        ("lambda-runtime-trace-id", "Root=1-00000000-000000000000000000000000;Sampled=0".to_string()),
    ] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    let event = api.event.lock().map(|e| e.to_string()).unwrap_or_default();
    (StatusCode::OK, headers, event)
}

async fn respond(State(api): State<RuntimeApi>, UrlPath(_id): UrlPath<String>, body: String) -> StatusCode {
    let status = serde_json::from_str::<Value>(&body).ok().and_then(|v| v["statusCode"].as_u64()).and_then(|s| u16::try_from(s).ok());
    let mut observed = api.observed.lock().unwrap_or_else(|p| p.into_inner());
    observed.responded = Some(Instant::now());
    observed.status = status;
    StatusCode::ACCEPTED
}

async fn invocation_error(State(api): State<RuntimeApi>, UrlPath(_id): UrlPath<String>, body: String) -> StatusCode {
    let mut observed = api.observed.lock().unwrap_or_else(|p| p.into_inner());
    observed.responded = Some(Instant::now());
    observed.error = Some(body.chars().take(200).collect());
    StatusCode::ACCEPTED
}

async fn init_error(State(api): State<RuntimeApi>, body: String) -> StatusCode {
    let mut observed = api.observed.lock().unwrap_or_else(|p| p.into_inner());
    observed.error = Some(format!("init: {}", body.chars().take(200).collect::<String>()));
    StatusCode::ACCEPTED
}

async fn start_runtime_api() -> (SocketAddr, RuntimeApi) {
    let api = RuntimeApi { event: Arc::new(Mutex::new(Value::Null)), observed: Arc::new(Mutex::new(Observed::default())) };
    let router = axum::Router::new()
        .route("/2018-06-01/runtime/invocation/next", get(next))
        .route("/2018-06-01/runtime/invocation/{id}/response", post(respond))
        .route("/2018-06-01/runtime/invocation/{id}/error", post(invocation_error))
        .route("/2018-06-01/runtime/init/error", post(init_error))
        .with_state(api.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    (addr, api)
}

/// One measured run of a binary.
#[derive(Debug, Clone)]
pub struct Run {
    pub init: Duration,
    pub first_response: Option<Duration>,
    pub peak_rss_kb: u64,
    /// CPU time from process start to the response (all threads).
    pub cpu: Duration,
    pub status: Option<u16>,
    pub error: Option<String>,
}

/// CPU time the process has used so far, every thread's (`/proc/<pid>/task/*/schedstat`, nanoseconds on
/// the CPU): what a CPU quota hands out.
fn cpu_time(pid: u32) -> Duration {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).into_iter().flatten().flatten();
    Duration::from_nanos(
        tasks
            .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
            .filter_map(|s| s.split_whitespace().next().and_then(|ns| ns.parse::<u64>().ok()))
            .sum(),
    )
}

fn peak_rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

/// A CPU share like a small Lambda's: a cgroup (v1) with a CFS quota, which every measured process
/// joins before it runs its first instruction.
pub struct CpuQuota {
    dir: PathBuf,
    pub percent: f64,
}

impl CpuQuota {
    /// `quota_us` of every `period_us`; fails (and the bench stops) if the cgroup cannot be made.
    pub fn apply(name: &str, quota_us: u64, period_us: u64) -> Result<Self, String> {
        let dir = PathBuf::from("/sys/fs/cgroup/cpu").join(name);
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e} (cgroup v1 cpu controller, as root)", dir.display()))?;
        std::fs::write(dir.join("cpu.cfs_period_us"), period_us.to_string()).map_err(|e| format!("cpu.cfs_period_us: {e}"))?;
        std::fs::write(dir.join("cpu.cfs_quota_us"), quota_us.to_string()).map_err(|e| format!("cpu.cfs_quota_us: {e}"))?;
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default().trim().to_string();
        if read("cpu.cfs_quota_us") != quota_us.to_string() || read("cpu.cfs_period_us") != period_us.to_string() {
            return Err("the quota did not take".into());
        }
        Ok(CpuQuota { dir, percent: quota_us as f64 * 100.0 / period_us as f64 })
    }

    fn holds(&self, pid: u32) -> bool {
        let group = self.dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        std::fs::read_to_string(format!("/proc/{pid}/cgroup"))
            .is_ok_and(|c| c.lines().any(|l| l.contains(":cpu") && l.ends_with(&format!("/{group}"))))
    }
}

/// Starts the binary as Lambda would, hands it one event, and measures it. Under a quota, the process
/// joins the cgroup first (a shell writes its own pid, then becomes the binary).
pub async fn measure(binary: &Path, event: &Value, env: &[(String, String)], quota: Option<&CpuQuota>) -> Run {
    let (addr, api) = start_runtime_api().await;
    *api.event.lock().unwrap_or_else(|p| p.into_inner()) = from_a_new_client(event.clone());
    let name = binary.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
    let mut command = match quota {
        Some(quota) => {
            let mut command = tokio::process::Command::new("/bin/sh");
            command.arg("-c").arg("echo $$ > \"$1\" && exec \"$0\"").arg(binary).arg(quota.dir.join("cgroup.procs"));
            command
        }
        None => tokio::process::Command::new(binary),
    };
    let started = Instant::now();
    let mut child = command
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("AWS_LAMBDA_RUNTIME_API", addr.to_string())
        .env("AWS_LAMBDA_FUNCTION_NAME", &name)
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_LAMBDA_LOG_LEVEL", "warn")
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
    let pid = child.id().unwrap_or(0);
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut confined = quota.is_none();
    let mut peak = 0;
    let mut cpu = Duration::ZERO;
    loop {
        peak = peak.max(peak_rss_kb(pid));
        cpu = cpu.max(cpu_time(pid));
        confined = confined || quota.is_some_and(|q| q.holds(pid));
        let observed = api.observed.lock().map(|o| o.clone()).unwrap_or_default();
        if observed.responded.is_some() || observed.error.is_some() || Instant::now() > deadline {
            break;
        }
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    // Peak RSS is the high-water mark, read once more after the response.
    peak = peak.max(peak_rss_kb(pid));
    cpu = cpu.max(cpu_time(pid));
    let _ = child.kill().await;
    let observed = api.observed.lock().map(|o| o.clone()).unwrap_or_default();
    assert!(confined, "{name} ran outside the CPU quota: numbers under the quota would be false");
    Run {
        init: observed.first_poll.map(|t| t - started).unwrap_or(Duration::MAX),
        first_response: observed.responded.map(|t| t - started),
        peak_rss_kb: peak,
        cpu,
        status: observed.status,
        error: observed.error,
    }
}

/// The event as if from a client address not seen before in this run (198.18.0.0/15, the range set
/// aside for benchmarks), so the public routes' per-client limits never answer a run 429.
fn from_a_new_client(mut event: Value) -> Value {
    static CLIENTS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = CLIENTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let ip = Value::String(format!("198.{}.{}.{}", 18 + (n >> 16) % 2, (n >> 8) & 0xff, n & 0xff));
    for pointer in ["/requestContext/http/sourceIp", "/headers/x-forwarded-for"] {
        if let Some(value) = event.pointer_mut(pointer) {
            *value = ip.clone();
        }
    }
    event
}

pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The first sample event of a function, in file-name order.
pub fn first_event(function: &str) -> Value {
    let dir = root().join("events").join(function);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    files.sort();
    files.first().and_then(|f| std::fs::read_to_string(f).ok()).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(Value::Null)
}

/// Data requests per function, merged from the end-to-end suite's recordings.
pub fn recorded_requests() -> BTreeMap<String, (usize, usize, usize)> {
    let mut merged: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let dir = root().join("target/bench/requests");
    for file in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let Some(stats) = std::fs::read_to_string(file.path()).ok().and_then(|t| serde_json::from_str::<Value>(&t).ok()) else { continue };
        for (function, s) in stats.as_object().into_iter().flatten() {
            let (calls, min, max) = (
                s["ok_calls"].as_u64().unwrap_or(0) as usize,
                s["ok_min"].as_u64().unwrap_or(0) as usize,
                s["ok_max"].as_u64().unwrap_or(0) as usize,
            );
            if calls == 0 {
                continue;
            }
            let entry = merged.entry(function.clone()).or_insert((0, usize::MAX, 0));
            entry.0 += calls;
            entry.1 = entry.1.min(min);
            entry.2 = entry.2.max(max);
        }
    }
    merged
}

/// A CA and a leaf certificate for `127.0.0.1`, as PEM (CA) and DER (leaf and key).
pub fn loopback_certificates() -> (String, Vec<u8>, Vec<u8>) {
    use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let leaf =
        CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()]).and_then(|p| p.signed_by(&leaf_key, &ca)).unwrap();
    (ca.pem(), leaf.der().to_vec(), leaf_key.serialize_der())
}

/// A TLS front for a plain-HTTP endpoint (the emulator): functions reach their data over TLS, with the
/// handshake and trust-store load a real endpoint costs them, trusting the bench's CA through
/// `SSL_CERT_FILE`.
pub async fn start_tls_front(cert: Vec<u8>, key: Vec<u8>, target: SocketAddr) -> SocketAddr {
    use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    let config = tokio_rustls::rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![CertificateDer::from(cert)], PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key)))
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let (Ok(mut tls), Ok(mut plain)) = (acceptor.accept(stream).await, tokio::net::TcpStream::connect(target).await) else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    addr
}

/// The first event a function is measured with: its first sample that succeeds (a signed-in read where
/// there is one); else its first signed-in sample that gets past the session check (an unknown id:
/// session and data are read, and the answer is 404); else (a trigger or worker) its first sample that
/// is not a failure; else its first sample. The token's times are
/// moved to now so the session is live.
pub fn first_success_event(function: &str) -> Value {
    let dir = root().join("events").join(function);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
    files.sort();
    let named = |p: &PathBuf, part: &str| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.contains(part));
    let signed_in = |p: &PathBuf| std::fs::read_to_string(p).is_ok_and(|t| t.contains("\"claims\""));
    let chosen = files
        .iter()
        .find(|p| named(p, ".2"))
        .or_else(|| files.iter().find(|p| named(p, ".4") && signed_in(p) && !named(p, ".401") && !named(p, ".403")))
        .or_else(|| {
            files.iter().find(|p| ![".error", ".fail", ".invalid", ".taken", ".incorrect", ".one-failure"].iter().any(|f| named(p, f)))
        })
        .or(files.first());
    let mut event: Value =
        chosen.and_then(|f| std::fs::read_to_string(f).ok()).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or(Value::Null);
    let now = chrono::Utc::now().timestamp();
    if let Some(claims) = event.pointer_mut("/requestContext/authorizer/jwt/claims").and_then(Value::as_object_mut) {
        for (claim, value) in [("auth_time", now - 60), ("iat", now - 60), ("exp", now + 540)] {
            if claims.contains_key(claim) {
                claims.insert(claim.into(), Value::String(value.to_string()));
            }
        }
    }
    event
}
