use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::patients::AccountStatus;
use crate::ids::{PracticeId, StaffId};
use crate::keys;
use crate::store::{Condition, Index, Item, StoreError, Table};

/// Staff roles: the staff pool's groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Admin,
    Clinician,
    FrontDesk,
    Billing,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Clinician, Role::FrontDesk, Role::Billing];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Clinician => "clinician",
            Role::FrontDesk => "front-desk",
            Role::Billing => "billing",
        }
    }

    pub fn parse(raw: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == raw)
    }
}

/// A staff member's record. Cognito holds the credentials; this holds the practice's view: active or
/// not, and what they may do.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StaffMember {
    pub practice_id: PracticeId,
    pub staff_id: StaffId,
    pub display_name: String,
    pub email: String,
    pub roles: Vec<Role>,
    pub status: AccountStatus,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub version: u64,
    /// When they last signed in (not a token refresh); absent before their first sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_sign_in_at: Option<DateTime<Utc>>,
}

pub async fn get(table: &dyn Table, practice: &PracticeId, staff: &StaffId) -> Result<Option<StaffMember>, StoreError> {
    table.get(&keys::staff_profile(practice, staff)).await?.map(|item| item.record()).transpose()
}

/// Records a staff member the first time they are seen; an existing record is left as it is (an admin
/// may have disabled it).
pub async fn provision(table: &dyn Table, member: &StaffMember) -> Result<StaffMember, StoreError> {
    let mut record = member.clone();
    record.version = 1;
    let item = Item::from_record(keys::staff_profile(&member.practice_id, &member.staff_id), &record)?.indexed(
        Index::Gsi1,
        keys::staff_list(&member.practice_id),
        member.staff_id.as_str(),
    );
    match table.put(item, Condition::NotExists).await {
        Ok(()) => Ok(record),
        Err(StoreError::ConditionFailed { current: Some(current), .. }) => current.record(),
        Err(e) => Err(e),
    }
}

/// The practice's staff, by id, one page at a time.
pub async fn list(
    table: &dyn Table,
    practice: &PracticeId,
    cursor: Option<crate::store::Cursor>,
    limit: usize,
) -> Result<(Vec<StaffMember>, Option<crate::store::Cursor>), StoreError> {
    let query = crate::store::Query::partition(Index::Gsi1, keys::staff_list(practice)).limit(limit).after(cursor);
    let page = table.query(query).await?;
    let members = page.items.iter().map(Item::record).collect::<Result<Vec<StaffMember>, _>>()?;
    Ok((members, page.next))
}

/// Saves a changed record under a version check (`member.version` as read).
pub async fn save(table: &dyn Table, member: &StaffMember) -> Result<StaffMember, StoreError> {
    let mut next = member.clone();
    next.version = member.version + 1;
    let item = Item::from_record(keys::staff_profile(&member.practice_id, &member.staff_id), &next)?.indexed(
        Index::Gsi1,
        keys::staff_list(&member.practice_id),
        member.staff_id.as_str(),
    );
    table.put(item, Condition::VersionIs(member.version)).await?;
    Ok(next)
}

/// Notes a sign-in on the member's record (a single attribute, so no edit of the record is lost).
pub async fn signed_in(table: &dyn Table, practice: &PracticeId, staff: &StaffId, at: DateTime<Utc>) -> Result<(), StoreError> {
    let update =
        crate::store::Update::new(keys::staff_profile(practice, staff)).set("last_sign_in_at", at.to_rfc3339()).when(Condition::Exists);
    match table.update(update).await {
        Ok(_) | Err(StoreError::ConditionFailed { .. }) => Ok(()),
        Err(e) => Err(e),
    }
}
