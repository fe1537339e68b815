//! `make bench`: every function's release binary started cold under a local Lambda runtime API, handed
//! its first real event (a signed-in request that reads its data from DynamoDB on the emulator, behind
//! TLS), at full CPU and under a small Lambda's CPU share; against a hello-world `lambda_runtime` binary
//! measured in the same run. Prints one table with every target and writes it to `docs/bench.md`.
//! See `portico_tests::bench`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a measuring tool: a panic with a clear message is the point

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use portico_tests::bench::{self, CpuQuota, RUNS, Run, median};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn mib(bytes: f64) -> String {
    format!("{:.1}", bytes / 1_048_576.0)
}

fn ms(runs: &[Run], pick: impl Fn(&Run) -> Option<std::time::Duration>) -> f64 {
    median(runs.iter().filter_map(&pick).map(|d| d.as_secs_f64() * 1000.0).collect())
}

fn mark(ok: bool) -> &'static str {
    if ok { "✓" } else { "✗" }
}

/// The fixture's people in Cognito on the emulator, for the functions that manage accounts there: a
/// patient pool with the fixture's patients (username = patient id) and a staff pool with its staff
/// (username = staff id) and a group per role. Returns the two pool ids.
async fn user_pools(sdk: &aws_config::SdkConfig, table: &str) -> (String, String) {
    use aws_sdk_cognitoidentityprovider::types::{AttributeDataType, AttributeType, MessageActionType, SchemaAttributeType};
    use portico_tests::fixture::{ANN, BEN, CARA, OTHER, PRACTICE};
    let cognito = aws_sdk_cognitoidentityprovider::Client::new(sdk);
    let custom =
        |name: &str| SchemaAttributeType::builder().name(name).attribute_data_type(AttributeDataType::String).mutable(true).build();
    let attribute = |name: &str, value: &str| AttributeType::builder().name(name).value(value).build().unwrap();
    let pool = async |name: String| {
        let created =
            cognito.create_user_pool().pool_name(name).schema(custom("practice_id")).schema(custom("patient_id")).send().await.unwrap();
        created.user_pool().and_then(|p| p.id()).unwrap().to_string()
    };
    let (patients, staff) = (pool(format!("{table}-patients")).await, pool(format!("{table}-staff")).await);
    let user = async |pool: &str, username: &str, attributes: Vec<AttributeType>| {
        cognito
            .admin_create_user()
            .user_pool_id(pool)
            .username(username)
            .set_user_attributes(Some(attributes))
            .message_action(MessageActionType::Suppress)
            .send()
            .await
            .unwrap();
    };
    for (practice, patient) in [(PRACTICE, ANN), (PRACTICE, BEN), (OTHER, CARA)] {
        user(&patients, patient, vec![attribute("custom:practice_id", practice), attribute("custom:patient_id", patient)]).await;
    }
    for role in portico::directory::Role::ALL {
        cognito.create_group().user_pool_id(&staff).group_name(role.as_str()).send().await.unwrap();
    }
    for member in ["staff-riverside-admin", "staff-riverside-desk", "staff-riverside-billing", "staff-riverside-gone"] {
        user(&staff, member, vec![attribute("custom:practice_id", PRACTICE)]).await;
    }
    (patients, staff)
}

/// A 128 MB Lambda gets about 7.2 % of a vCPU: 7.2 ms of every 100 ms period.
const QUOTA_US: u64 = 7_200;
const PERIOD_US: u64 = 100_000;

#[tokio::main]
async fn main() {
    let bench_started: Option<i64> = std::env::var("PORTICO_BENCH_STARTED").ok().and_then(|v| v.parse().ok());
    let profile = std::env::var("PORTICO_BENCH_PROFILE").unwrap_or_else(|_| "release".into());
    let release = root().join("target").join(&profile);
    let hello = release.join("bench-hello");
    assert!(hello.exists(), "build the release binaries first (make bench does)");
    let quota = CpuQuota::apply("portico-bench", QUOTA_US, PERIOD_US).unwrap_or_else(|e| {
        eprintln!("the CPU quota cannot be applied ({e}); no numbers under it would be true, so the bench stops");
        std::process::exit(2)
    });

    // The samples' world, in DynamoDB on the emulator; the functions reach it through a TLS front.
    let sdk = portico_tests::emulator::sdk_config().await;
    let table = portico_tests::emulator::table_name("bench");
    let fixture =
        portico_tests::fixture::fixture(portico_local::Backend::Aws { table_name: table.clone(), sdk: Box::new(sdk.clone()) }).await;
    let secrets = aws_sdk_secretsmanager::Client::new(&sdk);
    let secret = async |name: &str, value: &str| {
        let created = secrets.create_secret().name(format!("{table}-{name}")).secret_string(value).send().await.unwrap();
        created.arn().unwrap_or_default().to_string()
    };
    let hash_key_arn = secret("hash-key", portico_tests::fixture::HASH_KEY).await;
    let twilio_arn = secret("twilio", portico_tests::fixture::TWILIO_TOKEN).await;
    let cdn_arn = secret("cdn-origin", "bench-cdn-origin-secret-bench-cdn-origin-secret").await;
    let stripe_key_arn = secret("stripe-key", "sk_test_bench_0123456789abcdef").await;
    let stripe_webhook_arn = secret("stripe-webhook", "whsec_bench_0123456789abcdef").await;
    let (ca, cert, key) = bench::loopback_certificates();
    let ca_file = root().join("target/bench/loopback-ca.pem");
    let _ = std::fs::create_dir_all(root().join("target/bench"));
    std::fs::write(&ca_file, &ca).unwrap();
    let emulator: std::net::SocketAddr = portico_tests::emulator::emulator().url.trim_start_matches("http://").parse().unwrap();
    let front = bench::start_tls_front(cert.clone(), key.clone(), emulator).await;
    let endpoint = format!("https://127.0.0.1:{}", front.port());
    let queue_urls = portico_local::emulator::queue_urls(&sdk, &table).await;
    let bucket = format!("{table}-uploads").to_lowercase();
    let (patient_pool, staff_pool) = user_pools(&sdk, &table).await;
    let mut env: Vec<(String, String)> = [
        ("AWS_ENDPOINT_URL", endpoint.as_str()),
        ("SSL_CERT_FILE", ca_file.to_str().unwrap_or_default()),
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "bench"),
        ("AWS_SECRET_ACCESS_KEY", "bench"),
        ("TABLE_NAME", table.as_str()),
        ("AUDIT_TABLE_NAME", &format!("{table}-audit")),
        ("HASH_KEY_SECRET_ARN", hash_key_arn.as_str()),
        ("TWILIO_AUTH_TOKEN_SECRET_ARN", twilio_arn.as_str()),
        ("STRIPE_SECRET_KEY_SECRET_ARN", stripe_key_arn.as_str()),
        ("STRIPE_WEBHOOK_SECRET_SECRET_ARN", stripe_webhook_arn.as_str()),
        ("STRIPE_PUBLISHABLE_KEY", "pk_test_bench"),
        // Nothing listens there: a call to Stripe fails at once and the route answers 503, as it would
        // were Stripe down (the bench measures Portico's cold path, not Stripe's).
        ("STRIPE_API_BASE", "http://127.0.0.1:9"),
        ("CDN_ORIGIN_SECRET_ARN", cdn_arn.as_str()),
        ("PORTAL_URL_TEMPLATE", "http://{slug}.localhost:3000"),
        ("PATIENT_ISSUER", "http://127.0.0.1:3000/_local/idp/patients"),
        ("STAFF_ISSUER", "http://127.0.0.1:3000/_local/idp/staff"),
        ("PATIENT_POOL_ID", patient_pool.as_str()),
        ("PATIENT_CLIENT_ID", "bench-client"),
        ("STAFF_POOL_ID", staff_pool.as_str()),
        ("MAIL_FROM", "portal@riverside.example"),
        ("TWILIO_ACCOUNT_SID", "ACbench"),
        ("TWILIO_MESSAGING_SERVICE_SID", "MGbench"),
        ("TWILIO_API_BASE", "http://127.0.0.1:9"),
        ("SIGN_IN_FLOOR_MS", "0"),
        ("PUBLIC_API_BASE", "http://127.0.0.1:3000"),
        ("UPLOAD_BUCKET", bucket.as_str()),
        ("SES_EVENTS_TOPIC_ARN", "arn:aws:sns:us-east-1:000000000000:portico-ses-events"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    env.extend(queue_urls.iter().map(|(name, url)| (format!("{}_QUEUE_URL", name.to_uppercase().replace('-', "_")), url.clone())));

    // Serial runs: parallel ones would share the two cores and, under the quota, the cgroup.
    let measure_with = async |env: &[(String, String)], path: PathBuf, event: serde_json::Value, quota: Option<&CpuQuota>| {
        let mut runs = Vec::new();
        for _ in 0..RUNS {
            runs.push(bench::measure(&path, &event, env, quota).await);
        }
        runs
    };
    let measure = async |path: PathBuf, event: serde_json::Value, quota: Option<&CpuQuota>| measure_with(&env, path, event, quota).await;
    let hello_event = serde_json::json!({ "hello": "world" });
    let hello_full = measure(hello.clone(), hello_event.clone(), None).await;
    let hello_quota = measure(hello.clone(), hello_event, Some(&quota)).await;
    let hello_init = ms(&hello_full, |r| Some(r.init));
    let hello_init_quota = ms(&hello_quota, |r| Some(r.init));
    let hello_rss = median(hello_full.iter().map(|r| r.peak_rss_kb as f64 * 1024.0).collect());
    let hello_size = std::fs::metadata(&hello).map(|m| m.len() as f64).unwrap_or(f64::NAN);

    let http: Vec<&'static str> = portico_local::declared_routes().iter().map(|r| r.function).collect();
    let mut functions: Vec<String> = http.iter().map(|f| f.to_string()).collect();
    functions.extend(portico_local::routeless_functions().iter().map(|f| f.to_string()));
    // Extra binaries to compare (`PORTICO_BENCH_EXTRA=/path/to/portal-me-get.jitter`), measured with the
    // event of the function their name starts with.
    let extras: Vec<PathBuf> =
        std::env::var("PORTICO_BENCH_EXTRA").unwrap_or_default().split(',').filter(|p| !p.is_empty()).map(PathBuf::from).collect();
    let requests = bench::recorded_requests();
    let budgets: std::collections::BTreeMap<&str, usize> = portico_tests::budgets::BUDGETS.iter().copied().collect();

    let mut table_md = String::new();
    let _ = writeln!(
        table_md,
        "| function | binary MiB | init ms (× hello) | peak RSS MiB (× hello) | first response ms, full CPU (hello init + 15: {:.1}) | first response ms, {:.1} % CPU (≤ 150) | CPU ms to first response | status | data requests per 2xx call (budget) | targets |",
        hello_init + 15.0,
        quota.percent
    );
    let _ = writeln!(table_md, "|---|---|---|---|---|---|---|---|---|---|");
    let _ = writeln!(
        table_md,
        "| bench-hello (baseline) | {} | {:.1} (1.00) | {} (1.00) | – | init {:.1} | {:.1} | – | – | – |",
        mib(hello_size),
        hello_init,
        mib(hello_rss),
        hello_init_quota,
        ms(&hello_full, |r| r.first_response.map(|_| r.cpu))
    );
    let (mut failed, mut measured) = (Vec::new(), 0);
    // `PORTICO_BENCH_ONLY=portal-me-get,auth-otp-start` measures only those (the table is then not
    // written to docs/bench.md, which holds whole runs only).
    let only: Vec<String> =
        std::env::var("PORTICO_BENCH_ONLY").unwrap_or_default().split(',').filter(|f| !f.is_empty()).map(String::from).collect();
    functions.retain(|f| only.is_empty() || only.contains(f));
    let mut rows: Vec<(String, PathBuf, serde_json::Value)> =
        functions.iter().map(|f| (f.clone(), release.join(f), bench::first_success_event(f))).collect();
    for extra in &extras {
        let name = extra.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let base = functions.iter().find(|f| name.starts_with(f.as_str())).cloned().unwrap_or_default();
        rows.push((name, extra.clone(), bench::first_success_event(&base)));
    }
    for (function, path, event) in rows {
        if !path.exists() {
            // Never a silent gap: a function without a binary is a missed target, not a skipped row.
            failed.push(format!("{function}: not built"));
            let _ = writeln!(table_md, "| {function} | not built | – | – | – | – | – | – | – | miss: not built |");
            continue;
        }
        let size = std::fs::metadata(&path).map(|m| m.len() as f64).unwrap_or(f64::NAN);
        let full = measure(path.clone(), event.clone(), None).await;
        if full.iter().all(|r| r.init == std::time::Duration::MAX) {
            // It never asked for an event (its configuration check refused to start it): a missed
            // target with the reason, never numbers.
            let why = full.iter().find_map(|r| r.error.clone()).unwrap_or_else(|| "exited before its first poll".into());
            failed.push(format!("{function}: did not start"));
            let _ = writeln!(table_md, "| {function} | {} | – | – | – | – | – | did not start: {why} | – | miss: start |", mib(size));
            continue;
        }
        let quoted = measure(path, event, Some(&quota)).await;
        let init = ms(&full, |r| Some(r.init));
        let rss = median(full.iter().map(|r| r.peak_rss_kb as f64 * 1024.0).collect());
        let first = ms(&full, |r| r.first_response);
        let first_quota = ms(&quoted, |r| r.first_response);
        let cpu = ms(&full, |r| r.first_response.map(|_| r.cpu));
        // The first start's answer: the later ones see the world the first one changed (a patient
        // already created answers 409).
        let status = full
            .first()
            .map(|r| r.status.map(|s| s.to_string()).unwrap_or_else(|| if r.error.is_some() { "error".into() } else { "ok".into() }))
            .unwrap_or_default();
        let is_http = http.contains(&function.as_str());
        let data = requests.get(&function).map(|(calls, min, max)| (format!("{min}–{max} ({calls} calls)"), *max));
        let budget = budgets.get(function.as_str()).copied();
        let checks = [
            ("size", size <= 8.0 * 1_048_576.0),
            ("init", init <= 2.0 * hello_init),
            ("rss", rss <= 3.0 * hello_rss),
            ("full", !is_http || first <= hello_init + 15.0),
            ("quota", !is_http || first_quota <= 150.0),
            (
                "budget",
                match (budget, &data) {
                    (Some(b), Some((_, max))) => *max <= b,
                    _ => true,
                },
            ),
        ];
        let missed: Vec<&str> = checks.iter().filter(|(_, ok)| !ok).map(|(name, _)| *name).collect();
        if !missed.is_empty() {
            failed.push(format!("{function}: {}", missed.join(", ")));
        }
        measured += 1;
        let _ = writeln!(
            table_md,
            "| {function} | {} {} | {:.1} ({:.2}) {} | {} ({:.2}) {} | {} | {} | {cpu:.1} | {status} | {} | {} |",
            mib(size),
            mark(checks[0].1),
            init,
            init / hello_init,
            mark(checks[1].1),
            mib(rss),
            rss / hello_rss,
            mark(checks[2].1),
            if is_http { format!("{first:.1} {}", mark(checks[3].1)) } else { format!("{first:.1}") },
            if is_http { format!("{first_quota:.1} {}", mark(checks[4].1)) } else { format!("{first_quota:.1}") },
            match (&data, budget) {
                (Some((text, _)), Some(b)) => format!("{text} ({b}) {}", mark(checks[5].1)),
                (Some((text, _)), None) => text.clone(),
                (None, _) => "–".into(),
            },
            if missed.is_empty() { "pass".to_string() } else { format!("miss: {}", missed.join(", ")) }
        );
    }

    // What TLS costs a cold start: one function again, its data endpoint the emulator in the clear.
    let (tls_cost, mut plain_env) = ("portal-me-get", env.clone());
    plain_env.retain(|(k, _)| k != "AWS_ENDPOINT_URL");
    plain_env.push(("AWS_ENDPOINT_URL".into(), portico_tests::emulator::emulator().url.clone()));
    let tls_event = bench::first_success_event(tls_cost);
    let tls_note = if release.join(tls_cost).exists() && functions.iter().any(|f| f == tls_cost) {
        let clear = measure_with(&plain_env, release.join(tls_cost), tls_event.clone(), None).await;
        let (in_clear, in_clear_cpu) = (ms(&clear, |r| r.first_response), ms(&clear, |r| r.first_response.map(|_| r.cpu)));
        let in_clear_quota = ms(&measure_with(&plain_env, release.join(tls_cost), tls_event, Some(&quota)).await, |r| r.first_response);
        format!(
            "What TLS costs: {tls_cost}'s first response with its data endpoint in the clear instead of behind the TLS front: {in_clear:.1} ms at full CPU ({in_clear_cpu:.1} ms of CPU), {in_clear_quota:.1} ms under the quota (the table's row is the same binary and event over TLS). "
        )
    } else {
        String::new()
    };
    drop(fixture);

    let commit = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let dirty = std::process::Command::new("git")
        .args(["status", "--porcelain", "--", "shared", "functions"])
        .output()
        .is_ok_and(|o| !o.stdout.is_empty());
    let wall = bench_started.map(|s| chrono::Utc::now().timestamp() - s);
    let mut report = String::new();
    let _ = writeln!(report, "# Bench\n");
    let _ = writeln!(
        report,
        "Generated by `make bench` on {} from commit {commit}{}: medians of {RUNS} cold starts per binary, each handed its first real event (its first successful `events/` sample, token times moved to now) by a local runtime API, with its data in DynamoDB on the emulator behind a loopback TLS front. The quota column runs each process in a cgroup with `cpu.cfs_quota_us` {QUOTA_US} / `cpu.cfs_period_us` {PERIOD_US}. Binaries from `target/{profile}`.\n",
        chrono::Utc::now().format("%Y-%m-%d"),
        if dirty { " (with uncommitted changes)" } else { "" }
    );
    let _ = writeln!(report, "{table_md}");
    let _ = writeln!(
        report,
        "{tls_note}The CPU column is every thread's time on the CPU from process start to the response, at full CPU: under the quota a process gets {QUOTA_US} µs of it per {PERIOD_US} µs period.\n"
    );
    let _ = writeln!(
        report,
        "Data requests come from the end-to-end suite (`make bench` runs it with recording on): every table and audit-trail request of each successful call, session included; budgets from `tests/src/budgets.rs`.\n"
    );
    if let Some(seconds) = wall {
        let _ =
            writeln!(report, "`make bench` wall time: {:.1} minutes (target ≤ 15) {}.\n", seconds as f64 / 60.0, mark(seconds <= 15 * 60));
    }
    if failed.is_empty() {
        let _ = writeln!(report, "Every target met by all {measured} binaries.");
    } else {
        let _ = writeln!(report, "Targets missed:\n\n{}", failed.iter().map(|f| format!("- {f}")).collect::<Vec<_>>().join("\n"));
    }
    print!("{report}");
    let _ = std::fs::write(root().join("target/bench/results.md"), &report);
    if only.is_empty() {
        let _ = std::fs::write(root().join("docs/bench.md"), &report);
    }
}
