//! `worker-notify`: turns message events into notifications. A staff reply tells the patient, through the
//! send gate, by text or email that something is waiting; a patient message opens a staff response task
//! and tells the care team by email. Every notification is keyed by its event id, so a redelivered event
//! sends nothing twice.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use portico::clock::Clock;
use portico::crypto::Hasher;
use portico::directory::{ConsentKind, Patient, Practice, Role, StaffMember, patients, staff};
use portico::domain::{Address, Channel};
use portico::ids::{EventId, PatientId, StaffId};
use portico::notify::templates::{PortalLink, PracticeName};
use portico::notify::{Mailer, OutgoingEmail, OutgoingSms, SendError, SmsSender};
use portico::queue::Outcome;
use portico::store::{Condition, Index, Item, Query, StoreError, Table, Update, Write};
use portico::tenant::Tenants;
use serde::{Deserialize, Serialize};

use crate::events::{Event, EventKind};
use crate::gate::{self, Category, Decision, Facts};
use crate::keys;
use crate::templates::{self, NotificationValues, TemplateKind};
use crate::threads::Topic;
use crate::unsubscribe;

pub struct NotifyDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub tenants: Arc<Tenants>,
    pub hasher: Hasher,
    pub mail: Arc<dyn Mailer>,
    pub sms: Arc<dyn SmsSender>,
}

/// What happened to one event, kept as its idempotency record.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Handled {
    /// Claimed by a worker that has not finished; another delivery must wait.
    Sending {
        since: DateTime<Utc>,
    },
    Sent {
        channel: Channel,
        provider_id: String,
        at: DateTime<Utc>,
    },
    Skipped {
        reason: String,
        at: DateTime<Utc>,
    },
    Failed {
        reason: String,
        at: DateTime<Utc>,
    },
    StaffNotified {
        recipients: usize,
        at: DateTime<Utc>,
    },
}

/// Idempotency records outlive the longest upstream retry (SQS here; Stripe's three days elsewhere).
pub fn idempotency_window() -> Duration {
    Duration::days(5)
}

/// A notification sent to a patient, found again by the provider's id when Twilio reports on it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Notification {
    pub practice_id: portico::ids::PracticeId,
    pub patient_id: PatientId,
    pub event_id: EventId,
    pub channel: Channel,
    pub provider_id: String,
    pub status: String,
    pub sent_at: DateTime<Utc>,
    #[serde(default)]
    pub error_code: Option<String>,
}

impl Notification {
    pub fn item(&self) -> Result<Item, StoreError> {
        let item = Item::from_record(keys::notification(&self.practice_id, &self.patient_id, &self.event_id), self)?;
        Ok(match self.channel {
            Channel::Sms => item.indexed(Index::Gsi1, keys::sms_out(&self.provider_id), "NOTE"),
            Channel::Email => item,
        })
    }
}

#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Send(#[from] SendError),
}

fn retry(e: impl std::fmt::Display) -> Outcome {
    Outcome::Retry(e.to_string())
}

impl NotifyDeps {
    /// Handles one queued message (an event as JSON).
    pub async fn handle(&self, body: &str) -> Outcome {
        let Ok(event) = serde_json::from_str::<Event>(body) else {
            // Not ours to understand; retrying cannot help, and the dead-letter queue keeps it.
            return Outcome::Retry("unreadable event".into());
        };
        match &event.kind {
            EventKind::MessageCreated { from_patient: false, urgent, .. } => self.tell_patient(&event, *urgent).await,
            EventKind::MessageCreated { from_patient: true, topic, care_team, .. } => self.tell_care_team(&event, *topic, care_team).await,
        }
    }

    async fn record(&self, event: &Event, scope: &str, handled: &Handled, condition: Condition) -> Result<(), StoreError> {
        let key = keys::handled(&event.practice_id, scope, event.event_id.as_str());
        let item = Item::from_record(key, handled)?.expiring_at((self.clock.now() + idempotency_window()).timestamp());
        self.table.put(item, condition).await
    }

    /// Claims the event for this delivery. `None` means it is handled (or being handled) elsewhere.
    async fn claim(&self, event: &Event, scope: &str) -> Result<Option<Outcome>, StoreError> {
        let claim = Handled::Sending { since: self.clock.now() };
        match self.record(event, scope, &claim, Condition::NotExists).await {
            Ok(()) => Ok(None),
            Err(StoreError::ConditionFailed { current: Some(current), .. }) => match current.record::<Handled>() {
                // A claim older than the visibility timeout belongs to a worker that died: take it over, on
                // condition that nobody else took it over first (the claim is still the one read).
                Ok(Handled::Sending { since }) if self.clock.now() - since > portico::queue::visibility() => {
                    let unchanged = Condition::eq("state", "sending").and(Condition::eq("since", current.str("since").unwrap_or_default()));
                    match self.record(event, scope, &Handled::Sending { since: self.clock.now() }, unchanged).await {
                        Ok(()) => Ok(None),
                        Err(StoreError::ConditionFailed { .. }) => Ok(Some(Outcome::Retry("another delivery took the claim over".into()))),
                        Err(e) => Err(e),
                    }
                }
                Ok(Handled::Sending { .. }) => Ok(Some(Outcome::Retry("another delivery is sending it".into()))),
                _ => Ok(Some(Outcome::Done)),
            },
            Err(e) => Err(e),
        }
    }

    async fn release(&self, event: &Event, scope: &str) {
        let key = keys::handled(&event.practice_id, scope, event.event_id.as_str());
        let _ = self.table.delete(&key, Condition::Always).await;
    }

    async fn facts_for(&self, practice: &Practice, patient: &Patient, urgent: bool) -> Result<(bool, bool, bool, i64, i64), StoreError> {
        let table = self.table.as_ref();
        let sms_consent = portico_identity::consents::accepts(table, practice, &patient.patient_id, ConsentKind::SmsMessages).await?;
        let email_consent = portico_identity::consents::accepts(table, practice, &patient.patient_id, ConsentKind::EmailMessages).await?;
        let suppressed = match &patient.email {
            Some(email) => {
                let digest = patients::address_digest(&self.hasher, &Address::Email(email.clone()));
                table.get(&keys::suppression(&practice.id, &digest)).await?.is_some()
            }
            None => false,
        };
        let (day, week) = gate::periods(patient, self.clock.now());
        let count = |period: String| async move {
            table
                .get(&keys::sms_count(&practice.id, &patient.patient_id, &period))
                .await
                .map(|i| i.and_then(|i| i.i64("count")).unwrap_or(0))
        };
        let (today, this_week) = if urgent { (0, 0) } else { (count(day).await?, count(week).await?) };
        Ok((sms_consent, email_consent, suppressed, today, this_week))
    }

    /// Counts a non-urgent text against the day and week, unless another worker used the allowance first.
    async fn reserve_text(&self, practice: &Practice, patient: &Patient, delta: i64) -> Result<bool, StoreError> {
        let (day, week) = gate::periods(patient, self.clock.now());
        let expires = (self.clock.now() + Duration::days(9)).timestamp();
        let counter = |period: String, cap: i64| {
            let update = Update::new(keys::sms_count(&practice.id, &patient.patient_id, &period)).add("count", delta).set("ttl", expires);
            let condition = if delta > 0 { Condition::Missing("count".into()).or(Condition::lt("count", cap)) } else { Condition::Exists };
            Write::Update(update.when(condition))
        };
        match self.table.transact(vec![counter(day, gate::SMS_PER_DAY), counter(week, gate::SMS_PER_WEEK)]).await {
            Ok(()) => Ok(true),
            Err(StoreError::ConditionFailed { .. }) | Err(StoreError::Conflict) => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn values(&self, practice: &Practice) -> NotificationValues {
        NotificationValues {
            practice_name: PracticeName::new(&practice.name),
            portal_link: PortalLink::home(&self.tenants.portal_url(practice)),
            practice_phone: practice.settings.contact_phone.clone(),
        }
    }

    async fn tell_patient(&self, event: &Event, urgent: bool) -> Outcome {
        let scope = "notify";
        let table = self.table.as_ref();
        let practice = match self.tenants.by_id(&event.practice_id).await {
            Ok(Some(practice)) => practice,
            Ok(None) => return Outcome::Done,
            Err(e) => return retry(e),
        };
        let patient = match patients::get(table, &practice.id, &event.patient_id).await {
            Ok(Some(patient)) if patient.is_active() => patient,
            Ok(_) => return Outcome::Done,
            Err(e) => return retry(e),
        };
        let (sms_consent, email_consent, email_suppressed, sms_today, sms_this_week) =
            match self.facts_for(&practice, &patient, urgent).await {
                Ok(facts) => facts,
                Err(e) => return retry(e),
            };
        let facts = Facts {
            patient: &patient,
            category: Category::Messages,
            urgent,
            sms_consent,
            email_consent,
            email_suppressed,
            sms_today,
            sms_this_week,
            now: self.clock.now(),
        };
        let channel = match gate::decide(&facts) {
            Decision::Defer(until) => return Outcome::Defer(until),
            Decision::Skip(reason) => {
                let skipped = Handled::Skipped { reason: reason.to_string(), at: self.clock.now() };
                return match self.record(event, scope, &skipped, Condition::NotExists).await {
                    Ok(()) | Err(StoreError::ConditionFailed { .. }) => Outcome::Done,
                    Err(e) => retry(e),
                };
            }
            Decision::Send(channel) => channel,
        };
        match self.claim(event, scope).await {
            Ok(None) => {}
            Ok(Some(outcome)) => return outcome,
            Err(e) => return retry(e),
        }
        // A STOP may have landed since the facts were read: look again now that the event is ours.
        if channel == Channel::Sms {
            match patients::get(table, &practice.id, &patient.patient_id).await {
                Ok(Some(now)) if !now.sms.opted_out && !now.sms.undeliverable => {}
                Ok(_) => {
                    self.release(event, scope).await;
                    return Outcome::Retry("texts stopped meanwhile; deciding again".into());
                }
                Err(e) => {
                    self.release(event, scope).await;
                    return retry(e);
                }
            }
        }
        let counted = channel == Channel::Sms && !urgent;
        if counted {
            match self.reserve_text(&practice, &patient, 1).await {
                Ok(true) => {}
                Ok(false) => {
                    // Another text used today's allowance first: decide again on the next delivery.
                    self.release(event, scope).await;
                    return Outcome::Retry("text allowance used meanwhile".into());
                }
                Err(e) => {
                    self.release(event, scope).await;
                    return retry(e);
                }
            }
        }
        match self.send(&practice, &patient, channel).await {
            Ok(provider_id) => {
                let now = self.clock.now();
                let notification = Notification {
                    practice_id: practice.id.clone(),
                    patient_id: patient.patient_id.clone(),
                    event_id: event.event_id.clone(),
                    channel,
                    provider_id: provider_id.clone(),
                    status: "queued".into(),
                    sent_at: now,
                    error_code: None,
                };
                let sent = Handled::Sent { channel, provider_id, at: now };
                let written = match notification.item() {
                    Ok(item) => table.put(item, Condition::Always).await,
                    Err(e) => Err(e),
                };
                // The message has gone: whatever happens now, record it as sent so it never goes twice.
                let recorded = self.record(event, scope, &sent, Condition::Always).await;
                if let Err(e) = written.and(recorded) {
                    tracing::error!(error = %e, "notification sent but not fully recorded");
                }
                tracing::info!(channel = channel.as_str(), "patient notified");
                Outcome::Done
            }
            Err(Failure::Send(SendError::Rejected(reason))) => {
                let failed = Handled::Failed { reason: reason.chars().take(200).collect(), at: self.clock.now() };
                let _ = self.record(event, scope, &failed, Condition::Always).await;
                if counted {
                    let _ = self.reserve_text(&practice, &patient, -1).await;
                }
                Outcome::Done
            }
            Err(e) => {
                if counted {
                    let _ = self.reserve_text(&practice, &patient, -1).await;
                }
                self.release(event, scope).await;
                retry(e)
            }
        }
    }

    async fn send(&self, practice: &Practice, patient: &Patient, channel: Channel) -> Result<String, Failure> {
        let (template, _) = templates::load(self.table.as_ref(), &practice.id, TemplateKind::MessageWaiting).await?;
        let values = self.values(practice);
        match channel {
            Channel::Sms => {
                let phone = patient.phone.clone().ok_or(SendError::Rejected("no mobile number".into()))?;
                Ok(self.sms.send(&OutgoingSms { to: phone, body: template.sms.render(&values) }).await?)
            }
            Channel::Email => {
                let email = patient.email.clone().ok_or(SendError::Rejected("no email address".into()))?;
                let (subject, body) = template.email.as_ref().map(|(s, b)| (s.render(&values), b.render(&values))).unwrap_or_default();
                let link = unsubscribe::link(
                    &self.hasher,
                    &self.tenants.portal_url(practice),
                    &practice.id,
                    &patient.patient_id,
                    Category::Messages,
                );
                let message = OutgoingEmail {
                    to: email,
                    subject,
                    html: portico::notify::templates::paragraphs_html(&body),
                    text: body,
                    headers: unsubscribe::headers(&link),
                    tags: vec![("practice_id".into(), practice.id.to_string()), ("category".into(), "messages".into())],
                };
                Ok(self.mail.send(&message).await?)
            }
        }
    }

    /// The people who answer a topic: the thread's care team, else the practice's staff in the topic's
    /// roles, else its admins.
    async fn care_team(&self, practice: &Practice, topic: Topic, named: &[StaffId]) -> Result<Vec<StaffMember>, StoreError> {
        let table = self.table.as_ref();
        let mut members = Vec::new();
        for id in named {
            if let Some(member) = staff::get(table, &practice.id, id).await? {
                members.push(member);
            }
        }
        if members.iter().any(|m| m.status == portico::directory::AccountStatus::Active) {
            return Ok(members.into_iter().filter(|m| m.status == portico::directory::AccountStatus::Active).collect());
        }
        let page = table.query(Query::partition(Index::Gsi1, portico::directory::keys::staff_list(&practice.id))).await?;
        let everyone: Vec<StaffMember> = page
            .items
            .iter()
            .filter_map(|i| i.record().ok())
            .filter(|m: &StaffMember| m.status == portico::directory::AccountStatus::Active)
            .collect();
        let in_role: Vec<StaffMember> =
            everyone.iter().filter(|m| m.roles.iter().any(|r| topic.default_roles().contains(r))).cloned().collect();
        if !in_role.is_empty() {
            return Ok(in_role);
        }
        Ok(everyone.into_iter().filter(|m| m.roles.contains(&Role::Admin)).collect())
    }

    async fn tell_care_team(&self, event: &Event, topic: Topic, named: &[StaffId]) -> Outcome {
        let scope = "care-team";
        let table = self.table.as_ref();
        let EventKind::MessageCreated { thread_id, message_id, .. } = &event.kind;
        let practice = match self.tenants.by_id(&event.practice_id).await {
            Ok(Some(practice)) => practice,
            Ok(None) => return Outcome::Done,
            Err(e) => return retry(e),
        };
        match self.claim(event, scope).await {
            Ok(None) => {}
            Ok(Some(outcome)) => return outcome,
            Err(e) => return retry(e),
        }
        // The response task: one per patient message, keyed by the event.
        let task = serde_json::json!({
            "kind": "respond_to_message",
            "status": "open",
            "patient_id": event.patient_id,
            "thread_id": thread_id,
            "message_id": message_id,
            "topic": topic,
            "created_at": event.created_at,
        });
        let task_item = Item::new(keys::task(&practice.id, event.event_id.as_str()))
            .with("kind", task["kind"].clone())
            .with("status", "open")
            .with("patient_id", event.patient_id.as_str())
            .with("thread_id", thread_id.as_str())
            .with("message_id", message_id.as_str())
            .with("topic", topic.as_str())
            .with("created_at", task["created_at"].clone())
            .indexed(
                Index::Gsi1,
                keys::open_tasks(&practice.id),
                format!("{}#{}", event.created_at.format("%Y-%m-%dT%H:%M:%S%.6fZ"), event.event_id),
            );
        match table.put(task_item, Condition::NotExists).await {
            Ok(()) | Err(StoreError::ConditionFailed { .. }) => {}
            Err(e) => {
                self.release(event, scope).await;
                return retry(e);
            }
        }
        let members = match self.care_team(&practice, topic, named).await {
            Ok(members) => members,
            Err(e) => {
                self.release(event, scope).await;
                return retry(e);
            }
        };
        let name = PracticeName::new(&practice.name);
        let mut sent = 0;
        for member in &members {
            let Ok(to) = portico::domain::Email::parse(&member.email) else { continue };
            // Each member is told once, even when a later member's email fails and the event comes back.
            let told = keys::handled(&practice.id, "care-team-member", &format!("{}#{}", event.event_id, member.staff_id));
            match table.get(&told).await {
                Ok(Some(_)) => {
                    sent += 1;
                    continue;
                }
                Ok(None) => {}
                Err(e) => {
                    self.release(event, scope).await;
                    return retry(e);
                }
            }
            // No PHI: not who wrote, not what; only that a message on a topic is waiting.
            let text = format!(
                "A patient sent a new {} message through the {name} portal. Sign in to the CRM to read and answer it.",
                topic.as_str()
            );
            let email = OutgoingEmail {
                to,
                subject: format!("New patient message ({})", topic.as_str()),
                html: portico::notify::templates::paragraphs_html(&text),
                text,
                headers: Vec::new(),
                tags: vec![("practice_id".into(), practice.id.to_string()), ("category".into(), "staff".into())],
            };
            match self.mail.send(&email).await {
                Ok(_) => {
                    sent += 1;
                    let record = Item::new(told)
                        .with("at", self.clock.now().to_rfc3339())
                        .expiring_at((self.clock.now() + idempotency_window()).timestamp());
                    if let Err(e) = table.put(record, Condition::Always).await {
                        tracing::warn!(error = %e, "care-team email sent but not recorded");
                    }
                }
                Err(SendError::Rejected(reason)) => tracing::warn!(reason = %reason, "care-team email refused"),
                Err(e) => {
                    // Those already told are recorded; the next delivery tells the rest.
                    self.release(event, scope).await;
                    return retry(e);
                }
            }
        }
        let done = Handled::StaffNotified { recipients: sent, at: self.clock.now() };
        let _ = self.record(event, scope, &done, Condition::Always).await;
        Outcome::Done
    }
}
