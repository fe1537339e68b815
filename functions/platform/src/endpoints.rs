//! Each platform route bound to its handler and what it uses: the type a binary names to serve it.

use portico::endpoint;

use crate::deps::{StatusWebhookDeps, TableDeps, UnsubscribeDeps};
use crate::handlers::{tasks, templates, webhooks};
use crate::routes;

endpoint!(StaffTasksList, routes::STAFF_TASKS_LIST, TableDeps, tasks::list);
endpoint!(StaffTasksClaim, routes::STAFF_TASKS_CLAIM, TableDeps, tasks::claim);
endpoint!(StaffTasksRelease, routes::STAFF_TASKS_RELEASE, TableDeps, tasks::release);
endpoint!(StaffTasksComplete, routes::STAFF_TASKS_COMPLETE, TableDeps, tasks::complete);
endpoint!(StaffTemplatesList, routes::STAFF_TEMPLATES_LIST, TableDeps, templates::list);
endpoint!(StaffTemplatesUpdate, routes::STAFF_TEMPLATES_UPDATE, TableDeps, templates::update);
endpoint!(WebhookTwilioStatus, routes::WEBHOOK_TWILIO_STATUS, StatusWebhookDeps, webhooks::twilio_status);
endpoint!(PublicEmailUnsubscribe, routes::PUBLIC_EMAIL_UNSUBSCRIBE, UnsubscribeDeps, webhooks::unsubscribe);
