//! The staff's scheduling: services, clinicians' schedules, the schedule views, booking for a patient
//! and the moves of an appointment's day.

use chrono::Duration;
use portico::directory::{PatientNames, Role, patients, staff};
use portico::http::{ApiError, Exchange, FieldError, Problem, Reply};
use portico::ids::{AppointmentId, ServiceId, StaffId};
use portico::store::{Condition, Item};

use super::{clinician_name, free_times, instant, patient_id};
use crate::api::{
    AppointmentView, ScheduleInput, ScheduleView, ServiceInput, ServiceList, StaffAppointmentView, StaffBookRequest, StatusRequest,
};
use crate::book::{self, NewAppointment, Seeker};
use crate::deps::SchedulingDeps;
use crate::keys;
use crate::model::{Booker, MAX_RANGE_DAYS, Schedule, Service, Status};

fn invalid(problems: Vec<(&'static str, &'static str)>) -> ApiError {
    ApiError::invalid(problems.into_iter().map(|(f, why)| FieldError::new(f, why)).collect())
}

/// Every service, active or not.
#[utoipa::path(get, path = "/staff/services", tag = "scheduling", security(("staff" = [])),
    responses((status = 200, body = ServiceList), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn services_list(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let table = d.table.as_ref();
    let (_, services) = x.staff_reading(async |practice, _, _| Ok(book::services(table, practice).await?)).await?;
    Ok(Reply::ok(&ServiceList { services }))
}

async fn checked_service(
    d: &SchedulingDeps,
    practice: &portico::ids::PracticeId,
    id: ServiceId,
    input: ServiceInput,
) -> Result<Service, ApiError> {
    let mut clinicians = Vec::new();
    let mut problems = Vec::new();
    for raw in &input.clinicians {
        let member = match StaffId::parse(raw) {
            Some(id) => staff::get(d.table.as_ref(), practice, &id).await?,
            None => None,
        };
        match member {
            Some(m) if m.status == portico::directory::AccountStatus::Active && m.roles.contains(&Role::Clinician) => {
                clinicians.push(m.staff_id)
            }
            _ => problems.push(("clinicians", "each must be an active clinician of the practice")),
        }
    }
    let service = Service {
        service_id: id,
        practice_id: Some(practice.clone()),
        name: input.name.trim().to_string(),
        duration_minutes: input.duration_minutes,
        buffer_before_minutes: input.buffer_before_minutes,
        buffer_after_minutes: input.buffer_after_minutes,
        mode: input.mode,
        booking: input.booking,
        min_notice_minutes: input.min_notice_minutes,
        horizon_days: input.horizon_days,
        cancel_notice_hours: input.cancel_notice_hours,
        reschedule_notice_hours: input.reschedule_notice_hours,
        late_cancel: input.late_cancel,
        waitlist: input.waitlist,
        confidential: input.confidential,
        clinicians,
        active: input.active,
        version: input.version.unwrap_or(0) + 1,
    };
    problems.extend(service.problems());
    if problems.is_empty() { Ok(service) } else { Err(invalid(problems)) }
}

async fn save_service(d: &SchedulingDeps, service: &Service, read: Option<u64>) -> Result<(), ApiError> {
    let Some(practice) = &service.practice_id else { return Err(ApiError::Internal("a service without its practice".into())) };
    let condition = match read {
        Some(version) => Condition::VersionIs(version),
        None => Condition::NotExists,
    };
    match d.table.put(Item::from_record(keys::service(practice, &service.service_id), service)?, condition).await {
        Ok(()) => Ok(()),
        Err(portico::store::StoreError::ConditionFailed { .. }) => {
            Err(ApiError::Conflict("The service changed since you read it. Reload and try again."))
        }
        Err(e) => Err(e.into()),
    }
}

/// Adds a service.
#[utoipa::path(post, path = "/staff/services", tag = "scheduling", security(("staff" = [])), request_body = ServiceInput,
    responses((status = 201, body = Service), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem), (status = 415, body = Problem)))]
pub async fn services_create(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let mut input: ServiceInput = x.json()?;
    input.version = None;
    let service = checked_service(d, &who.practice, ServiceId::generate(x.now()), input).await?;
    save_service(d, &service, None).await?;
    x.object(service.service_id.to_string());
    Ok(Reply::created(&service, "/staff/services"))
}

/// Changes a service (with the version read).
#[utoipa::path(put, path = "/staff/services/{id}", tag = "scheduling", security(("staff" = [])), request_body = ServiceInput,
    params(("id" = String, Path)),
    responses((status = 200, body = Service), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "Changed since read"), (status = 415, body = Problem)))]
pub async fn services_update(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", ServiceId::parse)?;
    x.object(id.to_string());
    let input: ServiceInput = x.json()?;
    let Some(read) = input.version else { return Err(ApiError::field("version", "is required: the version you read")) };
    book::service(d.table.as_ref(), &who.practice, &id).await?.ok_or(ApiError::NotFound)?;
    let service = checked_service(d, &who.practice, id, input).await?;
    save_service(d, &service, Some(read)).await?;
    Ok(Reply::ok(&service))
}

fn clinician(x: &Exchange<'_>) -> Result<StaffId, ApiError> {
    x.path_id("clinician", StaffId::parse)
}

/// A clinician's weekly schedule.
#[utoipa::path(get, path = "/staff/schedule/{clinician}", tag = "scheduling", security(("staff" = [])),
    params(("clinician" = String, Path)),
    responses((status = 200, body = Schedule), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn schedule_get(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let id = clinician(x)?;
    let table = d.table.as_ref();
    let (_, found) = x.staff_reading(async |practice, _, _| Ok(book::schedule(table, practice, &id).await?)).await?;
    Ok(Reply::ok(&found.ok_or(ApiError::NotFound)?))
}

/// Sets a clinician's weekly schedule (windows in their zone, the slot grid, blocks). New time it opens in the
/// next two weeks is offered to the waitlist first (the earliest three per service with a waitlist).
#[utoipa::path(put, path = "/staff/schedule/{clinician}", tag = "scheduling", security(("staff" = [])), request_body = ScheduleInput,
    params(("clinician" = String, Path)),
    responses((status = 200, body = Schedule), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "Changed since read"), (status = 415, body = Problem)))]
pub async fn schedule_put(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = clinician(x)?;
    x.object(id.to_string());
    let input: ScheduleInput = x.json()?;
    let table = d.table.as_ref();
    let member = staff::get(table, &who.practice, &id).await?.ok_or(ApiError::NotFound)?;
    if !member.roles.contains(&Role::Clinician) {
        return Err(ApiError::field("clinician", "is not a clinician"));
    }
    let schedule = Schedule {
        clinician_id: id.clone(),
        time_zone: input.time_zone,
        grid_minutes: input.grid_minutes,
        windows: input.windows,
        blocks: input.blocks,
        version: input.version.unwrap_or(0) + 1,
    };
    let problems = schedule.problems();
    if !problems.is_empty() {
        return Err(invalid(problems));
    }
    let condition = match input.version {
        Some(read) => Condition::VersionIs(read),
        None => Condition::NotExists,
    };
    let before = book::schedule(table, &who.practice, &id).await?;
    match table.put(Item::from_record(keys::schedule(&who.practice, &id), &schedule)?, condition).await {
        Ok(()) => {
            // New time (a window added, a block taken away) goes to the waitlist first, like freed time.
            let practice = x.practice(&who.practice).await?;
            if let Err(e) = crate::waitlist::schedule_opened(table, &practice, before.as_ref(), &schedule, x.now()).await {
                tracing::warn!(error = %e, "new time was not offered to the waitlist");
            }
            Ok(Reply::ok(&schedule))
        }
        Err(portico::store::StoreError::ConditionFailed { .. }) => {
            Err(ApiError::Conflict("The schedule changed since you read it. Reload and try again."))
        }
        Err(e) => Err(e.into()),
    }
}

fn staff_view(a: &crate::model::Appointment) -> StaffAppointmentView {
    StaffAppointmentView { appointment: AppointmentView::from(a), patient_id: a.patient_id.to_string(), patient: a.patient_names.clone() }
}

/// The practice's appointments (or one clinician's) for a day or a week: one query of the index.
#[utoipa::path(get, path = "/staff/appointments", tag = "scheduling", security(("staff" = [])),
    params(("from" = String, Query, description = "RFC 3339"), ("to" = String, Query, description = "RFC 3339; at most 31 days after from"),
        ("clinician" = Option<String>, Query)),
    responses((status = 200, body = ScheduleView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn appointments_view(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let from = instant(x, "from")?.ok_or_else(|| ApiError::field("from", "is required"))?;
    let to = instant(x, "to")?.ok_or_else(|| ApiError::field("to", "is required"))?;
    if to <= from || to - from > Duration::days(MAX_RANGE_DAYS) {
        return Err(ApiError::field("to", "must be after from, at most 31 days later"));
    }
    let only =
        x.query("clinician").map(|c| StaffId::parse(&c).ok_or_else(|| ApiError::field("clinician", "is not a staff id"))).transpose()?;
    let table = d.table.as_ref();
    let (_, found) = x.staff_reading(async |practice, _, _| Ok(book::between(table, practice, only.as_ref(), from, to).await?)).await?;
    Ok(Reply::ok(&ScheduleView { appointments: found.iter().map(staff_view).collect() }))
}

/// Books for a patient (staff skip the online notice and horizon; the time is still race-free).
#[utoipa::path(post, path = "/staff/appointments", tag = "scheduling", security(("staff" = [])), request_body = StaffBookRequest,
    responses((status = 201, body = StaffAppointmentView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "The time is taken"), (status = 415, body = Problem),
        (status = 422, body = Problem, description = "Not a time on the clinician's schedule")))]
pub async fn appointments_create(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let body: StaffBookRequest = x.json()?;
    let patient = patient_id(&body.patient_id)?;
    x.concerning(&patient);
    let service_id = ServiceId::parse(&body.service_id).ok_or_else(|| ApiError::field("service_id", "is not a service id"))?;
    let clinician = StaffId::parse(&body.clinician_id).ok_or_else(|| ApiError::field("clinician_id", "is not a clinician id"))?;
    let table = d.table.as_ref();
    let found = patients::get(table, &who.practice, &patient).await?.filter(|p| p.is_active()).ok_or(ApiError::NotFound)?;
    let service = book::service(table, &who.practice, &service_id).await?.ok_or(ApiError::NotFound)?;
    if !service.clinicians.contains(&clinician) {
        return Err(ApiError::field("clinician_id", "does not see this service"));
    }
    let schedule = book::schedule(table, &who.practice, &clinician).await?.ok_or(ApiError::NotFound)?;
    let practice = x.practice(&who.practice).await?;
    let name = clinician_name(table, &who.practice, &clinician).await?;
    let new = NewAppointment {
        practice: &practice,
        service: &service,
        schedule: &schedule,
        patient: &patient,
        names: Some(PatientNames::of(&found)),
        clinician_name: name,
        start: body.start,
        booker: Booker::Staff { staff_id: who.staff.clone() },
        key: None,
    };
    let (appointment, _) = book::book(table, new, x.now()).await?;
    x.object(appointment.appointment_id.to_string());
    Ok(Reply::created(&staff_view(&appointment), "/staff/appointments"))
}

/// Moves an appointment through its day: confirm a request (`booked`), `arrived`, `fulfilled`,
/// `no_show`, or `cancelled`. Any other move, or a change meanwhile, is 409.
#[utoipa::path(post, path = "/staff/appointments/{id}/status", tag = "scheduling", security(("staff" = [])), request_body = StatusRequest,
    params(("id" = String, Path)),
    responses((status = 200, body = StaffAppointmentView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "Not a move from its state, the time is taken, or it changed meanwhile"),
        (status = 415, body = Problem)))]
pub async fn appointments_status(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", AppointmentId::parse)?;
    let body: StatusRequest = x.json()?;
    if body.reason.as_ref().is_some_and(|r| r.chars().count() > 500) {
        return Err(ApiError::field("reason", "must be at most 500 characters"));
    }
    let patient = patient_id(&body.patient_id)?;
    x.concerning(&patient);
    x.object(id.to_string());
    let table = d.table.as_ref();
    let before = book::appointment(table, &who.practice, &patient, &id).await?.ok_or(ApiError::NotFound)?;
    let now = x.now();
    let after = match body.status {
        Status::Cancelled => {
            let service = book::service(table, &who.practice, &before.service_id).await?;
            book::cancel(table, &before, service.as_ref(), body.reason, true, now).await?
        }
        Status::Booked => {
            let service = book::service(table, &who.practice, &before.service_id).await?.ok_or(ApiError::NotFound)?;
            let schedule = book::schedule(table, &who.practice, &before.clinician_id).await?.ok_or(ApiError::NotFound)?;
            let practice = x.practice(&who.practice).await?;
            book::confirm_request(table, &practice, &before, (&service, &schedule), now).await?
        }
        next => book::transition(table, &before, next, now).await?,
    };
    Ok(Reply::ok(&staff_view(&after)))
}

/// Free times for a service for staff booking on a patient's behalf: the clinicians' schedules, their
/// bookings, holds, blocks and buffers, without the online notice and horizon. At most 31 days.
#[utoipa::path(get, path = "/staff/availability", tag = "scheduling", security(("staff" = [])),
    params(("service" = String, Query), ("clinician" = Option<String>, Query), ("from" = String, Query, description = "RFC 3339"),
        ("to" = String, Query, description = "RFC 3339; at most 31 days after from")),
    responses((status = 200, body = crate::api::Availability), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub async fn availability(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let service_id =
        ServiceId::parse(&x.query("service").unwrap_or_default()).ok_or_else(|| ApiError::field("service", "is not a service id"))?;
    let only =
        x.query("clinician").map(|c| StaffId::parse(&c).ok_or_else(|| ApiError::field("clinician", "is not a staff id"))).transpose()?;
    let now = x.now();
    let from = instant(x, "from")?.ok_or_else(|| ApiError::field("from", "is required"))?.max(now);
    let to = instant(x, "to")?.ok_or_else(|| ApiError::field("to", "is required"))?;
    if to <= from || to - from > Duration::days(MAX_RANGE_DAYS) {
        return Err(ApiError::field("to", "must be after from, at most 31 days later"));
    }
    let table = d.table.as_ref();
    let (who, service) = x.staff_reading(async |practice, _, _| Ok(book::service(table, practice, &service_id).await?)).await?;
    let service = service.ok_or(ApiError::NotFound)?;
    let zone = x.practice(&who.practice).await?.settings.default_time_zone.clone();
    let free = free_times(table, &who.practice, &service, only.as_ref(), Seeker::Staff, (from, to), zone, now).await?;
    Ok(Reply::ok(&free))
}
