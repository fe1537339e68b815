//! Secure messaging: threads between patients and care teams, attachments, PHI-free notifications by
//! text and email through the send gate, Twilio's and SES's webhooks, and the workers behind them.

pub mod api;
pub mod attachments;
mod errors;
pub mod events;
pub mod gate;
pub mod handlers;
pub mod keys;
pub mod notify;
pub mod routes;
pub mod ses_events;
pub mod templates;
pub mod threads;
pub mod twilio;
pub mod unsubscribe;
mod wiring;

use std::sync::Arc;

use portico::directory::Practice;
use portico::http::{Handler, Route, mount};
use portico::ids::StaffId;
use portico::wiring::Ports;

use attachments::AttachmentDeps;
use handlers::webhooks::{UnsubscribeDeps, WebhookDeps};
use handlers::{ThreadDeps, UploadDeps, portal, staff, webhooks};
use threads::Topic;

/// The practice's named care team for a topic (settings `care_teams`), or none: then the topic's roles
/// answer (see `Topic::default_roles`).
pub fn care_team(practice: &Practice, topic: Topic) -> Vec<StaffId> {
    practice.settings.care_teams.get(topic.as_str()).map(|ids| ids.iter().filter_map(|id| StaffId::parse(id)).collect()).unwrap_or_default()
}

/// Every route of this capability with its handler, for the local gateway.
pub fn mount_routes(ports: &Ports) -> Vec<(&'static Route, Handler)> {
    let threads = Arc::new(ThreadDeps { edge: Arc::clone(&ports.edge) });
    let uploads = Arc::new(UploadDeps {
        edge: Arc::clone(&ports.edge),
        attachments: AttachmentDeps {
            table: Arc::clone(&ports.edge.table),
            clock: Arc::clone(&ports.edge.clock),
            blobs: Arc::clone(&ports.blobs),
        },
    });
    let hooks = Arc::new(WebhookDeps {
        edge: Arc::clone(&ports.edge),
        twilio: twilio::TwilioDeps {
            table: Arc::clone(&ports.edge.table),
            clock: Arc::clone(&ports.edge.clock),
            tenants: Arc::clone(&ports.edge.tenants),
            hasher: ports.hasher.clone(),
            auth_token: ports.twilio_auth_token.clone(),
            public_base: ports.public_base.clone(),
        },
    });
    let unsubscribes = Arc::new(UnsubscribeDeps { edge: Arc::clone(&ports.edge), hasher: ports.hasher.clone() });
    vec![
        (&routes::PORTAL_THREADS_LIST, mount(&threads, |d, r| async move { portal::threads_list(&d, r).await })),
        (&routes::PORTAL_THREADS_CREATE, mount(&threads, |d, r| async move { portal::threads_create(&d, r).await })),
        (&routes::PORTAL_THREADS_GET, mount(&threads, |d, r| async move { portal::threads_get(&d, r).await })),
        (&routes::PORTAL_MESSAGES_CREATE, mount(&threads, |d, r| async move { portal::messages_create(&d, r).await })),
        (&routes::PORTAL_THREADS_READ, mount(&threads, |d, r| async move { portal::threads_read(&d, r).await })),
        (&routes::PORTAL_ATTACHMENTS_CREATE, mount(&uploads, |d, r| async move { portal::attachments_create(&d, r).await })),
        (&routes::PORTAL_ATTACHMENTS_COMPLETE, mount(&uploads, |d, r| async move { portal::attachments_complete(&d, r).await })),
        (&routes::PORTAL_ATTACHMENTS_GET, mount(&uploads, |d, r| async move { portal::attachments_get(&d, r).await })),
        (&routes::STAFF_THREADS_LIST, mount(&threads, |d, r| async move { staff::threads_list(&d, r).await })),
        (&routes::STAFF_THREADS_CREATE, mount(&threads, |d, r| async move { staff::threads_create(&d, r).await })),
        (&routes::STAFF_THREADS_GET, mount(&threads, |d, r| async move { staff::threads_get(&d, r).await })),
        (&routes::STAFF_THREADS_UPDATE, mount(&threads, |d, r| async move { staff::threads_update(&d, r).await })),
        (&routes::STAFF_MESSAGES_CREATE, mount(&threads, |d, r| async move { staff::messages_create(&d, r).await })),
        (&routes::STAFF_MESSAGES_DELETE, mount(&threads, |d, r| async move { staff::messages_delete(&d, r).await })),
        (&routes::STAFF_ATTACHMENTS_GET, mount(&uploads, |d, r| async move { staff::attachments_get(&d, r).await })),
        (&routes::STAFF_TEMPLATES_LIST, mount(&threads, |d, r| async move { staff::templates_list(&d, r).await })),
        (&routes::STAFF_TEMPLATES_UPDATE, mount(&threads, |d, r| async move { staff::templates_update(&d, r).await })),
        (&routes::WEBHOOK_TWILIO_INBOUND, mount(&hooks, |d, r| async move { webhooks::twilio_inbound(&d, r).await })),
        (&routes::WEBHOOK_TWILIO_STATUS, mount(&hooks, |d, r| async move { webhooks::twilio_status(&d, r).await })),
        (&routes::PUBLIC_EMAIL_UNSUBSCRIBE, mount(&unsubscribes, |d, r| async move { webhooks::unsubscribe(&d, r).await })),
    ]
}

/// The OpenAPI description of this capability's routes.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    portal::threads_list,
    portal::threads_create,
    portal::threads_get,
    portal::messages_create,
    portal::threads_read,
    portal::attachments_create,
    portal::attachments_complete,
    portal::attachments_get,
    staff::threads_list,
    staff::threads_create,
    staff::threads_get,
    staff::threads_update,
    staff::messages_create,
    staff::messages_delete,
    staff::attachments_get,
    staff::templates_list,
    staff::templates_update,
    webhooks::twilio_inbound,
    webhooks::twilio_status,
    webhooks::unsubscribe
))]
pub struct MessagingApi;
