//! The AWS emulator (`moto`), started once per test process on a free loopback port. A missing emulator
//! is a failure, never a skip: `make test` installs it into `.venv`.

use std::io::{BufRead as _, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};

use aws_config::{BehaviorVersion, Region};

pub struct Emulator {
    pub url: String,
    _child: Mutex<Child>,
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn python() -> PathBuf {
    match std::env::var("PORTICO_PYTHON") {
        Ok(path) => PathBuf::from(path),
        Err(_) => workspace_root().join(".venv/bin/python"),
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap_or(0)
}

/// The process-wide emulator, started on first use.
pub fn emulator() -> &'static Emulator {
    static EMULATOR: OnceLock<Emulator> = OnceLock::new();
    EMULATOR.get_or_init(|| {
        let python = python();
        assert!(
            python.exists(),
            "the AWS emulator is missing: {} does not exist. Run `make test` (it installs moto into .venv) or set PORTICO_PYTHON.",
            python.display()
        );
        let port = free_port();
        let mut child = Command::new(&python)
            .arg(workspace_root().join("tests/emulator/moto_until_eof.py"))
            .arg(port.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            // The emulator's own log, for when a call to it fails.
            .stderr(std::fs::File::create(workspace_root().join("target/moto.log")).map(Stdio::from).unwrap_or_else(|_| Stdio::null()))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start the AWS emulator with {}: {e}", python.display()));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("emulator has no stdout"));
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap_or_else(|e| panic!("emulator did not start: {e}"));
        assert_eq!(line.trim(), "ready", "the AWS emulator did not report ready (is moto[server] installed in .venv?)");
        Emulator { url: format!("http://127.0.0.1:{port}"), _child: Mutex::new(child) }
    })
}

/// An SDK configuration pointing every service at the emulator.
pub async fn sdk_config() -> aws_config::SdkConfig {
    let url = &emulator().url;
    aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(aws_sdk_dynamodb::config::Credentials::new("testing", "testing", None, None, "emulator"))
        .load()
        .await
}

/// A fresh table name, so tests never share a table.
pub fn table_name(prefix: &str) -> String {
    format!("{prefix}-{}", portico::crypto::random_token(8).to_lowercase().replace(['-', '_'], "x"))
}
