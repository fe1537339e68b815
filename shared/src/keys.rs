//! The key layout of the single table (ARCHITECTURE §3) for what the platform owns: the partitions every
//! item lives in, the directory (practices, staff, patients), and the platform layer's items (events,
//! idempotency records, tasks, notifications, consents, templates, suppression). Capabilities build their
//! own keys in their own `keys` modules, inside these partitions.
//!
//! Every partition key begins with the practice, so tenant isolation is a property of these functions.
//! Within a partition, each owner claims sort-key prefixes in a registry ([`PLATFORM_PREFIXES`] here, a
//! `KEY_PREFIXES` list in each capability); a test holds the registries free of overlaps, so two
//! capabilities can never read or overwrite each other's items by accident.

use chrono::{DateTime, Utc};

use crate::ids::{EventId, PatientId, PracticeId, StaffId, TaskId};
use crate::store::Key;
use crate::time;

// ---- partitions ---------------------------------------------------------------------------------

pub fn practice_partition(practice: &PracticeId) -> String {
    format!("PR#{practice}")
}

pub fn patient_partition(practice: &PracticeId, patient: &PatientId) -> String {
    format!("PR#{practice}#PT#{patient}")
}

pub fn staff_partition(practice: &PracticeId, staff: &StaffId) -> String {
    format!("PR#{practice}#ST#{staff}")
}

/// The kinds of partition an item can live in, for the prefix registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Partition {
    /// `PR#<practice>`
    Practice,
    /// `PR#<practice>#PT#<patient>`
    Patient,
    /// `PR#<practice>#ST#<staff>`
    Staff,
    /// Partitions that do not begin with a practice: host claims, the outbox's pending index.
    Global,
}

/// One owner's claim on the sort keys of a kind of partition that begin with `prefix` (an exact sort
/// key, like `PROFILE`, is a prefix of itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prefix {
    pub partition: Partition,
    pub prefix: &'static str,
    pub owner: &'static str,
}

const fn claim(partition: Partition, prefix: &'static str) -> Prefix {
    Prefix { partition, prefix, owner: "platform" }
}

/// The sort keys the platform layer writes.
pub const PLATFORM_PREFIXES: &[Prefix] = &[
    claim(Partition::Practice, "PRACTICE"),
    claim(Partition::Practice, "ADDR#"),
    claim(Partition::Practice, "INVITE#"),
    claim(Partition::Practice, "DONE#"),
    claim(Partition::Practice, "TASK#"),
    claim(Partition::Practice, "TEMPLATE#"),
    claim(Partition::Practice, "SETTINGS#"),
    claim(Partition::Practice, "SUPPRESS#"),
    claim(Partition::Practice, "THROTTLE#"),
    claim(Partition::Practice, "UNSUB#"),
    claim(Partition::Patient, "PROFILE"),
    claim(Partition::Patient, "HOME"),
    claim(Partition::Patient, "SESSION#"),
    claim(Partition::Patient, "CONSENT#"),
    claim(Partition::Patient, "EVENT#"),
    claim(Partition::Patient, "NOTE#"),
    claim(Partition::Patient, "COUNT#"),
    claim(Partition::Patient, TIMELINE_PREFIX),
    claim(Partition::Patient, BELL_PREFIX),
    claim(Partition::Patient, PROXY_PREFIX),
    claim(Partition::Practice, "PROXYINV#"),
    claim(Partition::Patient, PROXY_PENDING_PREFIX),
    claim(Partition::Practice, "LINK#"),
    claim(Partition::Patient, "LINKFOR#"),
    claim(Partition::Patient, "LINKSRETIRED"),
    claim(Partition::Staff, "PROFILE"),
    claim(Partition::Staff, "SESSION#"),
    claim(Partition::Global, "HOST#"),
    claim(Partition::Global, "OUTBOX#"),
];

/// Every pair of claims from different owners that overlap in one kind of partition.
pub fn overlaps<'a>(claims: &[&'a Prefix]) -> Vec<(&'a Prefix, &'a Prefix)> {
    let mut found = Vec::new();
    for (i, a) in claims.iter().enumerate() {
        for b in &claims[i + 1..] {
            let shared = a.partition == b.partition && (a.prefix.starts_with(b.prefix) || b.prefix.starts_with(a.prefix));
            if shared && a.owner != b.owner {
                found.push((*a, *b));
            }
        }
    }
    found
}

// ---- directory ----------------------------------------------------------------------------------

pub fn practice(practice: &PracticeId) -> Key {
    Key::new(practice_partition(practice), "PRACTICE")
}

/// Sort-key prefix of a practice's settings history.
pub const SETTINGS_CHANGE_PREFIX: &str = "SETTINGS#";

/// One saved version of a practice's settings: who changed what, when.
pub fn settings_change(practice: &PracticeId, version: u64) -> Key {
    Key::new(practice_partition(practice), format!("{SETTINGS_CHANGE_PREFIX}{version:012}"))
}

/// The partition of a practice's own items, for queries of them.
pub fn practice_items(practice: &PracticeId) -> String {
    practice_partition(practice)
}

/// A claim on a host or texting number: one item per host key across every practice, so two practices
/// can never hold the same one, and a request finds its practice with one read.
pub fn host_claim(host_key: &str) -> Key {
    Key::new(format!("HOST#{host_key}"), "CLAIM")
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

/// The patient's home summary ([`crate::home`]).
pub fn home(practice: &PracticeId, patient: &PatientId) -> Key {
    Key::new(patient_partition(practice, patient), "HOME")
}

/// Sort-key prefix of a person's proxy grants, both sides ([`crate::proxies`]).
pub const PROXY_PREFIX: &str = "PROXY#";
/// Grants to act for the partition's patient, by the proxy's id.
pub const PROXY_BY_PREFIX: &str = "PROXY#BY#";

/// The grant letting `proxy` act for `patient`, in the patient's partition.
pub fn proxy_grant(practice: &PracticeId, patient: &PatientId, proxy: &PatientId) -> Key {
    Key::new(patient_partition(practice, patient), format!("{PROXY_BY_PREFIX}{proxy}"))
}

/// The proxy's copy of the same grant, in the proxy's partition.
pub fn proxy_copy(practice: &PracticeId, proxy: &PatientId, patient: &PatientId) -> Key {
    Key::new(patient_partition(practice, proxy), format!("PROXY#OF#{patient}"))
}

/// A single-use link to an item ([`crate::links`]), by its token's digest.
pub fn item_link(practice: &PracticeId, digest: &str) -> Key {
    Key::new(practice_partition(practice), format!("LINK#{digest}"))
}

/// Which link to an item is the newest (only it opens).
pub fn item_link_current(practice: &PracticeId, patient: &PatientId, kind: &str, id: &str) -> Key {
    Key::new(patient_partition(practice, patient), format!("LINKFOR#{kind}#{id}"))
}

/// Links issued before the patient's last sign-out do not open.
pub fn links_retired(practice: &PracticeId, patient: &PatientId) -> Key {
    Key::new(patient_partition(practice, patient), "LINKSRETIRED")
}

/// Sort-key prefix of a patient's pending invitations to act for them.
pub const PROXY_PENDING_PREFIX: &str = "PROXYINV#";

/// A pending invitation, in the inviting patient's partition.
pub fn proxy_pending(practice: &PracticeId, patient: &PatientId, grant: &crate::ids::GrantId) -> Key {
    Key::new(patient_partition(practice, patient), format!("{PROXY_PENDING_PREFIX}{grant}"))
}

/// An invitation to act for a patient, by its link's digest.
pub fn proxy_invitation(practice: &PracticeId, link_digest: &str) -> Key {
    Key::new(practice_partition(practice), format!("PROXYINV#{link_digest}"))
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

/// A server-side session of a patient or staff member (its partition is theirs).
pub fn session(partition: String, session: &str) -> Key {
    Key::new(partition, format!("SESSION#{session}"))
}

/// A single-use invitation link, by the digest of its token.
pub fn invitation(practice: &PracticeId, digest: &str) -> Key {
    Key::new(practice_partition(practice), format!("INVITE#{digest}"))
}

// ---- consents -----------------------------------------------------------------------------------

pub const CONSENT_PREFIX: &str = "CONSENT#";

pub fn consent_state(practice: &PracticeId, patient: &PatientId) -> Key {
    Key::new(patient_partition(practice, patient), "CONSENT#STATE")
}

/// Decisions sort by when they were made.
pub const CONSENT_EVENT_PREFIX: &str = "CONSENT#EVENT#";

/// One decision; `sequence` (the state's new version) keeps two decisions in one instant apart.
pub fn consent_event(practice: &PracticeId, patient: &PatientId, at: &str, sequence: u64) -> Key {
    Key::new(patient_partition(practice, patient), format!("{CONSENT_EVENT_PREFIX}{at}#{sequence:08}"))
}

// ---- events (the outbox) ------------------------------------------------------------------------

pub fn event(practice: &PracticeId, patient: &PatientId, id: &EventId) -> Key {
    Key::new(patient_partition(practice, patient), format!("EVENT#{id}"))
}

/// GSI1 partition of events not yet handed to their queues (a sparse, system-wide index the relay sweeps).
pub const PENDING_EVENTS: &str = "OUTBOX#PENDING";

// ---- idempotency --------------------------------------------------------------------------------

/// Records that a business id was handled in a scope (a notification sent, a webhook applied), for
/// retries and duplicate deliveries.
pub fn handled(practice: &PracticeId, scope: &str, id: &str) -> Key {
    Key::new(practice_partition(practice), format!("DONE#{scope}#{id}"))
}

// ---- tasks --------------------------------------------------------------------------------------

pub fn task(practice: &PracticeId, id: &TaskId) -> Key {
    Key::new(practice_partition(practice), format!("TASK#{id}"))
}

/// GSI1: a practice's tasks in one status, by due time.
pub fn tasks_by_status(practice: &PracticeId, status: &str) -> String {
    format!("PR#{practice}#TASKS#{status}")
}

/// GSI2: the tasks one staff member holds, by due time.
pub fn tasks_of(practice: &PracticeId, staff: &StaffId) -> String {
    format!("PR#{practice}#TASKS#BY#{staff}")
}

// ---- notifications ------------------------------------------------------------------------------

/// A practice's own wording of a notification template.
/// A practice's wording of a template in a language; English keeps the key it had before languages.
pub fn template(practice: &PracticeId, kind: &str, lang: &str) -> Key {
    match lang {
        "en" => Key::new(practice_partition(practice), format!("TEMPLATE#{kind}")),
        _ => Key::new(practice_partition(practice), format!("TEMPLATE#{kind}#{lang}")),
    }
}

/// An email address that bounced or complained, by its digest.
pub fn suppression(practice: &PracticeId, address_digest: &str) -> Key {
    Key::new(practice_partition(practice), format!("SUPPRESS#{address_digest}"))
}

/// Texts sent to a patient in one period (`D#2026-11-18`, `W#2026-47`).
pub fn sms_count(practice: &PracticeId, patient: &PatientId, period: &str) -> Key {
    Key::new(patient_partition(practice, patient), format!("COUNT#SMS#{period}"))
}

/// A notification sent to a patient, findable by the provider's id through GSI1.
/// Sort-key prefix of a patient's notices (sent, skipped or refused), newest last by event id.
pub const NOTIFICATION_PREFIX: &str = "NOTE#";

/// The portal's bell ([`crate::bell`]).
pub const BELL_PREFIX: &str = "BELL#";

pub fn bell_item(practice: &PracticeId, patient: &PatientId, id: &str) -> Key {
    Key::new(patient_partition(practice, patient), format!("{BELL_PREFIX}{id}"))
}

/// The patient's activity timeline ([`crate::timeline`]), newest last by sort key.
pub const TIMELINE_PREFIX: &str = "TIMELINE#";

pub fn timeline_entry(practice: &PracticeId, patient: &PatientId, at: &str, id: &str) -> Key {
    Key::new(patient_partition(practice, patient), format!("{TIMELINE_PREFIX}{at}#{id}"))
}

pub fn notification(practice: &PracticeId, patient: &PatientId, event: &EventId) -> Key {
    Key::new(patient_partition(practice, patient), format!("{NOTIFICATION_PREFIX}{event}"))
}

/// GSI1 partition of a text by its provider id (Twilio's `MessageSid`).
pub fn sms_out(provider_id: &str) -> String {
    format!("SMSOUT#{provider_id}")
}

/// What an unsubscribe token stands for, under the token's keyed digest.
pub fn unsubscribe(practice: &PracticeId, token_digest: &str) -> Key {
    Key::new(practice_partition(practice), format!("UNSUB#{token_digest}"))
}

/// One client's requests of one kind in one window ([`crate::throttle`]).
pub fn throttle(practice: &PracticeId, scope: &str, client: &str, window: i64) -> Key {
    Key::new(practice_partition(practice), format!("THROTTLE#{scope}#{client}#{window}"))
}

/// An audit event: the practice's partition for the day it happened, sorted by time then request.
/// The audit trail has partitions of its own (nothing else is written there, and nothing is updated).
pub fn audit_event(practice: &PracticeId, at: DateTime<Utc>, request_id: &str) -> Key {
    Key::new(audit_day(practice, &at.format("%Y-%m-%d").to_string()), format!("{}#{request_id}", time::sortable(at)))
}

/// One day (`YYYY-MM-DD`, UTC) of a practice's audit trail.
pub fn audit_day(practice: &PracticeId, day: &str) -> String {
    format!("PR#{practice}#AUDIT#{day}")
}

/// GSI1 partition of one patient's audit events: their accounting of disclosures is one query.
pub fn audit_trail(practice: &PracticeId, patient: &str) -> String {
    format!("PR#{practice}#PT#{patient}#AUDIT")
}

/// The events of a patient's own access log (their sign-ins, and what staff did with their record).
pub fn access_log(practice: &PracticeId, patient: &str) -> String {
    format!("PR#{practice}#PT#{patient}#ACCESS")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_platform_claims_do_not_overlap_themselves_across_owners() {
        let claims: Vec<&Prefix> = PLATFORM_PREFIXES.iter().collect();
        assert!(overlaps(&claims).is_empty());
        let intruder = Prefix { partition: Partition::Patient, prefix: "CONSENT#X", owner: "someone" };
        let mut with_intruder = claims.clone();
        with_intruder.push(&intruder);
        assert_eq!(overlaps(&with_intruder).len(), 1, "a prefix inside another owner's is caught");
    }
}
