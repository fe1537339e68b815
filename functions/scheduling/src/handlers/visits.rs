//! Joining a video visit: the patient (or someone acting for them) and the visit's clinician, each with
//! a seat of their own, inside the join window only.

use portico::auth::Scope;
use portico::directory::Role;
use portico::http::{ApiError, Exchange, Problem, Reply};
use portico::ids::AppointmentId;

use super::patient_id;
use crate::api::{JoinView, StaffJoinRequest};
use crate::book;
use crate::deps::VisitDeps;
use crate::model::Appointment;
use crate::telehealth::{self, JoinError, Seat};

impl From<JoinError> for ApiError {
    fn from(e: JoinError) -> Self {
        match e {
            JoinError::NotVideo => ApiError::NotFound,
            JoinError::NotOpen { opens_at, closes_at } => ApiError::NotOpen {
                detail: "The video visit opens 15 minutes before its start and closes 30 minutes after its end.",
                opens_at,
                closes_at,
            },
            JoinError::Video(e) => ApiError::internal(e),
            JoinError::Store(e) => e.into(),
        }
    }
}

fn view(appointment: &Appointment, seat: Seat) -> JoinView {
    JoinView {
        appointment_id: appointment.appointment_id.to_string(),
        opens_at: seat.opens_at,
        closes_at: seat.closes_at,
        meeting: seat.meeting,
        attendee: seat.attendee,
        join_url: seat.join_page,
    }
}

/// Your seat in a video visit, from 15 minutes before its start to 30 minutes after its end (403 with
/// `opens_at` and `closes_at` outside that window). Each call gives a fresh seat.
#[utoipa::path(post, path = "/portal/appointments/{id}/join", tag = "appointments", security(("patient" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = JoinView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Outside the join window (`opens_at`, `closes_at`), or acting without a grant that allows this"),
        (status = 404, body = Problem, description = "No such video visit going ahead")))]
pub async fn join(d: &VisitDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Appointments).await?;
    let id = x.path_id("id", AppointmentId::parse)?;
    x.object(id.to_string());
    let table = d.table.as_ref();
    let appointment = book::appointment(table, &who.practice, &who.patient, &id).await?;
    let appointment = appointment.filter(|a| !(who.limited() && a.confidential)).ok_or(ApiError::NotFound)?;
    // The seat is the person's who asked: a parent joining for a child is seated as themself.
    let participant = who.acting.as_ref().map_or_else(|| who.patient.to_string(), |a| a.person.to_string());
    let seat = telehealth::join(table, d.video.as_ref(), &appointment, &participant, x.now()).await?;
    Ok(Reply::ok(&view(&appointment, seat)))
}

/// The visit's clinician takes their seat, in the same window as the patient.
#[utoipa::path(post, path = "/staff/appointments/{id}/join", tag = "scheduling", security(("staff" = [])), request_body = StaffJoinRequest,
    params(("id" = String, Path)),
    responses((status = 200, body = JoinView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Not the visit's clinician, or outside the join window (`opens_at`, `closes_at`)"),
        (status = 404, body = Problem, description = "No such video visit going ahead"), (status = 415, body = Problem)))]
pub async fn staff_join(d: &VisitDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", AppointmentId::parse)?;
    let body: StaffJoinRequest = x.json()?;
    let patient = patient_id(&body.patient_id)?;
    x.concerning(&patient);
    x.object(id.to_string());
    let table = d.table.as_ref();
    let appointment = book::appointment(table, &who.practice, &patient, &id).await?.ok_or(ApiError::NotFound)?;
    if appointment.clinician_id != who.staff || !who.has_any(&[Role::Clinician]) {
        return Err(ApiError::Forbidden("Only the visit's clinician joins it."));
    }
    let seat = telehealth::join(table, d.video.as_ref(), &appointment, who.staff.as_str(), x.now()).await?;
    Ok(Reply::ok(&view(&appointment, seat)))
}
