//! What a conversation or a work item is about, and who answers it. The topic decides which care team
//! hears of a patient's message and which staff roles handle it.

use serde::{Deserialize, Serialize};

use crate::directory::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Clinical,
    Scheduling,
    Billing,
    Other,
}

impl Topic {
    pub const ALL: [Topic; 4] = [Topic::Clinical, Topic::Scheduling, Topic::Billing, Topic::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Clinical => "clinical",
            Topic::Scheduling => "scheduling",
            Topic::Billing => "billing",
            Topic::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Topic::ALL.into_iter().find(|t| t.as_str() == raw)
    }

    /// The roles who answer a topic when the practice has not named a care team for it.
    pub fn default_roles(self) -> &'static [Role] {
        match self {
            Topic::Clinical => &[Role::Clinician],
            Topic::Scheduling | Topic::Other => &[Role::FrontDesk],
            Topic::Billing => &[Role::Billing],
        }
    }
}

/// Which staff roles read a topic's conversations (minimum necessary, 45 CFR 164.502(b)). Clinical
/// conversations are for the people who treat; the front desk handles scheduling and everything
/// administrative; billing staff handle billing. Admins run the practice and see everything.
pub fn role_reads_topic(role: Role, topic: Topic) -> bool {
    match role {
        Role::Admin | Role::Clinician => true,
        Role::FrontDesk => matches!(topic, Topic::Scheduling | Topic::Other),
        Role::Billing => matches!(topic, Topic::Billing),
    }
}

/// Which staff roles read (and write) internal notes: the clinical record of a conversation.
pub fn role_reads_notes(role: Role) -> bool {
    matches!(role, Role::Admin | Role::Clinician)
}

/// What one staff member may see, from all their roles. A staff member with no recognised role sees
/// nothing at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffView {
    topics: Vec<Topic>,
    notes: bool,
}

impl StaffView {
    pub fn of(roles: &[Role]) -> Self {
        StaffView {
            topics: Topic::ALL.into_iter().filter(|t| roles.iter().any(|r| role_reads_topic(*r, *t))).collect(),
            notes: roles.iter().any(|r| role_reads_notes(*r)),
        }
    }

    pub fn reads(&self, topic: Topic) -> bool {
        self.topics.contains(&topic)
    }

    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    pub fn reads_notes(&self) -> bool {
        self.notes
    }

    /// Sees every topic and every note (no filtering needed).
    pub fn sees_everything(&self) -> bool {
        self.notes && self.topics.len() == Topic::ALL.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table, as the authorization matrix and the console rely on it.
    #[test]
    fn each_role_reads_its_topics_and_no_role_reads_nothing() {
        let expected = [
            (Role::Admin, vec![Topic::Clinical, Topic::Scheduling, Topic::Billing, Topic::Other], true),
            (Role::Clinician, vec![Topic::Clinical, Topic::Scheduling, Topic::Billing, Topic::Other], true),
            (Role::FrontDesk, vec![Topic::Scheduling, Topic::Other], false),
            (Role::Billing, vec![Topic::Billing], false),
        ];
        for (role, topics, notes) in expected {
            let view = StaffView::of(&[role]);
            assert_eq!(view.topics(), topics.as_slice(), "{role:?}");
            assert_eq!(view.reads_notes(), notes, "{role:?}");
        }
        let nobody = StaffView::of(&[]);
        assert!(nobody.topics().is_empty() && !nobody.reads_notes());
        let both = StaffView::of(&[Role::FrontDesk, Role::Billing]);
        assert_eq!(both.topics(), &[Topic::Scheduling, Topic::Billing, Topic::Other]);
    }
}
