//! The waitlist over HTTP: patients join, look, leave and claim offers; staff see the lines, raise a
//! place's priority and read the report.

use chrono::Duration;
use portico::auth::Scope;
use portico::directory::{PatientNames, patients};
use portico::http::{ApiError, Exchange, FieldError, Problem, Reply};
use portico::ids::{AppointmentId, OfferId, ServiceId, StaffId, WaitlistId};

use super::portal::{booker, service_id, visible_service};
use super::{instant, patient_id};
use crate::api::{
    AppointmentView, ClaimView, JoinWaitlist, OfferView, PlaceView, PriorityChange, StaffPlaceView, StaffWaitlist, WaitlistView,
};
use crate::book;
use crate::deps::SchedulingDeps;
use crate::waitlist::{self, Joining, PlaceStatus, WaitlistError};

/// The practice's date now: a place counts until its last day there has passed.
async fn today(x: &Exchange<'_>, practice: &portico::ids::PracticeId) -> Result<chrono::NaiveDate, ApiError> {
    let zone: chrono_tz::Tz = x.practice(practice).await?.settings.default_time_zone.parse().unwrap_or(chrono_tz::UTC);
    Ok(x.now().with_timezone(&zone).date_naive())
}

impl From<WaitlistError> for ApiError {
    fn from(e: WaitlistError) -> Self {
        match e {
            WaitlistError::Invalid(field, why) => ApiError::invalid(vec![FieldError::new(field, why)]),
            WaitlistError::NoWaitlist => ApiError::NotFound,
            WaitlistError::TooMany => ApiError::Conflict("You are already waiting for five visits. Leave one to join another."),
            WaitlistError::Gone => {
                ApiError::Conflict("Someone else claimed this time first, or it was taken. You keep your place on the waitlist.")
            }
            WaitlistError::Expired => ApiError::Conflict("The time to claim this offer has passed. You keep your place on the waitlist."),
            WaitlistError::Booking(e) => e.into(),
            WaitlistError::Store(e) => e.into(),
        }
    }
}

/// Your waitlist places, and the times offered to you that are still ahead.
#[utoipa::path(get, path = "/portal/waitlist", tag = "appointments", security(("patient" = [])),
    responses((status = 200, body = WaitlistView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this")))]
pub async fn list(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let table = d.table.as_ref();
    let (who, (places, offers)) = x
        .patient_reading(Scope::Appointments, async |practice, patient| {
            let (places, offers) = futures::join!(waitlist::places(table, practice, patient), waitlist::offers(table, practice, patient));
            Ok((places?, offers?))
        })
        .await?;
    // A parent with limited access does not see a teen's confidential care.
    let hidden: Vec<ServiceId> = if who.limited() {
        book::services(table, &who.practice).await?.into_iter().filter(|s| s.confidential).map(|s| s.service_id).collect()
    } else {
        Vec::new()
    };
    let now = x.now();
    let mut offered = Vec::new();
    for offer in offers.iter().filter(|o| o.start > now && !hidden.contains(&o.service_id)) {
        let opening = waitlist::opening(table, &who.practice, &offer.opening_id).await?;
        offered.push(OfferView::of(offer, waitlist::standing(offer, opening.as_ref(), now)));
    }
    let today = today(x, &who.practice).await?;
    let shown = places.iter().filter(|p| p.waiting_on(today) && !hidden.contains(&p.service_id)).map(PlaceView::from).collect();
    Ok(Reply::ok(&WaitlistView { places: shown, offers: offered }))
}

/// Joins a service's waitlist (at most five places at a time). An offer comes by text or email when a
/// time that suits you frees up; the first to claim it gets it.
#[utoipa::path(post, path = "/portal/waitlist", tag = "appointments", security(("patient" = [])), request_body = JoinWaitlist,
    responses((status = 201, body = PlaceView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"),
        (status = 404, body = Problem, description = "No such service, or it has no waitlist"),
        (status = 409, body = Problem, description = "Already five places"), (status = 415, body = Problem), (status = 422, body = Problem)))]
pub async fn join(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Appointments).await?;
    let body: JoinWaitlist = x.json()?;
    let service = visible_service(d, &who, &service_id(&body.service_id)?).await?;
    let clinicians = body
        .clinicians
        .iter()
        .map(|c| StaffId::parse(c).ok_or_else(|| ApiError::field("clinicians", "each must be a clinician id")))
        .collect::<Result<Vec<_>, _>>()?;
    let replaces = body
        .replaces
        .as_deref()
        .map(|r| AppointmentId::parse(r).ok_or_else(|| ApiError::field("replaces", "is not an appointment id")))
        .transpose()?;
    let table = d.table.as_ref();
    let names = patients::get(table, &who.practice, &who.patient).await?.map(|p| PatientNames::of(&p));
    let joining = Joining { clinicians, days: body.days, parts_of_day: body.parts_of_day, from: body.from, to: body.to, replaces };
    let today = today(x, &who.practice).await?;
    let place = waitlist::join(table, &service, (&who.patient, names), joining, (x.now(), today)).await?;
    x.object(place.entry_id.to_string());
    Ok(Reply::created(&PlaceView::from(&place), &format!("/portal/waitlist/{}", place.entry_id)))
}

/// Leaves a waitlist. Offers already sent for it can no longer be claimed.
#[utoipa::path(delete, path = "/portal/waitlist/{entry_id}", tag = "appointments", security(("patient" = [])),
    params(("entry_id" = String, Path)),
    responses((status = 204, description = "Left"), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"),
        (status = 404, body = Problem, description = "No such waiting place"), (status = 409, body = Problem, description = "Changed meanwhile")))]
pub async fn leave(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Appointments).await?;
    let id = x.path_id("entry_id", WaitlistId::parse)?;
    x.object(id.to_string());
    let table = d.table.as_ref();
    let before = waitlist::place(table, &who.practice, &who.patient, &id).await?.filter(|p| p.status == PlaceStatus::Waiting);
    let before = before.ok_or(ApiError::NotFound)?;
    if who.limited() && book::service(table, &who.practice, &before.service_id).await?.is_some_and(|s| s.confidential) {
        return Err(ApiError::NotFound);
    }
    let mut after = before.clone();
    after.status = PlaceStatus::Left;
    waitlist::change(table, &before, after).await?;
    Ok(Reply::no_content())
}

/// Claims a time offered to you. The first claim wins: it books the time and, if your place was to move
/// an appointment earlier, cancels that later appointment in the same step. Later claims answer 409.
#[utoipa::path(post, path = "/portal/waitlist/offers/{offer_id}/claim", tag = "appointments", security(("patient" = [])),
    params(("offer_id" = String, Path)),
    responses((status = 201, body = ClaimView), (status = 200, body = ClaimView, description = "Claimed by you already: the appointment it made"),
        (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "Someone else claimed it first, the time was taken, or the claim window passed")))]
pub async fn claim(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Appointments).await?;
    let id = x.path_id("offer_id", OfferId::parse)?;
    x.object(id.to_string());
    let table = d.table.as_ref();
    let offer = waitlist::offer(table, &who.practice, &who.patient, &id).await?.ok_or(ApiError::NotFound)?;
    if who.limited() && book::service(table, &who.practice, &offer.service_id).await?.is_some_and(|s| s.confidential) {
        return Err(ApiError::NotFound);
    }
    let practice = x.practice(&who.practice).await?;
    let claimed = waitlist::claim(table, &practice, &offer, booker(&who), x.now()).await?;
    let view = ClaimView {
        appointment: AppointmentView::from(&claimed.booked),
        replaced_appointment_id: claimed.replaced.map(|a| a.appointment_id.to_string()),
    };
    Ok(if claimed.again {
        Reply::ok(&view)
    } else {
        Reply::created(&view, &format!("/portal/appointments/{}", claimed.booked.appointment_id))
    })
}

/// The practice's waiting lines (every service with a waitlist, in offer order) and the report over the
/// openings of a period (default: the last 30 days): offers sent, claims, accept and fill rates, days
/// gained by patients who moved an appointment earlier.
#[utoipa::path(get, path = "/staff/appointments/waitlist", tag = "scheduling", security(("staff" = [])),
    params(("from" = Option<String>, Query, description = "RFC 3339; default 30 days before to"),
        ("to" = Option<String>, Query, description = "RFC 3339; default now; at most 366 days after from")),
    responses((status = 200, body = StaffWaitlist), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn staff_list(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let now = x.now();
    let to = instant(x, "to")?.unwrap_or(now);
    let from = instant(x, "from")?.unwrap_or(to - Duration::days(30));
    if to <= from || to - from > Duration::days(366) {
        return Err(ApiError::field("to", "must be after from, at most 366 days later"));
    }
    let table = d.table.as_ref();
    let (who, services) = x.staff_reading(async |practice, _, _| Ok(book::services(table, practice).await?)).await?;
    let today = today(x, &who.practice).await?;
    let mut places = Vec::new();
    for service in services.iter().filter(|s| s.waitlist) {
        for place in waitlist::line(table, &who.practice, &service.service_id).await?.into_iter().filter(|p| p.waiting_on(today)) {
            places.push(StaffPlaceView {
                patient_id: place.patient_id.to_string(),
                patient: place.patient_names.clone(),
                place: PlaceView::from(&place),
            });
        }
    }
    let report = waitlist::report(table, &who.practice, from, to).await?;
    Ok(Reply::ok(&StaffWaitlist { places, report, from, to }))
}

/// Sets a waiting place's priority: `high` places are offered times first.
#[utoipa::path(post, path = "/staff/appointments/waitlist/{entry_id}/priority", tag = "scheduling", security(("staff" = [])),
    request_body = PriorityChange, params(("entry_id" = String, Path)),
    responses((status = 200, body = StaffPlaceView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "Changed meanwhile, or no longer waiting"),
        (status = 415, body = Problem)))]
pub async fn staff_priority(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("entry_id", WaitlistId::parse)?;
    let body: PriorityChange = x.json()?;
    let patient = patient_id(&body.patient_id)?;
    x.concerning(&patient);
    x.object(id.to_string());
    let table = d.table.as_ref();
    let before = waitlist::place(table, &who.practice, &patient, &id).await?.ok_or(ApiError::NotFound)?;
    if before.version != body.version {
        return Err(crate::book::BookingError::Conflict.into());
    }
    let mut after = before.clone();
    after.priority = body.priority;
    let after = waitlist::change(table, &before, after).await?;
    Ok(Reply::ok(&StaffPlaceView {
        patient_id: after.patient_id.to_string(),
        patient: after.patient_names.clone(),
        place: PlaceView::from(&after),
    }))
}
