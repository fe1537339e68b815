//! Invitation links: a random token sent to the patient, stored only as a digest, valid for the
//! practice's invitation window, redeemed once. Issuing a new link invalidates the older ones, because
//! a link is honoured only while it is the one named on the patient's profile.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::crypto::{self, Hasher};
use crate::directory::{Patient, patients};
use crate::ids::{PatientId, PracticeId, StaffId};
use crate::keys;
use crate::store::{Condition, Item, StoreError, Table, Update, Write};

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Invitation {
    patient_id: PatientId,
    issued_by: StaffId,
    issued_at: DateTime<Utc>,
    expires_at: i64,
    used: bool,
}

pub fn digest(hasher: &Hasher, token: &str) -> String {
    hasher.digest("invitation", &[token])
}

/// A new invitation for the patient: the token to send, and the profile naming it as the valid one.
pub async fn issue(
    table: &dyn Table,
    hasher: &Hasher,
    patient: &Patient,
    valid_hours: u32,
    by: &StaffId,
    now: DateTime<Utc>,
) -> Result<(String, Patient), StoreError> {
    let token = crypto::random_token(32);
    let digest = digest(hasher, &token);
    let expires_at = (now + Duration::hours(i64::from(valid_hours))).timestamp();
    let invitation = Invitation { patient_id: patient.patient_id.clone(), issued_by: by.clone(), issued_at: now, expires_at, used: false };
    let item = Item::from_record(keys::invitation(&patient.practice_id, &digest), &invitation)?.expiring_at(expires_at);
    let mut changed = patient.clone();
    changed.invitation = Some(digest);
    changed.updated_at = now;
    let (save, saved) = patients::save_write(&changed)?;
    table.transact(vec![Write::put(item, Condition::NotExists), save]).await?;
    Ok((token, saved))
}

/// Redeems a token: exactly one concurrent redemption wins, and only while the link is the patient's
/// current one, unexpired and unused, and the account is active.
pub async fn redeem(table: &dyn Table, hasher: &Hasher, practice: &PracticeId, token: &str) -> Result<Option<PatientId>, StoreError> {
    if token.is_empty() || token.len() > 128 {
        return Ok(None);
    }
    let digest = digest(hasher, token);
    let key = keys::invitation(practice, &digest);
    let Some(item) = table.get(&key).await? else { return Ok(None) };
    let invitation: Invitation = item.record()?;
    if invitation.used {
        return Ok(None);
    }
    let consume = Update::new(key).set("used", true).when(Condition::Exists.and(Condition::eq("used", false)));
    let current = Write::Check {
        key: keys::patient_profile(practice, &invitation.patient_id),
        condition: patients::active_condition().and(Condition::eq("invitation", digest.as_str())),
    };
    // A lost race is a failed condition (someone else redeemed it); contention the store could not
    // settle is an error, never a silent "no".
    match table.transact(vec![Write::Update(consume), current]).await {
        Ok(()) => Ok(Some(invitation.patient_id)),
        Err(StoreError::ConditionFailed { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}
