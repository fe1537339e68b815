//! `make bench`: prints one table of every function's release binary against a hello-world
//! `lambda_runtime` binary measured in the same run. See `portico_tests::bench`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a measuring tool: a panic with a clear message is the point

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use portico_tests::bench::{self, RUNS, median};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn mb(bytes: f64) -> String {
    format!("{:.1}", bytes / 1_048_576.0)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("first-request") {
        println!("{}", bench::first_request_ms(args.get(2).map(String::as_str).unwrap_or_default()).await);
        return;
    }
    // `PORTICO_BENCH_PROFILE=debug` smoke-tests the bench itself on debug builds; numbers come from release.
    let release = root().join("target").join(std::env::var("PORTICO_BENCH_PROFILE").unwrap_or_else(|_| "release".into()));
    let hello = release.join("bench-hello");
    assert!(hello.exists(), "build the release binaries first: cargo build --release --workspace --bins");

    // Functions reach the emulator for data; nothing at start-up needs it.
    let sdk = portico_tests::emulator::sdk_config().await;
    let table = portico_tests::emulator::table_name("bench");
    let clock: std::sync::Arc<dyn portico::clock::Clock> = std::sync::Arc::new(portico::clock::SystemClock);
    let aws = portico_local::emulator::prepare(&sdk, &table, clock).await.unwrap();
    let bucket = format!("{table}-uploads").to_lowercase();
    let mut env: Vec<(String, String)> = [
        ("AWS_ENDPOINT_URL", portico_tests::emulator::emulator().url.as_str()),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "bench"),
        ("AWS_SECRET_ACCESS_KEY", "bench"),
        ("TABLE_NAME", table.as_str()),
        ("HASH_KEY", "bench-hash-key-bench-hash-key-bench-hash-key"),
        ("PORTAL_URL_TEMPLATE", "http://{slug}.localhost:3000"),
        ("PATIENT_ISSUER", "http://127.0.0.1:3000/_local/idp/patients"),
        ("STAFF_ISSUER", "http://127.0.0.1:3000/_local/idp/staff"),
        ("PATIENT_POOL_ID", "us-east-1_bench"),
        ("PATIENT_CLIENT_ID", "bench-client"),
        ("MAIL_FROM", "portal@riverside.example"),
        ("TWILIO_ACCOUNT_SID", "ACbench"),
        ("TWILIO_AUTH_TOKEN", "bench-token-bench-token"),
        ("TWILIO_MESSAGING_SERVICE_SID", "MGbench"),
        ("TWILIO_API_BASE", "http://127.0.0.1:9"),
        ("SIGN_IN_FLOOR_MS", "0"),
        ("PUBLIC_API_BASE", "http://127.0.0.1:3000"),
        ("UPLOAD_BUCKET", bucket.as_str()),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    env.extend(aws.queue_urls.iter().map(|(name, url)| (format!("{}_QUEUE_URL", name.to_uppercase().replace('-', "_")), url.clone())));

    let measure = |path: PathBuf, event: serde_json::Value| {
        let env = env.clone();
        async move {
            let mut runs = Vec::new();
            for _ in 0..RUNS {
                runs.push(bench::measure(&path, &event, &env).await);
            }
            runs
        }
    };
    let hello_runs = measure(hello.clone(), serde_json::json!({ "hello": "world" })).await;
    let hello_init = median(hello_runs.iter().map(|r| r.init.as_secs_f64() * 1000.0).collect());
    let hello_rss = median(hello_runs.iter().map(|r| r.peak_rss_kb as f64 * 1024.0).collect());
    let hello_size = std::fs::metadata(&hello).map(|m| m.len() as f64).unwrap_or(f64::NAN);

    let mut functions: Vec<String> = portico_local::declared_routes().iter().map(|r| r.function.to_string()).collect();
    functions.extend(portico_local::routeless_functions().iter().map(|f| f.to_string()));
    let requests = bench::recorded_requests();

    let mut table = String::new();
    let _ = writeln!(
        table,
        "| function | binary MB (× hello) | init ms (× hello) | peak RSS MB (× hello) | first response ms | status | data requests per 2xx call (min–max, calls) |"
    );
    let _ = writeln!(table, "|---|---|---|---|---|---|---|");
    let _ = writeln!(
        table,
        "| bench-hello (baseline) | {} (1.00) | {:.1} (1.00) | {} (1.00) | – | – | – |",
        mb(hello_size),
        hello_init,
        mb(hello_rss)
    );
    let mut init_ratios = Vec::new();
    let mut rss_ratios = Vec::new();
    for function in &functions {
        let path = release.join(function);
        let size = std::fs::metadata(&path).map(|m| m.len() as f64).unwrap_or(f64::NAN);
        let runs = measure(path, bench::first_event(function)).await;
        let init = median(runs.iter().map(|r| r.init.as_secs_f64() * 1000.0).collect());
        let rss = median(runs.iter().map(|r| r.peak_rss_kb as f64 * 1024.0).collect());
        let first = median(runs.iter().filter_map(|r| r.first_response).map(|d| d.as_secs_f64() * 1000.0).collect());
        let status = runs
            .last()
            .map(|r| r.status.map(|s| s.to_string()).unwrap_or_else(|| if r.error.is_some() { "error".into() } else { "ok".into() }))
            .unwrap_or_default();
        let data = requests.get(function).map(|(calls, min, max)| format!("{min}–{max} ({calls})")).unwrap_or_else(|| "–".into());
        init_ratios.push(init / hello_init);
        rss_ratios.push(rss / hello_rss);
        let _ = writeln!(
            table,
            "| {function} | {} ({:.2}) | {:.1} ({:.2}) | {} ({:.2}) | {:.1} | {status} | {data} |",
            mb(size),
            size / hello_size,
            init,
            init / hello_init,
            mb(rss),
            rss / hello_rss,
            first
        );
    }

    // The first request over a fresh TLS connection, each in a fresh process, against plain HTTP.
    let (ca, cert, key) = bench::loopback_certificates();
    let ca_file = root().join("target/bench/loopback-ca.pem");
    let _ = std::fs::create_dir_all(root().join("target/bench"));
    std::fs::write(&ca_file, ca).unwrap();
    let (tls, plain) = bench::start_loopback_endpoint(cert, key).await;
    let me = std::env::current_exe().unwrap();
    let first = |url: String| {
        let (me, ca_file) = (me.clone(), ca_file.clone());
        async move {
            let mut samples = Vec::new();
            for _ in 0..RUNS {
                let output = tokio::process::Command::new(&me).arg("first-request").arg(&url).env("SSL_CERT_FILE", &ca_file).output().await;
                let ms = output.ok().and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse::<f64>().ok()).unwrap_or(f64::NAN);
                samples.push(ms);
            }
            median(samples)
        }
    };
    let over_tls = first(format!("https://127.0.0.1:{}", tls.port())).await;
    let in_clear = first(format!("http://127.0.0.1:{}", plain.port())).await;

    let mut report = String::new();
    let _ = writeln!(report, "Portico bench: medians of {RUNS} runs per binary, measured in one run on this machine.\n");
    let _ = writeln!(report, "{table}");
    let _ = writeln!(
        report,
        "Across functions: init {:.2}–{:.2} × hello-world (median {:.2}); peak RSS {:.2}–{:.2} × (median {:.2}).",
        init_ratios.iter().copied().fold(f64::INFINITY, f64::min),
        init_ratios.iter().copied().fold(0.0, f64::max),
        median(init_ratios.clone()),
        rss_ratios.iter().copied().fold(f64::INFINITY, f64::min),
        rss_ratios.iter().copied().fold(0.0, f64::max),
        median(rss_ratios.clone()),
    );
    let _ = writeln!(
        report,
        "First DynamoDB request over a fresh connection to a loopback endpoint (client built, connection opened, request answered): TLS {over_tls:.1} ms, plain HTTP {in_clear:.1} ms ({:.2} ×).",
        over_tls / in_clear
    );
    let _ = writeln!(
        report,
        "Data requests come from the end-to-end suite (`make bench` runs it with recording on); the session check and the audit event are included in each count."
    );
    print!("{report}");
    let _ = std::fs::write(root().join("target/bench/results.md"), report);
}
