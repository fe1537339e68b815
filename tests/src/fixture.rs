//! The world the `events/` samples are written against: two practices, their patients and staff, Ann's
//! sign-in challenges, a thread with a staff message and attachments, a pending outbox event, an open
//! task and an unsubscribe token, with fixed ids and a fixed clock. The handler suite runs every sample
//! against it on the embedded store; the bench seeds it into the emulator.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use portico::clock::{Clock, ManualClock};
use portico::directory::{AccountStatus, Role, StaffMember, practices, staff};
use portico::identity::{AuthStep, IdentityProvider as _};
use portico::ids::{ChallengeId, PatientId, PracticeId, StaffId};
use portico_identity::sign_in::challenges::{self, Challenge, Purpose};
use portico_local::{App, Backend, LocalOptions, seed};

pub const PRACTICE: &str = "pr_01JC00000000000000000000P1";
pub const OTHER: &str = "pr_01JC00000000000000000000P2";
pub const ANN: &str = "pt_01JC00000000000000000000A1";
pub const BEN: &str = "pt_01JC00000000000000000000B1";
pub const CARA: &str = "pt_01JC00000000000000000000C1";
/// Ann's sign-in challenge with code 123456, bound to a custom-auth exchange.
pub const CHALLENGE: &str = "ch_01JC00000000000000000000K1";
/// A newer pending challenge of Ann's (a second code was requested since).
pub const NEWER: &str = "ch_01JC00000000000000000000K2";
/// Ann's thread, with one staff message carrying a ready attachment.
pub const THREAD: &str = "th_01JC00000000000000000000T1";
pub const MESSAGE: &str = "ms_01JC00000000000000000000M1";
pub const READY: &str = "at_01JC00000000000000000000R1";
pub const PENDING: &str = "at_01JC00000000000000000000Q1";
pub const LOOSE: &str = "at_01JC00000000000000000000S1";
/// A staff upload for Ann, checked and not sent yet: not hers to download.
pub const STAFF_LOOSE: &str = "at_01JC00000000000000000000W1";
/// The keys the samples' signatures and tokens were made with.
pub const HASH_KEY: &str = "fixture-hash-key-fixture-hash-key-fixture-hash-key";
/// The unsubscribe link's token in a notification email Ann received.
pub const UNSUBSCRIBE_TOKEN: &str = "q7V2rX9kLmN3pB8sT1wY4zA6cD0eF5gH";
pub const TWILIO_TOKEN: &str = "fixture-twilio-auth-token-0123456789";

pub fn t0() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_262_400, 0).unwrap_or_default()
}

pub fn id<T>(parsed: Option<T>) -> T {
    parsed.unwrap_or_else(|| panic!("fixture id"))
}

pub struct Fixture {
    pub app: App,
    _dir: tempfile::TempDir,
}

/// A gateway on `backend` holding the samples' world, at the samples' time.
pub async fn fixture(backend: Backend) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    for (file, key) in [("hash.key", HASH_KEY), ("twilio-auth-token", TWILIO_TOKEN)] {
        std::fs::write(dir.path().join(file), key).unwrap();
    }
    let clock = Arc::new(ManualClock::new(t0()));
    let options = LocalOptions {
        data_dir: dir.path().to_path_buf(),
        bind: ([127, 0, 0, 1], 0).into(),
        clock: clock as Arc<dyn Clock>,
        backend,
        sign_in_floor: std::time::Duration::ZERO,
        print_outbox: false,
        web_dir: None,
        seed: false,
        auto_pump: false,
        sns_cert_prefixes: Vec::new(),
    };
    let app = portico_local::build(options, 3000).await.unwrap();
    let table = app.table.as_ref();
    let riverside = seed::practice_record(id(PracticeId::parse(PRACTICE)), "riverside", "Riverside Family Practice");
    let lakeside = seed::practice_record(id(PracticeId::parse(OTHER)), "lakeside", "Lakeside Clinic");
    for practice in [&riverside, &lakeside] {
        practices::create(table, practice).await.unwrap();
    }
    let born = NaiveDate::from_ymd_opt(1984, 7, 2).unwrap_or_default();
    for (practice, patient, name, contact) in [
        (&riverside, ANN, ("Ann", "Lee"), ("ann@example.com", "+15555550101")),
        (&riverside, BEN, ("Ben", "Ortiz"), ("ben@example.com", "+15555550102")),
        (&lakeside, CARA, ("Cara", "Diaz"), ("cara@example.com", "+15555550103")),
    ] {
        let record = seed::patient_record(practice, id(PatientId::parse(patient)), name, contact, born, t0()).unwrap();
        seed::enrol(&app, &record).await.unwrap();
    }
    for (staff_id, roles, status) in [
        ("staff-riverside-admin", vec![Role::Admin], AccountStatus::Active),
        ("staff-riverside-desk", vec![Role::FrontDesk], AccountStatus::Active),
        ("staff-riverside-billing", vec![Role::Billing], AccountStatus::Active),
        ("staff-riverside-gone", vec![Role::Clinician], AccountStatus::Disabled),
    ] {
        let member = StaffMember {
            practice_id: riverside.id.clone(),
            staff_id: id(StaffId::parse(staff_id)),
            display_name: staff_id.into(),
            email: format!("{staff_id}@riverside.example"),
            roles,
            status,
            created_at: t0(),
            version: 0,
            last_sign_in_at: None,
        };
        staff::provision(table, &member).await.unwrap();
    }
    // Ann asked for a code (123456) and her custom-auth exchange is bound to it...
    let ann = id(PatientId::parse(ANN));
    let sign_in = Purpose::SignIn { channel: portico::domain::Channel::Email };
    let challenge =
        Challenge::with_id(id(ChallengeId::parse(CHALLENGE)), &app.ports.hasher, &riverside.id, Some(&ann), sign_in, "123456", t0());
    challenges::store(table, &challenge).await.unwrap();
    let session = match app.identity.begin_custom_auth(&ann).await {
        Ok(AuthStep::Challenge { session }) => session,
        other => panic!("custom auth did not start: {other:?}"),
    };
    challenges::bind_session(table, &challenge, &session).await.unwrap();
    // ...and has since asked for another one, which is now the pending challenge.
    let by_sms = Purpose::SignIn { channel: portico::domain::Channel::Sms };
    let newer = Challenge::with_id(id(ChallengeId::parse(NEWER)), &app.ports.hasher, &riverside.id, Some(&ann), by_sms, "999999", t0());
    challenges::store(table, &newer).await.unwrap();
    let unsubscribe =
        portico::store::Item::new(portico::keys::unsubscribe(&riverside.id, &app.ports.hasher.digest("unsubscribe", &[UNSUBSCRIBE_TOKEN])))
            .with("patient_id", ANN)
            .with("category", "messages")
            .expiring_at((t0() + chrono::Duration::days(60)).timestamp());
    table.put(unsubscribe, portico::store::Condition::NotExists).await.unwrap();
    messaging(&app, &riverside, &ann, dir.path()).await;
    Fixture { app, _dir: dir }
}

/// Ann's thread, its staff message and her attachments (one sent, one ready but unsent, one never uploaded).
async fn messaging(app: &App, practice: &portico::directory::Practice, ann: &PatientId, data: &Path) {
    use portico::auth::access::Topic;
    use portico::ids::{AttachmentId, MessageId, ThreadId};
    use portico_messaging::attachments::{Attachment, FileType, State};
    use portico_messaging::threads::{Attached, Author, Message, Thread, ThreadStatus, Via};
    let table = app.table.as_ref();
    let admin = id(StaffId::parse("staff-riverside-admin"));
    let thread = Thread {
        practice_id: practice.id.clone(),
        patient_id: ann.clone(),
        thread_id: id(ThreadId::parse(THREAD)),
        topic: Topic::Clinical,
        subject: "Your lab results".into(),
        status: ThreadStatus::Open,
        assignee: None,
        care_team: Vec::new(),
        created_at: t0(),
        last_activity_at: t0(),
        unread_for_patient: 1,
        unread_for_staff: 0,
        message_count: 1,
        shared_activity_at: t0(),
        shared_message_count: 1,
        last_message: None,
        patient_names: Some(portico::directory::PatientNames { given_name: "Ann".into(), family_name: "Lee".into(), preferred_name: None }),
        opened_by_patient: false,
        opened_by_proxy: None,
        version: 1,
    };
    let message = Message {
        practice_id: practice.id.clone(),
        patient_id: ann.clone(),
        thread_id: thread.thread_id.clone(),
        message_id: id(MessageId::parse(MESSAGE)),
        author: Author::Staff { staff_id: admin.clone() },
        via: Via::Portal,
        internal: false,
        urgent: false,
        written_by: None,
        body: "Your results are in; see the attached report.".into(),
        content_hash: "sample".into(),
        attachments: vec![Attached {
            attachment_id: id(AttachmentId::parse(READY)),
            file_name: "report.pdf".into(),
            content_type: "application/pdf".into(),
            size: 20,
        }],
        created_at: t0(),
        read_at: None,
        deleted: None,
        retain_until: t0() + chrono::Duration::days(2557),
    };
    // The staff message's outbox event, still pending: the stream relay missed it, the sweep finds it.
    let event = portico::events::Event {
        event_id: id(portico::ids::EventId::parse("ev_01JC00000000000000000000E1")),
        practice_id: practice.id.clone(),
        patient_id: ann.clone(),
        created_at: t0() - chrono::Duration::minutes(5),
        kind: portico::events::EventKind::PatientNotice {
            category: portico::notify::gate::Category::Messages,
            template: portico::notify::wording::TemplateKind::MessageWaiting,
            urgent: false,
            item: Some(portico::links::ItemRef::thread(THREAD)),
            when: None,
            still: None,
            answers_text: false,
        },
    };
    for item in [thread.item(), message.item(), event.item()] {
        table.put(item.unwrap(), portico::store::Condition::NotExists).await.unwrap();
    }
    // The response task Ann's earlier message raised, open for the staff samples to claim and complete.
    let names = portico::directory::PatientNames { given_name: "Ann".into(), family_name: "Lee".into(), preferred_name: None };
    let task = portico::tasks::Task::respond_to_thread(&practice.id, ann, Some(&names), THREAD, Topic::Clinical, MESSAGE, t0());
    table.transact(vec![portico::tasks::ensure_open_write(None, &task).unwrap()]).await.unwrap();
    let by_staff = Author::Staff { staff_id: admin.clone() };
    for (attachment, state, linked, uploaded_by) in [
        (READY, State::Ready, true, by_staff.clone()),
        (LOOSE, State::Ready, false, Author::Patient),
        (PENDING, State::Pending, false, Author::Patient),
        (STAFF_LOOSE, State::Ready, false, by_staff.clone()),
    ] {
        let record = Attachment {
            practice_id: practice.id.clone(),
            patient_id: ann.clone(),
            attachment_id: id(AttachmentId::parse(attachment)),
            file_name: "report.pdf".into(),
            file_type: FileType::Pdf,
            declared_size: 20,
            size: (state == State::Ready).then_some(20),
            state,
            reason: None,
            scan: None,
            uploaded_by,
            created_at: t0(),
            message_id: linked.then(|| MESSAGE.to_string()),
            thread_id: linked.then(|| THREAD.to_string()),
            shared: linked,
            version: 1,
        };
        if state == State::Ready {
            let path = data.join("blobs").join(portico_messaging::keys::attachment_object(&practice.id, ann, &record.attachment_id));
            std::fs::create_dir_all(path.parent().unwrap_or(data)).unwrap();
            std::fs::write(path, b"%PDF-1.4\n%sample\n").unwrap();
        }
        table.put(record.item().unwrap(), portico::store::Condition::NotExists).await.unwrap();
    }
}
