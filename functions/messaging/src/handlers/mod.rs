//! HTTP handlers of the messaging routes: each reads like its route.

pub mod portal;
pub mod staff;
pub mod webhooks;

use std::sync::Arc;

use portico::http::{ApiError, Edge, FieldError};
use portico::ids::AttachmentId;

use crate::attachments::AttachmentDeps;

/// What the thread routes use: the edge alone (events go out through the table's outbox).
pub struct ThreadDeps {
    pub edge: Arc<Edge>,
}

/// What the attachment routes use.
pub struct UploadDeps {
    pub edge: Arc<Edge>,
    pub attachments: AttachmentDeps,
}

/// Parses the attachment ids of a message, reporting the first invalid one.
pub fn attachment_ids(raw: &[String]) -> Result<Vec<AttachmentId>, ApiError> {
    if raw.len() > crate::threads::MAX_ATTACHMENTS {
        return Err(ApiError::invalid(vec![FieldError::new("attachment_ids", "at most 5 attachments per message")]));
    }
    raw.iter()
        .enumerate()
        .map(|(i, id)| {
            AttachmentId::parse(id)
                .ok_or_else(|| ApiError::invalid(vec![FieldError::new(format!("attachment_ids[{i}]"), "is not an attachment id")]))
        })
        .collect()
}
