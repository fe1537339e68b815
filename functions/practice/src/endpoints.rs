//! Each practice route bound to its handler and what it uses: the type a binary names to serve it.

use portico::endpoint;

use crate::audit_review::{AuditDeps, ExportDeps};
use crate::handlers::{audit, cors, patients, proxies, public, settings, team};
use crate::patient_edit::EditDeps;
use crate::patients::{EnrolDeps, GrantDeps, InviteDeps, LookupDeps};
use crate::routes;
use crate::settings::SettingsDeps;
use crate::team::TeamDeps;

endpoint!(StaffPatientsCreate, routes::STAFF_PATIENTS_CREATE, EnrolDeps, patients::create);
endpoint!(StaffPatientsSearch, routes::STAFF_PATIENTS_SEARCH, LookupDeps, patients::search);
endpoint!(StaffPatientsGet, routes::STAFF_PATIENTS_GET, LookupDeps, patients::get);
endpoint!(StaffPatientsUpdate, routes::STAFF_PATIENTS_UPDATE, EditDeps, patients::update);
endpoint!(StaffPatientsInvite, routes::STAFF_PATIENTS_INVITE, InviteDeps, patients::invite);
endpoint!(StaffPatientsDisable, routes::STAFF_PATIENTS_DISABLE, EnrolDeps, patients::disable);
endpoint!(AuthPracticeGet, routes::AUTH_PRACTICE_GET, (), public::practice);
endpoint!(StaffMeGet, routes::STAFF_ME_GET, TeamDeps, team::me);
endpoint!(StaffTeamList, routes::STAFF_TEAM_LIST, TeamDeps, team::list);
endpoint!(StaffPatientsContactGet, routes::STAFF_PATIENTS_CONTACT_GET, LookupDeps, patients::contact);
endpoint!(StaffPracticeGet, routes::STAFF_PRACTICE_GET, SettingsDeps, settings::get);
endpoint!(StaffPracticeUpdate, routes::STAFF_PRACTICE_UPDATE, SettingsDeps, settings::update);
endpoint!(StaffPracticeConsentsPublish, routes::STAFF_PRACTICE_CONSENTS_PUBLISH, SettingsDeps, settings::publish);
endpoint!(StaffPracticeHistory, routes::STAFF_PRACTICE_HISTORY, SettingsDeps, settings::history);
endpoint!(StaffAuditSearch, routes::STAFF_AUDIT_SEARCH, AuditDeps, audit::search);
endpoint!(StaffAuditExport, routes::STAFF_AUDIT_EXPORT, AuditDeps, audit::export);
endpoint!(StaffAuditExportFile, routes::STAFF_AUDIT_EXPORT_FILE, ExportDeps, audit::export_file);
endpoint!(StaffPatientsEnable, routes::STAFF_PATIENTS_ENABLE, EnrolDeps, patients::enable);
endpoint!(StaffPatientsSmsConsent, routes::STAFF_PATIENTS_SMS_CONSENT, EnrolDeps, patients::sms_consent);
endpoint!(StaffPatientsSuppressionClear, routes::STAFF_PATIENTS_SUPPRESSION_CLEAR, EnrolDeps, patients::clear_suppression);
endpoint!(StaffTeamDisable, routes::STAFF_TEAM_DISABLE, TeamDeps, team::disable);
endpoint!(StaffTeamInvite, routes::STAFF_TEAM_INVITE, TeamDeps, team::invite);
endpoint!(StaffTeamRoles, routes::STAFF_TEAM_ROLES, TeamDeps, team::roles);
endpoint!(StaffTeamEnable, routes::STAFF_TEAM_ENABLE, TeamDeps, team::enable);
endpoint!(HttpCorsPreflight, routes::HTTP_CORS_PREFLIGHT, (), cors::preflight);
endpoint!(StaffPatientProxiesList, routes::STAFF_PATIENT_PROXIES_LIST, GrantDeps, proxies::list);
endpoint!(StaffPatientProxiesCreate, routes::STAFF_PATIENT_PROXIES_CREATE, GrantDeps, proxies::create);
endpoint!(StaffPatientProxiesRevoke, routes::STAFF_PATIENT_PROXIES_REVOKE, GrantDeps, proxies::revoke);
