//! How this capability's errors read over HTTP: the one place they map to problem documents.

use portico::http::{ApiError, FieldError};

use crate::book::BookingError;

impl From<BookingError> for ApiError {
    fn from(e: BookingError) -> Self {
        let unprocessable = |detail: &str, field: &str, why: &str| ApiError::Unprocessable {
            detail: detail.into(),
            errors: vec![FieldError::new(field, why)],
        };
        match e {
            BookingError::Taken => ApiError::Conflict("That time was just taken. Please choose another."),
            BookingError::NotOffered => unprocessable("That is not a time offered for this visit.", "start", "is not an offered time"),
            BookingError::TooSoon => unprocessable("That time is too soon to book online.", "start", "needs more notice"),
            BookingError::TooFar => unprocessable("That time is too far ahead to book online.", "start", "is beyond the booking horizon"),
            BookingError::StaffOnly => ApiError::Forbidden("This visit is booked by the practice. Please call or message the office."),
            BookingError::RequestOnly => {
                unprocessable("This visit is requested, not held: choose a time and send the request.", "service_id", "is request-only")
            }
            BookingError::Conflict => {
                ApiError::Conflict("The appointment changed meanwhile, or cannot make that change now. Reload and try again.")
            }
            BookingError::TooLate => ApiError::Conflict("It is too close to the appointment to change it online. Please call the office."),
            BookingError::KeyReused => {
                unprocessable("This Idempotency-Key was used for a different booking.", "Idempotency-Key", "was used with another body")
            }
            BookingError::Store(e) => e.into(),
        }
    }
}
