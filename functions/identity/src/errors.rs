//! How this capability's errors read over HTTP: the one place they map to problem documents.

use portico::http::ApiError;

use crate::sign_in::SignInError;

impl From<SignInError> for ApiError {
    fn from(e: SignInError) -> Self {
        match e {
            SignInError::Limited(seconds) => ApiError::TooManyRequests { retry_after_seconds: seconds },
            SignInError::WrongCode { tries_left: 0 } | SignInError::Dead => {
                ApiError::BadCredentials("This code or link is no longer valid. Ask for a new one.".into())
            }
            SignInError::WrongCode { tries_left } => ApiError::BadCredentials(format!(
                "That code is not right. You have {tries_left} {} left.",
                if tries_left == 1 { "try" } else { "tries" }
            )),
            SignInError::SessionEnded => ApiError::Unauthorized("Your session has ended. Please sign in again."),
            SignInError::AddressTaken => {
                ApiError::Conflict("That address belongs to another patient of this practice. Please call the practice.")
            }
            SignInError::Send(e) => {
                ApiError::Unprocessable { detail: format!("We could not send a message to that address ({e})."), errors: vec![] }
            }
            SignInError::Identity(e) => ApiError::internal(e),
            SignInError::Store(e) => e.into(),
        }
    }
}
