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

/// A requested upload, checked: a clean file name, a type we accept, a size within the limit.
pub fn upload_request(body: crate::api::UploadRequest) -> Result<crate::attachments::UploadRequest, ApiError> {
    use crate::attachments::{self, FileType};
    let mut fields = portico::http::Fields::default();
    let name = fields.check("file_name", portico::uploads::clean_file_name(&body.file_name));
    let file_type = fields
        .check("content_type", FileType::parse(&body.content_type).ok_or("must be application/pdf, image/jpeg, image/png or image/heic"));
    if body.size == 0 || body.size > attachments::MAX_BYTES {
        fields.error("size", &format!("must be between 1 byte and {} MB", attachments::MAX_BYTES / 1024 / 1024));
    }
    fields.done()?;
    let (Some(file_name), Some(file_type)) = (name, file_type) else { return Err(ApiError::invalid(vec![])) };
    Ok(attachments::UploadRequest { file_name, file_type, size: body.size })
}
