//! Key layout of the items this capability owns (ARCHITECTURE §3: built here, never in handlers).

use portico::ids::{ChallengeId, PatientId, PracticeId};
use portico::keys::{Partition, Prefix, patient_partition, practice_partition};
use portico::store::Key;

/// The sort keys identity writes.
pub const KEY_PREFIXES: &[Prefix] = &[
    Prefix { partition: Partition::Practice, prefix: "CHALLENGE#", owner: "identity" },
    Prefix { partition: Partition::Practice, prefix: "RATE#", owner: "identity" },
    Prefix { partition: Partition::Patient, prefix: "SIGNIN#", owner: "identity" },
];

/// A sign-in or contact-check challenge. Under the practice, not the patient: a challenge for an unknown
/// address has no patient, and must look the same.
pub fn challenge(practice: &PracticeId, id: &ChallengeId) -> Key {
    Key::new(practice_partition(practice), format!("CHALLENGE#{id}"))
}

/// The challenge Cognito's create-challenge trigger binds for the patient's next sign-in.
pub fn pending_sign_in(practice: &PracticeId, patient: &PatientId) -> Key {
    Key::new(patient_partition(practice, patient), "SIGNIN#PENDING")
}

pub fn send_cooldown(practice: &PracticeId, address_digest: &str) -> Key {
    Key::new(practice_partition(practice), format!("RATE#COOL#{address_digest}"))
}

pub fn address_hour(practice: &PracticeId, address_digest: &str, hour: i64) -> Key {
    Key::new(practice_partition(practice), format!("RATE#ADDR#{address_digest}#{hour}"))
}

pub fn practice_hour(practice: &PracticeId, hour: i64) -> Key {
    Key::new(practice_partition(practice), format!("RATE#PRACTICE#{hour}"))
}

/// Wrong answers to codes sent to one address, on one UTC day.
pub fn wrong_codes(practice: &PracticeId, address_digest: &str, day: i64) -> Key {
    Key::new(practice_partition(practice), format!("RATE#WRONG#{address_digest}#{day}"))
}

/// Confirmation codes one patient asked for, for new addresses, on one UTC day.
pub fn contact_changes(practice: &PracticeId, patient: &PatientId, day: i64) -> Key {
    Key::new(patient_partition(practice, patient), format!("SIGNIN#CONTACT#{day}"))
}
