//! Proxy access from the staff side: who can act for a patient (and whom the patient acts for), a grant
//! made by staff (a parent or guardian of a child, a court-appointed representative, a guarantor), and
//! revoking one.

use chrono::NaiveDate;
use portico::directory::Role;
use portico::directory::{PatientNames, patients};
use portico::http::{ApiError, Exchange, Fields, Problem, Reply};
use portico::ids::{GrantId, PatientId};
use portico::proxies::{self, Grant, GrantView, GrantedBy, LegalBasis};

use crate::api::{NewGrantRequest, PatientProxies};
use crate::patients::GrantDeps;

/// Who can act for the patient, and whom the patient can act for.
#[utoipa::path(get, path = "/staff/patients/{id}/proxies", tag = "staff", security(("staff" = [])),
    params(("id" = String, Path, description = "Patient id")),
    responses((status = 200, body = PatientProxies), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn list(d: &GrantDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let id = x.path_id("id", PatientId::parse)?;
    x.concerning(&id);
    let table = d.table.as_ref();
    let (who, (patient, grants)) = x
        .staff_reading(async |practice, _, _| {
            let (patient, grants) = futures::join!(patients::get(table, practice, &id), proxies::of_person(table, practice, &id));
            Ok((patient?, grants?))
        })
        .await?;
    patient.ok_or(ApiError::NotFound)?;
    let practice = x.practice(&who.practice).await?;
    let now = x.now();
    let (for_patient, patient_acts_for) = futures::try_join!(
        proxies::with_standing(table, &practice, grants.for_me, now),
        proxies::with_standing(table, &practice, grants.mine, now)
    )?;
    Ok(Reply::ok(&PatientProxies {
        acting_for_patient: for_patient.into_iter().map(GrantView::of).collect(),
        patient_acts_for: patient_acts_for.into_iter().map(GrantView::of).collect(),
    }))
}

/// Lets a person of the practice act for the patient. A parent's or guardian's grant is for a child
/// (under the practice's age rules, which limit and then end it); a guarantor's is billing only.
#[utoipa::path(post, path = "/staff/patients/{id}/proxies", tag = "staff", security(("staff" = [])), request_body = NewGrantRequest,
    params(("id" = String, Path, description = "Patient id")),
    responses((status = 201, body = GrantView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem, description = "Not a role that grants access; an adult's account needs an administrator"),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "That person can already act for the patient"),
        (status = 415, body = Problem), (status = 422, body = Problem, description = "The grant does not fit the patient (a parent's grant for an adult)")))]
pub async fn create(d: &GrantDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", PatientId::parse)?;
    x.concerning(&id);
    let body: NewGrantRequest = x.json()?;
    let mut fields = Fields::default();
    let proxy_id = fields.check("proxy_id", PatientId::parse(&body.proxy_id).ok_or("is not a patient id"));
    let scopes = fields.check("scopes", proxies::scopes_for(body.relationship, body.scopes));
    let expires_on = body.expires_on.as_deref().and_then(|raw| {
        fields.check("expires_on", NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| "must be a date as YYYY-MM-DD"))
    });
    if proxy_id.as_ref() == Some(&id) {
        fields.error("proxy_id", "is the patient; a grant is for someone else");
    }
    fields.done()?;
    let (Some(proxy_id), Some(scopes)) = (proxy_id, scopes) else { return Err(ApiError::invalid(vec![])) };
    let table = d.table.as_ref();
    let practice = x.practice(&who.practice).await?;
    let (patient, proxy) = futures::try_join!(patients::get(table, &practice.id, &id), patients::get(table, &practice.id, &proxy_id))?;
    let patient = patient.ok_or(ApiError::NotFound)?;
    let Some(proxy) = proxy.filter(|p| p.is_active()) else {
        return Err(ApiError::Unprocessable {
            detail: "That person has no active account at the practice. Enrol them first.".into(),
            errors: vec![portico::http::FieldError::new("proxy_id", "is not an active account of this practice")],
        });
    };
    let now = x.now();
    if expires_on.is_some_and(|date| date < proxies::local_today(&practice, now)) {
        return Err(ApiError::field("expires_on", "must be today or later"));
    }
    let minor = proxies::is_minor(patient.date_of_birth.date(), &practice, now);
    if !minor {
        if body.relationship.parental() || body.legal_basis == LegalBasis::ParentalResponsibility {
            return Err(ApiError::Unprocessable {
                detail: "A parent's or guardian's access is for a child. For an adult, record a legal representative or a caregiver."
                    .into(),
                errors: vec![portico::http::FieldError::new("relationship", "is for a child's account")],
            });
        }
        // An adult's account is theirs: access to it is an administrator's decision, on a recorded basis.
        if !who.has_any(&[Role::Admin]) {
            return Err(ApiError::Forbidden("Only an administrator gives someone access to an adult's account."));
        }
    }
    let expires_at = match expires_on {
        Some(date) => Some(proxies::end_of_day(date, &practice).ok_or_else(|| ApiError::field("expires_on", "is not a date"))?),
        None => None,
    };
    let grant = Grant {
        practice_id: practice.id.clone(),
        grant_id: GrantId::generate(now),
        patient_id: id.clone(),
        proxy_id,
        patient_names: PatientNames::of(&patient),
        proxy_names: PatientNames::of(&proxy),
        relationship: body.relationship,
        legal_basis: body.legal_basis,
        scopes,
        expires_at,
        // A child's grant ends when they come of age (under today's rules, fixed now).
        ends_at: proxies::coming_of_age(patient.date_of_birth.date(), &practice, now),
        granted_by: GrantedBy::Staff { staff_id: who.staff.clone() },
        created_at: now,
        last_used_at: None,
    };
    match proxies::create(table, &grant).await {
        Ok(()) => {}
        Err(proxies::GrantError::Exists) => return Err(ApiError::Conflict("That person can already act for this patient.")),
        Err(proxies::GrantError::Used) => return Err(ApiError::Conflict("The grant changed meanwhile. Try again.")),
        Err(proxies::GrantError::Store(e)) => return Err(e.into()),
    }
    x.under_grant(&grant.grant_id);
    x.object(grant.grant_id.to_string());
    let standing = grant.standing(patient.date_of_birth.date(), &practice, now);
    Ok(Reply::created(&GrantView::of((grant, standing)), &format!("/staff/patients/{id}/proxies")))
}

/// Ends a grant to act for the patient: it stops working on the proxy's very next request.
#[utoipa::path(delete, path = "/staff/patients/{id}/proxies/{grant_id}", tag = "staff", security(("staff" = [])),
    params(("id" = String, Path, description = "Patient id"), ("grant_id" = String, Path)),
    responses((status = 204, description = "Revoked"), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn revoke(d: &GrantDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", PatientId::parse)?;
    let grant_id = x.path_id("grant_id", GrantId::parse)?;
    x.concerning(&id);
    x.under_grant(&grant_id);
    x.object(grant_id.to_string());
    let table = d.table.as_ref();
    let grants = proxies::of_person(table, &who.practice, &id).await?;
    let grant = grants.for_me.into_iter().find(|g| g.grant_id == grant_id).ok_or(ApiError::NotFound)?;
    if !proxies::revoke(table, &grant).await? {
        return Err(ApiError::NotFound);
    }
    Ok(Reply::no_content())
}
