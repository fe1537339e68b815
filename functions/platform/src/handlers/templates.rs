//! The practice's wording of its notifications.

use portico::http::{ApiError, Exchange, FieldError, Problem, Reply};
use portico::notify::templates::Lang;
use portico::notify::wording::{self, Template, TemplateKind};

use crate::api::{TemplateUpdate, TemplateView};
use crate::deps::TableDeps;

/// The practice's notification templates in every language (its own wording or the defaults).
#[utoipa::path(get, path = "/staff/templates", tag = "staff-messages", security(("staff" = [])),
    responses((status = 200, body = Vec<TemplateView>), (status = 401, body = Problem)))]
pub async fn list(d: &TableDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let table = d.table.as_ref();
    let (_, templates) = x.staff_reading(async |practice, _, _| Ok(wording::load_all(table, practice).await?)).await?;
    Ok(Reply::ok(&templates.iter().map(|(template, customised)| TemplateView::of(template, *customised)).collect::<Vec<_>>()))
}

/// Rewords a template in one language. Only the practice's name, phone and portal link may be filled in: nothing about
/// a patient can reach a text or an email.
#[utoipa::path(put, path = "/staff/templates/{kind}", tag = "staff-messages", security(("staff" = [])), request_body = TemplateUpdate,
    params(("kind" = TemplateKind, Path, description = "Which template"),
        ("language" = Option<Lang>, Query, description = "Which language's wording (English when absent)")),
    responses((status = 200, body = TemplateView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn update(d: &TableDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let kind = x.path_id("kind", TemplateKind::parse)?;
    let lang = match x.query("language") {
        None => Lang::En,
        Some(raw) => Lang::parse(&raw).ok_or_else(|| ApiError::field("language", "must be en or es"))?,
    };
    x.object(format!("{}:{}", kind.as_str(), lang.as_str()));
    let body: TemplateUpdate = x.json()?;
    let email = match (&body.email_subject, &body.email_body) {
        (Some(subject), Some(text)) => Some((subject.as_str(), text.as_str())),
        (None, None) => None,
        _ => return Err(ApiError::field("email_body", "send both email_subject and email_body, or neither")),
    };
    let template = Template::parse(kind, lang, &body.sms, email)
        .map_err(|errors| ApiError::invalid(errors.into_iter().map(|(field, detail)| FieldError::new(field, detail)).collect()))?;
    wording::save(d.table.as_ref(), &who.practice, &template, who.staff.as_str(), x.now()).await?;
    Ok(Reply::ok(&TemplateView::of(&template, true)))
}
