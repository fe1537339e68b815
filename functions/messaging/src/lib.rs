//! Secure messaging: threads between patients and care teams, attachments, and texts from patients.
//! Staff replies reach patients as PHI-free notices and patient messages reach the care team, through
//! the platform's outbox and notify worker; this crate never talks to Twilio or SES itself.

pub mod api;
pub mod attachments;
pub mod deps;
pub mod endpoints;
mod errors;
pub mod handlers;
pub mod inbound;
pub mod keys;
pub mod routes;
pub mod threads;

use portico::lambda::{Capability, endpoint};

use endpoints::*;
use handlers::{portal, staff, webhooks};

/// The messaging capability, described once: the gateway, the tests, the OpenAPI document and the
/// template checks all read it.
pub fn capability() -> Capability {
    Capability {
        name: "messaging",
        endpoints: vec![
            endpoint::<PortalThreadsList>(),
            endpoint::<PortalThreadsCreate>(),
            endpoint::<PortalThreadsGet>(),
            endpoint::<PortalMessagesCreate>(),
            endpoint::<PortalThreadsRead>(),
            endpoint::<PortalThreadsClose>(),
            endpoint::<PortalAttachmentsCreate>(),
            endpoint::<PortalAttachmentsComplete>(),
            endpoint::<PortalAttachmentsGet>(),
            endpoint::<StaffThreadsList>(),
            endpoint::<StaffThreadsCreate>(),
            endpoint::<StaffThreadsGet>(),
            endpoint::<StaffThreadsUpdate>(),
            endpoint::<StaffMessagesCreate>(),
            endpoint::<StaffMessagesDelete>(),
            endpoint::<StaffAttachmentsCreate>(),
            endpoint::<StaffAttachmentsComplete>(),
            endpoint::<StaffAttachmentsGet>(),
            endpoint::<WebhookTwilioInbound>(),
        ],
        functions: Vec::new(),
        key_prefixes: keys::KEY_PREFIXES,
        openapi: <MessagingApi as utoipa::OpenApi>::openapi,
        limits: api::LIMITS,
    }
}

/// The OpenAPI description of this capability's routes.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    portal::threads_list,
    portal::threads_create,
    portal::threads_get,
    portal::messages_create,
    portal::threads_read,
    portal::threads_close,
    portal::attachments_create,
    portal::attachments_complete,
    portal::attachments_get,
    staff::threads_list,
    staff::threads_create,
    staff::threads_get,
    staff::threads_update,
    staff::messages_create,
    staff::messages_delete,
    staff::attachments_create,
    staff::attachments_complete,
    staff::attachments_get,
    webhooks::twilio_inbound
))]
pub struct MessagingApi;
