//! The decisions that hold the project together, checked: capability crates depend on the platform only;
//! no two owners claim the same sort keys; every binary serves the function its name says; every function
//! gets exactly the configuration it reads at cold start.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use portico::config::{Env, Need};
use portico::keys::{PLATFORM_PREFIXES, Prefix, overlaps};
use portico::wiring::Base;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn capability_crates_depend_on_the_platform_only() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
    let metadata: Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages = metadata["packages"].as_array().unwrap();
    let in_functions = |p: &Value| {
        p["manifest_path"].as_str().is_some_and(|m| Path::new(m).parent().and_then(Path::parent).is_some_and(|d| d.ends_with("functions")))
    };
    let capabilities: BTreeSet<&str> = packages.iter().filter(|p| in_functions(p)).filter_map(|p| p["name"].as_str()).collect();
    assert!(capabilities.len() >= 4, "the capability crates are found: {capabilities:?}");
    for package in packages.iter().filter(|p| in_functions(p)) {
        let name = package["name"].as_str().unwrap();
        let sideways: Vec<&str> = package["dependencies"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["name"].as_str())
            .filter(|d| capabilities.contains(d) && *d != name)
            .collect();
        assert!(sideways.is_empty(), "{name} depends on other capabilities {sideways:?}: share through the platform layer or an event");
    }
}

#[test]
fn no_two_owners_claim_the_same_sort_keys() {
    let capabilities = portico_local::capabilities::all();
    let claims: Vec<&Prefix> = PLATFORM_PREFIXES.iter().chain(capabilities.iter().flat_map(|c| c.key_prefixes.iter())).collect();
    for capability in &capabilities {
        assert!(capability.key_prefixes.iter().all(|p| p.owner == capability.name), "{} claims prefixes in its own name", capability.name);
    }
    let clashes = overlaps(&claims);
    assert!(clashes.is_empty(), "sort-key prefixes overlap between owners: {clashes:?}");
}

/// The type a main names (`serve::<…::PortalThreadsList>` or `run::<…::WorkerNotify>`), by its last segment.
fn named_type(main: &str) -> Option<String> {
    let start = main.find("::<")? + 3;
    let path = &main[start..start + main[start..].find('>')?];
    path.rsplit("::").next().map(str::to_string)
}

#[test]
fn every_binary_serves_the_function_its_name_says() {
    let mut bound = BTreeMap::new();
    for capability in portico_local::capabilities::all() {
        for endpoint in &capability.endpoints {
            bound.insert(endpoint.endpoint.rsplit("::").next().unwrap().to_string(), endpoint.route.function);
        }
        for function in &capability.functions {
            bound.insert(function.function.rsplit("::").next().unwrap().to_string(), function.name);
        }
    }
    let mut checked = 0;
    for capability in std::fs::read_dir(root().join("functions")).unwrap().flatten() {
        for bin in std::fs::read_dir(capability.path().join("src/bin")).unwrap().flatten() {
            let stem = bin.path().file_stem().unwrap().to_string_lossy().to_string();
            let main = std::fs::read_to_string(bin.path()).unwrap();
            let named = named_type(&main).unwrap_or_else(|| panic!("{stem}: the main names the endpoint or function it serves"));
            assert_eq!(bound.get(&named).copied(), Some(stem.as_str()), "{stem}.rs serves {named}, which is another function");
            assert!(main.contains("env!(\"CARGO_BIN_NAME\")"), "{stem}: the main checks its own name at cold start");
            assert!(main.lines().count() < 30, "{stem}: a main is wiring only");
            checked += 1;
        }
    }
    assert_eq!(checked, bound.len(), "one binary per endpoint and function");
}

/// A value each variable could hold in a deployment, so building the function succeeds.
fn plausible(name: &str) -> String {
    match name {
        "PORTAL_URL_TEMPLATE" => "https://{slug}.portal.example.com".into(),
        "PUBLIC_API_BASE" => "https://api.portal.example.com".into(),
        "SIGN_IN_FLOOR_MS" => "1000".into(),
        name if name.ends_with("_URL") => "https://example.com/x".into(),
        _ => "x".repeat(48),
    }
}

fn template_variables() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(root().join("infra/template.yaml")).unwrap();
    // Variable names are the keys under each function's `Environment: Variables:` block.
    let mut found = BTreeMap::new();
    let (mut function, mut in_variables) = (None::<String>, false);
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if indent == 2 && trimmed.ends_with("Function:") {
            function = Some(trimmed.trim_end_matches(':').to_string());
            in_variables = false;
        } else if indent == 2 && trimmed.ends_with(':') {
            function = None;
        } else if trimmed == "Variables:" && function.is_some() {
            in_variables = true;
        } else if in_variables {
            if indent == 10 && trimmed.contains(':') {
                let name = trimmed.split(':').next().unwrap().to_string();
                found.entry(function.clone().unwrap()).or_insert_with(BTreeSet::new).insert(name);
            } else if indent < 10 && !trimmed.is_empty() {
                in_variables = false;
            }
        }
    }
    found
}

#[tokio::test]
async fn every_function_gets_the_configuration_it_reads_at_cold_start() {
    let template = template_variables();
    let sdk = aws_config::SdkConfig::builder().behavior_version(aws_config::BehaviorVersion::latest()).build();
    let (mut checked, mut problems) = (0, Vec::new());
    for capability in portico_local::capabilities::all() {
        let cold_starts = capability
            .endpoints
            .iter()
            .map(|e| (e.route.function, e.cold_start))
            .chain(capability.functions.iter().map(|f| (f.name, f.cold_start)));
        for (function, cold_start) in cold_starts {
            let mut env = Env::from_lookup(Box::new(|name| Some(plausible(name))));
            let base = Base::new(sdk.clone(), Arc::new(portico::clock::SystemClock));
            cold_start(&mut env, &base);
            let reads = env.reads();
            env.finish().unwrap_or_else(|e| panic!("{function}: {e}"));
            let required: BTreeSet<String> = reads.iter().filter(|(_, n)| *n == Need::Required).map(|(v, _)| v.clone()).collect();
            let readable: BTreeSet<String> = reads.iter().map(|(v, _)| v.clone()).collect();
            let given = template.get(&portico::http::route::logical_id(function)).cloned().unwrap_or_default();
            let missing: Vec<&String> = required.difference(&given).collect();
            let unused: Vec<&String> = given.difference(&readable).collect();
            if !missing.is_empty() {
                problems.push(format!("{function}: the template does not set {missing:?}, which it needs at cold start"));
            }
            if !unused.is_empty() {
                problems.push(format!("{function}: the template sets {unused:?}, which it never reads"));
            }
            checked += 1;
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked > 50, "every function was checked ({checked})");
}

#[test]
fn every_staff_route_names_the_roles_it_admits() {
    for route in portico_local::declared_routes() {
        if let portico::http::Access::Staff(roles) = route.access {
            assert!(!roles.is_empty(), "{}: a staff route lists its roles; an empty list would admit no one", route.function);
        }
    }
}
