//! HTTP handlers of the messaging routes: each reads like its route.

pub mod portal;
pub mod staff;
pub mod webhooks;

use portico::http::{ApiError, FieldError};
use portico::ids::AttachmentId;

/// Parses the attachment ids of a message, reporting the first invalid one.
pub fn attachment_ids(raw: &[String]) -> Result<Vec<AttachmentId>, ApiError> {
    if raw.len() > crate::threads::MAX_ATTACHMENTS {
        let detail = format!("at most {} attachments per message", crate::threads::MAX_ATTACHMENTS);
        return Err(ApiError::invalid(vec![FieldError::new("attachment_ids", detail)]));
    }
    raw.iter()
        .enumerate()
        .map(|(i, id)| {
            AttachmentId::parse(id)
                .ok_or_else(|| ApiError::invalid(vec![FieldError::new(format!("attachment_ids[{i}]"), "is not an attachment id")]))
        })
        .collect()
}
