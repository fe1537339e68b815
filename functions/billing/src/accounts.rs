//! A practice's billing account: its own Stripe connected account (one practice per account, claimed in
//! a global item so the webhook routes each event by its `account`), its mode, currency and payment rules.
//! A practice that moves to another account (test to live) keeps its claim on the old one, so events
//! and refunds of payments made there still reach it.

use chrono::{DateTime, Utc};
use portico::ids::PracticeId;
use portico::store::{Condition, Item, StoreError, Table, Write};
use serde::{Deserialize, Serialize};

use crate::keys;
use crate::model::Account;

/// Which practice a connected account belongs to, and whether that account is live.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claim {
    pub practice_id: PracticeId,
    #[serde(default)]
    pub livemode: bool,
}

pub async fn get(table: &dyn Table, practice: &PracticeId) -> Result<Option<Account>, StoreError> {
    table.get(&keys::account(practice)).await?.map(|i| i.record()).transpose()
}

/// The practice a connected account belongs to, and the account's mode.
pub async fn claim_of(table: &dyn Table, stripe_account: &str) -> Result<Option<Claim>, StoreError> {
    table.get(&keys::stripe_account(stripe_account)).await?.map(|i| i.record::<Claim>()).transpose()
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("that Stripe account belongs to another practice")]
    Taken,
    #[error("the account changed meanwhile")]
    Changed,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Sets the account (administrators): claims the connected account for this practice, and gives up the
/// one it replaces, in one transaction under the version that was read.
pub async fn put(table: &dyn Table, mut account: Account, current: Option<&Account>, now: DateTime<Utc>) -> Result<Account, AccountError> {
    let practice = account.practice_id.clone();
    account.version = current.map_or(1, |c| c.version + 1);
    account.updated_at = now;
    let condition = current.map_or(Condition::NotExists, |c| Condition::VersionIs(c.version));
    // The claim is this practice's, or nobody's yet; it is written every time, to carry the mode.
    let claim = Item::from_record(
        keys::stripe_account(&account.stripe_account),
        &Claim { practice_id: practice.clone(), livemode: account.livemode },
    )?;
    let ours = Condition::NotExists.or(Condition::eq("practice_id", practice.to_string()));
    let writes = vec![Write::put(Item::from_record(keys::account(&practice), &account)?, condition), Write::put(claim, ours)];
    match table.transact(writes).await {
        Ok(()) => Ok(account),
        Err(StoreError::ConditionFailed { index: Some(1), .. }) => Err(AccountError::Taken),
        Err(StoreError::ConditionFailed { .. }) => Err(AccountError::Changed),
        Err(e) => Err(e.into()),
    }
}
