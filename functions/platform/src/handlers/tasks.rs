//! Staff work items: the list, and taking one on, giving it back, finishing it.

use portico::http::{ApiError, Exchange, Fields, PAGE_DEFAULT, Problem, Reply, page_size};
use portico::ids::TaskId;
use portico::store::Cursor;
use portico::tasks::{self, Filter, Task, TaskStatus};

use crate::api::{TaskList, TaskView};
use crate::deps::TableDeps;

/// The practice's tasks in one status (open by default), or those the caller holds; soonest due first.
#[utoipa::path(get, path = "/staff/tasks", tag = "staff-tasks", security(("staff" = [])),
    params(("status" = Option<String>, Query, description = "open (default), claimed or done"),
        ("mine" = Option<bool>, Query, description = "true: only the tasks the caller holds"),
        ("limit" = Option<u32>, Query, description = "How many on a page"), ("cursor" = Option<String>, Query)),
    responses((status = 200, body = TaskList), (status = 400, body = Problem), (status = 401, body = Problem)))]
pub async fn list(d: &TableDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let mut fields = Fields::default();
    let status = fields.check(
        "status",
        match x.query("status").as_deref() {
            None | Some("open") => Ok(TaskStatus::Open),
            Some("claimed") => Ok(TaskStatus::Claimed),
            Some("done") => Ok(TaskStatus::Done),
            Some(_) => Err("must be open, claimed or done"),
        },
    );
    let mine = fields.check(
        "mine",
        match x.query("mine").as_deref() {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(_) => Err("must be true or false"),
        },
    );
    let limit = fields.check("limit", page_size(x.query("limit").as_deref()));
    fields.done()?;
    let cursor = x.query("cursor").map(|c| Cursor::parse(&c)).transpose()?;
    let filter = if mine == Some(true) { Filter::HeldBy(who.staff.clone()) } else { Filter::Status(status.unwrap_or(TaskStatus::Open)) };
    let (found, next) = tasks::list(d.table.as_ref(), &who.practice, &filter, &who.view(), cursor, limit.unwrap_or(PAGE_DEFAULT)).await?;
    Ok(Reply::ok(&TaskList { tasks: found.iter().map(TaskView::from).collect(), next_cursor: next.map(|c| c.as_str().to_string()) }))
}

/// Takes a task on: it leaves the team's open list and shows as the caller's.
#[utoipa::path(post, path = "/staff/tasks/{id}/claim", tag = "staff-tasks", security(("staff" = [])), params(("id" = String, Path)),
    responses((status = 200, body = TaskView), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "Done already, or someone else holds it")))]
pub async fn claim(d: &TableDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", TaskId::parse)?;
    x.object(id.to_string());
    let task = tasks::claim(d.table.as_ref(), &who.practice, &id, &who.staff, &who.view(), x.now()).await?;
    audit_patient(x, &task);
    Ok(Reply::ok(&TaskView::from(&task)))
}

/// Gives a task the caller holds back to the team.
#[utoipa::path(post, path = "/staff/tasks/{id}/release", tag = "staff-tasks", security(("staff" = [])), params(("id" = String, Path)),
    responses((status = 200, body = TaskView), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "The caller does not hold it")))]
pub async fn release(d: &TableDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", TaskId::parse)?;
    x.object(id.to_string());
    let task = tasks::release(d.table.as_ref(), &who.practice, &id, &who.staff, &who.view(), x.now()).await?;
    audit_patient(x, &task);
    Ok(Reply::ok(&TaskView::from(&task)))
}

/// Marks a task done.
#[utoipa::path(post, path = "/staff/tasks/{id}/complete", tag = "staff-tasks", security(("staff" = [])), params(("id" = String, Path)),
    responses((status = 200, body = TaskView), (status = 401, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "Done already")))]
pub async fn complete(d: &TableDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let id = x.path_id("id", TaskId::parse)?;
    x.object(id.to_string());
    let task = tasks::complete(d.table.as_ref(), &who.practice, &id, &who.staff, &who.view(), x.now()).await?;
    audit_patient(x, &task);
    Ok(Reply::ok(&TaskView::from(&task)))
}

/// The audit trail names the patient a task is about, and the task as the object touched.
fn audit_patient(x: &Exchange<'_>, task: &Task) {
    if let Some(patient) = &task.patient_id {
        x.concerning(patient);
    }
    x.object(task.task_id.to_string());
}
