//! `portico-local`: run Portico on this machine. `--port` (default 3000) and `--data` (default
//! `.data`); set `AWS_ENDPOINT_URL` to run on the AWS adapters against an emulator.

use std::sync::Arc;
use std::time::Duration;

use portico_local::{Backend, LocalOptions};

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    portico::telemetry::init();
    let port: u16 = arg("--port").or_else(|| std::env::var("PORTICO_PORT").ok()).map(|p| p.parse()).transpose()?.unwrap_or(3000);
    let data_dir = arg("--data").unwrap_or_else(|| ".data".into());
    let backend = match std::env::var("AWS_ENDPOINT_URL") {
        Ok(_) => Backend::Aws {
            table_name: std::env::var("TABLE_NAME").unwrap_or_else(|_| "portico-local".into()),
            sdk: Box::new(portico::aws::sdk_config().await),
        },
        Err(_) => Backend::Embedded,
    };
    let gateway = portico_local::start(LocalOptions {
        data_dir: data_dir.into(),
        bind: ([127, 0, 0, 1], port).into(),
        clock: Arc::new(portico::clock::SystemClock),
        backend: backend.clone(),
        sign_in_floor: Duration::from_millis(250),
        print_outbox: true,
        web_dir: None,
        seed: true,
        auto_pump: true,
        sns_cert_prefixes: Vec::new(),
    })
    .await?;
    let url = gateway.practice_url(portico_local::seed::DEMO_SLUG);
    if let Some(demo) = &gateway.demo {
        println!(
            "\nPortico is running at {url}  ({})",
            if matches!(backend, Backend::Embedded) { "embedded store" } else { "AWS adapters" }
        );
        println!("  Practice: {} ({})", demo.practice.name, demo.practice.id);
        println!("  Sign in as a patient: open {url} and use ann@example.com or ben@example.com.");
        println!("  Codes and links appear here and at {url}/_local/outbox");
        println!(
            "  Staff token: curl -s -X POST {url}/_local/staff/sign-in -H 'content-type: application/json' -d '{{\"email\":\"{}\"}}'",
            demo.admin_email
        );
        println!("  Then: curl -s {url}/staff/patients?query=Lee -H \"authorization: Bearer $TOKEN\"\n");
    }
    tokio::signal::ctrl_c().await?;
    gateway.stop().await;
    Ok(())
}
