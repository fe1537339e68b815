//! Events (the outbox, ARCHITECTURE §6). A change that someone else reacts to writes an [`Event`] in the
//! same transaction as the change itself, so the change and its announcement commit together or not at
//! all. The relay ([`relay`]) hands each event to the queues its kind is routed to ([`queues`]); workers
//! consume those queues and absorb duplicates with idempotency records keyed by the event id.
//!
//! Kinds are the platform's vocabulary, because capabilities never depend on each other: what one tells
//! another, or asks of the platform, travels as one of these. A new capability adds kinds here, and a
//! route for each in [`queues`]; it adds no new mechanism.

pub mod relay;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::access::Topic;
use crate::ids::{EventId, PatientId, PracticeId, StaffId};
use crate::keys;
use crate::notify::gate::Category;
use crate::notify::wording::TemplateKind;
use crate::queue::QueueMessage;
use crate::store::{Condition, Index, Item, StoreError, Write};

/// The queue the notify worker consumes.
pub const NOTIFY_QUEUE: &str = "notify";
/// The queue the scheduling worker consumes: text replies that confirm, freed times for the waitlist.
pub const SCHEDULING_QUEUE: &str = "scheduling";
/// The queue the billing worker consumes: Stripe's events, as the webhook verified them.
pub const BILLING_QUEUE: &str = "billing";

/// Events stay in the table this long, well past any relay retry.
pub fn retention() -> Duration {
    Duration::days(7)
}

/// An instant and the zone to say it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct When {
    pub at: DateTime<Utc>,
    pub time_zone: String,
}

/// A condition a notice depends on: the item at `pk`/`sk` still has these attribute values, and it is
/// not yet `until`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Still {
    pub pk: String,
    pub sk: String,
    pub equals: Vec<(String, serde_json::Value)>,
    pub until: DateTime<Utc>,
}

impl Still {
    /// Whether it still holds, read now.
    pub async fn holds(&self, table: &dyn crate::store::Table, now: DateTime<Utc>) -> Result<bool, StoreError> {
        if now >= self.until {
            return Ok(false);
        }
        let item = table.get(&crate::store::Key::new(self.pk.clone(), self.sk.clone())).await?;
        Ok(item.is_some_and(|i| self.equals.iter().all(|(name, value)| i.get(name) == Some(value))))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// Tell the patient, through the send gate, that something is waiting in the portal.
    PatientNotice {
        category: Category,
        template: TemplateKind,
        urgent: bool,
        /// What the notice is about: its link opens it ([`crate::links`]); none links the portal's home.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<crate::links::ItemRef>,
        /// For an appointment reminder: when it is, in the zone where it is (the one detail a reminder
        /// carries; never the visit type, the clinician or the place). Worded in the patient's language.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        when: Option<When>,
        /// What must still hold when the notice goes (an appointment still booked at that start): the
        /// notifier checks it before every attempt, so a deferred notice never goes stale.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        still: Option<Still>,
        /// An answer to a text the patient just sent: by text only, at once (quiet hours and the day's
        /// allowance are for notices the patient did not ask for).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        answers_text: bool,
    },
    /// The patient texted a confirmation ("C"): their one unconfirmed appointment soon is confirmed, or
    /// they are sent to the portal. Messaging receives the text; scheduling owns appointments.
    ConfirmByText {
        /// The inbound text's `MessageSid`, for the audit trail.
        message_sid: String,
    },
    /// A booked time was given back (a cancel, a move): the waitlist may be offered it.
    SlotFreed { clinician_id: StaffId, service_id: crate::ids::ServiceId, start: DateTime<Utc> },
    /// Tell the staff who answer a topic, by email and without PHI, that a patient wrote.
    StaffNotice {
        topic: Topic,
        /// The thread's care team, if the practice named one; else the topic's roles are told.
        #[serde(default)]
        care_team: Vec<StaffId>,
    },
    /// A message event as messaging wrote them before notices had kinds of their own: a staff reply
    /// means a patient notice, a patient's message a staff notice. Read so that events written before
    /// an upgrade are still delivered; nothing writes it, and it can go once the oldest event of that
    /// kind is past [`retention`].
    #[serde(rename = "message_created")]
    LegacyMessageCreated {
        topic: Topic,
        from_patient: bool,
        #[serde(default)]
        urgent: bool,
        #[serde(default)]
        care_team: Vec<StaffId>,
    },
}

impl EventKind {
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::PatientNotice { .. } => "patient_notice",
            EventKind::StaffNotice { .. } => "staff_notice",
            EventKind::ConfirmByText { .. } => "confirm_by_text",
            EventKind::SlotFreed { .. } => "slot_freed",
            EventKind::LegacyMessageCreated { .. } => "message_created",
        }
    }

    /// The kind as it is handled today (a legacy message event becomes the notice it meant).
    pub fn current(&self) -> EventKind {
        match self {
            EventKind::LegacyMessageCreated { from_patient: false, urgent, .. } => EventKind::PatientNotice {
                category: Category::Messages,
                template: TemplateKind::MessageWaiting,
                urgent: *urgent,
                item: None,
                when: None,
                still: None,
                answers_text: false,
            },
            EventKind::LegacyMessageCreated { from_patient: true, topic, care_team, .. } => {
                EventKind::StaffNotice { topic: *topic, care_team: care_team.clone() }
            }
            other => other.clone(),
        }
    }
}

/// Which queues each kind of event goes to.
pub fn queues(kind: &EventKind) -> &'static [&'static str] {
    match kind {
        EventKind::PatientNotice { .. } | EventKind::StaffNotice { .. } | EventKind::LegacyMessageCreated { .. } => &[NOTIFY_QUEUE],
        EventKind::ConfirmByText { .. } | EventKind::SlotFreed { .. } => &[SCHEDULING_QUEUE],
    }
}

/// Every queue some event is routed to (the relay's permissions and the local pump cover these).
pub const QUEUES: &[&str] = &[NOTIFY_QUEUE, SCHEDULING_QUEUE];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub event_id: EventId,
    pub practice_id: PracticeId,
    pub patient_id: PatientId,
    pub created_at: DateTime<Utc>,
    #[serde(flatten)]
    pub kind: EventKind,
}

impl Event {
    pub fn new(practice: &PracticeId, patient: &PatientId, kind: EventKind, now: DateTime<Utc>) -> Self {
        Event { event_id: EventId::generate(now), practice_id: practice.clone(), patient_id: patient.clone(), created_at: now, kind }
    }

    /// The event as stored: in the patient's partition, and in the pending index until relayed.
    pub fn item(&self) -> Result<Item, StoreError> {
        let sort = format!("{}#{}", crate::time::sortable(self.created_at), self.event_id);
        Ok(Item::from_record(keys::event(&self.practice_id, &self.patient_id, &self.event_id), self)?
            .indexed(Index::Gsi1, keys::PENDING_EVENTS, sort)
            .expiring_at((self.created_at + retention()).timestamp()))
    }

    /// The write that records the event inside the transaction of the change it announces.
    pub fn write(&self) -> Result<Write, StoreError> {
        Ok(Write::put(self.item()?, Condition::NotExists))
    }

    pub fn to_message(&self) -> Result<QueueMessage, serde_json::Error> {
        Ok(QueueMessage { id: self.event_id.to_string(), body: serde_json::to_string(self)?, delay_seconds: 0 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_routed_to_a_known_queue() {
        let kinds = [
            EventKind::PatientNotice {
                category: Category::Messages,
                template: TemplateKind::MessageWaiting,
                urgent: false,
                item: None,
                when: None,
                still: None,
                answers_text: false,
            },
            EventKind::StaffNotice { topic: Topic::Clinical, care_team: Vec::new() },
            EventKind::ConfirmByText { message_sid: "SM1".into() },
        ];
        for kind in kinds {
            assert!(!queues(&kind).is_empty(), "{}", kind.name());
            assert!(queues(&kind).iter().all(|q| QUEUES.contains(q)), "{}", kind.name());
        }
    }

    #[test]
    fn events_written_before_notice_kinds_still_mean_their_notices() {
        let staff_reply = serde_json::json!({
            "event_id": "ev_01JC00000000000000000000E1", "practice_id": "pr_01JC00000000000000000000P1",
            "patient_id": "pt_01JC00000000000000000000A1", "created_at": "2026-11-21T12:00:00Z", "type": "message_created",
            "thread_id": "th_01JC00000000000000000000T1", "message_id": "ms_01JC00000000000000000000M1", "topic": "clinical",
            "from_patient": false, "urgent": true, "care_team": []
        });
        let event: Event = serde_json::from_value(staff_reply.clone()).unwrap();
        assert_eq!(
            event.kind.current(),
            EventKind::PatientNotice {
                category: Category::Messages,
                template: TemplateKind::MessageWaiting,
                urgent: true,
                item: None,
                when: None,
                still: None,
                answers_text: false,
            }
        );
        let mut patient_message = staff_reply;
        patient_message["from_patient"] = serde_json::json!(true);
        let event: Event = serde_json::from_value(patient_message).unwrap();
        assert_eq!(event.kind.current(), EventKind::StaffNotice { topic: Topic::Clinical, care_team: Vec::new() });
        assert_eq!(queues(&event.kind), &[NOTIFY_QUEUE]);
    }

    #[test]
    fn events_read_back_as_written() {
        let now = Utc::now();
        let event = Event::new(
            &PracticeId::generate(now),
            &PatientId::generate(now),
            EventKind::StaffNotice { topic: Topic::Billing, care_team: Vec::new() },
            now,
        );
        let item = event.item().unwrap();
        assert_eq!(item.record::<Event>().unwrap(), event);
        assert_eq!(item.str("type"), Some("staff_notice"));
    }
}
