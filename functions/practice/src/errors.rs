//! How this capability's errors read over HTTP: the one place they map to problem documents.

use portico::domain::Channel;
use portico::http::ApiError;
use portico::notify::SendError;

use crate::audit_review::ReviewError;
use crate::patients::AdminError;
use crate::settings::SettingsError;
use crate::team::TeamError;

impl From<SettingsError> for ApiError {
    fn from(e: SettingsError) -> Self {
        match e {
            SettingsError::Invalid(field, why) => ApiError::invalid(vec![portico::http::FieldError::new(field, why)]),
            SettingsError::Stale => ApiError::Conflict("The settings changed since you read them; reload and try again."),
            SettingsError::Store(e) => e.into(),
        }
    }
}

impl From<ReviewError> for ApiError {
    fn from(e: ReviewError) -> Self {
        match e {
            ReviewError::Range(why) => ApiError::field("from", why),
            ReviewError::TooMany(crate::audit_review::EXPORT_MAX_EVENTS) => ApiError::field(
                "from",
                "the range holds more than 10000 events: ask for it as a file (POST /staff/audit/exports), or export a shorter one",
            ),
            ReviewError::TooMany(_) => ApiError::field("from", "the range holds more than 250000 events; export a shorter one"),
            ReviewError::Blob(e) => ApiError::internal(e),
            ReviewError::Store(portico::store::StoreError::BadCursor) => ApiError::field("cursor", "is not a cursor from this search"),
            ReviewError::Store(e) => e.into(),
        }
    }
}

impl From<TeamError> for ApiError {
    fn from(e: TeamError) -> Self {
        match e {
            TeamError::NotFound => ApiError::NotFound,
            TeamError::OwnAccount => ApiError::Conflict("You cannot disable your own account; ask another administrator."),
            TeamError::OwnAccountOn => ApiError::Conflict("Your own account is on; only another administrator's can be turned back on."),
            TeamError::OwnAdminRole => ApiError::Conflict("You cannot remove your own admin role; ask another administrator."),
            TeamError::EmailTaken => ApiError::Conflict("That email already has a staff account."),
            TeamError::Invalid(why) => ApiError::field(if why.starts_with("display_name") { "display_name" } else { "roles" }, why),
            TeamError::Identity(e) => ApiError::internal(e),
            TeamError::Store(e) => e.into(),
        }
    }
}

impl From<AdminError> for ApiError {
    fn from(e: AdminError) -> Self {
        match e {
            AdminError::NotFound => ApiError::NotFound,
            AdminError::Stale => ApiError::Conflict("The patient's record changed since you opened it; reload and try again."),
            AdminError::Field(field, why) => ApiError::field(field, why),
            AdminError::Consent(e) => e.into(),
            AdminError::AddressTaken(Channel::Email) => {
                ApiError::Conflict("Another patient of this practice already uses that email address.")
            }
            AdminError::AddressTaken(Channel::Sms) => {
                ApiError::Conflict("Another patient of this practice already uses that phone number.")
            }
            e @ (AdminError::NoAddress(_) | AdminError::Disabled | AdminError::CountryNotServed) => {
                ApiError::Unprocessable { detail: format!("Cannot invite: {e}."), errors: vec![] }
            }
            AdminError::Send(SendError::Rejected(_)) => ApiError::Unprocessable {
                detail: "The message could not be delivered to that address. Check it with the patient.".into(),
                errors: vec![],
            },
            AdminError::Send(e @ SendError::Unavailable(_)) => ApiError::internal(e),
            AdminError::Identity(e) => ApiError::internal(e),
            AdminError::Store(e) => e.into(),
        }
    }
}
