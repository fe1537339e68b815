//! Each messaging route bound to its handler and what it uses: the type a binary names to serve it.

use portico::endpoint;

use crate::attachments::AttachmentDeps;
use crate::deps::{InboundWebhookDeps, ThreadDeps};
use crate::handlers::{portal, staff, webhooks};
use crate::routes;

endpoint!(PortalThreadsList, routes::PORTAL_THREADS_LIST, ThreadDeps, portal::threads_list);
endpoint!(PortalThreadsCreate, routes::PORTAL_THREADS_CREATE, ThreadDeps, portal::threads_create);
endpoint!(PortalThreadsGet, routes::PORTAL_THREADS_GET, ThreadDeps, portal::threads_get);
endpoint!(PortalMessagesCreate, routes::PORTAL_MESSAGES_CREATE, ThreadDeps, portal::messages_create);
endpoint!(PortalThreadsRead, routes::PORTAL_THREADS_READ, ThreadDeps, portal::threads_read);
endpoint!(PortalThreadsClose, routes::PORTAL_THREADS_CLOSE, ThreadDeps, portal::threads_close);
endpoint!(PortalAttachmentsCreate, routes::PORTAL_ATTACHMENTS_CREATE, AttachmentDeps, portal::attachments_create);
endpoint!(PortalAttachmentsComplete, routes::PORTAL_ATTACHMENTS_COMPLETE, AttachmentDeps, portal::attachments_complete);
endpoint!(PortalAttachmentsGet, routes::PORTAL_ATTACHMENTS_GET, AttachmentDeps, portal::attachments_get);
endpoint!(StaffThreadsList, routes::STAFF_THREADS_LIST, ThreadDeps, staff::threads_list);
endpoint!(StaffThreadsCreate, routes::STAFF_THREADS_CREATE, ThreadDeps, staff::threads_create);
endpoint!(StaffThreadsGet, routes::STAFF_THREADS_GET, ThreadDeps, staff::threads_get);
endpoint!(StaffThreadsUpdate, routes::STAFF_THREADS_UPDATE, ThreadDeps, staff::threads_update);
endpoint!(StaffMessagesCreate, routes::STAFF_MESSAGES_CREATE, ThreadDeps, staff::messages_create);
endpoint!(StaffMessagesDelete, routes::STAFF_MESSAGES_DELETE, ThreadDeps, staff::messages_delete);
endpoint!(StaffAttachmentsCreate, routes::STAFF_ATTACHMENTS_CREATE, AttachmentDeps, staff::attachments_create);
endpoint!(StaffAttachmentsComplete, routes::STAFF_ATTACHMENTS_COMPLETE, AttachmentDeps, staff::attachments_complete);
endpoint!(StaffAttachmentsGet, routes::STAFF_ATTACHMENTS_GET, AttachmentDeps, staff::attachments_get);
endpoint!(WebhookTwilioInbound, routes::WEBHOOK_TWILIO_INBOUND, InboundWebhookDeps, webhooks::twilio_inbound);
