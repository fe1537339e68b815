//! The same flows on the AWS adapters against the emulator: DynamoDB for the table, SES for mail, and
//! the Cognito adapter's account management.

use aws_sdk_cognitoidentityprovider::types::{AttributeType, AuthFlowType, ExplicitAuthFlowsType, SchemaAttributeType};
use portico::config::PatientPoolConfig;
use portico::identity::{CognitoIdentity, IdentityError, IdentityProvider as _};
use portico::ids::{PatientId, PracticeId};
use portico_tests::{problem, session_from, spawn_on_emulator};

use reqwest::Method;
use serde_json::{Value, json};

/// What SES on the emulator received for `to`. The emulator's dump of its state fails (500) while any
/// multipart upload holds an uploaded part (the S3 export test, running alongside), so it is asked again
/// until it answers.
async fn ses_bodies(to: &str) -> Vec<String> {
    let url = format!("{}/moto-api/data.json", portico_tests::emulator::emulator().url);
    let mut data = Value::Null;
    for _ in 0..100 {
        let response = reqwest::get(&url).await.unwrap();
        if response.status().is_success() {
            data = response.json().await.unwrap_or_default();
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    data["ses"]["Message"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["destinations"]["ToAddresses"].as_array().is_some_and(|a| a.iter().any(|d| d == to)))
        .filter_map(|m| m["body"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enrolment_invitation_sign_in_and_portal_screens_run_on_dynamodb_and_ses() {
    let app = spawn_on_emulator().await;
    let staff = app.admin_token().await;
    let created = app
        .request(Method::POST, "/staff/patients")
        .bearer_auth(&staff)
        .json(&json!({ "given_name": "Eve", "family_name": "Moss", "date_of_birth": "1991-05-06", "email": "eve.moss@example.com" }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    let eve: Value = created.json().await.unwrap_or_default();
    let id = eve["patient_id"].as_str().unwrap_or_default().to_string();
    let invited =
        app.request(Method::POST, &format!("/staff/patients/{id}/invite")).bearer_auth(&staff).json(&json!({})).send().await.unwrap();
    assert_eq!(invited.status(), 202);
    let token = app.last_invitation_token("eve.moss@example.com");
    assert!(ses_bodies("eve.moss@example.com").await.iter().any(|b| b.contains(&token)), "SES on the emulator received the invitation");
    let session = session_from(app.post_json("/auth/link", json!({ "token": token })).await).await;
    problem(app.post_json("/auth/link", json!({ "token": token })).await, 401).await;

    let call = |method: Method, path: &'static str, body: Option<Value>| {
        let mut request = app.request(method, path).bearer_auth(&session.access);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send()
    };
    let me: Value = call(Method::GET, "/portal/me", None).await.unwrap().json().await.unwrap_or_default();
    assert_eq!(me["family_name"], "Moss");
    let patched = call(Method::PATCH, "/portal/me", Some(json!({ "preferred_name": "Evie" }))).await.unwrap();
    assert_eq!(patched.status(), 200);
    let consent =
        call(Method::PUT, "/portal/consents", Some(json!({ "kind": "privacy_notice", "version": 1, "decision": "accept" }))).await.unwrap();
    let consents: Value = consent.json().await.unwrap_or_default();
    assert_eq!(consents["history"].as_array().map(Vec::len), Some(1));
    let prefs = json!({
        "time_zone": "America/Chicago",
        "email": { "appointment_reminders": true, "messages": true, "billing": false, "marketing": false },
        "sms": { "appointment_reminders": false, "messages": false, "billing": false, "marketing": false },
        "quiet_hours": null,
    });
    let saved: Value = call(Method::PUT, "/portal/preferences", Some(prefs.clone())).await.unwrap().json().await.unwrap_or_default();
    assert_eq!(saved, prefs);
    let search: Value =
        app.request(Method::GET, "/staff/patients?query=Moss").bearer_auth(&staff).send().await.unwrap().json().await.unwrap_or_default();
    assert_eq!(search["patients"][0]["given_name"], "Eve", "the name index works on DynamoDB");

    let logout = app
        .request(Method::POST, "/auth/logout")
        .header("cookie", format!("__Host-portico_refresh={}", session.refresh))
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), 204);
    problem(call(Method::GET, "/portal/me", None).await.unwrap(), 401).await;

    // Codes by email, limits and single use on DynamoDB.
    let ann = app.sign_in("ann@example.com").await;
    assert!(ses_bodies("ann@example.com").await.iter().any(|b| b.contains("sign-in code")));
    assert_eq!(app.request(Method::GET, "/portal/me").bearer_auth(&ann.access).send().await.map(|r| r.status().as_u16()).unwrap_or(0), 200);
    assert_eq!(app.start_code("email", "ann@example.com").await.status(), 202);
    problem(app.start_code("email", "ann@example.com").await, 429).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_invitation_has_one_winner_on_dynamodb() {
    let app = spawn_on_emulator().await;
    let staff = app.admin_token().await;
    let ben = app.ben().patient_id.to_string();
    app.request(Method::POST, &format!("/staff/patients/{ben}/invite")).bearer_auth(&staff).json(&json!({})).send().await.unwrap();
    let token = app.last_invitation_token("ben@example.com");
    let results = futures::future::join_all((0..20).map(|_| app.post_json("/auth/link", json!({ "token": token })))).await;
    assert_eq!(results.iter().filter(|r| r.status() == 200).count(), 1, "exactly one redemption succeeds on DynamoDB");
}

#[tokio::test]
async fn the_cognito_adapter_manages_patient_accounts_on_the_emulator() {
    let sdk = portico_tests::emulator::sdk_config().await;
    let cognito = aws_sdk_cognitoidentityprovider::Client::new(&sdk);
    let custom = |name: &str| SchemaAttributeType::builder().name(name).attribute_data_type("String".into()).mutable(false).build();
    let pool = cognito
        .create_user_pool()
        .pool_name(portico_tests::emulator::table_name("patients"))
        .schema(custom("practice_id"))
        .schema(custom("patient_id"))
        .send()
        .await
        .unwrap();
    let pool_id = pool.user_pool().and_then(|p| p.id()).unwrap_or_default().to_string();
    let client = cognito
        .create_user_pool_client()
        .user_pool_id(&pool_id)
        .client_name("portal")
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowAdminUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .send()
        .await
        .unwrap();
    let client_id = client.user_pool_client().and_then(|c| c.client_id()).unwrap_or_default().to_string();
    let adapter = CognitoIdentity::new(&sdk, PatientPoolConfig { user_pool_id: pool_id.clone(), client_id: client_id.clone() });
    let now = chrono::Utc::now();
    let (practice, patient) = (PracticeId::generate(now), PatientId::generate(now));

    adapter.create_patient_user(&practice, &patient).await.unwrap();
    adapter.create_patient_user(&practice, &patient).await.unwrap_or_else(|e| panic!("creating twice is harmless: {e}"));
    let user = cognito.admin_get_user().user_pool_id(&pool_id).username(patient.as_str()).send().await.unwrap();
    let attribute =
        |name: &str| user.user_attributes().iter().find(|a: &&AttributeType| a.name() == name).and_then(|a| a.value()).map(str::to_string);
    assert_eq!(attribute("custom:practice_id").as_deref(), Some(practice.as_str()));
    assert_eq!(attribute("custom:patient_id").as_deref(), Some(patient.as_str()));

    // The emulator cannot run custom-auth triggers; a password sign-in stands in to obtain a refresh token.
    cognito
        .admin_set_user_password()
        .user_pool_id(&pool_id)
        .username(patient.as_str())
        .password("Em-ulat0r!pass")
        .permanent(true)
        .send()
        .await
        .unwrap();
    let signed = cognito
        .admin_initiate_auth()
        .user_pool_id(&pool_id)
        .client_id(&client_id)
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", patient.as_str())
        .auth_parameters("PASSWORD", "Em-ulat0r!pass")
        .send()
        .await
        .unwrap();
    let refresh =
        secrecy::SecretString::from(signed.authentication_result().and_then(|r| r.refresh_token()).unwrap_or_default().to_string());
    let tokens = adapter.refresh(&refresh).await.unwrap_or_else(|e| panic!("refresh through the adapter: {e}"));
    assert!(secrecy::ExposeSecret::expose_secret(&tokens.access).len() > 20);

    adapter.set_patient_enabled(&patient, false).await.unwrap();
    let user = cognito.admin_get_user().user_pool_id(&pool_id).username(patient.as_str()).send().await.unwrap();
    assert!(!user.enabled(), "disabled in the pool");
    assert!(matches!(adapter.refresh(&refresh).await, Err(IdentityError::NotAuthorized)), "a disabled user's refresh token is signed out");
    adapter.set_patient_enabled(&patient, true).await.unwrap();
    let user = cognito.admin_get_user().user_pool_id(&pool_id).username(patient.as_str()).send().await.unwrap();
    assert!(user.enabled());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_notifications_and_attachments_run_on_sqs_and_s3() {
    use crate::attachments::{PDF, fetch, upload};
    let app = spawn_on_emulator().await;
    let ann = app.sign_in("ann@example.com").await;
    app.consent(&ann, "sms_messages").await;
    let staff = app.admin_token().await;
    let ann_id = app.ann().patient_id.to_string();
    let before = app.texts_to("+15555550101").len();
    app.call_ok(
        &staff,
        Method::POST,
        &format!("/staff/patients/{ann_id}/threads"),
        Some(json!({ "topic": "clinical", "subject": "Results", "body": "All normal" })),
        201,
    )
    .await;
    let mut handled = 0;
    for _ in 0..20 {
        handled += app.pump().await;
        if app.texts_to("+15555550101").len() > before {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(handled >= 1, "the relay put the event on SQS and the worker received it");
    assert_eq!(app.texts_to("+15555550101").len(), before + 1, "the notification went out through SQS");

    // Uploads go to S3 by presigned POST; the completion waits for GuardDuty's tag.
    let sdk = portico_tests::emulator::sdk_config().await;
    let s3 = aws_sdk_s3::Client::from_conf(aws_sdk_s3::config::Builder::from(&sdk).force_path_style(true).build());
    let bucket = format!("{}-uploads", app.emulator_table.clone().unwrap_or_default());
    // The upload key, which the browser writes and GuardDuty tags.
    let key = |id: &str| {
        portico_messaging::keys::attachment_upload(
            &app.practice().id,
            &app.ann().patient_id,
            &portico::ids::AttachmentId::parse(id).unwrap_or_else(|| panic!("id")),
        )
    };
    let tag = |id: String, status: &'static str| {
        let (s3, bucket, key) = (s3.clone(), bucket.clone(), key(&id));
        async move {
            let tagging = aws_sdk_s3::types::Tagging::builder()
                .tag_set(aws_sdk_s3::types::Tag::builder().key("GuardDutyMalwareScanStatus").value(status).build().unwrap())
                .build()
                .unwrap();
            s3.put_object_tagging()
                .bucket(bucket)
                .key(key)
                .tagging(tagging)
                .send()
                .await
                .unwrap_or_else(|e| panic!("{}", aws_sdk_s3::error::DisplayErrorContext(e)));
        }
    };
    let (id, status) = upload(&app, &ann, "report.pdf", "application/pdf", PDF).await;
    assert!((200..300).contains(&status), "S3 took the upload: {status}");
    let complete = |id: String| {
        let (app, token) = (&app, ann.access.clone());
        async move { app.call(&token, Method::POST, &format!("/portal/attachments/{id}/complete"), None).await }
    };
    problem(complete(id.clone()).await, 409).await;
    tag(id.clone(), "NO_THREATS_FOUND").await;
    let ready: Value = complete(id.clone()).await.json().await.unwrap_or_default();
    assert_eq!((ready["state"].as_str(), ready["scan"].as_str()), (Some("ready"), Some("guardduty:NO_THREATS_FOUND")));
    let link = app.call_ok(&ann.access, Method::GET, &format!("/portal/attachments/{id}"), None, 200).await;
    let url = link["url"].as_str().unwrap_or_default();
    let (status, disposition, bytes) = fetch(&app, url).await;
    assert_eq!((status, bytes.as_slice()), (200, PDF), "the presigned GET serves the file");
    assert_eq!(disposition, "attachment", "served as a download, without the file's name: {disposition}");
    assert!(!url.contains("report"), "the file's name stays out of the URL: {url}");
    assert!(s3.head_object().bucket(&bucket).key(key(&id)).send().await.is_err(), "the checked upload was promoted, not copied");
    let served = portico_messaging::keys::attachment_object(
        &app.practice().id,
        &app.ann().patient_id,
        &portico::ids::AttachmentId::parse(&id).unwrap_or_else(|| panic!("id")),
    );
    let promoted = s3
        .head_object()
        .bucket(&bucket)
        .key(&served)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{}", aws_sdk_s3::error::DisplayErrorContext(e)));
    assert_eq!(promoted.server_side_encryption(), Some(&aws_sdk_s3::types::ServerSideEncryption::AwsKms), "still encrypted with KMS");
    assert_eq!(promoted.content_type(), Some("application/pdf"));

    let (infected, _) = upload(&app, &ann, "scan.pdf", "application/pdf", PDF).await;
    tag(infected.clone(), "THREATS_FOUND").await;
    problem(complete(infected.clone()).await, 422).await;
    assert!(s3.head_object().bucket(&bucket).key(key(&infected)).send().await.is_err(), "an infected file is deleted");
    problem(app.call(&ann.access, Method::GET, &format!("/portal/attachments/{infected}"), None).await, 404).await;

    crate::attachments::a_reused_upload_form_cannot_replace_a_checked_file(&app, async |id: &str| {
        tag(id.to_string(), "NO_THREATS_FOUND").await
    })
    .await;
}

/// A function is given its secrets' ARNs, never their values, and reads them from Secrets Manager at
/// cold start; a secret it cannot read stops it from starting, named but not shown.
#[tokio::test]
async fn secrets_come_from_secrets_manager_at_cold_start() {
    use portico::config::{Env, read_hasher};
    let sdk = portico_tests::emulator::sdk_config().await;
    let client = aws_sdk_secretsmanager::Client::new(&sdk);
    let created = client
        .create_secret()
        .name(portico_tests::emulator::table_name("hash-key"))
        .secret_string("k".repeat(64))
        .send()
        .await
        .unwrap_or_else(|e| panic!("creating a secret on the emulator: {e}"));
    let arn = created.arn().unwrap_or_default().to_string();
    let missing = arn.replace("hash-key", "no-such-secret");
    let secrets = portico::aws::load_secrets(&sdk, vec![("HASH_KEY".into(), arn), ("TWILIO_AUTH_TOKEN".into(), missing)]).await;
    assert_eq!(secrets.len(), 1, "the readable secret is read, the other is left out");
    let mut env = Env::from_process(secrets);
    let hasher = read_hasher(&mut env);
    let expected = portico::crypto::Hasher::new(&secrecy::SecretString::from("k".repeat(64)));
    assert_eq!(hasher.digest("x", &["y"]), expected.digest("x", &["y"]), "the hash key is the secret's value");
    let _ = env.secret("TWILIO_AUTH_TOKEN", 16);
    let refused = env.finish().err().map(|e| e.to_string()).unwrap_or_default();
    assert!(refused.contains("TWILIO_AUTH_TOKEN"), "the function will not start without it: {refused}");
}

/// Staff accounts in the staff pool: invited with their practice and groups (the pool's `sub` becomes
/// the staff id), roles set exactly, an email used twice refused, and turned off and on.
#[tokio::test]
async fn the_cognito_adapter_invites_staff_and_sets_their_roles_on_the_emulator() {
    use portico::directory::Role;
    use portico::identity::{CognitoStaffAccounts, StaffAccounts};
    let sdk = portico_tests::emulator::sdk_config().await;
    let cognito = aws_sdk_cognitoidentityprovider::Client::new(&sdk);
    let custom = |name: &str| SchemaAttributeType::builder().name(name).attribute_data_type("String".into()).mutable(false).build();
    let pool = cognito
        .create_user_pool()
        .pool_name(portico_tests::emulator::table_name("staff"))
        .schema(custom("practice_id"))
        .username_attributes(aws_sdk_cognitoidentityprovider::types::UsernameAttributeType::Email)
        .send()
        .await
        .unwrap();
    let pool_id = pool.user_pool().and_then(|p| p.id()).unwrap_or_default().to_string();
    for role in Role::ALL {
        cognito.create_group().user_pool_id(&pool_id).group_name(role.as_str()).send().await.unwrap();
    }
    let adapter = CognitoStaffAccounts::new(&sdk, pool_id.clone());
    let practice = PracticeId::generate(chrono::Utc::now());
    let staff = adapter.invite_staff(&practice, "cal@hillside.example", &[Role::Clinician]).await.unwrap_or_else(|e| panic!("invite: {e}"));
    let groups = |username: String| {
        let (cognito, pool_id) = (cognito.clone(), pool_id.clone());
        async move {
            let listed = cognito.admin_list_groups_for_user().user_pool_id(pool_id).username(username).send().await.unwrap();
            let mut names: Vec<String> = listed.groups().iter().filter_map(|g| g.group_name().map(str::to_string)).collect();
            names.sort();
            names
        }
    };
    assert_eq!(groups(staff.to_string()).await, vec!["clinician".to_string()]);
    let user = cognito.admin_get_user().user_pool_id(&pool_id).username(staff.as_str()).send().await.unwrap();
    let attribute =
        |name: &str| user.user_attributes().iter().find(|a: &&AttributeType| a.name() == name).and_then(|a| a.value()).map(str::to_string);
    assert_eq!(attribute("custom:practice_id").as_deref(), Some(practice.as_str()));
    assert_eq!(attribute("sub").as_deref(), Some(staff.as_str()), "the staff id is the pool's sub");
    assert!(matches!(adapter.invite_staff(&practice, "cal@hillside.example", &[Role::Billing]).await, Err(IdentityError::Taken)));
    let found = adapter.find_staff("cal@hillside.example").await.unwrap_or_else(|e| panic!("find: {e}"));
    assert_eq!(found, Some((staff.clone(), practice.clone())), "a retried invitation finds the account and its practice");
    assert_eq!(adapter.find_staff("nobody@hillside.example").await.ok(), Some(None));

    adapter.set_staff_roles(&staff, &[Role::Clinician, Role::FrontDesk]).await.unwrap();
    assert_eq!(groups(staff.to_string()).await, vec!["clinician".to_string(), "front-desk".to_string()]);
    adapter.set_staff_roles(&staff, &[Role::Billing]).await.unwrap();
    assert_eq!(groups(staff.to_string()).await, vec!["billing".to_string()]);
    adapter.set_staff_enabled(&staff, false).await.unwrap();
    assert!(!cognito.admin_get_user().user_pool_id(&pool_id).username(staff.as_str()).send().await.unwrap().enabled());
    adapter.set_staff_enabled(&staff, true).await.unwrap();
    assert!(cognito.admin_get_user().user_pool_id(&pool_id).username(staff.as_str()).send().await.unwrap().enabled());
}

/// An audit export as a file on S3: the route writes it and answers a presigned link the browser can
/// follow; the adapter's writer switches to a multipart upload past one part, and nothing of an
/// unfinished file is served.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_export_files_are_written_to_s3_in_parts_and_served_by_a_presigned_link() {
    use portico::blobs::{Blobs, S3Blobs};
    let app = spawn_on_emulator().await;
    let admin = app.admin_token().await;
    app.call_ok(&admin, Method::GET, "/staff/audit", None, 200).await;
    let now = portico::clock::Clock::now(app.clock.as_ref());
    let range = json!({ "from": (now - chrono::Duration::days(1)).to_rfc3339(), "to": now.to_rfc3339(), "format": "jsonl" });
    let file = app.call_ok(&admin, Method::POST, "/staff/audit/exports", Some(range), 200).await;
    let (status, disposition, bytes) = crate::attachments::fetch(&app, file["url"].as_str().unwrap_or_default()).await;
    assert_eq!(status, 200, "{file}");
    assert!(disposition.starts_with("attachment; filename=\"audit-") && disposition.ends_with(".jsonl\""), "{disposition}");
    let lines: Vec<Value> = String::from_utf8(bytes).unwrap_or_default().lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    assert!(lines.iter().any(|e| e["action"] == "audit.search"), "the search before it is in the file: {lines:?}");
    assert_eq!(file["events"].as_u64(), Some(lines.len() as u64));

    let sdk = portico_tests::emulator::sdk_config().await;
    let bucket = portico_tests::emulator::table_name("exports").to_lowercase();
    aws_sdk_s3::Client::from_conf(aws_sdk_s3::config::Builder::from(&sdk).force_path_style(true).build())
        .create_bucket()
        .bucket(&bucket)
        .send()
        .await
        .unwrap();
    let blobs = S3Blobs::new(&sdk, bucket, None);
    let line = vec![b'x'; 1024 * 1024];
    let mut big = blobs.create("exports/p/big.csv", "text/csv", "big.csv").await.unwrap();
    for _ in 0..9 {
        big.write(&line).await.unwrap();
    }
    let unfinished = blobs.inspect("exports/p/big.csv").await.unwrap();
    assert!(unfinished.is_none(), "nothing is served before the file is finished");
    assert_eq!(big.finish().await.unwrap(), 9 * 1024 * 1024);
    let stored = blobs.inspect("exports/p/big.csv").await.unwrap().map(|s| s.size);
    assert_eq!(stored, Some(9 * 1024 * 1024), "two parts, one object");
    let mut small = blobs.create("exports/p/small.csv", "text/csv", "small.csv").await.unwrap();
    small.write(b"at,action\r\n").await.unwrap();
    assert_eq!(small.finish().await.unwrap(), 11);
    assert_eq!(blobs.inspect("exports/p/small.csv").await.unwrap().map(|s| s.size), Some(11));
}

/// Proxy access on DynamoDB: the grant's transaction (grant, the proxy's copy, their home), the edge's
/// batch read of session, grant and profile, an invitation accepted into a new account, and a revoke
/// that the very next request sees.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proxy_grants_invitations_and_revokes_run_on_dynamodb() {
    let app = spawn_on_emulator().await;
    let staff = app.admin_token().await;
    let enrol = |given: &'static str, born: &'static str, email: &'static str| {
        let body = json!({ "given_name": given, "family_name": "Nakamura", "date_of_birth": born, "email": email });
        app.request(Method::POST, "/staff/patients").bearer_auth(&staff).json(&body).send()
    };
    let child: Value = enrol("Yui", "2018-04-04", "yui.n@example.com").await.unwrap().json().await.unwrap_or_default();
    let parent: Value = enrol("Aiko", "1984-04-04", "aiko.n@example.com").await.unwrap().json().await.unwrap_or_default();
    let (child, parent) = (child["patient_id"].as_str().unwrap().to_string(), parent["patient_id"].as_str().unwrap().to_string());
    let body = json!({ "proxy_id": parent, "relationship": "parent", "legal_basis": "parental_responsibility", "scopes": ["messages", "profile"] });
    let granted =
        app.request(Method::POST, &format!("/staff/patients/{child}/proxies")).bearer_auth(&staff).json(&body).send().await.unwrap();
    assert_eq!(granted.status(), 201);
    let aiko = app.sign_in("aiko.n@example.com").await;
    let as_child = |method: Method, path: String| {
        app.request(method, &path).bearer_auth(&aiko.access).header("portico-acting-for", child.as_str()).send()
    };
    let me: Value = as_child(Method::GET, "/portal/me".into()).await.unwrap().json().await.unwrap_or_default();
    assert_eq!(me["given_name"], "Yui");
    let home: Value = app.call_ok(&aiko.access, Method::GET, "/portal/home", None, 200).await;
    assert_eq!(home["people"][0]["given_name"], "Yui");
    let listed: Value = app.call_ok(&staff, Method::GET, &format!("/staff/patients/{child}/proxies"), None, 200).await;
    let grant = listed["acting_for_patient"][0]["grant_id"].as_str().unwrap().to_string();
    assert!(listed["acting_for_patient"][0]["last_used_at"].is_string(), "the grant's use was written");
    let revoked =
        app.request(Method::DELETE, &format!("/staff/patients/{child}/proxies/{grant}")).bearer_auth(&staff).send().await.unwrap();
    assert_eq!(revoked.status(), 204);
    assert_eq!(as_child(Method::GET, "/portal/me".into()).await.unwrap().status(), 403);

    // An adult invites a caregiver who is new to the practice: the invitation goes through SES.
    let ann = app.sign_in("ann@example.com").await;
    let invite = json!({ "given_name": "Hana", "family_name": "Sato", "email": "hana.sato@example.com", "relationship": "family", "scopes": ["messages"] });
    let sent = app.call_ok(&ann.access, Method::POST, "/portal/proxies/invitations", Some(invite), 201).await;
    let body = app.last_message("hana.sato@example.com").body;
    let start = body.find("#/proxy-invitation/").unwrap() + "#/proxy-invitation/".len();
    let token: String = body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    assert!(ses_bodies("hana.sato@example.com").await.iter().any(|b| b.contains(&token)), "SES on the emulator received it");
    let accept = json!({
        "token": token,
        "code": sent["code"],
        "patient_date_of_birth": app.ann().date_of_birth.date().to_string(),
        "your_date_of_birth": "1990-09-09",
    });
    let accepted = app.post_json("/portal/proxies/accept", accept.clone()).await;
    assert_eq!(accepted.status(), 200);
    problem(app.post_json("/portal/proxies/accept", accept).await, 401).await;
    let hana = app.sign_in("hana.sato@example.com").await;
    let ann_id = app.ann().patient_id.to_string();
    let threads = app
        .request(Method::GET, "/portal/threads")
        .bearer_auth(&hana.access)
        .header("portico-acting-for", ann_id.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(threads.status(), 200);
}

/// The booking race on DynamoDB: a hundred bookings of one slot make one appointment, and the others
/// are told it is taken.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_bookings_of_one_slot_make_one_appointment_on_dynamodb() {
    let app = spawn_on_emulator().await;
    let service = crate::scheduling::setup(&app, "patients", 30).await;
    let ann = app.sign_in("ann@example.com").await;
    let ben = app.sign_in("ben@example.com").await;
    let attempts = (0..100).map(|i| {
        let who = if i % 2 == 0 { &ann } else { &ben };
        app.request(Method::POST, "/portal/appointments")
            .bearer_auth(&who.access)
            .json(&json!({ "service_id": service, "clinician_id": crate::scheduling::CLINICIAN, "start": "2026-11-23T15:00:00Z" }))
            .send()
    });
    let started = std::time::Instant::now();
    let statuses: Vec<u16> = futures::future::join_all(attempts).await.into_iter().map(|r| r.unwrap().status().as_u16()).collect();
    eprintln!("booking on DynamoDB (emulator): 100 concurrent attempts at one slot in {:.0} ms", started.elapsed().as_secs_f64() * 1000.0);
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 409).count(), 99, "{statuses:?}");
    let day = app
        .call_ok(&app.admin_token().await, Method::GET, "/staff/appointments?from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z", None, 200)
        .await;
    assert_eq!(day["appointments"].as_array().map(Vec::len), Some(1), "one appointment in the index");
}

/// The waitlist on DynamoDB and SQS: a freed time offered to three, three concurrent claims make one
/// booking, the claimant's later visit cancelled in the same transaction and offered on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_waitlist_runs_on_dynamodb_and_sqs() {
    let app = spawn_on_emulator().await;
    crate::waitlist::offered_claimed_and_offered_on(&app).await;
}

/// The patient's and the staff's scheduling journey on DynamoDB: find, hold, book (idempotent), move,
/// confirm, cancel, and the staff's moves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appointments_are_booked_moved_and_cancelled_on_dynamodb() {
    crate::scheduling::journey(&spawn_on_emulator().await).await;
}

/// Fifty pairs of overlapping bookings of different lengths on DynamoDB: one booking per pair.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overlapping_visits_make_one_booking_per_pair_on_dynamodb() {
    crate::scheduling::overlapping_pairs(&spawn_on_emulator().await).await;
}

/// "Reply C" on DynamoDB and SQS: two appointments to confirm change nothing, one is confirmed once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_c_confirms_on_dynamodb_and_sqs() {
    crate::text_replies::two_then_one(&spawn_on_emulator().await).await;
}
