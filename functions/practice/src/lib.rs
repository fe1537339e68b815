//! Practice administration from the staff side: enrol, find, invite and disable patients; answer CORS
//! preflights from the practice's allowlist.

pub mod api;
pub mod deps;
pub mod endpoints;
mod errors;
pub mod handlers;
pub mod patients;
pub mod routes;

use portico::lambda::{Capability, endpoint};

use endpoints::*;
use handlers::{cors, patients as staff};

/// The practice capability, described once.
pub fn capability() -> Capability {
    Capability {
        name: "practice",
        endpoints: vec![
            endpoint::<StaffPatientsCreate>(),
            endpoint::<StaffPatientsSearch>(),
            endpoint::<StaffPatientsGet>(),
            endpoint::<StaffPatientsInvite>(),
            endpoint::<StaffPatientsDisable>(),
            endpoint::<HttpCorsPreflight>(),
        ],
        functions: Vec::new(),
        key_prefixes: &[],
        openapi: <PracticeApi as utoipa::OpenApi>::openapi,
        limits: api::LIMITS,
    }
}

/// The OpenAPI description of this capability's routes.
#[derive(utoipa::OpenApi)]
#[openapi(paths(staff::create, staff::get, staff::search, staff::invite, staff::disable, cors::preflight))]
pub struct PracticeApi;
