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
