//! The practice's staff, as administrators manage them: who is on the team, turning an account off at
//! once (its sessions end on their next request, its sign-ins stop, its refresh tokens die), and turning
//! it back on after a mistake.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use portico::auth::{SessionSubject, Sessions};
use portico::directory::{AccountStatus, Role, StaffMember, staff};
use portico::identity::{IdentityError, StaffAccounts};
use portico::ids::{PracticeId, StaffId};
use portico::store::{Cursor, StoreError, Table};

/// What the team routes use.
pub struct TeamDeps {
    pub table: Arc<dyn Table>,
    pub sessions: Sessions,
    pub accounts: Arc<dyn StaffAccounts>,
}

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("no such staff member")]
    NotFound,
    /// An administrator cannot lock themselves out (and a practice out of its last administrator).
    #[error("you cannot disable your own account")]
    OwnAccount,
    /// One's own account is on (it cannot be disabled), so there is nothing to turn back on.
    #[error("your own account is on")]
    OwnAccountOn,
    /// An administrator cannot take away their own administration (the practice could lose its last).
    #[error("you cannot remove your own admin role")]
    OwnAdminRole,
    #[error("{0}")]
    Invalid(&'static str),
    #[error("that email already has a staff account")]
    EmailTaken,
    #[error(transparent)]
    Identity(#[from] IdentityError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl TeamDeps {
    pub async fn member(&self, practice: &PracticeId, id: &StaffId) -> Result<StaffMember, TeamError> {
        staff::get(self.table.as_ref(), practice, id).await?.ok_or(TeamError::NotFound)
    }

    pub async fn list(
        &self,
        practice: &PracticeId,
        cursor: Option<Cursor>,
        limit: usize,
    ) -> Result<(Vec<StaffMember>, Option<Cursor>), TeamError> {
        Ok(staff::list(self.table.as_ref(), practice, cursor, limit).await?)
    }

    /// Disables a staff member: the record first (sessions are refused from the next request, and the
    /// staff pool's pre-token trigger refuses new tokens), then every session, then the account itself.
    /// Repeating it is harmless, and finishes what a failure left undone.
    pub async fn disable(&self, practice: &PracticeId, id: &StaffId, by: &StaffId) -> Result<StaffMember, TeamError> {
        if id == by {
            return Err(TeamError::OwnAccount);
        }
        let current = self.member(practice, id).await?;
        let saved = if current.status == AccountStatus::Active {
            let mut changed = current.clone();
            changed.status = AccountStatus::Disabled;
            staff::save(self.table.as_ref(), &changed).await?
        } else {
            current
        };
        self.sessions.revoke_all(&SessionSubject::Staff(practice.clone(), id.clone())).await?;
        match self.accounts.set_staff_enabled(id, false).await {
            // A record without a pool account (removed by hand in the console) has nothing left to stop.
            Ok(()) | Err(IdentityError::UserNotFound) => Ok(saved),
            Err(e) => Err(e.into()),
        }
    }

    /// Turns a disabled staff member's account back on: the pool account first, then the record (a
    /// failure between them leaves the record off, so the pre-token trigger still refuses tokens), with
    /// the roles it had. Their old sessions stay ended; they sign in again. Repeating it is harmless.
    pub async fn enable(&self, practice: &PracticeId, id: &StaffId, by: &StaffId) -> Result<StaffMember, TeamError> {
        if id == by {
            return Err(TeamError::OwnAccountOn);
        }
        let current = self.member(practice, id).await?;
        match self.accounts.set_staff_enabled(id, true).await {
            Ok(()) | Err(IdentityError::UserNotFound) => {}
            Err(e) => return Err(e.into()),
        }
        if current.status == AccountStatus::Active {
            return Ok(current);
        }
        let mut changed = current;
        changed.status = AccountStatus::Active;
        Ok(staff::save(self.table.as_ref(), &changed).await?)
    }

    /// Invites a staff member: their account in the staff pool (the pool sends the invitation) and
    /// their record now, before their first sign-in, so care-team notices reach them from day one.
    pub async fn invite(
        &self,
        practice: &PracticeId,
        email: &str,
        display_name: &str,
        roles: Vec<Role>,
        now: DateTime<Utc>,
    ) -> Result<StaffMember, TeamError> {
        let display_name = display_name.trim();
        if display_name.is_empty() || display_name.chars().count() > 100 {
            return Err(TeamError::Invalid("display_name must be 1 to 100 characters"));
        }
        if roles.is_empty() {
            return Err(TeamError::Invalid("give at least one role"));
        }
        let staff_id = match self.accounts.invite_staff(practice, email, &roles).await {
            Ok(id) => id,
            Err(IdentityError::Taken) => self.unfinished_invitation(practice, email, &roles).await?,
            Err(e) => return Err(e.into()),
        };
        let member = StaffMember {
            practice_id: practice.clone(),
            staff_id,
            display_name: display_name.to_string(),
            email: email.to_string(),
            roles,
            status: AccountStatus::Active,
            created_at: now,
            version: 0,
            last_sign_in_at: None,
        };
        let saved = staff::provision(self.table.as_ref(), &member).await?;
        if saved.roles != member.roles {
            // Another invitation of the same email made the record first: its roles stand, in the pool
            // too (this one may have set the groups after it), and this one is refused as taken.
            self.accounts.set_staff_roles(&saved.staff_id, &saved.roles).await?;
            return Err(TeamError::EmailTaken);
        }
        Ok(saved)
    }

    /// An invitation whose account exists in this practice's name without a record: an earlier attempt
    /// created the account (and its invitation email) and failed before the record. The retry finishes it
    /// with the roles asked for now. Any other holder of the email is taken.
    async fn unfinished_invitation(&self, practice: &PracticeId, email: &str, roles: &[Role]) -> Result<StaffId, TeamError> {
        let Some((id, theirs)) = self.accounts.find_staff(email).await? else { return Err(TeamError::EmailTaken) };
        if &theirs != practice || staff::get(self.table.as_ref(), practice, &id).await?.is_some() {
            return Err(TeamError::EmailTaken);
        }
        self.accounts.set_staff_roles(&id, roles).await?;
        Ok(id)
    }

    /// Sets a member's roles: the pool's groups (from their next sign-in) and the record (at once).
    pub async fn set_roles(&self, practice: &PracticeId, id: &StaffId, by: &StaffId, roles: Vec<Role>) -> Result<StaffMember, TeamError> {
        if roles.is_empty() {
            return Err(TeamError::Invalid("give at least one role"));
        }
        if id == by && !roles.contains(&Role::Admin) {
            return Err(TeamError::OwnAdminRole);
        }
        let mut member = self.member(practice, id).await?;
        match self.accounts.set_staff_roles(id, &roles).await {
            Ok(()) | Err(IdentityError::UserNotFound) => {}
            Err(e) => return Err(e.into()),
        }
        // A role taken away is gone at once: tokens carry roles, so the member's sessions end (and the
        // pool signs them out) and their next sign-in carries what is left.
        let narrowed = member.roles.iter().any(|r| !roles.contains(r));
        member.roles = roles;
        let saved = staff::save(self.table.as_ref(), &member).await?;
        if narrowed {
            self.sessions.revoke_all(&SessionSubject::Staff(practice.clone(), id.clone())).await?;
            match self.accounts.sign_out_everywhere(id).await {
                Ok(()) | Err(IdentityError::UserNotFound) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(saved)
    }
}
