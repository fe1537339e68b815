//! A practice's billing account: its own Stripe connected account (one practice per account, claimed in
//! a global item so the webhook routes each event by its `account`), its mode, currency and payment rules.

use chrono::{DateTime, Utc};
use portico::ids::PracticeId;
use portico::store::{Condition, Item, StoreError, Table, Write};
use serde::{Deserialize, Serialize};

use crate::keys;
use crate::model::Account;

#[derive(Debug, Serialize, Deserialize)]
struct Claim {
    practice_id: PracticeId,
}

pub async fn get(table: &dyn Table, practice: &PracticeId) -> Result<Option<Account>, StoreError> {
    table.get(&keys::account(practice)).await?.map(|i| i.record()).transpose()
}

/// The practice a connected account belongs to.
pub async fn practice_of(table: &dyn Table, stripe_account: &str) -> Result<Option<PracticeId>, StoreError> {
    Ok(table.get(&keys::stripe_account(stripe_account)).await?.map(|i| i.record::<Claim>()).transpose()?.map(|c| c.practice_id))
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
    let mut writes = vec![Write::put(Item::from_record(keys::account(&practice), &account)?, condition)];
    if current.map(|c| c.stripe_account.as_str()) != Some(account.stripe_account.as_str()) {
        let claim = Item::from_record(keys::stripe_account(&account.stripe_account), &Claim { practice_id: practice.clone() })?;
        writes.push(Write::put(claim, Condition::NotExists));
        if let Some(old) = current {
            writes.push(Write::Delete {
                key: keys::stripe_account(&old.stripe_account),
                condition: Condition::eq("practice_id", practice.to_string()),
            });
        }
    }
    match table.transact(writes).await {
        Ok(()) => Ok(account),
        Err(StoreError::ConditionFailed { index: Some(1), .. }) => Err(AccountError::Taken),
        Err(StoreError::ConditionFailed { .. }) => Err(AccountError::Changed),
        Err(e) => Err(e.into()),
    }
}
