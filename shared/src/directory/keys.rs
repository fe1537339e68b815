//! The key layout of the directory's items (ARCHITECTURE §3). Every partition key begins with the
//! practice, so tenant isolation is a property of these functions.

use crate::ids::{PatientId, PracticeId, StaffId};
use crate::store::Key;

pub fn practice_partition(practice: &PracticeId) -> String {
    format!("PR#{practice}")
}

pub fn patient_partition(practice: &PracticeId, patient: &PatientId) -> String {
    format!("PR#{practice}#PT#{patient}")
}

pub fn staff_partition(practice: &PracticeId, staff: &StaffId) -> String {
    format!("PR#{practice}#ST#{staff}")
}

pub fn practice(practice: &PracticeId) -> Key {
    Key::new(practice_partition(practice), "PRACTICE")
}

/// A host the practice answers on; GSI1 maps it back to the practice.
pub fn practice_host(practice: &PracticeId, host_key: &str) -> Key {
    Key::new(practice_partition(practice), format!("HOST#{host_key}"))
}

/// The host key of a practice's subdomain of the portal's domain.
pub fn slug_host(slug: &str) -> String {
    format!("SLUG#{slug}")
}

/// The host key of a practice's own domain.
pub fn domain_host(host: &str) -> String {
    format!("DOMAIN#{host}")
}

/// The host key of a texting number: inbound texts find their practice through it.
pub fn number_host(e164: &str) -> String {
    format!("NUMBER#{e164}")
}

/// GSI1 partition of a host key ([`slug_host`], [`domain_host`] or [`number_host`]).
pub fn host_index(host_key: &str) -> String {
    format!("HOST#{host_key}")
}

pub fn patient_profile(practice: &PracticeId, patient: &PatientId) -> Key {
    Key::new(patient_partition(practice, patient), "PROFILE")
}

/// Claims an address for one patient of the practice (unique), keyed by its keyed digest.
pub fn address_claim(practice: &PracticeId, address_digest: &str) -> Key {
    Key::new(practice_partition(practice), format!("ADDR#{address_digest}"))
}

/// GSI1/GSI2 partition listing a practice's patients by name.
pub fn patient_names(practice: &PracticeId) -> String {
    format!("PR#{practice}#PATIENTS")
}

pub fn staff_profile(practice: &PracticeId, staff: &StaffId) -> Key {
    Key::new(staff_partition(practice, staff), "PROFILE")
}

/// GSI1 partition of a practice's staff list.
pub fn staff_list(practice: &PracticeId) -> String {
    format!("PR#{practice}#STAFF")
}
