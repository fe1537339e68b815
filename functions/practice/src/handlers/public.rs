//! What anyone may know about a practice: what its sign reads.

use http::header::{CACHE_CONTROL, HeaderValue};
use portico::http::{ApiError, Exchange, Problem, Reply};

use crate::api::PracticeInfo;

/// The practice of the host: name, logo and how to reach it, for the portal's header and the sign-in
/// help ("no code? call …"). Public and cacheable for five minutes.
#[utoipa::path(get, path = "/auth/practice", tag = "sign-in",
    responses((status = 200, body = PracticeInfo), (status = 404, body = Problem, description = "The host names no practice")))]
pub async fn practice(_: &(), x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let practice = x.host_practice().await?;
    let info = PracticeInfo {
        name: practice.name.clone(),
        logo_url: practice.settings.logo_url.clone(),
        phone: practice.settings.contact_phone.clone(),
        email: practice.settings.contact_email.clone(),
    };
    Ok(Reply::ok(&info).header(CACHE_CONTROL, HeaderValue::from_static("public, max-age=300")))
}
