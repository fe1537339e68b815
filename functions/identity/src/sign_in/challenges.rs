//! Challenges: a secret (a 6-digit code, or a server-held secret for links) bound to one challenge id,
//! stored only as a keyed digest, valid for ten minutes, dead after three wrong answers, used once.
//! Every answer is counted by a conditional write on the challenge's version, so concurrent guesses
//! cannot evaluate more than the allowed number of answers between them.

use chrono::{DateTime, Utc};
use portico::crypto::Hasher;
use portico::domain::{Address, Channel};
use portico::ids::{ChallengeId, PatientId, PracticeId};
use portico::store::{Condition, Item, StoreError, Table, Update, Write, attr};
use serde::{Deserialize, Serialize};

use crate::keys;
use crate::limits::{MAX_ATTEMPTS, code_ttl};
use crate::sign_in::rate_limit;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Purpose {
    /// Sign in with a code sent on a channel.
    SignIn { channel: Channel },
    /// Sign in by redeeming an invitation link; the secret never leaves the server.
    Link,
    /// Confirm a new email address or phone number before it replaces the old one.
    ContactChange { address: Address },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Challenge {
    pub id: ChallengeId,
    pub practice_id: PracticeId,
    /// Absent for an unknown address: the challenge exists so the answer looks the same, and can never
    /// be answered correctly.
    pub patient_id: Option<PatientId>,
    pub purpose: Purpose,
    pub digest: String,
    pub attempts: i64,
    pub used: bool,
    pub expires_at: i64,
    /// Cognito's session for the custom-auth exchange bound to this challenge.
    #[serde(default)]
    pub cognito_session: Option<String>,
    /// The keyed digest of the address the code went to (or would have): wrong answers count against
    /// the address's daily limit, whoever asked. Absent for links.
    #[serde(default)]
    pub address_digest: Option<String>,
    #[serde(default)]
    pub version: u64,
}

/// The outcome of one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Correct,
    Wrong {
        tries_left: i64,
    },
    /// Expired, used, out of tries, unknown, or someone else's.
    Dead,
}

fn digest(hasher: &Hasher, id: &ChallengeId, secret: &str) -> String {
    hasher.digest("challenge", &[id.as_str(), secret])
}

impl Challenge {
    pub fn new(
        hasher: &Hasher,
        practice: &PracticeId,
        patient: Option<&PatientId>,
        purpose: Purpose,
        secret: &str,
        now: DateTime<Utc>,
    ) -> Self {
        Challenge::with_id(ChallengeId::generate(now), hasher, practice, patient, purpose, secret, now)
    }

    /// A challenge under a given id (fixtures name theirs); the digest binds the secret to the id.
    pub fn with_id(
        id: ChallengeId,
        hasher: &Hasher,
        practice: &PracticeId,
        patient: Option<&PatientId>,
        purpose: Purpose,
        secret: &str,
        now: DateTime<Utc>,
    ) -> Self {
        Challenge {
            digest: digest(hasher, &id, secret),
            id,
            practice_id: practice.clone(),
            patient_id: patient.cloned(),
            purpose,
            attempts: 0,
            used: false,
            expires_at: (now + code_ttl()).timestamp(),
            cognito_session: None,
            address_digest: None,
            version: 1,
        }
    }

    /// The challenge of a code sent (or seemingly sent) to the address with this digest.
    pub fn for_address(mut self, address_digest: String) -> Self {
        self.address_digest = Some(address_digest);
        self
    }

    pub fn item(&self) -> Result<Item, StoreError> {
        Ok(Item::from_record(keys::challenge(&self.practice_id, &self.id), self)?.expiring_at(self.expires_at))
    }

    pub fn tries_left(&self) -> i64 {
        (MAX_ATTEMPTS - self.attempts).max(0)
    }

    /// Whether an answer could still succeed (before checking the answer itself).
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        !self.used && self.attempts < MAX_ATTEMPTS && self.expires_at > now.timestamp() && self.patient_id.is_some()
    }
}

/// Stores a new challenge. Sign-in challenges also become the patient's pending sign-in, which Cognito's
/// create-challenge trigger binds; both writes happen together.
pub async fn store(table: &dyn Table, challenge: &Challenge) -> Result<(), StoreError> {
    let mut writes = vec![Write::put(challenge.item()?, Condition::NotExists)];
    if let (Some(patient), Purpose::SignIn { .. } | Purpose::Link) = (&challenge.patient_id, &challenge.purpose) {
        let pending = Item::new(keys::pending_sign_in(&challenge.practice_id, patient))
            .with("challenge_id", challenge.id.as_str())
            .expiring_at(challenge.expires_at);
        writes.push(Write::put(pending, Condition::Always));
    }
    table.transact(writes).await
}

pub async fn load(table: &dyn Table, practice: &PracticeId, id: &ChallengeId) -> Result<Option<Challenge>, StoreError> {
    table.get(&keys::challenge(practice, id)).await?.map(|item| item.record()).transpose()
}

/// The challenge the patient's next custom-auth round answers.
pub async fn pending(table: &dyn Table, practice: &PracticeId, patient: &PatientId) -> Result<Option<ChallengeId>, StoreError> {
    let item = table.get(&keys::pending_sign_in(practice, patient)).await?;
    Ok(item.and_then(|item| item.str("challenge_id").and_then(ChallengeId::parse)))
}

/// Remembers Cognito's session for the next answer.
pub async fn bind_session(table: &dyn Table, challenge: &Challenge, session: &str) -> Result<Challenge, StoreError> {
    let update = Update::new(keys::challenge(&challenge.practice_id, &challenge.id))
        .set("cognito_session", session)
        .add(attr::VERSION, 1)
        .when(Condition::VersionIs(challenge.version));
    table.update(update).await?.record()
}

/// Counts one answer to a challenge and says whether it was right. `patient`, when given, must be the
/// challenge's patient.
pub async fn answer(
    table: &dyn Table,
    hasher: &Hasher,
    practice: &PracticeId,
    id: &ChallengeId,
    patient: Option<&PatientId>,
    answer: &str,
    now: DateTime<Utc>,
) -> Result<Answer, StoreError> {
    // A few rounds absorb concurrent answers; each round either counts this answer or sees another one counted.
    for _ in 0..(MAX_ATTEMPTS + 2) {
        let Some(challenge) = load(table, practice, id).await? else { return Ok(Answer::Dead) };
        let owner_ok = patient.is_none_or(|p| challenge.patient_id.as_ref() == Some(p));
        if !owner_ok || challenge.attempts >= MAX_ATTEMPTS || challenge.used || challenge.expires_at <= now.timestamp() {
            return Ok(Answer::Dead);
        }
        let locked = match &challenge.address_digest {
            Some(address) => rate_limit::locked_today(table, practice, address, now).await?,
            None => false,
        };
        if locked {
            return Ok(Answer::Dead);
        }
        let correct = challenge.patient_id.is_some() && hasher.matches("challenge", &[id.as_str(), answer], &challenge.digest);
        let mut update = Update::new(keys::challenge(practice, id))
            .add("attempts", 1)
            .add(attr::VERSION, 1)
            .when(Condition::VersionIs(challenge.version));
        if correct {
            update = update.set("used", true);
        }
        let mut writes = vec![Write::Update(update)];
        if let (false, Some(address)) = (correct, &challenge.address_digest) {
            writes.push(rate_limit::count_wrong_code(practice, address, now));
        }
        match table.transact(writes).await {
            Ok(()) if correct => return Ok(Answer::Correct),
            Ok(()) => return Ok(Answer::Wrong { tries_left: (MAX_ATTEMPTS - challenge.attempts - 1).max(0) }),
            Err(StoreError::ConditionFailed { .. } | StoreError::Conflict) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(Answer::Dead)
}
