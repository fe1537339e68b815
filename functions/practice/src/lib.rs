//! Practice administration from the staff side: enrol, find, correct, invite and disable patients, and what the
//! chart shows about reaching them; the team (who is signed in, the practice's staff, turning a member
//! off and on); audit review (search and export); answer CORS preflights from the practice's allowlist.

pub mod api;
pub mod audit_review;
pub mod deps;
pub mod endpoints;
mod errors;
pub mod handlers;
pub mod onboarding;
pub mod patient_edit;
pub mod patients;
pub mod routes;
pub mod settings;
pub mod team;

use portico::lambda::{Capability, Trigger, endpoint, function};

use endpoints::*;
use handlers::{audit, cors, patients as staff, proxies as staff_proxies, public, settings as practice_settings, team as staff_team};

/// The practice capability, described once.
pub fn capability() -> Capability {
    Capability {
        name: "practice",
        endpoints: vec![
            endpoint::<StaffPatientsCreate>(),
            endpoint::<StaffPatientsSearch>(),
            endpoint::<StaffPatientsGet>(),
            endpoint::<StaffPatientsUpdate>(),
            endpoint::<StaffPatientsContactGet>(),
            endpoint::<StaffPatientsEnable>(),
            endpoint::<StaffPatientsSmsConsent>(),
            endpoint::<StaffPatientsSuppressionClear>(),
            endpoint::<StaffPatientsInvite>(),
            endpoint::<StaffPatientsDisable>(),
            endpoint::<StaffPatientProxiesList>(),
            endpoint::<StaffPatientProxiesCreate>(),
            endpoint::<StaffPatientProxiesRevoke>(),
            endpoint::<AuthPracticeGet>(),
            endpoint::<StaffMeGet>(),
            endpoint::<StaffTeamList>(),
            endpoint::<StaffTeamDisable>(),
            endpoint::<StaffTeamEnable>(),
            endpoint::<StaffTeamInvite>(),
            endpoint::<StaffTeamRoles>(),
            endpoint::<StaffPracticeGet>(),
            endpoint::<StaffPracticeUpdate>(),
            endpoint::<StaffPracticeConsentsPublish>(),
            endpoint::<StaffPracticeHistory>(),
            endpoint::<StaffAuditSearch>(),
            endpoint::<StaffAuditExport>(),
            endpoint::<StaffAuditExportFile>(),
            endpoint::<HttpCorsPreflight>(),
        ],
        functions: vec![function::<onboarding::OperatorPracticesCreate>(Trigger::Operator)],
        key_prefixes: &[],
        openapi: <PracticeApi as utoipa::OpenApi>::openapi,
        limits: api::LIMITS,
    }
}

/// The OpenAPI description of this capability's routes.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    staff::create,
    staff::get,
    staff::update,
    staff::contact,
    staff::enable,
    staff::sms_consent,
    staff::clear_suppression,
    staff::search,
    staff::invite,
    staff::disable,
    staff_proxies::list,
    staff_proxies::create,
    staff_proxies::revoke,
    staff_team::me,
    staff_team::list,
    staff_team::disable,
    staff_team::enable,
    staff_team::invite,
    staff_team::roles,
    practice_settings::get,
    practice_settings::update,
    practice_settings::publish,
    practice_settings::history,
    audit::search,
    audit::export,
    audit::export_file,
    public::practice,
    cors::preflight
))]
pub struct PracticeApi;
