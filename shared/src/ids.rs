//! Identifiers. Each kind has a prefix, so an id of one kind never parses as another, and a private
//! field, so only `parse` (at the edge) and `generate` make them.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::crypto;

const RANDOM_BITS: u32 = 80;

/// The last id made in this process: ids of the same millisecond (or of a clock that stands still, as in
/// tests) still sort in the order they were made.
static LAST: std::sync::Mutex<(u64, u128)> = std::sync::Mutex::new((0, 0));

/// A 26-character ULID: time-ordered, so ids sort by creation. Within a millisecond the random part
/// grows by a random step (not by one, so the next id is not guessable from the last).
fn new_ulid(now_ms: u64) -> String {
    let fresh = (u128::from(crypto::random_u64()) << 64 | u128::from(crypto::random_u64())) & ((1u128 << RANDOM_BITS) - 1);
    let mut last = LAST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let (ms, random) = if now_ms > last.0 {
        (now_ms, fresh)
    } else {
        let step = u128::from(crypto::random_u64() >> 32) + 1;
        match last.1.checked_add(step).filter(|r| *r < 1u128 << RANDOM_BITS) {
            Some(next) => (last.0, next),
            // The millisecond is used up: borrow the next one.
            None => (last.0 + 1, fresh),
        }
    };
    *last = (ms, random);
    ulid::Ulid::from_parts(ms, random).to_string()
}

fn is_ulid(s: &str) -> bool {
    s.len() == 26 && s.bytes().all(|b| b.is_ascii_digit() || (b.is_ascii_uppercase() && !matches!(b, b'I' | b'L' | b'O' | b'U')))
}

macro_rules! prefixed_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            pub const PREFIX: &'static str = $prefix;
            /// What a well-formed id looks like, for the API's description.
            pub const PATTERN: &'static str = concat!("^", $prefix, "[0-9A-HJKMNP-TV-Z]{26}$");

            pub fn generate(now: chrono::DateTime<chrono::Utc>) -> Self {
                let ms = u64::try_from(now.timestamp_millis()).unwrap_or(0);
                $name(format!("{}{}", $prefix, new_ulid(ms)))
            }

            pub fn parse(raw: &str) -> Option<Self> {
                let rest = raw.strip_prefix($prefix)?;
                is_ulid(rest).then(|| $name(raw.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(d)?;
                $name::parse(&raw).ok_or_else(|| serde::de::Error::custom(concat!("not a valid ", stringify!($name))))
            }
        }
    };
}

prefixed_id!(
    /// A practice (tenant).
    PracticeId, "pr_"
);
prefixed_id!(
    /// A patient within a practice.
    PatientId, "pt_"
);
prefixed_id!(
    /// A sign-in challenge (code or link).
    ChallengeId, "ch_"
);
prefixed_id!(
    /// A conversation between a patient and the care team.
    ThreadId, "th_"
);
prefixed_id!(
    /// One message of a thread.
    MessageId, "ms_"
);
prefixed_id!(
    /// A file attached to a message.
    AttachmentId, "at_"
);
prefixed_id!(
    /// An outbox event.
    EventId, "ev_"
);
prefixed_id!(
    /// A kind of visit the practice offers (a service).
    ServiceId, "sv_"
);
prefixed_id!(
    /// An appointment (or a request for one).
    AppointmentId, "ap_"
);
prefixed_id!(
    /// A grant that lets one person act for a patient (a parent, a caregiver, a guarantor).
    GrantId, "gr_"
);
prefixed_id!(
    /// A patient's place on a service's waitlist.
    WaitlistId, "wl_"
);
prefixed_id!(
    /// A freed time offered to a waitlisted patient.
    OfferId, "wo_"
);

/// A staff work item. Tasks that stand for something else (the answer a thread is waiting for) are
/// named after it, so raising one twice raises one task: `tk_respond_th_01…`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TaskId(String);

impl TaskId {
    pub const PREFIX: &'static str = "tk_";

    pub fn generate(now: chrono::DateTime<chrono::Utc>) -> Self {
        let ms = u64::try_from(now.timestamp_millis()).unwrap_or(0);
        TaskId(format!("{}{}", Self::PREFIX, new_ulid(ms)))
    }

    /// The task that stands for `source` (an id) under `purpose` (a short word).
    pub fn for_source(purpose: &str, source: &str) -> Self {
        TaskId(format!("{}{purpose}_{source}", Self::PREFIX))
    }

    pub fn parse(raw: &str) -> Option<Self> {
        let rest = raw.strip_prefix(Self::PREFIX)?;
        let ok = !rest.is_empty() && rest.len() <= 96 && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        ok.then(|| TaskId(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TaskId {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        TaskId::parse(&raw).ok_or_else(|| "not a valid task id".to_string())
    }
}

impl From<TaskId> for String {
    fn from(id: TaskId) -> String {
        id.0
    }
}

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A staff member: the staff pool's `sub` (a UUID in Cognito; any 1–64 URL-safe characters locally).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Debug)]
#[serde(try_from = "String", into = "String")]
pub struct StaffId(String);

impl StaffId {
    pub fn parse(raw: &str) -> Option<Self> {
        let ok = !raw.is_empty() && raw.len() <= 64 && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| StaffId(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for StaffId {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, Self::Error> {
        StaffId::parse(&raw).ok_or_else(|| "not a valid staff id".to_string())
    }
}

impl From<StaffId> for String {
    fn from(id: StaffId) -> String {
        id.0
    }
}

impl fmt::Display for StaffId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_one_instant_sort_in_the_order_they_were_made() {
        let now = chrono::Utc::now();
        let ids: Vec<MessageId> = (0..1000).map(|_| MessageId::generate(now)).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn ids_round_trip_and_refuse_other_kinds() {
        let now = chrono::Utc::now();
        let patient = PatientId::generate(now);
        assert_eq!(PatientId::parse(patient.as_str()), Some(patient.clone()));
        assert_eq!(PracticeId::parse(patient.as_str()), None);
        for bad in ["", "pt_", "pt_123", "pt_01ARZ3NDEKTSV4RRFFQ69G5FAv", "pt_01ARZ3NDEKTSV4RRFFQ69G5FAVX", "../pt_x"] {
            assert_eq!(PatientId::parse(bad), None, "{bad:?} must not parse");
        }
    }

    #[test]
    fn ids_sort_by_creation_time() {
        let early = PatientId::generate(chrono::DateTime::from_timestamp(1_000, 0).unwrap_or_default());
        let late = PatientId::generate(chrono::DateTime::from_timestamp(2_000, 0).unwrap_or_default());
        assert!(early < late);
    }
}
prefixed_id!(
    /// A group of charges a patient pays (an invoice).
    InvoiceId, "iv_"
);
prefixed_id!(
    /// One entry a practice posted to a patient's ledger (a charge, an adjustment, a write-off).
    EntryId, "le_"
);
prefixed_id!(
    /// A patient's payment (one attempt, one Stripe PaymentIntent).
    PaymentId, "pa_"
);
prefixed_id!(
    /// A refund the practice asked for.
    RefundId, "rq_"
);
