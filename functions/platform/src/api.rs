//! Wire types of the platform's routes.

use chrono::{DateTime, Utc};
use portico::auth::access::Topic;
use portico::notify::templates::Lang;
use portico::notify::wording::{Template, TemplateKind};
use portico::tasks::{Task, TaskKind, TaskStatus};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use portico::http::openapi::{Constraint, Limit};
use portico::notify::wording::{EMAIL_MAX, SMS_MAX, SUBJECT_MAX};

/// The limits the platform's routes enforce, as the API's description states them.
pub const LIMITS: &[Limit] = &[
    Limit::new("TemplateUpdate", "sms", Constraint::MaxLength(SMS_MAX)),
    Limit::new("TemplateUpdate", "email_subject", Constraint::MaxLength(SUBJECT_MAX)),
    Limit::new("TemplateUpdate", "email_body", Constraint::MaxLength(EMAIL_MAX)),
];

#[derive(Debug, Serialize, ToSchema)]
pub struct TemplateView {
    pub kind: TemplateKind,
    /// The language this wording is for; patients get the one their preference names.
    pub language: Lang,
    pub sms: String,
    pub email_subject: Option<String>,
    pub email_body: Option<String>,
    /// False while the practice uses Portico's default wording.
    pub customised: bool,
    /// The placeholders a template may use: nothing about a patient.
    pub placeholders: Vec<&'static str>,
}

impl TemplateView {
    pub fn of(template: &Template, customised: bool) -> Self {
        TemplateView {
            kind: template.kind,
            language: template.lang,
            sms: template.sms.source().to_string(),
            email_subject: template.email.as_ref().map(|(s, _)| s.source().to_string()),
            email_body: template.email.as_ref().map(|(_, b)| b.source().to_string()),
            customised,
            placeholders: portico::notify::wording::PLACEHOLDERS.to_vec(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateUpdate {
    pub sms: String,
    pub email_subject: Option<String>,
    pub email_body: Option<String>,
}

/// A staff work item.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskView {
    pub task_id: String,
    pub kind: TaskKind,
    pub status: TaskStatus,
    pub patient_id: Option<String>,
    /// The patient's names when the task was raised.
    pub patient: Option<portico::directory::PatientNames>,
    /// What the task is about in its kind's terms: the thread to answer, for `respond_to_message`.
    pub subject: Option<String>,
    /// The team that answers it while nobody holds it.
    pub team: Option<Topic>,
    pub assignee: Option<String>,
    pub due_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub completed_by: Option<String>,
    pub completed_at: Option<DateTime<Utc>>,
}

impl From<&Task> for TaskView {
    fn from(t: &Task) -> Self {
        TaskView {
            task_id: t.task_id.to_string(),
            kind: t.kind,
            status: t.status,
            patient_id: t.patient_id.as_ref().map(ToString::to_string),
            patient: t.patient_names.clone(),
            subject: t.subject.clone(),
            team: t.team,
            assignee: t.assignee.as_ref().map(ToString::to_string),
            due_at: t.due_at,
            created_at: t.created_at,
            completed_by: t.completed_by.as_ref().map(ToString::to_string),
            completed_at: t.completed_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TaskList {
    /// Soonest due first.
    pub tasks: Vec<TaskView>,
    pub next_cursor: Option<String>,
}
