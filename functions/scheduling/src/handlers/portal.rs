//! The patient's appointments: what can be booked, holds, booking, the list, cancel, reschedule, confirm.

use chrono::{DateTime, Duration, Utc};
use portico::auth::{PatientPrincipal, Scope};
use portico::directory::{PatientNames, patients};
use portico::http::{ApiError, Exchange, Problem, Reply};
use portico::ids::{AppointmentId, ServiceId, StaffId};

use super::{clinician_name, free_times, instant};
use crate::api::{
    AppointmentList, AppointmentView, Availability, BookRequest, BookableService, BookableServices, CancelRequest, ClinicianView,
    HoldRequest, HoldView, RescheduleRequest,
};
use crate::book::{self, NewAppointment, Seeker};
use crate::deps::SchedulingDeps;
use crate::model::{Booker, Booking, MAX_RANGE_DAYS, Status};

pub(super) fn booker(who: &PatientPrincipal) -> Booker {
    match &who.acting {
        Some(a) => Booker::Proxy { person_id: a.person.clone(), grant_id: a.grant.clone() },
        None => Booker::Patient,
    }
}

pub(super) fn service_id(raw: &str) -> Result<ServiceId, ApiError> {
    ServiceId::parse(raw).ok_or_else(|| ApiError::field("service_id", "is not a service id"))
}

pub(super) fn clinician_id(raw: &str) -> Result<StaffId, ApiError> {
    StaffId::parse(raw).ok_or_else(|| ApiError::field("clinician_id", "is not a clinician id"))
}

/// The services patients may book or ask for, with who sees each.
#[utoipa::path(get, path = "/portal/availability/services", tag = "appointments", security(("patient" = [])),
    responses((status = 200, body = BookableServices), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this")))]
pub async fn services(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let table = d.table.as_ref();
    let (who, services) = x.patient_reading(Scope::Appointments, async |practice, _| Ok(book::services(table, practice).await?)).await?;
    let mut found = Vec::new();
    for service in services.into_iter().filter(|s| s.active && s.booking != Booking::StaffOnly && !(who.limited() && s.confidential)) {
        let mut clinicians = Vec::new();
        for id in &service.clinicians {
            clinicians.push(ClinicianView { clinician_id: id.to_string(), name: clinician_name(table, &who.practice, id).await? });
        }
        found.push(BookableService {
            service_id: service.service_id.to_string(),
            name: service.name,
            duration_minutes: service.duration_minutes,
            mode: service.mode,
            booking: service.booking,
            clinicians,
            horizon_days: service.horizon_days,
            min_notice_minutes: service.min_notice_minutes,
            cancel_notice_hours: service.cancel_notice_hours,
            reschedule_notice_hours: service.reschedule_notice_hours,
            late_cancel: service.late_cancel,
            waitlist: service.waitlist,
        });
    }
    Ok(Reply::ok(&BookableServices { services: found }))
}

/// Free times for a service over at most 31 days (default: the next 14), from every clinician who sees
/// it or the one asked for. One query per clinician's schedule.
#[utoipa::path(get, path = "/portal/availability", tag = "appointments", security(("patient" = [])),
    params(("service" = String, Query), ("clinician" = Option<String>, Query), ("from" = Option<String>, Query, description = "RFC 3339; default now"),
        ("to" = Option<String>, Query, description = "RFC 3339; at most 31 days after from")),
    responses((status = 200, body = Availability), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"),
        (status = 404, body = Problem)))]
pub async fn availability(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let service_id = service_id(&x.query("service").unwrap_or_default())?;
    let only = x.query("clinician").map(|c| clinician_id(&c)).transpose()?;
    let now = x.now();
    let from = instant(x, "from")?.unwrap_or(now).max(now);
    let to = instant(x, "to")?.unwrap_or(from + Duration::days(14));
    if to <= from || to - from > Duration::days(MAX_RANGE_DAYS) {
        return Err(ApiError::field("to", "must be after from, at most 31 days later"));
    }
    let table = d.table.as_ref();
    let (who, (service, profile)) = x
        .patient_reading(Scope::Appointments, async |practice, patient| {
            let (service, profile) = futures::join!(book::service(table, practice, &service_id), patients::get(table, practice, patient));
            Ok((service?, profile?))
        })
        .await?;
    let service =
        service.filter(|s| s.active && s.booking != Booking::StaffOnly && !(who.limited() && s.confidential)).ok_or(ApiError::NotFound)?;
    let zone = profile.map(|p| p.time_zone.as_str().to_string()).unwrap_or_else(|| "UTC".into());
    let free = free_times(table, &who.practice, &service, only.as_ref(), Seeker::Patient(&who.patient), (from, to), zone, now).await?;
    Ok(Reply::ok(&free))
}

/// Holds a time for five minutes while the patient confirms; a new hold on the service gives up the last.
#[utoipa::path(post, path = "/portal/holds", tag = "appointments", security(("patient" = [])), request_body = HoldRequest,
    responses((status = 201, body = HoldView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Not bookable online, or acting without a grant that allows this"),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "The time is taken"), (status = 415, body = Problem),
        (status = 422, body = Problem, description = "Not a time offered for this service (off the schedule, too soon or too far)")))]
pub async fn hold(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Appointments).await?;
    let body: HoldRequest = x.json()?;
    let (service_id, clinician) = (service_id(&body.service_id)?, clinician_id(&body.clinician_id)?);
    let table = d.table.as_ref();
    let service = visible_service(d, &who, &service_id).await?;
    if !service.clinicians.contains(&clinician) {
        return Err(ApiError::NotFound);
    }
    let schedule = book::schedule(table, &who.practice, &clinician).await?.ok_or(ApiError::NotFound)?;
    let held = book::hold(table, &service, &schedule, &who.practice, &who.patient, body.start, x.now()).await?;
    Ok(Reply::created(
        &HoldView {
            service_id: held.service_id.to_string(),
            clinician_id: held.clinician_id.to_string(),
            start: held.start,
            expires_at: held.expires,
        },
        "/portal/holds",
    ))
}

fn digest(body: &BookRequest) -> String {
    let text = serde_json::to_string(body).unwrap_or_default();
    let hash = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, text.as_bytes());
    hash.as_ref().iter().map(|b| format!("{b:02x}")).collect()
}

/// Books a time (or asks for it, for a request-only service): race-free, one transaction. With an
/// `Idempotency-Key`, the same key and body answer the same appointment (200); a different body is 422.
#[utoipa::path(post, path = "/portal/appointments", tag = "appointments", security(("patient" = [])), request_body = BookRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "1 to 255 visible ASCII characters; remembered for 24 hours")),
    responses((status = 201, body = AppointmentView), (status = 200, body = AppointmentView, description = "The same Idempotency-Key and body again"),
        (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Not bookable online, or acting without a grant that allows this"),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "The time is taken"), (status = 415, body = Problem),
        (status = 422, body = Problem, description = "Not a time offered for this service, or an Idempotency-Key reused with another body")))]
pub async fn book(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Appointments).await?;
    let key = x.idempotency_key()?;
    let body: BookRequest = x.json()?;
    let (service_id, clinician) = (service_id(&body.service_id)?, clinician_id(&body.clinician_id)?);
    let table = d.table.as_ref();
    let service = visible_service(d, &who, &service_id).await?;
    if !service.clinicians.contains(&clinician) {
        return Err(ApiError::NotFound);
    }
    let schedule = book::schedule(table, &who.practice, &clinician).await?.ok_or(ApiError::NotFound)?;
    let practice = x.practice(&who.practice).await?;
    let names = patients::get(table, &who.practice, &who.patient).await?.map(|p| PatientNames::of(&p));
    let request = digest(&body);
    let new = NewAppointment {
        practice: &practice,
        service: &service,
        schedule: &schedule,
        patient: &who.patient,
        names,
        clinician_name: clinician_name(table, &who.practice, &clinician).await?,
        start: body.start,
        booker: booker(&who),
        key: key.map(|k| (k, request)),
    };
    let (appointment, fresh) = book::book(table, new, x.now()).await?;
    x.object(appointment.appointment_id.to_string());
    let view = AppointmentView::from(&appointment);
    Ok(if fresh { Reply::created(&view, &format!("/portal/appointments/{}", appointment.appointment_id)) } else { Reply::ok(&view) })
}

/// Your appointments: upcoming soonest first, past most recent first. One query of your partition.
#[utoipa::path(get, path = "/portal/appointments", tag = "appointments", security(("patient" = [])),
    responses((status = 200, body = AppointmentList), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this")))]
pub async fn list(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let table = d.table.as_ref();
    let (who, all) =
        x.patient_reading(Scope::Appointments, async |practice, patient| Ok(book::for_patient(table, practice, patient).await?)).await?;
    let all: Vec<_> = all.into_iter().filter(|a| !(who.limited() && a.confidential)).collect();
    let now = x.now();
    let ahead = |a: &&crate::model::Appointment| a.end > now && matches!(a.status, Status::Requested | Status::Booked | Status::Arrived);
    let upcoming = all.iter().filter(ahead).map(AppointmentView::from).collect();
    let mut past: Vec<AppointmentView> = all.iter().filter(|a| !ahead(a)).map(AppointmentView::from).collect();
    past.reverse();
    Ok(Reply::ok(&AppointmentList { upcoming, past }))
}

async fn mine(d: &SchedulingDeps, who: &PatientPrincipal, x: &Exchange<'_>) -> Result<crate::model::Appointment, ApiError> {
    let id = x.path_id("id", AppointmentId::parse)?;
    x.object(id.to_string());
    let found = book::appointment(d.table.as_ref(), &who.practice, &who.patient, &id).await?;
    found.filter(|a| !(who.limited() && a.confidential)).ok_or(ApiError::NotFound)
}

/// A service the caller may book: active, and not a teen's confidential care for their limited parent.
pub(super) async fn visible_service(d: &SchedulingDeps, who: &PatientPrincipal, id: &ServiceId) -> Result<crate::model::Service, ApiError> {
    let found = book::service(d.table.as_ref(), &who.practice, id).await?;
    found.filter(|s| s.active && !(who.limited() && s.confidential)).ok_or(ApiError::NotFound)
}

/// Cancels: late inside the service's cancel notice (never in the five minutes after booking); a
/// service that blocks late cancels answers 409 and asks the patient to call.
#[utoipa::path(post, path = "/portal/appointments/{id}/cancel", tag = "appointments", security(("patient" = [])), request_body = CancelRequest,
    params(("id" = String, Path)),
    responses((status = 200, body = AppointmentView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "Already cancelled or over, changed meanwhile, or too late to cancel online"),
        (status = 415, body = Problem)))]
pub async fn cancel(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Appointments).await?;
    let body: CancelRequest = x.json()?;
    if body.reason.as_ref().is_some_and(|r| r.chars().count() > 500) {
        return Err(ApiError::field("reason", "must be at most 500 characters"));
    }
    let before = mine(d, &who, x).await?;
    if before.start <= x.now() {
        // Past its start it is the practice's to record (attended or not).
        return Err(crate::book::BookingError::TooLate.into());
    }
    let service = book::service(d.table.as_ref(), &who.practice, &before.service_id).await?;
    let after = book::cancel(d.table.as_ref(), &before, service.as_ref(), body.reason, false, x.now()).await?;
    Ok(Reply::ok(&AppointmentView::from(&after)))
}

/// Moves an appointment to another free time in one transaction: if the new time is taken, nothing
/// changes.
#[utoipa::path(post, path = "/portal/appointments/{id}/reschedule", tag = "appointments", security(("patient" = [])), request_body = RescheduleRequest,
    params(("id" = String, Path)),
    responses((status = 200, body = AppointmentView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "The new time is taken, the appointment changed, or it is too late to move online"),
        (status = 415, body = Problem), (status = 422, body = Problem, description = "Not a time offered for this service")))]
pub async fn reschedule(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Appointments).await?;
    let body: RescheduleRequest = x.json()?;
    let before = mine(d, &who, x).await?;
    let table = d.table.as_ref();
    let service = book::service(table, &who.practice, &before.service_id).await?.filter(|s| s.active).ok_or(ApiError::NotFound)?;
    if service.booking != Booking::Patients {
        return Err(ApiError::Forbidden("The practice arranges this visit. Please call or message the office to change it."));
    }
    let clinician = match &body.clinician_id {
        Some(raw) => clinician_id(raw)?,
        None => before.clinician_id.clone(),
    };
    if !service.clinicians.contains(&clinician) {
        return Err(ApiError::field("clinician_id", "does not see this service"));
    }
    let schedule = book::schedule(table, &who.practice, &clinician).await?.ok_or(ApiError::NotFound)?;
    let name = clinician_name(table, &who.practice, &clinician).await?;
    let practice = x.practice(&who.practice).await?;
    let to = book::Move {
        practice: &practice,
        service: &service,
        schedule: &schedule,
        clinician_name: &name,
        start: body.start,
        by_staff: false,
    };
    let after = book::reschedule(table, &before, to, x.now()).await?;
    Ok(Reply::ok(&AppointmentView::from(&after)))
}

/// Confirms you will come. Confirming again changes nothing.
#[utoipa::path(post, path = "/portal/appointments/{id}/confirm", tag = "appointments", security(("patient" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = AppointmentView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "Not a booked appointment")))]
pub async fn confirm(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Appointments).await?;
    let before = mine(d, &who, x).await?;
    let after = book::confirm_attendance(d.table.as_ref(), &before, x.now()).await?;
    Ok(Reply::ok(&AppointmentView::from(&after)))
}

/// A content line folded at 75 octets (RFC 5545 §3.1), never inside a character, ending in CRLF.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

/// Text for an iCalendar value: backslashes, commas, semicolons and line breaks escaped.
fn ical_text(raw: &str) -> String {
    raw.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace(['\r', '\n'], " ")
}

/// The appointment as a calendar file to add to a phone's calendar: the practice and the time, a link to
/// the portal, and nothing else (no visit type, clinician or place, which could say what it is for).
#[utoipa::path(get, path = "/portal/appointments/{id}/calendar", tag = "appointments", security(("patient" = [])),
    params(("id" = String, Path)),
    responses((status = 200, content_type = "text/calendar", body = String, description = "An iCalendar file (RFC 5545)"),
        (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"),
        (status = 404, body = Problem)))]
pub async fn calendar(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let id = x.path_id("id", AppointmentId::parse)?;
    let table = d.table.as_ref();
    let (who, found) = x
        .patient_reading(Scope::Appointments, async |practice, patient| Ok(book::appointment(table, practice, patient, &id).await?))
        .await?;
    x.object(id.to_string());
    let appointment = found
        .filter(|a| matches!(a.status, Status::Booked | Status::Arrived) && !(who.limited() && a.confidential))
        .ok_or(ApiError::NotFound)?;
    let practice = x.practice(&who.practice).await?;
    let portal = x.edge().tenants.portal_url(&practice);
    let stamp = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Portico//Appointments//EN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}@portico", appointment.appointment_id),
        format!("DTSTAMP:{}", stamp(x.now())),
        format!("DTSTART:{}", stamp(appointment.start)),
        format!("DTEND:{}", stamp(appointment.end)),
        format!("SUMMARY:{}", ical_text(&format!("Appointment at {}", practice.name))),
        format!("DESCRIPTION:{}", ical_text(&format!("Details in your patient portal: {portal}"))),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    let body: String = lines.iter().map(|l| fold(l)).collect();
    let disposition = http::HeaderValue::from_static("attachment; filename=\"appointment.ics\"");
    Ok(Reply::bytes("text/calendar; charset=utf-8", body.into_bytes()).header(http::header::CONTENT_DISPOSITION, disposition))
}

/// Gives up your hold on a service's time (you chose another, or changed your mind).
#[utoipa::path(delete, path = "/portal/holds/{service_id}", tag = "appointments", security(("patient" = [])),
    params(("service_id" = String, Path)),
    responses((status = 204, description = "Released"), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"),
        (status = 404, body = Problem, description = "No live hold on this service")))]
pub async fn hold_release(d: &SchedulingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Appointments).await?;
    let service = x.path_id("service_id", ServiceId::parse)?;
    x.object(service.to_string());
    if !book::release_hold(d.table.as_ref(), &who.practice, &who.patient, &service, x.now()).await? {
        return Err(ApiError::NotFound);
    }
    Ok(Reply::no_content())
}
