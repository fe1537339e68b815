use chrono::{DateTime, Utc};
use portico::directory::{AccountStatus, Patient, Practice, Preferences};
use portico::domain::{DateOfBirth, Email, LanguageTag, PersonName, Phone, Pronouns, TimeZoneName};
use portico::http::{ApiError, Exchange, Fields, Problem, Reply, page_size};
use portico::ids::PatientId;
use portico::store::Cursor;

use crate::api::{
    ClearSuppressionRequest, InvitationSent, InviteRequest, NewPatientRequest, PatientContactView, PatientList, PatientSummary,
    PatientUpdate, PatientUpdated, PatientView, StaffConsentRequest, SuppressionCleared,
};
use crate::patient_edit::{EditDeps, StaffEdit};
use crate::patients::{EnrolDeps, InviteDeps, LookupDeps, SearchQuery};
use portico::views::ConsentsView;

/// Parses a new patient, reporting every invalid field at once.
fn parse_new_patient(request: NewPatientRequest, practice: &Practice, now: DateTime<Utc>) -> Result<Patient, ApiError> {
    let mut fields = Fields::default();
    let no_contact = request.email.is_none() && request.phone.is_none();
    let given_name = fields.check("given_name", PersonName::parse(&request.given_name));
    let family_name = fields.check("family_name", PersonName::parse(&request.family_name));
    let date_of_birth = fields.check("date_of_birth", DateOfBirth::parse(&request.date_of_birth, now.date_naive()));
    let email = request.email.and_then(|v| fields.check("email", Email::parse(&v)));
    let phone = request.phone.and_then(|v| fields.check("phone", Phone::parse(&v)));
    let preferred_name = request.preferred_name.and_then(|v| fields.check("preferred_name", PersonName::parse(&v)));
    let pronouns = request.pronouns.and_then(|v| fields.check("pronouns", Pronouns::parse(&v)));
    let language = fields.check("language", LanguageTag::parse(request.language.as_deref().unwrap_or("en")));
    let time_zone =
        fields.check("time_zone", TimeZoneName::parse(request.time_zone.as_deref().unwrap_or(&practice.settings.default_time_zone)));
    if no_contact {
        fields.error("email", "an email address or a phone number is needed to invite the patient");
    }
    fields.done()?;
    let (Some(given_name), Some(family_name), Some(date_of_birth), Some(language), Some(time_zone)) =
        (given_name, family_name, date_of_birth, language, time_zone)
    else {
        return Err(ApiError::invalid(vec![]));
    };
    Ok(Patient {
        practice_id: practice.id.clone(),
        patient_id: PatientId::generate(now),
        given_name,
        family_name,
        preferred_name,
        pronouns,
        language,
        time_zone,
        date_of_birth,
        email,
        phone,
        status: AccountStatus::Active,
        preferences: Preferences::default(),
        sms: Default::default(),
        invitation: None,
        sessions_from: None,
        proxy_only: false,
        created_at: now,
        updated_at: now,
        version: 0,
    })
}

/// Enrols a patient.
#[utoipa::path(post, path = "/staff/patients", tag = "staff", security(("staff" = [])), request_body = NewPatientRequest,
    responses((status = 201, body = PatientView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 409, body = Problem), (status = 415, body = Problem)))]
pub async fn create(d: &EnrolDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let body: NewPatientRequest = x.json()?;
    let practice = x.practice(&who.practice).await?;
    let patient = parse_new_patient(body, &practice, x.now())?;
    x.concerning(&patient.patient_id);
    d.enrol(&patient).await?;
    Ok(Reply::created(&PatientView::from(&patient), &format!("/staff/patients/{}", patient.patient_id)))
}

/// One patient of the staff member's practice. Other practices' patients do not exist here.
#[utoipa::path(get, path = "/staff/patients/{id}", tag = "staff", security(("staff" = [])),
    params(("id" = String, Path, description = "Patient id")),
    responses((status = 200, body = PatientView), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn get(d: &LookupDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let id = x.path_id("id", PatientId::parse)?;
    let (_, patient) = x.staff_reading(async |practice, _, _| Ok(d.get(practice, &id).await?)).await?;
    x.concerning(&id);
    Ok(Reply::ok(&PatientView::from(&patient)))
}

/// Reads staff's correction of a record, reporting every invalid field at once.
fn staff_edit(update: PatientUpdate, now: DateTime<Utc>) -> Result<StaffEdit, ApiError> {
    let mut fields = Fields::default();
    let edit = StaffEdit {
        version: update.version,
        given_name: update.given_name.and_then(|v| fields.check("given_name", PersonName::parse(&v))),
        family_name: update.family_name.and_then(|v| fields.check("family_name", PersonName::parse(&v))),
        preferred_name: fields.patch("preferred_name", update.preferred_name, PersonName::parse),
        pronouns: fields.patch("pronouns", update.pronouns, Pronouns::parse),
        date_of_birth: update.date_of_birth.and_then(|v| fields.check("date_of_birth", DateOfBirth::parse(&v, now.date_naive()))),
        language: update.language.and_then(|v| fields.check("language", LanguageTag::parse(&v))),
        time_zone: update.time_zone.and_then(|v| fields.check("time_zone", TimeZoneName::parse(&v))),
        email: fields.patch("email", update.email, Email::parse),
        phone: fields.patch("phone", update.phone, Phone::parse),
    };
    fields.done()?;
    Ok(edit)
}

/// Corrects a patient's demographics and contact details, on the version staff read. The patient is
/// told, without details, that the practice updated their record; a replaced or removed address is told
/// it no longer signs them in. The answer names the fields that changed.
#[utoipa::path(patch, path = "/staff/patients/{id}", tag = "staff", security(("staff" = [])), request_body = PatientUpdate,
    params(("id" = String, Path, description = "Patient id")),
    responses((status = 200, body = PatientUpdated), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 413, body = Problem),
        (status = 415, body = Problem)))]
pub async fn update(d: &EditDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", PatientId::parse)?;
    x.concerning(&id);
    let edit = staff_edit(x.json()?, x.now())?;
    let practice = x.practice(&who.practice).await?;
    let (saved, changed) = d.edit(&practice, &id, edit).await?;
    Ok(Reply::ok(&PatientUpdated { patient: PatientView::from(&saved), changed: changed.into_iter().map(String::from).collect() }))
}

/// What the chart shows about reaching a patient: consents, preferences, text opt-out, whether a "new
/// message" notice can reach them by email and by text (and what stops it), and their latest notices
/// with delivery status. Never the addresses' contents beyond what the chart already shows.
#[utoipa::path(get, path = "/staff/patients/{id}/contact", tag = "staff", security(("staff" = [])),
    params(("id" = String, Path, description = "Patient id")),
    responses((status = 200, body = PatientContactView), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn contact(d: &LookupDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let id = x.path_id("id", PatientId::parse)?;
    let now = x.now();
    let (_, facts) = x
        .staff_reading(async |practice, _, _| {
            let practice = x.practice(practice).await?;
            Ok(d.contact(&practice, &id, now).await?)
        })
        .await?;
    x.concerning(&id);
    Ok(Reply::ok(&PatientContactView::from(facts)))
}

/// Finds patients by family name (`Lee`, `Lee, Ann`), given then family name (`Ann Lee`), email or phone.
#[utoipa::path(get, path = "/staff/patients", tag = "staff", security(("staff" = [])),
    params(("query" = String, Query, description = "Name prefix, email or phone"),
        ("limit" = Option<u32>, Query, description = "How many on a page"),
        ("cursor" = Option<String>, Query, description = "From the previous page")),
    responses((status = 200, body = PatientList), (status = 400, body = Problem), (status = 401, body = Problem)))]
pub async fn search(d: &LookupDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let raw = x.query("query").ok_or_else(|| ApiError::field("query", "is required"))?;
    let query = SearchQuery::parse(&raw).map_err(|e| ApiError::field("query", e))?;
    let limit = page_size(x.query("limit").as_deref()).map_err(|why| ApiError::field("limit", why))?;
    let cursor = x
        .query("cursor")
        .map(|c| Cursor::parse(&c))
        .transpose()
        .map_err(|_| ApiError::field("cursor", "is not a cursor from this list"))?;
    let (found, next) = d.search(&who.practice, &query, limit, cursor).await?;
    Ok(Reply::ok(&PatientList {
        patients: found.iter().map(PatientSummary::from).collect(),
        next_cursor: next.map(|c| c.as_str().to_string()),
    }))
}

/// Sends an invitation link by email or SMS. The message names the practice and carries the link: no PHI.
#[utoipa::path(post, path = "/staff/patients/{id}/invite", tag = "staff", security(("staff" = [])), request_body = InviteRequest,
    params(("id" = String, Path, description = "Patient id")),
    responses((status = 202, body = InvitationSent), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn invite(d: &InviteDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", PatientId::parse)?;
    x.concerning(&id);
    let body: InviteRequest = x.json()?;
    let practice = x.practice(&who.practice).await?;
    let (address, expires_at) = d.invite(&practice, &id, body.channel, &who.staff).await?;
    Ok(Reply::accepted(&InvitationSent { channel: address.channel(), destination: address.masked(), expires_at }))
}

/// Disables the patient's account: sessions end at once; sign-in is refused.
#[utoipa::path(post, path = "/staff/patients/{id}/disable", tag = "staff", security(("staff" = [])),
    params(("id" = String, Path, description = "Patient id")),
    responses((status = 200, body = PatientView), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn disable(d: &EnrolDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", PatientId::parse)?;
    x.concerning(&id);
    let saved = d.disable(&who.practice, &id).await?;
    Ok(Reply::ok(&PatientView::from(&saved)))
}

/// Turns a disabled account back on: the patient can sign in again.
#[utoipa::path(post, path = "/staff/patients/{id}/enable", tag = "staff", security(("staff" = [])),
    params(("id" = String, Path, description = "Patient id")),
    responses((status = 200, body = PatientView), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn enable(d: &EnrolDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", PatientId::parse)?;
    x.concerning(&id);
    let saved = d.enable(&who.practice, &id).await?;
    Ok(Reply::ok(&PatientView::from(&saved)))
}

/// Records a text-message consent the patient gave by phone or on paper (or its withdrawal), with the
/// method, as the patient's own decision would be recorded. The answer is the patient's consents.
#[utoipa::path(post, path = "/staff/patients/{id}/sms-consent", tag = "staff", security(("staff" = [])), request_body = StaffConsentRequest,
    params(("id" = String, Path, description = "Patient id")),
    responses((status = 200, body = ConsentsView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)))]
pub async fn sms_consent(d: &EnrolDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", PatientId::parse)?;
    x.concerning(&id);
    let body: StaffConsentRequest = x.json()?;
    let practice = x.practice(&who.practice).await?;
    let provenance = portico::consents::Provenance {
        actor: portico::auth::Actor::Staff(who.staff.clone()),
        ip: x.client_ip(),
        user_agent: x.user_agent(),
        request_id: x.request_id().to_string(),
        method: Some(body.method.as_str()),
    };
    let overview = d.record_sms_consent(&practice, &id, body.decision.into(), &provenance).await?;
    Ok(Reply::ok(&ConsentsView::from(overview)))
}

/// Lifts the email suppression (after a bounce or complaint) of the patient's address, with why.
#[utoipa::path(post, path = "/staff/patients/{id}/email-suppression/clear", tag = "staff", security(("staff" = [])), request_body = ClearSuppressionRequest,
    params(("id" = String, Path, description = "Patient id")),
    responses((status = 200, body = SuppressionCleared), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)))]
pub async fn clear_suppression(d: &EnrolDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", PatientId::parse)?;
    x.concerning(&id);
    let body: ClearSuppressionRequest = x.json()?;
    let cleared = d.clear_suppression(&who.practice, &id, body.reason, &who.staff).await?;
    Ok(Reply::ok(&SuppressionCleared { cleared }))
}
