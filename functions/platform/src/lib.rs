//! The platform layer's own functions (the rules live in `portico`): the outbox relay and its sweep, the
//! notify worker behind the send gate, SES bounces and complaints, Twilio's delivery callbacks, one-click
//! unsubscribe, the staff task list, and the practice's notification wording. Capabilities never depend
//! on this crate; they write events and tasks, and these functions do the rest.

pub mod api;
pub mod deps;
pub mod endpoints;
pub mod functions;
pub mod handlers;
pub mod routes;
pub mod ses_events;

use portico::lambda::{Capability, Trigger, endpoint, function, worker};

use endpoints::*;
use functions::{RelayEvents, RelaySweep, WorkerNotify, WorkerSesEvents};
use handlers::{tasks, templates, webhooks};

/// The platform's functions, described once.
pub fn capability() -> Capability {
    Capability {
        name: "platform",
        endpoints: vec![
            endpoint::<StaffTasksList>(),
            endpoint::<StaffTasksClaim>(),
            endpoint::<StaffTasksRelease>(),
            endpoint::<StaffTasksComplete>(),
            endpoint::<StaffTemplatesList>(),
            endpoint::<StaffTemplatesUpdate>(),
            endpoint::<WebhookTwilioStatus>(),
            endpoint::<PublicEmailUnsubscribe>(),
        ],
        functions: vec![
            worker::<WorkerNotify>(portico::events::NOTIFY_QUEUE),
            worker::<WorkerSesEvents>(deps::SES_EVENTS_QUEUE),
            function::<RelayEvents>(Trigger::Stream),
            function::<RelaySweep>(Trigger::Schedule),
        ],
        key_prefixes: portico::keys::PLATFORM_PREFIXES,
        openapi: <PlatformApi as utoipa::OpenApi>::openapi,
        limits: api::LIMITS,
    }
}

/// The OpenAPI description of the platform's routes.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    tasks::list,
    tasks::claim,
    tasks::release,
    tasks::complete,
    templates::list,
    templates::update,
    webhooks::twilio_status,
    webhooks::unsubscribe
))]
pub struct PlatformApi;
