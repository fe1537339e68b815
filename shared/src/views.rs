//! Wire views of a patient's communication facts that more than one capability shows: the patient's
//! own screens (identity) and the staff chart (practice) answer with the same shapes, defined once.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::consents::{ConsentStatus, Decision, Overview};
use crate::directory::{CategorySet, ConsentKind, Patient, QuietHours};
use crate::domain::Channel;
use crate::notify::deliveries::Delivery;
use crate::notify::gate::Blocked;

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentView {
    pub kind: ConsentKind,
    pub title: String,
    pub summary: String,
    pub url: String,
    pub required: bool,
    pub current_version: u32,
    pub status: ConsentStatus,
    pub decided_version: Option<u32>,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentEventView {
    pub kind: ConsentKind,
    pub version: u32,
    pub decision: Decision,
    pub at: DateTime<Utc>,
    /// `patient` or `staff`.
    pub actor: String,
    /// How a decision staff recorded was given: `verbal` or `written`; `null` for the patient's own.
    pub method: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentsView {
    pub consents: Vec<ConsentView>,
    /// Newest first.
    pub history: Vec<ConsentEventView>,
}

impl From<Overview> for ConsentsView {
    fn from(overview: Overview) -> Self {
        ConsentsView {
            consents: overview
                .documents
                .into_iter()
                .map(|d| ConsentView {
                    kind: d.document.kind,
                    title: d.document.title,
                    summary: d.document.summary,
                    url: d.document.url,
                    required: d.document.required,
                    current_version: d.document.version,
                    status: d.status,
                    decided_version: d.decided_version,
                    decided_at: d.decided_at,
                })
                .collect(),
            history: overview
                .history
                .into_iter()
                .map(|h| ConsentEventView {
                    kind: h.kind,
                    version: h.version,
                    decision: h.decision,
                    at: h.at,
                    actor: h.actor_kind,
                    method: h.method,
                })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PreferencesView {
    /// Quiet hours are in this zone.
    pub time_zone: String,
    pub email: CategorySet,
    pub sms: CategorySet,
    pub quiet_hours: Option<QuietHours>,
}

impl From<&Patient> for PreferencesView {
    fn from(p: &Patient) -> Self {
        PreferencesView {
            time_zone: p.time_zone.to_string(),
            email: p.preferences.email,
            sms: p.preferences.sms,
            quiet_hours: p.preferences.quiet_hours,
        }
    }
}

/// Whether a "new message" notice can reach the patient on one channel, and if not, why.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelReach {
    pub reachable: bool,
    /// What stops it: `no_address`, `no_consent`, `preference_off`, `opted_out`, `undeliverable`,
    /// `country_not_served` or `suppressed`; null when reachable.
    pub blocked_by: Option<Blocked>,
}

impl From<Result<(), Blocked>> for ChannelReach {
    fn from(result: Result<(), Blocked>) -> Self {
        ChannelReach { reachable: result.is_ok(), blocked_by: result.err() }
    }
}

/// One notice to the patient: sent (with the provider's latest status), skipped by the send gate, or
/// refused by the provider. Never its words (they are PHI-free anyway) nor the address.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationView {
    pub notification_id: String,
    /// Null when no channel could be used.
    pub channel: Option<Channel>,
    /// `queued`, `sent`, `delivered`, `undelivered`, `failed`, `skipped`, or `refused` by the provider.
    pub status: String,
    /// Why it was skipped or refused, in staff's words; the provider's error code for failed texts.
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
}

impl From<&Delivery> for NotificationView {
    fn from(d: &Delivery) -> Self {
        NotificationView {
            notification_id: d.event_id.to_string(),
            channel: d.channel,
            status: d.status.clone(),
            reason: d.reason.clone(),
            at: d.at,
        }
    }
}
