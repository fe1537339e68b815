//! One place for each fact: the routes declared in code are the routes of the SAM template, of the local
//! gateway and of the OpenAPI document; every function has a binary, a template entry and event samples.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use portico::http::Access;
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn template() -> Value {
    let text = std::fs::read_to_string(root().join("infra/template.yaml")).unwrap_or_else(|e| panic!("infra/template.yaml: {e}"));
    let yaml: serde_norway::Value = serde_norway::from_str(&text).unwrap_or_else(|e| panic!("template is not YAML: {e}"));
    serde_json::to_value(untag(yaml)).unwrap_or_default()
}

/// CloudFormation's short tags (`!Ref`, `!Sub`) become `{ "Ref": ... }`-like maps, enough to read the
/// template's structure.
fn untag(value: serde_norway::Value) -> serde_norway::Value {
    use serde_norway::Value as Y;
    match value {
        Y::Tagged(tagged) => {
            let mut map = serde_norway::Mapping::new();
            map.insert(Y::String(tagged.tag.to_string().trim_start_matches('!').to_string()), untag(tagged.value));
            Y::Mapping(map)
        }
        Y::Sequence(items) => Y::Sequence(items.into_iter().map(untag).collect()),
        Y::Mapping(map) => Y::Mapping(map.into_iter().map(|(k, v)| (k, untag(v))).collect()),
        other => other,
    }
}

fn authorizer(access: Access) -> &'static str {
    match access {
        Access::Patient => "PatientAuthorizer",
        Access::Staff(_) => "StaffAuthorizer",
        Access::Public | Access::Webhook => "NONE",
    }
}

fn binaries() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for capability in std::fs::read_dir(root().join("functions")).into_iter().flatten().flatten() {
        for bin in std::fs::read_dir(capability.path().join("src/bin")).into_iter().flatten().flatten() {
            if let Some(name) = bin.path().file_stem().and_then(|s| s.to_str()) {
                found.insert(name.to_string());
            }
        }
    }
    found
}

#[test]
fn the_template_the_gateway_and_the_code_declare_the_same_routes() {
    let template = template();
    let resources = template["Resources"].as_object().cloned().unwrap_or_default();
    let mut template_routes = BTreeSet::new();
    let mut template_functions = BTreeSet::new();
    for (logical_id, resource) in &resources {
        if resource["Type"] != "AWS::Serverless::Function" {
            continue;
        }
        let binary = resource["Metadata"]["BuildProperties"]["Binary"].as_str().unwrap_or_default().to_string();
        assert_eq!(logical_id, &portico::http::route::logical_id(&binary), "logical id of {binary}");
        assert_eq!(resource["Metadata"]["BuildMethod"], "rust-cargolambda", "{binary}");
        template_functions.insert(binary.clone());
        if let Some(api) = resource["Properties"]["Events"].get("Api") {
            let properties = &api["Properties"];
            assert_eq!(api["Type"], "HttpApi", "{binary}");
            template_routes.insert((
                properties["Method"].as_str().unwrap_or_default().to_uppercase(),
                properties["Path"].as_str().unwrap_or_default().to_string(),
                binary.clone(),
                properties["Auth"]["Authorizer"].as_str().unwrap_or_default().to_string(),
            ));
        }
    }
    let declared: BTreeSet<_> = portico_local::declared_routes()
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string(), r.function.to_string(), authorizer(r.access).to_string()))
        .collect();
    assert_eq!(template_routes, declared, "infra/template.yaml and the code declare the same routes, functions and authorizers");

    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let app = runtime
        .block_on(portico_local::build(
            portico_local::LocalOptions {
                data_dir: dir.path().to_path_buf(),
                bind: ([127, 0, 0, 1], 0).into(),
                clock: std::sync::Arc::new(portico::clock::SystemClock),
                backend: portico_local::Backend::Embedded,
                sign_in_floor: std::time::Duration::ZERO,
                print_outbox: false,
                web_dir: None,
                seed: false,
                auto_pump: false,
                sns_cert_prefixes: Vec::new(),
            },
            3000,
        ))
        .unwrap();
    let mounted: BTreeSet<_> = app
        .routes
        .iter()
        .map(|(r, _)| (r.method.to_string(), r.path.to_string(), r.function.to_string(), authorizer(r.access).to_string()))
        .collect();
    assert_eq!(mounted, declared, "the local gateway mounts every declared route, once");
    assert_eq!(app.routes.len(), declared.len(), "no route is mounted twice");

    let triggers: BTreeSet<String> = portico_local::routeless_functions().iter().map(|t| t.to_string()).collect();
    let functions: BTreeSet<String> = declared.iter().map(|r| r.2.clone()).chain(triggers).collect();
    assert_eq!(template_functions, functions, "the template has one function per route and trigger");
    assert_eq!(binaries(), functions, "functions/*/src/bin has one binary per function");
    for function in &functions {
        let samples = std::fs::read_dir(root().join("events").join(function)).map(|d| d.count()).unwrap_or(0);
        assert!(samples > 0, "events/{function}/ holds sample events");
    }
}

#[test]
fn the_openapi_document_is_generated_from_the_code_and_current() {
    let generated = serde_json::to_string_pretty(&portico_local::openapi().unwrap()).unwrap() + "\n";
    let path = root().join("infra/openapi.json");
    if std::env::var("UPDATE_OPENAPI").is_ok() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "infra/openapi.json is stale: run `make openapi` (UPDATE_OPENAPI=1 cargo test -p portico-tests openapi)"
    );
    let document: Value = serde_json::from_str(&generated).unwrap_or_default();
    assert_eq!(document["openapi"].as_str().map(|v| v.starts_with("3.1")), Some(true), "OpenAPI 3.1");
    let mut documented = BTreeSet::new();
    for (path, item) in document["paths"].as_object().into_iter().flatten() {
        for method in item.as_object().into_iter().flatten().map(|(m, _)| m.to_uppercase()) {
            documented.insert((method, path.clone()));
        }
    }
    let declared: BTreeSet<_> = portico_local::declared_routes().iter().map(|r| (r.method.to_string(), r.path.to_string())).collect();
    assert_eq!(documented, declared, "the OpenAPI document describes exactly the declared routes");
}

#[test]
fn idempotency_records_outlive_every_queue_and_dead_letter_queue() {
    let template = template();
    let longest = template["Resources"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, r)| r["Type"] == "AWS::SQS::Queue")
        .filter_map(|(_, r)| r["Properties"]["MessageRetentionPeriod"].as_i64())
        .max()
        .unwrap_or_default();
    assert!(longest > 0, "the template's queues state their retention");
    assert!(
        portico::idempotency::window().num_seconds() > longest,
        "a message redriven on its last day must still find its idempotency record"
    );
}

/// Functions' policies: which managed policies and inline statements each function's role carries.
fn function_policies(template: &Value) -> Vec<(String, Value, Value)> {
    template["Resources"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, r)| r["Type"] == "AWS::Serverless::Function")
        .map(|(name, r)| (name.clone(), r["Properties"]["Policies"].clone(), r["Properties"]["Environment"]["Variables"].clone()))
        .collect()
}

fn refs(policies: &Value) -> Vec<String> {
    policies.as_array().into_iter().flatten().filter_map(|p| p["Ref"].as_str().map(str::to_string)).collect()
}

/// No function can change or remove an audit event: the audit table is written through one policy that
/// grants PutItem on it and nothing else; one other policy lets the audit review functions, and only
/// them, Query it; no other statement names it.
#[test]
fn the_audit_trail_is_append_only_for_every_function() {
    let template = template();
    let resources = template["Resources"].as_object().cloned().unwrap_or_default();
    let write = &resources["AuditWritePolicy"]["Properties"]["PolicyDocument"]["Statement"];
    let on_audit: Vec<&Value> =
        write.as_array().into_iter().flatten().filter(|s| s["Resource"].to_string().contains("AuditTable")).collect();
    assert_eq!(on_audit.len(), 1, "one statement on the audit table");
    assert_eq!(on_audit[0]["Action"], "dynamodb:PutItem", "and it only adds");
    let read = &resources["AuditReadPolicy"]["Properties"]["PolicyDocument"]["Statement"];
    let reads: Vec<&Value> = read.as_array().into_iter().flatten().filter(|s| s["Resource"].to_string().contains("AuditTable")).collect();
    assert_eq!(reads.len(), 1, "one read statement on the audit table");
    assert_eq!(reads[0]["Action"], "dynamodb:Query", "and it only reads");
    for (name, resource) in &resources {
        if name == "AuditWritePolicy" || name == "AuditReadPolicy" || name == "AuditTable" {
            continue;
        }
        let text = resource.to_string();
        assert!(!text.contains("AuditTable.Arn") && !text.contains("\"AuditTable\",\"Arn\""), "{name} grants something on the audit table");
    }
    for (function, policies, variables) in function_policies(&template) {
        let writes_audit = variables.get("AUDIT_TABLE_NAME").is_some();
        assert_eq!(refs(&policies).contains(&"AuditWritePolicy".to_string()), writes_audit, "{function}: audit access iff it audits");
        let reviews = function.starts_with("StaffAudit") || function == "PortalAccessLogGetFunction";
        assert_eq!(refs(&policies).contains(&"AuditReadPolicy".to_string()), reviews, "{function}: reads the trail iff it reviews it");
    }
}

/// Secrets are read at cold start by the functions that use them, through a policy for each secret;
/// their values never sit in a function's configuration.
#[test]
fn each_function_reads_only_the_secrets_it_uses() {
    let template = template();
    for (function, policies, variables) in function_policies(&template) {
        let text = variables.to_string();
        assert!(!text.contains("resolve:secretsmanager"), "{function}: a secret's value in its configuration");
        let policies = refs(&policies);
        for (variable, policy) in [
            ("HASH_KEY_SECRET_ARN", "HashKeyReadPolicy"),
            ("TWILIO_AUTH_TOKEN_SECRET_ARN", "TwilioTokenReadPolicy"),
            ("CDN_ORIGIN_SECRET_ARN", "CdnOriginReadPolicy"),
        ] {
            assert_eq!(
                variables.get(variable).is_some(),
                policies.contains(&policy.to_string()),
                "{function}: {policy} exactly when it is given {variable}"
            );
        }
    }
}

/// The API answers only on its custom domains (the practice hosts' wildcard behind the CDN, and the
/// optional ApiDomainName); in prod, WAF limits clients at the CDN and at the identity pools.
#[test]
fn the_api_is_reachable_only_through_its_protections() {
    let template = template();
    let api = &template["Resources"]["HttpApi"]["Properties"];
    assert_eq!(api["DisableExecuteApiEndpoint"], true, "every way in is a custom domain, so the execute-api address is off");
    let distribution = &template["Resources"]["WebDistribution"]["Properties"]["DistributionConfig"];
    assert_eq!(
        distribution["WebACLId"],
        serde_json::json!({ "If": ["IsProd", { "GetAtt": "EdgeWebAcl.Arn" }, { "Ref": "AWS::NoValue" }] }),
        "the edge web ACL guards the practice hosts in prod"
    );
    for acl in ["EdgeWebAcl", "IdentityWebAcl"] {
        let resource = &template["Resources"][acl];
        assert_eq!(resource["Condition"], "IsProd", "{acl} in prod");
        let rules = resource["Properties"]["Rules"].as_array().cloned().unwrap_or_default();
        assert!(rules.iter().all(|r| r["Statement"]["RateBasedStatement"]["AggregateKeyType"] == "IP"), "{acl}: per-client rate rules");
    }
    // Behind the CDN the API's source address is an edge server's: the CDN adds the origin secret, and
    // only with it is the viewer address it forwards the client's (portico::http::viewer).
    let origins = distribution["Origins"].as_array().cloned().unwrap_or_default();
    let api_origin = origins.iter().find(|o| o["Id"] == "api").cloned().unwrap_or_default();
    let header = &api_origin["OriginCustomHeaders"][0];
    assert_eq!(header["HeaderName"].as_str().map(str::to_lowercase).as_deref(), Some(portico::http::viewer::ORIGIN_HEADER));
    assert!(header["HeaderValue"].to_string().contains("resolve:secretsmanager:${CdnOriginSecret}"), "the value is the secret's");
    for pool in ["PatientPool", "StaffPool"] {
        let associated = template["Resources"]
            .as_object()
            .into_iter()
            .flatten()
            .any(|(_, r)| r["Type"] == "AWS::WAFv2::WebACLAssociation" && r["Properties"]["ResourceArn"].to_string().contains(pool));
        assert!(associated, "{pool} is behind the identity web ACL");
    }
}

/// CloudFront's managed policies, by their documented ids.
const CACHING_DISABLED: &str = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
const CACHING_OPTIMIZED: &str = "658327ea-f89d-4fab-a63d-7e88639e58f6";
/// Every header, cookie and query string the viewer sent, Host included (the API finds the practice
/// from the host, and API Gateway's wildcard domain matches it), and CloudFront's headers, among them
/// CloudFront-Viewer-Address (AllViewerAndCloudFrontHeaders-2022-06).
const ALL_VIEWER: &str = "33f36d7e-f396-46d9-90e0-52428a34d9dc";

/// The API's path prefixes: the first segment of every documented path except the greedy preflight route
/// (`/{proxy+}`), which answers under those prefixes. The local gateway draws the same line.
fn api_prefixes() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("infra/openapi.json")).unwrap_or_else(|e| panic!("infra/openapi.json: {e}"));
    let document: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("infra/openapi.json is not JSON: {e}"));
    document["paths"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(path, _)| path.as_str())
        .filter(|path| !path.starts_with("/{"))
        .filter_map(|path| path.split('/').nth(1).map(|segment| format!("/{segment}")))
        .collect()
}

/// The id of the distribution's origin whose domain is `!GetAtt <attribute>`.
fn origin_id(distribution: &Value, attribute: &str) -> String {
    let origin = distribution["Origins"].as_array().into_iter().flatten().find(|o| o["DomainName"]["GetAtt"] == attribute);
    let id = origin.and_then(|o| o["Id"].as_str());
    id.unwrap_or_else(|| panic!("the distribution has an origin at {attribute}")).to_string()
}

fn path_pattern(behaviour: &Value) -> &str {
    behaviour["PathPattern"].as_str().unwrap_or_default()
}

fn behaviour<'a>(behaviours: &[&'a Value], pattern: &str) -> &'a Value {
    behaviours.iter().copied().find(|b| path_pattern(b) == pattern).unwrap_or_else(|| panic!("no cache behaviour for {pattern}"))
}

/// A patient on `<slug>.<PortalDomain>` gets the apps from the bucket, and every API path reaches the API
/// uncached with the practice's host, on the one wildcard both CloudFront and API Gateway answer.
#[test]
fn the_practice_hosts_serve_the_apps_and_forward_every_api_path() {
    let template = template();
    let resources = &template["Resources"];
    let distribution = &resources["WebDistribution"]["Properties"]["DistributionConfig"];
    let api = origin_id(distribution, "PortalApiDomain.RegionalDomainName");
    let web = origin_id(distribution, "WebBucket.RegionalDomainName");
    let behaviours: Vec<&Value> = distribution["CacheBehaviors"].as_array().into_iter().flatten().collect();

    let prefixes = api_prefixes();
    assert!(prefixes.contains("/auth") && prefixes.contains("/portal"), "the API's prefixes come from infra/openapi.json: {prefixes:?}");
    let every_method: BTreeSet<&str> = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"].into();
    for prefix in &prefixes {
        let pattern = format!("{prefix}/*");
        let to_api = behaviour(&behaviours, &pattern);
        assert_eq!(to_api["TargetOriginId"], api.as_str(), "{pattern} goes to the API, not the web bucket");
        assert_eq!(to_api["CachePolicyId"], CACHING_DISABLED, "{pattern}: API answers are never cached");
        assert_eq!(to_api["OriginRequestPolicyId"], ALL_VIEWER, "{pattern}: the viewer's Host (and all else it sent) is forwarded");
        let methods: BTreeSet<&str> = to_api["AllowedMethods"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        assert_eq!(methods, every_method, "{pattern} allows every method");
        assert!(to_api.get("ResponseHeadersPolicyId").is_none(), "{pattern}: API answers keep the headers the API sets");
    }
    let forwarded: BTreeSet<String> =
        behaviours.iter().filter(|b| b["TargetOriginId"] == api.as_str()).map(|b| path_pattern(b).to_string()).collect();
    let expected: BTreeSet<String> = prefixes.iter().map(|prefix| format!("{prefix}/*")).collect();
    assert_eq!(forwarded, expected, "exactly the API's prefixes go to the API");

    // The rest is the web apps: pages uncached, app routes mapped to their app's page, hashed assets kept.
    let default = &distribution["DefaultCacheBehavior"];
    assert_eq!(default["TargetOriginId"], web.as_str(), "the default behaviour serves the web apps");
    assert_eq!(default["CachePolicyId"], CACHING_DISABLED, "pages are not cached, so a deploy shows at once");
    let routes = default["FunctionAssociations"].as_array().cloned().unwrap_or_default();
    assert!(
        routes.iter().any(|f| f["EventType"] == "viewer-request" && f["FunctionARN"]["GetAtt"] == "WebPageRoutes.FunctionARN"),
        "app routes get their app's index.html, as the local gateway serves them"
    );
    for pattern in ["/assets/*", "/console/assets/*"] {
        let assets = behaviour(&behaviours, pattern);
        assert_eq!(assets["TargetOriginId"], web.as_str(), "{pattern} comes from the web bucket");
        assert_eq!(assets["CachePolicyId"], CACHING_OPTIMIZED, "{pattern}: content-hashed assets are cached");
    }
    let web_behaviours = std::iter::once(default).chain(behaviours.iter().copied().filter(|b| b["TargetOriginId"] == web.as_str()));
    for served in web_behaviours {
        let name = served["PathPattern"].as_str().unwrap_or("default");
        assert_eq!(served["ResponseHeadersPolicyId"], serde_json::json!({ "Ref": "WebHeadersPolicy" }), "{name}: the pages' headers");
    }

    // One wildcard: the distribution answers on exactly the hosts the API's domain accepts.
    let wildcard = serde_json::json!({ "Sub": "*.${PortalDomain}" });
    assert_eq!(distribution["Aliases"][0], wildcard, "the distribution answers on every practice's subdomain");
    let api_domain = &resources["PortalApiDomain"];
    assert_eq!(api_domain["Properties"]["DomainName"], wildcard, "the API's domain is the distribution's wildcard");
    assert!(api_domain.get("Condition").is_none(), "the API's wildcard domain exists in every deployment");
    let mapping = &resources["PortalApiMapping"]["Properties"];
    assert_eq!(mapping["DomainName"], serde_json::json!({ "Ref": "PortalApiDomain" }), "the wildcard domain is mapped");
    assert_eq!(mapping["ApiId"], serde_json::json!({ "Ref": "HttpApi" }), "to the HTTP API");
}

/// CloudFront gives the pages the headers the local gateway gives them: its page policy (plus the upload
/// bucket, which only AWS has) and the security headers every local answer carries.
#[test]
fn the_pages_carry_the_local_gateways_headers_in_aws() {
    let template = template();
    let config = &template["Resources"]["WebHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"];
    let security = &config["SecurityHeadersConfig"];

    // Locally uploads and downloads use the gateway's own origin; in AWS their presigned URLs are the
    // upload bucket's (portico::blobs::S3Blobs), which the apps reach with XMLHttpRequest and fetch, and
    // the console trades its sign-in code at the staff pool's hosted sign-in (locally: the gateway).
    let upload_origin =
        "https://${UploadBucket}.s3.${AWS::Region}.${AWS::URLSuffix} https://${StaffSignInDomain}.auth.${AWS::Region}.amazoncognito.com";
    assert!(
        portico_local::PAGE_POLICY.contains("connect-src 'self';"),
        "the page policy names connect-src: {}",
        portico_local::PAGE_POLICY
    );
    // Stripe.js and its Payment Element's frames come from Stripe in AWS (locally the stand-in's
    // Stripe.js is the gateway's own).
    let expected = portico_local::PAGE_POLICY
        .replacen("script-src 'self'", "script-src 'self' https://js.stripe.com https://*.js.stripe.com", 1)
        .replacen("connect-src 'self'", &format!("connect-src 'self' https://api.stripe.com {upload_origin}"), 1)
        .replacen(
            "frame-ancestors",
            "frame-src https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com; frame-ancestors",
            1,
        );
    assert_eq!(
        security["ContentSecurityPolicy"]["ContentSecurityPolicy"],
        serde_json::json!({ "Sub": expected }),
        "the template's page policy is PAGE_POLICY with Stripe, the upload bucket and the staff sign-in"
    );

    let mut sent_locally = lambda_http::http::HeaderMap::new();
    portico::http::headers::secure(&mut sent_locally);
    let local = |name: &str| sent_locally.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let hsts = &security["StrictTransportSecurity"];
    let mut sent = format!("max-age={}", hsts["AccessControlMaxAgeSec"]);
    if hsts["IncludeSubdomains"] == true {
        sent.push_str("; includeSubDomains");
    }
    if hsts["Preload"] == true {
        sent.push_str("; preload");
    }
    assert_eq!(sent, local("strict-transport-security"), "HSTS");
    assert_eq!(local("x-content-type-options"), "nosniff", "CloudFront's ContentTypeOptions sends nosniff");
    assert_eq!(security["FrameOptions"]["FrameOption"], local("x-frame-options"), "X-Frame-Options");
    assert_eq!(security["ReferrerPolicy"]["ReferrerPolicy"], local("referrer-policy"), "Referrer-Policy");
    for header in ["StrictTransportSecurity", "ContentTypeOptions", "FrameOptions", "ReferrerPolicy", "ContentSecurityPolicy"] {
        assert_eq!(security[header]["Override"], true, "{header} replaces whatever the bucket sent");
    }
    let custom = config["CustomHeadersConfig"]["Items"].as_array().cloned().unwrap_or_default();
    let opener = custom.iter().find(|h| h["Header"] == "Cross-Origin-Opener-Policy").map(|h| h["Value"].clone());
    assert_eq!(opener, Some(Value::String(local("cross-origin-opener-policy"))), "Cross-Origin-Opener-Policy");
}

/// Staff sign in to the console through the staff pool's hosted sign-in: the settings the console is
/// given name the pool's domain, the console's client and the one callback and sign-out address the
/// client registers (on the reserved `signin` host); the pages may reach the domain's token endpoint;
/// the API accepts the console client's tokens; no practice can take the `signin` host.
#[test]
fn the_console_signs_staff_in_through_the_hosted_sign_in_its_settings_name() {
    let template = template();
    let resources = &template["Resources"];
    let client = &resources["StaffConsoleClient"]["Properties"];
    assert_eq!(client["UserPoolId"]["Ref"], "StaffPool");
    assert_eq!(client["AllowedOAuthFlows"], serde_json::json!(["code"]), "authorization code (with PKCE), never implicit");
    assert_eq!(client["GenerateSecret"], false, "a browser client holds no secret");
    let callback = client["CallbackURLs"][0]["Sub"].as_str().unwrap_or_default();
    let sign_out = client["LogoutURLs"][0]["Sub"].as_str().unwrap_or_default();
    assert_eq!(callback, "https://signin.${PortalDomain}/console/callback");
    assert_eq!(sign_out, "https://signin.${PortalDomain}/console/signed-out");
    let settings = template["Outputs"]["ConsoleSettings"]["Value"]["Sub"][0].as_str().unwrap_or_default();
    for needed in [
        format!("\"redirectUri\":\"{callback}\""),
        format!("\"logoutUri\":\"{sign_out}\""),
        "\"domain\":\"https://${StaffSignInDomain}.auth.${AWS::Region}.amazoncognito.com\"".to_string(),
        "\"clientId\":\"${Client}\"".to_string(),
    ] {
        assert!(settings.contains(&needed), "the console's settings name {needed}: {settings}");
    }
    let csp = resources["WebHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]["ContentSecurityPolicy"]
        ["ContentSecurityPolicy"]["Sub"]
        .as_str()
        .unwrap_or_default();
    assert!(csp.contains("https://${StaffSignInDomain}.auth.${AWS::Region}.amazoncognito.com"), "the token endpoint is reachable: {csp}");
    let audience = resources["HttpApi"]["Properties"]["Auth"]["Authorizers"]["StaffAuthorizer"]["JwtConfiguration"]["audience"].to_string();
    assert!(audience.contains("StaffConsoleClient"), "the API accepts the console's tokens: {audience}");
    assert!(!portico::directory::practices::is_valid_slug("signin"), "the sign-in host is no practice's");
    let publish = std::fs::read_to_string(root().join("infra/publish-web.sh")).unwrap_or_default();
    assert!(publish.contains("output ConsoleSettings") && publish.contains("console/settings.json"), "make deploy publishes the settings");
}

/// The functions that release an address claim (a patient confirming a new address, staff correcting
/// one) delete an item in their transaction: without the delete policy, AWS refuses the whole change,
/// which the embedded store, having no IAM, would never show.
#[test]
fn the_functions_that_move_address_claims_may_delete_the_old_one() {
    let template = template();
    for function in ["PortalContactVerifyFunction", "StaffPatientsUpdateFunction", "StaffBillingAccountPutFunction"] {
        let policies = refs(&template["Resources"][function]["Properties"]["Policies"]);
        assert!(policies.contains(&"TableDeletePolicy".to_string()), "{function} releases the old address's claim: {policies:?}");
    }
}

/// Every signed-in request may touch its session (at most once a minute, reads included), so every
/// function behind an authorizer may write the table: without it, AWS refuses the touch and a read
/// screen fails a minute after the last request, which the embedded store, having no IAM, never shows.
#[test]
fn every_signed_in_function_may_touch_its_session() {
    let template = template();
    let resources = template["Resources"].as_object().unwrap();
    let mut missing = Vec::new();
    for (name, resource) in resources {
        let api = &resource["Properties"]["Events"]["Api"]["Properties"];
        let authorizer = api["Auth"]["Authorizer"].as_str().unwrap_or("NONE");
        if resource["Type"] != "AWS::Serverless::Function" || api.is_null() || authorizer == "NONE" {
            continue;
        }
        if !refs(&resource["Properties"]["Policies"]).contains(&"TableWritePolicy".to_string()) {
            missing.push(name.clone());
        }
    }
    assert!(missing.is_empty(), "signed-in functions without TableWritePolicy: {missing:?}");
}
