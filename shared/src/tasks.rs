//! Staff work items (seeds 001 and 003: "patient message → response task", "appointment booked → task").
//! A task says what needs doing (its kind), for which patient, by whom (a staff member, or the team that
//! answers a topic) and by when. Capabilities raise tasks inside the transaction of the change that calls
//! for them; staff list, claim and complete them. A later capability adds a kind, not a mechanism.
//!
//! A task that stands for something (the answer a thread waits for) is named after it, so raising it again
//! while it is open changes nothing, and raising it after it was done opens it again.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::auth::access::{StaffView, Topic};
use crate::ids::{PatientId, PracticeId, StaffId, TaskId};
use crate::keys;
use crate::store::retry::{settle, until_settled};
use crate::store::{Condition, Cursor, Index, Item, Query, StoreError, Table, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    /// A patient wrote and is waiting for an answer.
    RespondToMessage,
    /// An appointment was booked, or asked for: prepare for it, or confirm the request.
    NewAppointment,
    /// A cardholder disputed a payment: answer with non-clinical evidence before the card network's
    /// deadline (the task is due a day before it).
    PaymentDispute,
}

impl TaskKind {
    /// How long the practice has, by default, from the moment the task is raised.
    pub fn due_after(self) -> Duration {
        match self {
            TaskKind::RespondToMessage | TaskKind::NewAppointment => Duration::hours(24),
            // Raised with the dispute's own deadline; this is the fallback when Stripe gives none.
            TaskKind::PaymentDispute => Duration::days(6),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Open,
    /// Someone took it on.
    Claimed,
    Done,
}

impl TaskStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Open => "open",
            TaskStatus::Claimed => "claimed",
            TaskStatus::Done => "done",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub task_id: TaskId,
    pub practice_id: PracticeId,
    pub kind: TaskKind,
    #[serde(default)]
    pub patient_id: Option<PatientId>,
    /// The patient's names as they were when the task was raised, for the list.
    #[serde(default)]
    pub patient_names: Option<crate::directory::PatientNames>,
    /// What the task is about, in the kind's terms (a thread id for a message to answer).
    #[serde(default)]
    pub subject: Option<String>,
    /// The team that answers it (the topic's care team), when no one holds it.
    #[serde(default)]
    pub team: Option<Topic>,
    #[serde(default)]
    pub assignee: Option<StaffId>,
    pub status: TaskStatus,
    pub due_at: DateTime<Utc>,
    /// The event or change that raised it.
    #[serde(default)]
    pub source: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub completed_by: Option<StaffId>,
    #[serde(default)]
    pub completed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub version: u64,
}

impl Task {
    /// A new open task.
    pub fn raise(id: TaskId, practice: &PracticeId, kind: TaskKind, now: DateTime<Utc>) -> Self {
        Task {
            task_id: id,
            practice_id: practice.clone(),
            kind,
            patient_id: None,
            patient_names: None,
            subject: None,
            team: None,
            assignee: None,
            status: TaskStatus::Open,
            due_at: now + kind.due_after(),
            source: None,
            created_at: now,
            updated_at: now,
            completed_by: None,
            completed_at: None,
            version: 1,
        }
    }

    /// The id of the task that stands for answering a thread.
    pub fn respond_id(thread: &str) -> TaskId {
        TaskId::for_source("respond", thread)
    }

    /// The task that stands for answering a thread, raised by a patient's message (`source`).
    pub fn respond_to_thread(
        practice: &PracticeId,
        patient: &PatientId,
        names: Option<&crate::directory::PatientNames>,
        thread: &str,
        team: Topic,
        source: &str,
        now: DateTime<Utc>,
    ) -> Self {
        let mut task = Task::raise(Task::respond_id(thread), practice, TaskKind::RespondToMessage, now);
        task.patient_id = Some(patient.clone());
        task.patient_names = names.cloned();
        task.subject = Some(thread.to_string());
        task.team = Some(team);
        task.source = Some(source.to_string());
        task
    }

    /// The task that stands for an appointment (`subject` is its id), raised when it is booked or asked for.
    pub fn for_appointment(
        practice: &PracticeId,
        patient: &PatientId,
        names: Option<&crate::directory::PatientNames>,
        appointment: &str,
        now: DateTime<Utc>,
    ) -> Self {
        let mut task = Task::raise(TaskId::for_source("appointment", appointment), practice, TaskKind::NewAppointment, now);
        task.patient_id = Some(patient.clone());
        task.patient_names = names.cloned();
        task.subject = Some(appointment.to_string());
        task.team = Some(Topic::Scheduling);
        task.source = Some(appointment.to_string());
        task
    }

    fn item(&self) -> Result<Item, StoreError> {
        let due = format!("{}#{}", crate::time::sortable(self.due_at), self.task_id);
        let item = Item::from_record(keys::task(&self.practice_id, &self.task_id), self)?.indexed(
            Index::Gsi1,
            keys::tasks_by_status(&self.practice_id, self.status.as_str()),
            due.clone(),
        );
        Ok(match (&self.assignee, self.status) {
            (Some(staff), TaskStatus::Claimed) => item.indexed(Index::Gsi2, keys::tasks_of(&self.practice_id, staff), due),
            _ => item,
        })
    }
}

/// The write that makes sure a task is open, inside the transaction of the change that calls for it,
/// decided from the task as read (`current`): a missing task is created, a done one is opened again
/// (unassigned, due anew), and an open or claimed one is left alone. Each is conditional on what was
/// read, so a concurrent change to the task fails the transaction and the caller reads again.
pub fn ensure_open_write(current: Option<&Task>, fresh: &Task) -> Result<Write, StoreError> {
    match current {
        None => Ok(Write::put(fresh.item()?, Condition::NotExists)),
        Some(task) if task.status == TaskStatus::Done => {
            let mut reopened = fresh.clone();
            reopened.created_at = task.created_at;
            reopened.version = task.version + 1;
            Ok(Write::put(reopened.item()?, Condition::VersionIs(task.version)))
        }
        Some(task) => Ok(Write::Check { key: keys::task(&task.practice_id, &task.task_id), condition: Condition::VersionIs(task.version) }),
    }
}

/// The write that settles an open or claimed task inside the transaction of the change that answers it
/// (conditional on the task as read); nothing when there is no open task.
pub fn settle_write(current: Option<&Task>, by: &StaffId, now: DateTime<Utc>) -> Result<Option<Write>, StoreError> {
    let Some(task) = current.filter(|t| t.status != TaskStatus::Done) else { return Ok(None) };
    let mut done = task.clone();
    done.status = TaskStatus::Done;
    done.completed_by = Some(by.clone());
    done.completed_at = Some(now);
    done.updated_at = now;
    done.version = task.version + 1;
    Ok(Some(Write::put(done.item()?, Condition::VersionIs(task.version))))
}

pub async fn get(table: &dyn Table, practice: &PracticeId, id: &TaskId) -> Result<Option<Task>, StoreError> {
    table.get(&keys::task(practice, id)).await?.map(|item| item.record()).transpose()
}

/// Which tasks a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Status(TaskStatus),
    /// The open or claimed tasks one staff member holds.
    HeldBy(StaffId),
}

/// Whether a staff member's roles let them see a task: the team's topic must be one they handle.
pub fn visible_to(task: &Task, view: &StaffView) -> bool {
    task.team.is_none_or(|team| view.reads(team))
}

/// One page of the tasks a staff member may see, soonest due first.
pub async fn list(
    table: &dyn Table,
    practice: &PracticeId,
    filter: &Filter,
    view: &StaffView,
    cursor: Option<Cursor>,
    limit: usize,
) -> Result<(Vec<Task>, Option<Cursor>), StoreError> {
    let query = match filter {
        Filter::Status(status) => Query::partition(Index::Gsi1, keys::tasks_by_status(practice, status.as_str())),
        Filter::HeldBy(staff) => Query::partition(Index::Gsi2, keys::tasks_of(practice, staff)),
    };
    let index = query.index;
    let (mut tasks, mut position) = (Vec::new(), cursor);
    // Bounded: a page of another team's tasks costs a few reads at most.
    for _ in 0..10 {
        let page = table.query(query.clone().limit(limit).after(position.take())).await?;
        for item in &page.items {
            let task: Task = item.record()?;
            if !visible_to(&task, view) {
                continue;
            }
            tasks.push(task);
            if tasks.len() == limit {
                return Ok((tasks, Cursor::after(index, item)));
            }
        }
        match page.next {
            Some(next) => position = Some(next),
            None => return Ok((tasks, None)),
        }
    }
    Ok((tasks, position))
}

#[derive(Debug, thiserror::Error)]
pub enum TaskError {
    #[error("no such task")]
    NotFound,
    #[error("the task is done")]
    Done,
    #[error("someone else holds the task")]
    HeldByOther,
    #[error("the caller does not hold the task")]
    NotHeld,
    #[error(transparent)]
    Store(#[from] StoreError),
}

async fn change(
    table: &dyn Table,
    practice: &PracticeId,
    id: &TaskId,
    view: &StaffView,
    apply: impl Fn(&mut Task) -> Result<(), TaskError>,
) -> Result<Task, TaskError> {
    until_settled(|| async {
        let current = get(table, practice, id).await?.filter(|t| visible_to(t, view)).ok_or(TaskError::NotFound)?;
        let mut next = current.clone();
        apply(&mut next)?;
        next.version = current.version + 1;
        Ok(settle(table.put(next.item()?, Condition::VersionIs(current.version)).await)?.map(|()| next))
    })
    .await
}

/// Takes a task on. An open task, or one the same person holds already; not someone else's.
pub async fn claim(
    table: &dyn Table,
    practice: &PracticeId,
    id: &TaskId,
    by: &StaffId,
    view: &StaffView,
    now: DateTime<Utc>,
) -> Result<Task, TaskError> {
    change(table, practice, id, view, |task| match (task.status, &task.assignee) {
        (TaskStatus::Open, _) => {
            task.status = TaskStatus::Claimed;
            task.assignee = Some(by.clone());
            task.updated_at = now;
            Ok(())
        }
        (TaskStatus::Claimed, Some(holder)) if holder == by => Ok(()),
        (TaskStatus::Done, _) => Err(TaskError::Done),
        (TaskStatus::Claimed, _) => Err(TaskError::HeldByOther),
    })
    .await
}

/// Marks a task done (whoever holds it: a colleague may finish it).
pub async fn complete(
    table: &dyn Table,
    practice: &PracticeId,
    id: &TaskId,
    by: &StaffId,
    view: &StaffView,
    now: DateTime<Utc>,
) -> Result<Task, TaskError> {
    change(table, practice, id, view, |task| {
        if task.status == TaskStatus::Done {
            return Err(TaskError::Done);
        }
        task.status = TaskStatus::Done;
        task.completed_by = Some(by.clone());
        task.completed_at = Some(now);
        task.updated_at = now;
        Ok(())
    })
    .await
}

/// Puts a claimed task back in the team's list.
pub async fn release(
    table: &dyn Table,
    practice: &PracticeId,
    id: &TaskId,
    by: &StaffId,
    view: &StaffView,
    now: DateTime<Utc>,
) -> Result<Task, TaskError> {
    change(table, practice, id, view, |task| match (task.status, &task.assignee) {
        (TaskStatus::Claimed, Some(holder)) if holder == by => {
            task.status = TaskStatus::Open;
            task.assignee = None;
            task.updated_at = now;
            Ok(())
        }
        (TaskStatus::Done, _) => Err(TaskError::Done),
        _ => Err(TaskError::NotHeld),
    })
    .await
}
