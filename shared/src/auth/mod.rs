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

/// A signed-in person and the patient the request acts for: themself, or someone who gave them a grant
/// ([`crate::proxies`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientPrincipal {
    pub practice: PracticeId,
    /// The patient whose account this request touches.
    pub patient: PatientId,
    pub session: String,
    /// When the person proved who they are for this session (epoch seconds): a code, a link.
    pub signed_in_at: i64,
    /// Set when the signed-in person acts for someone else.
    pub acting: Option<Acting>,
}

impl PatientPrincipal {
    /// Who signed in: the patient themself, or their proxy.
    pub fn person(&self) -> &PatientId {
        self.acting.as_ref().map_or(&self.patient, |a| &a.person)
    }

    pub fn has(&self, scope: Scope) -> bool {
        self.acting.as_ref().is_none_or(|a| a.scopes.contains(&scope))
    }

    /// Whether a limited proxy (a parent of a teen) acts: the teen's private things are hidden.
    pub fn limited(&self) -> bool {
        self.acting.as_ref().is_some_and(|a| a.limited)
    }

    /// Whether this caller sees a conversation on `topic` that `opener` started.
    pub fn sees_conversation(&self, topic: access::Topic, opener: Opener<'_>) -> bool {
        match &self.acting {
            None => true,
            Some(acting) => acting.sees_conversation(topic, opener),
        }
    }
}

/// Who started a conversation (or anything else a teen may keep from a parent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opener<'a> {
    /// The patient themself.
    Patient,
    /// A person acting for the patient.
    Proxy(&'a PatientId),
    CareTeam,
}

/// A person acting for a patient under a grant, as the edge found it on this request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acting {
    pub grant: crate::ids::GrantId,
    /// The signed-in person.
    pub person: PatientId,
    /// Their name, for what they write on the patient's behalf.
    pub name: String,
    pub relationship: crate::proxies::Relationship,
    pub scopes: Vec<Scope>,
    /// A parent of a teen (the practice's age rules): confidential topics and the teen's own
    /// conversations are hidden.
    pub limited: bool,
    pub confidential: Vec<access::Topic>,
}

impl Acting {
    /// Full access sees every conversation; limited access sees, on topics that are not confidential,
    /// the ones this proxy started and the care team's, never the teen's own.
    pub fn sees_conversation(&self, topic: access::Topic, opener: Opener<'_>) -> bool {
        if !self.limited {
            return true;
        }
        if self.confidential.contains(&topic) {
            return false;
        }
        match opener {
            Opener::Proxy(person) => person == &self.person,
            Opener::CareTeam => true,
            Opener::Patient => false,
        }
    }

    /// Whether this proxy may start a conversation on `topic` (a teen's parent: not a confidential one).
    pub fn may_start(&self, topic: access::Topic) -> bool {
        !self.limited || !self.confidential.contains(&topic)
    }
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
    /// A person acting for a patient under a grant (the grant is named in the audit event).
    Proxy(PatientId),
    Staff(StaffId),
    /// Our own workers and webhooks.
    System(&'static str),
}

impl Actor {
    pub fn kind(&self) -> &'static str {
        match self {
            Actor::Anonymous => "anonymous",
            Actor::Patient(_) => "patient",
            Actor::Proxy(_) => "proxy",
            Actor::Staff(_) => "staff",
            Actor::System(_) => "system",
        }
    }

    pub fn id(&self) -> Option<String> {
        match self {
            Actor::Anonymous => None,
            Actor::Patient(id) | Actor::Proxy(id) => Some(id.to_string()),
            Actor::Staff(id) => Some(id.to_string()),
            Actor::System(name) => Some((*name).to_string()),
        }
    }
}
