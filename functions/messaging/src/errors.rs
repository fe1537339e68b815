//! How messaging's errors read over HTTP: the one place they map to problem documents.

use portico::http::{ApiError, FieldError};

use crate::attachments::AttachmentError;
use crate::threads::ThreadError;

impl From<ThreadError> for ApiError {
    fn from(e: ThreadError) -> Self {
        match e {
            ThreadError::NotFound | ThreadError::MessageNotFound => ApiError::NotFound,
            ThreadError::TopicNotAllowed => ApiError::Forbidden("Your role does not handle conversations on this topic."),
            ThreadError::NotesNotAllowed => ApiError::Forbidden("Your role does not write internal notes."),
            ThreadError::NotPatientsToClose => {
                ApiError::Conflict("The care team started this conversation, so they close it. You can still reply.")
            }
            ThreadError::Empty => ApiError::invalid(vec![FieldError::new("body", "write a message or attach a file")]),
            ThreadError::Attachment => ApiError::Unprocessable {
                detail: "An attachment is not ready, not yours, or already sent with another message.".into(),
                errors: vec![FieldError::new("attachment_ids", "must be completed uploads not yet sent")],
            },
            ThreadError::Store(e) => e.into(),
        }
    }
}

impl From<AttachmentError> for ApiError {
    fn from(e: AttachmentError) -> Self {
        match e {
            AttachmentError::NotFound => ApiError::NotFound,
            AttachmentError::NotUploaded => ApiError::Conflict("The file has not been uploaded yet. Upload it, then complete."),
            AttachmentError::ScanPending => ApiError::Conflict("The file is still being checked for malware. Try again in a few seconds."),
            AttachmentError::Rejected(reason) => {
                ApiError::Unprocessable { detail: format!("The file was refused: {reason}."), errors: vec![] }
            }
            AttachmentError::Blob(portico::blobs::BlobError::Changed) => {
                ApiError::Conflict("The file was replaced while it was being checked. Complete it again.")
            }
            AttachmentError::Blob(e) => ApiError::internal(e),
            AttachmentError::Store(e) => e.into(),
        }
    }
}
