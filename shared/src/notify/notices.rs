//! The notify worker's rules (`worker-notify`): turns notice events into texts and emails. A patient
//! notice goes through the send gate and says only that something is waiting; a staff notice tells the
//! people who answer a topic, by email, that a patient wrote. Every notice is keyed by its event id, so a
//! redelivered event sends nothing twice.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::deliveries::{self, Notification, Unsent};
use super::gate::{self, Category, Decision, Facts};
use super::templates::{Lang, PortalLink, PracticeName};
use super::wording::{self, NotificationValues, TemplateKind};
use super::{Mailer, OutgoingEmail, OutgoingSms, ProviderText, SendError, SmsSender, suppression, unsubscribe};
use crate::auth::access::Topic;
use crate::clock::Clock;
use crate::consents;
use crate::crypto::Hasher;
use crate::directory::{AccountStatus, ConsentKind, Patient, Practice, Role, StaffMember, patients, staff};
use crate::domain::Channel;
use crate::events::{Event, EventKind};
use crate::idempotency::{self, Claim, Claimed, Held};
use crate::ids::StaffId;
use crate::keys;
use crate::queue::Outcome;
use crate::store::{Condition, Index, Query, StoreError, Table, Update, Write};
use crate::tenant::Tenants;

/// What the notify worker uses.
pub struct Notifier {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub tenants: Arc<Tenants>,
    pub hasher: Hasher,
    pub mail: Arc<dyn Mailer>,
    pub sms: Arc<dyn SmsSender>,
}

/// One patient notice this delivery is sending.
#[derive(Clone, Copy)]
struct Notice<'a> {
    event: &'a Event,
    practice: &'a Practice,
    patient: &'a Patient,
    channel: Channel,
    template: TemplateKind,
    category: Category,
    urgent: bool,
}

/// What happened to a notice, kept as its idempotency record.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Handled {
    Sent { channel: Channel, provider_id: String },
    Skipped { reason: String },
    Failed { reason: String },
    StaffNotified { recipients: usize },
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

/// A claim older than this belongs to a worker that died (the queue's visibility timeout).
fn lease() -> Duration {
    crate::queue::visibility()
}

/// Texts counted against a patient's allowance live a little longer than the week they count for.
fn counter_lifetime() -> Duration {
    Duration::days(9)
}

impl Notifier {
    /// Handles one queued message (an event as JSON).
    pub async fn handle(&self, body: &str) -> Outcome {
        let Ok(event) = serde_json::from_str::<Event>(body) else {
            // Not ours to understand; retrying cannot help, and the dead-letter queue keeps it.
            return Outcome::Retry("unreadable event".into());
        };
        match event.kind.current() {
            EventKind::PatientNotice { category, template, urgent, answers_text, .. } => {
                self.tell_patient(&event, category, template, urgent || answers_text).await
            }
            EventKind::StaffNotice { topic, care_team } => self.tell_staff(&event, topic, &care_team).await,
            // Scheduling's events travel on its own queue; one routed here by mistake changes nothing.
            EventKind::LegacyMessageCreated { .. } | EventKind::ConfirmByText { .. } | EventKind::SlotFreed { .. } => Outcome::Done,
        }
    }

    fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    async fn facts<'a>(
        &self,
        practice: &Practice,
        patient: &'a Patient,
        category: Category,
        urgent: bool,
    ) -> Result<Facts<'a>, StoreError> {
        gather_facts(self.table.as_ref(), &self.hasher, practice, patient, category, urgent, self.now()).await
    }

    /// Counts a non-urgent text against the day and week, unless another worker used the allowance first.
    async fn reserve_text(&self, practice: &Practice, patient: &Patient, delta: i64) -> Result<bool, StoreError> {
        let (day, week) = gate::periods(patient, self.now());
        let expires = (self.now() + counter_lifetime()).timestamp();
        let counter = |period: String, cap: i64| {
            let update = Update::new(keys::sms_count(&practice.id, &patient.patient_id, &period)).add("count", delta).set("ttl", expires);
            let condition = if delta > 0 { Condition::Missing("count".into()).or(Condition::lt("count", cap)) } else { Condition::Exists };
            Write::Update(update.when(condition))
        };
        match self.table.transact(vec![counter(day, gate::SMS_PER_DAY), counter(week, gate::SMS_PER_WEEK)]).await {
            Ok(()) => Ok(true),
            Err(StoreError::ConditionFailed { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn values(&self, practice: &Practice, lang: Lang, link: PortalLink, when: Option<String>) -> NotificationValues {
        NotificationValues {
            appointment_time: when,
            practice_name: PracticeName::new(&practice.name),
            portal_link: link,
            practice_phone: practice.settings.contact_phone.clone(),
            lang,
        }
    }

    async fn tell_patient(&self, event: &Event, category: Category, template: TemplateKind, urgent: bool) -> Outcome {
        let table = self.table.as_ref();
        let id = Claimed::new(&event.practice_id, "notify", event.event_id.as_str());
        // A notice that depends on something (an appointment still booked at that start) goes only while
        // it holds: checked on every attempt, a deferral included.
        if let EventKind::PatientNotice { still: Some(still), .. } = &event.kind {
            match still.holds(table, self.now()).await {
                Ok(true) => {}
                Ok(false) => {
                    let stale = Handled::Skipped { reason: "no longer applies".into() };
                    return match idempotency::record_unclaimed(table, &id, &stale, self.now()).await {
                        Ok(()) => Outcome::Done,
                        Err(e) => retry(e),
                    };
                }
                Err(e) => return retry(e),
            }
        }
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
        let facts = match self.facts(&practice, &patient, category, urgent).await {
            Ok(facts) => facts,
            Err(e) => return retry(e),
        };
        let answers_text = matches!(event.kind, EventKind::PatientNotice { answers_text: true, .. });
        let decision = if answers_text { gate::answer(&facts) } else { gate::decide(&facts) };
        let channel = match decision {
            Decision::Defer(until) => return Outcome::Defer(until),
            Decision::Skip(reason) => {
                let unsent = Unsent {
                    practice_id: practice.id.clone(),
                    patient_id: patient.patient_id.clone(),
                    event_id: event.event_id.clone(),
                    channel: None,
                    status: "skipped".into(),
                    reason: reason.to_string(),
                    at: self.now(),
                };
                if let Err(e) = deliveries::record_unsent(table, &unsent).await {
                    return retry(e);
                }
                let skipped = Handled::Skipped { reason: reason.to_string() };
                return match idempotency::record_unclaimed(table, &id, &skipped, self.now()).await {
                    Ok(()) => Outcome::Done,
                    Err(e) => retry(e),
                };
            }
            Decision::Send(channel) => channel,
        };
        let held = match idempotency::claim::<Handled>(table, &id, self.now(), lease()).await {
            Ok(Claim::Mine(held)) => held,
            Ok(Claim::Done(_)) => return Outcome::Done,
            Ok(Claim::Busy) => return Outcome::Retry("another delivery is sending it".into()),
            Err(e) => return retry(e),
        };
        let notice = Notice { event, practice: &practice, patient: &patient, channel, template, category, urgent };
        let outcome = self.send_claimed(&notice, &held).await;
        if matches!(outcome, Outcome::Retry(_))
            && let Err(e) = idempotency::release(table, &id, &held).await
        {
            tracing::warn!(error = %e, "claim not released; it lapses after its lease");
        }
        outcome
    }

    /// Sends a notice this delivery holds the claim for.
    async fn send_claimed(&self, notice: &Notice<'_>, held: &Held) -> Outcome {
        let Notice { event, practice, patient, channel, template, category, urgent } = *notice;
        let table = self.table.as_ref();
        let id = Claimed::new(&event.practice_id, "notify", event.event_id.as_str());
        // A STOP may have landed since the facts were read: look again now that the event is ours.
        if channel == Channel::Sms {
            match patients::get(table, &practice.id, &patient.patient_id).await {
                Ok(Some(now)) if !now.sms.opted_out && !now.sms.undeliverable => {}
                Ok(_) => return Outcome::Retry("texts stopped meanwhile; deciding again".into()),
                Err(e) => return retry(e),
            }
        }
        let counted = channel == Channel::Sms && !urgent;
        if counted {
            match self.reserve_text(practice, patient, 1).await {
                Ok(true) => {}
                // Another text used today's allowance first: decide again on the next delivery.
                Ok(false) => return Outcome::Retry("text allowance used meanwhile".into()),
                Err(e) => return retry(e),
            }
        }
        let unreserve = async {
            if counted && let Err(e) = self.reserve_text(practice, patient, -1).await {
                tracing::warn!(error = %e, "text allowance not given back");
            }
        };
        // The notice's link opens its item, once ([`crate::links`]); without one, the portal's home.
        let origin = self.tenants.portal_url(practice);
        let link = match &event.kind {
            EventKind::PatientNotice { item: Some(item), .. } => {
                match crate::links::issue(table, &self.hasher, &practice.id, &patient.patient_id, item, channel, self.now()).await {
                    Ok(token) => PortalLink::open(&origin, &token),
                    Err(e) => {
                        unreserve.await;
                        return retry(e);
                    }
                }
            }
            _ => PortalLink::home(&origin),
        };
        let when = match &event.kind {
            EventKind::PatientNotice { when: Some(when), .. } => Some(super::wording::say_when(when, Lang::of(&patient.language))),
            _ => None,
        };
        match self.send(practice, patient, channel, template, category, (link, when)).await {
            Ok(provider_id) => {
                let notification = Notification {
                    practice_id: practice.id.clone(),
                    patient_id: patient.patient_id.clone(),
                    event_id: event.event_id.clone(),
                    channel,
                    provider_id: provider_id.clone(),
                    status: "queued".into(),
                    sent_at: self.now(),
                    error_code: None,
                };
                // The message has gone: whatever happens now, record it as sent so it never goes twice.
                let written = deliveries::record_sent(table, &notification).await;
                let recorded = idempotency::record(table, &id, held, &Handled::Sent { channel, provider_id }, self.now()).await;
                match written.and(recorded) {
                    Ok(true) => {}
                    Ok(false) => tracing::warn!("notification sent after its claim was taken over"),
                    Err(e) => tracing::error!(error = %e, "notification sent but not fully recorded"),
                }
                tracing::info!(channel = channel.as_str(), "patient notified");
                Outcome::Done
            }
            Err(Failure::Send(SendError::Rejected(reason))) => {
                unreserve.await;
                let unsent = Unsent {
                    practice_id: practice.id.clone(),
                    patient_id: patient.patient_id.clone(),
                    event_id: event.event_id.clone(),
                    channel: Some(channel),
                    status: "refused".into(),
                    reason: reason.to_string(),
                    at: self.now(),
                };
                if let Err(e) = deliveries::record_unsent(table, &unsent).await {
                    tracing::warn!(error = %e, "refused notification not recorded on the chart");
                }
                let failed = Handled::Failed { reason: reason.to_string() };
                if let Err(e) = idempotency::record(table, &id, held, &failed, self.now()).await {
                    tracing::warn!(error = %e, "refused notification not recorded");
                }
                Outcome::Done
            }
            Err(e) => {
                unreserve.await;
                retry(e)
            }
        }
    }

    async fn send(
        &self,
        practice: &Practice,
        patient: &Patient,
        channel: Channel,
        kind: TemplateKind,
        category: Category,
        (link, when): (PortalLink, Option<String>),
    ) -> Result<String, Failure> {
        // In the patient's language: their own preference decides, as it does for the portal.
        let lang = Lang::of(&patient.language);
        let (template, _) = wording::load(self.table.as_ref(), &practice.id, kind, lang).await?;
        let values = self.values(practice, lang, link, when);
        match channel {
            Channel::Sms => {
                let phone = patient.phone.clone().ok_or(SendError::Rejected(ProviderText::new("no mobile number")))?;
                Ok(self.sms.send(&OutgoingSms { to: phone, body: template.sms.render(&values) }).await?)
            }
            Channel::Email => {
                let email = patient.email.clone().ok_or(SendError::Rejected(ProviderText::new("no email address")))?;
                let (subject, body) = template.email.as_ref().map(|(s, b)| (s.render(&values), b.render(&values))).unwrap_or_default();
                let token =
                    unsubscribe::issue(self.table.as_ref(), &self.hasher, &practice.id, &patient.patient_id, category, self.now()).await?;
                let link = unsubscribe::link(&self.tenants.portal_url(practice), &token);
                let message = OutgoingEmail {
                    to: email,
                    subject,
                    html: super::templates::paragraphs_html(&body),
                    text: body,
                    headers: unsubscribe::headers(&link),
                    tags: vec![("practice_id".into(), practice.id.to_string()), ("category".into(), category.as_str().into())],
                };
                Ok(self.mail.send(&message).await?)
            }
        }
    }

    /// The people who answer a topic: the thread's care team, else the practice's staff in the topic's
    /// roles, else its admins.
    async fn care_team(&self, practice: &Practice, topic: Topic, named: &[StaffId]) -> Result<Vec<StaffMember>, StoreError> {
        let table = self.table.as_ref();
        let active = |m: &StaffMember| m.status == AccountStatus::Active;
        let mut members = Vec::new();
        for id in named {
            if let Some(member) = staff::get(table, &practice.id, id).await?.filter(active) {
                members.push(member);
            }
        }
        if !members.is_empty() {
            return Ok(members);
        }
        let page = table.query(Query::partition(Index::Gsi1, keys::staff_list(&practice.id))).await?;
        let everyone: Vec<StaffMember> = page.items.iter().filter_map(|i| i.record().ok()).filter(active).collect();
        let in_role: Vec<StaffMember> =
            everyone.iter().filter(|m| m.roles.iter().any(|r| topic.default_roles().contains(r))).cloned().collect();
        if !in_role.is_empty() {
            return Ok(in_role);
        }
        Ok(everyone.into_iter().filter(|m| m.roles.contains(&Role::Admin)).collect())
    }

    async fn tell_staff(&self, event: &Event, topic: Topic, named: &[StaffId]) -> Outcome {
        let table = self.table.as_ref();
        let id = Claimed::new(&event.practice_id, "care-team", event.event_id.as_str());
        let practice = match self.tenants.by_id(&event.practice_id).await {
            Ok(Some(practice)) => practice,
            Ok(None) => return Outcome::Done,
            Err(e) => return retry(e),
        };
        let held = match idempotency::claim::<Handled>(table, &id, self.now(), lease()).await {
            Ok(Claim::Mine(held)) => held,
            Ok(Claim::Done(_)) => return Outcome::Done,
            Ok(Claim::Busy) => return Outcome::Retry("another delivery is telling the care team".into()),
            Err(e) => return retry(e),
        };
        let outcome = self.email_care_team(event, &practice, topic, named, &held).await;
        if matches!(outcome, Outcome::Retry(_))
            && let Err(e) = idempotency::release(table, &id, &held).await
        {
            tracing::warn!(error = %e, "claim not released; it lapses after its lease");
        }
        outcome
    }

    async fn email_care_team(&self, event: &Event, practice: &Practice, topic: Topic, named: &[StaffId], held: &Held) -> Outcome {
        let table = self.table.as_ref();
        let members = match self.care_team(practice, topic, named).await {
            Ok(members) => members,
            Err(e) => return retry(e),
        };
        let name = PracticeName::new(&practice.name);
        let mut told = 0;
        for member in &members {
            let Ok(to) = crate::domain::Email::parse(&member.email) else { continue };
            // Each member is told once, even when a later member's email fails and the event comes back.
            let member_id = Claimed::new(&practice.id, "care-team-member", &format!("{}#{}", event.event_id, member.staff_id));
            match idempotency::seen(table, &member_id).await {
                Ok(true) => {
                    told += 1;
                    continue;
                }
                Ok(false) => {}
                Err(e) => return retry(e),
            }
            // No PHI: not who wrote, not what; only that a message on a topic is waiting.
            let text = format!(
                "A patient sent a new {} message through the {name} portal. Sign in to the console to read and answer it.",
                topic.as_str()
            );
            let email = OutgoingEmail {
                to,
                subject: format!("New patient message ({})", topic.as_str()),
                html: super::templates::paragraphs_html(&text),
                text,
                headers: Vec::new(),
                tags: vec![("practice_id".into(), practice.id.to_string()), ("category".into(), "staff".into())],
            };
            match self.mail.send(&email).await {
                Ok(_) => {
                    told += 1;
                    if let Err(e) = idempotency::mark(table, &member_id, &Handled::StaffNotified { recipients: 1 }, self.now()).await {
                        tracing::warn!(error = %e, "care-team email sent but not recorded");
                    }
                }
                Err(SendError::Rejected(reason)) => tracing::warn!(reason = %reason, "care-team email refused"),
                // Those already told are recorded; the next delivery tells the rest.
                Err(e) => return retry(e),
            }
        }
        let id = Claimed::new(&event.practice_id, "care-team", event.event_id.as_str());
        if let Err(e) = idempotency::record(table, &id, held, &Handled::StaffNotified { recipients: told }, self.now()).await {
            tracing::warn!(error = %e, "care-team notice not recorded");
        }
        Outcome::Done
    }
}

/// What the send gate needs to know about a patient now, read from the table: the SMS consent, email
/// suppression, and (for non-urgent notices) the texts already sent this day and week.
pub async fn gather_facts<'a>(
    table: &dyn Table,
    hasher: &Hasher,
    practice: &Practice,
    patient: &'a Patient,
    category: Category,
    urgent: bool,
    now: DateTime<Utc>,
) -> Result<Facts<'a>, StoreError> {
    let sms_consent = consents::accepts(table, practice, &patient.patient_id, ConsentKind::SmsMessages).await?;
    let email_suppressed = match &patient.email {
        Some(email) => suppression::is_suppressed(table, hasher, &practice.id, email).await?,
        None => false,
    };
    let (day, week) = gate::periods(patient, now);
    let count = |period: String| async move {
        table.get(&keys::sms_count(&practice.id, &patient.patient_id, &period)).await.map(|i| i.and_then(|i| i.i64("count")).unwrap_or(0))
    };
    let (sms_today, sms_this_week) = if urgent { (0, 0) } else { (count(day).await?, count(week).await?) };
    let sms_country_served = patient.phone.as_ref().is_some_and(|phone| practice.texts_phone(phone));
    Ok(Facts { patient, category, urgent, sms_consent, email_suppressed, sms_country_served, sms_today, sms_this_week, now })
}
