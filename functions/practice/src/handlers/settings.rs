//! The practice's settings routes, for administrators: read, edit, publish a consent document, history.

use portico::http::{ApiError, Exchange, Problem, Reply, page_size};
use portico::store::Cursor;

use crate::api::{ConsentPublication, PracticeSettingsUpdate, PracticeSettingsView, SettingsChangeView, SettingsHistory};
use crate::settings::{Publication, SettingsDeps, SettingsEdit};

/// The practice's settings and consent documents, with the version an edit must send back.
#[utoipa::path(get, path = "/staff/practice", tag = "staff-practice", security(("staff" = [])),
    responses((status = 200, body = PracticeSettingsView), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn get(d: &SettingsDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let (_, practice) = x.staff_reading(async |practice, _, _| Ok(d.practice(practice).await?)).await?;
    Ok(Reply::ok(&PracticeSettingsView::from(&practice)))
}

/// Saves the settings (a new version, recorded with who changed which fields). Changes reach every
/// function within a minute.
#[utoipa::path(put, path = "/staff/practice", tag = "staff-practice", security(("staff" = [])), request_body = PracticeSettingsUpdate,
    responses((status = 200, body = PracticeSettingsView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem, description = "Changed since read"), (status = 413, body = Problem), (status = 415, body = Problem)))]
pub async fn update(d: &SettingsDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let body: PracticeSettingsUpdate = x.json()?;
    let edit = SettingsEdit {
        version: body.version,
        contact_phone: body.contact_phone,
        contact_email: body.contact_email,
        logo_url: body.logo_url,
        invite_ttl_hours: body.invite_ttl_hours,
        message_retention_days: body.message_retention_days,
        allowed_origins: body.allowed_origins,
        default_time_zone: body.default_time_zone,
        care_teams: body.care_teams,
        sign_in_codes_per_hour: body.sign_in_codes_per_hour,
        sms_countries: body.sms_countries,
        proxy_age_rules: body.proxy_age_rules,
        appointment_reminder_hours: body.appointment_reminder_hours,
        waitlist_batch: body.waitlist_batch,
    };
    let (saved, change) = d.update(&who.practice, edit, &who.staff, x.now()).await?;
    x.object(format!("v{}", change.version));
    x.practice_changed();
    Ok(Reply::ok(&PracticeSettingsView::from(&saved)))
}

/// Publishes a new version of a consent document. A new version of a required document asks every
/// patient again at their next visit; their earlier decisions keep the version they were made for.
#[utoipa::path(post, path = "/staff/practice/consents", tag = "staff-practice", security(("staff" = [])), request_body = ConsentPublication,
    responses((status = 201, body = PracticeSettingsView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem, description = "Changed since read"), (status = 413, body = Problem), (status = 415, body = Problem)))]
pub async fn publish(d: &SettingsDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let body: ConsentPublication = x.json()?;
    x.object(body.kind.as_str());
    let publication = Publication {
        version: body.version,
        kind: body.kind,
        title: body.title,
        summary: body.summary,
        url: body.url,
        required: body.required,
    };
    let (saved, _) = d.publish(&who.practice, publication, &who.staff, x.now()).await?;
    x.practice_changed();
    Ok(Reply::created(&PracticeSettingsView::from(&saved), "/staff/practice"))
}

/// Who changed the settings, when, and which fields, newest first.
#[utoipa::path(get, path = "/staff/practice/history", tag = "staff-practice", security(("staff" = [])),
    params(("limit" = Option<u32>, Query, description = "How many on a page"), ("cursor" = Option<String>, Query)),
    responses((status = 200, body = SettingsHistory), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn history(d: &SettingsDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let limit = page_size(x.query("limit").as_deref()).map_err(|why| ApiError::field("limit", why))?;
    let cursor = x
        .query("cursor")
        .map(|c| Cursor::parse(&c))
        .transpose()
        .map_err(|_| ApiError::field("cursor", "is not a cursor from this list"))?;
    let (_, (changes, next)) = x.staff_reading(async |practice, _, _| Ok(d.history(practice, cursor, limit).await?)).await?;
    Ok(Reply::ok(&SettingsHistory {
        changes: changes
            .into_iter()
            .map(|c| SettingsChangeView { version: c.version, changed_by: c.changed_by, at: c.at, fields: c.fields })
            .collect(),
        next_cursor: next.map(|c| c.as_str().to_string()),
    }))
}
