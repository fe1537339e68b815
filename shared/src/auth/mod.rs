//! Who is asking. The principal is built only from claims the JWT authorizer verified (API Gateway in
//! AWS, the local gateway locally) plus the server-side session check.

pub mod access;
pub mod claims;
pub mod invitations;
pub mod session;

use crate::directory::Role;
use crate::ids::{PatientId, PracticeId, StaffId};

pub use claims::Claims;
pub use session::{SessionSubject, Sessions};

/// Session limits (ARCHITECTURE §5): one place for each number.
pub mod limits {
    use chrono::Duration;

    pub fn patient_idle() -> Duration {
        Duration::minutes(30)
    }

    pub fn staff_idle() -> Duration {
        Duration::minutes(15)
    }

    pub fn absolute() -> Duration {
        Duration::hours(12)
    }
}

/// What a person acting for a patient may do in the portal (issue 11's proxy grants). Every patient
/// route names the scope it needs with `Exchange::patient_in`; the patient acting for themself has
/// every scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Messages,
    Appointments,
    Forms,
    Documents,
    Billing,
    Profile,
}

impl Scope {
    pub const ALL: [Scope; 6] = [Scope::Messages, Scope::Appointments, Scope::Forms, Scope::Documents, Scope::Billing, Scope::Profile];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Messages => "messages",
            Scope::Appointments => "appointments",
            Scope::Forms => "forms",
            Scope::Documents => "documents",
            Scope::Billing => "billing",
            Scope::Profile => "profile",
        }
    }
}

/// A signed-in patient acting for themself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientPrincipal {
    pub practice: PracticeId,
    pub patient: PatientId,
    pub session: String,
    /// When the patient proved who they are for this session (epoch seconds): a code, a link.
    pub signed_in_at: i64,
}

/// A signed-in staff member of one practice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffPrincipal {
    pub practice: PracticeId,
    pub staff: StaffId,
    pub roles: Vec<Role>,
    pub session: String,
}

impl StaffPrincipal {
    /// Whether the staff member holds one of `roles`. No role held (or none allowed) means no.
    pub fn has_any(&self, roles: &[Role]) -> bool {
        self.roles.iter().any(|r| roles.contains(r))
    }

    /// What the staff member's roles let them see.
    pub fn view(&self) -> access::StaffView {
        access::StaffView::of(&self.roles)
    }
}

/// Who did something, for the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    Patient(PatientId),
    Staff(StaffId),
    /// Our own workers and webhooks.
    System(&'static str),
}

impl Actor {
    pub fn kind(&self) -> &'static str {
        match self {
            Actor::Anonymous => "anonymous",
            Actor::Patient(_) => "patient",
            Actor::Staff(_) => "staff",
            Actor::System(_) => "system",
        }
    }

    pub fn id(&self) -> Option<String> {
        match self {
            Actor::Anonymous => None,
            Actor::Patient(id) => Some(id.to_string()),
            Actor::Staff(id) => Some(id.to_string()),
            Actor::System(name) => Some((*name).to_string()),
        }
    }
}
