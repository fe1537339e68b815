//! How this capability's errors read over HTTP: the one place they map to problem documents.

use portico::http::ApiError;

use crate::proxies::ProxyError;
use crate::sign_in::SignInError;

impl From<ProxyError> for ApiError {
    fn from(e: ProxyError) -> Self {
        match e {
            ProxyError::NotAnAdult => {
                ApiError::Forbidden("Access to a child's account is set up by the practice. Please ask the front desk.")
            }
            ProxyError::Field(name, why) => ApiError::field(name, why),
            ProxyError::InvalidInvitation => ApiError::BadCredentials(format!(
                "The code or the date of birth does not match, or the invitation is no longer valid. An invitation takes {} answers; after that, ask the person who invited you to send a new one.",
                portico::proxies::INVITATION_ATTEMPTS
            )),
            ProxyError::Exists => ApiError::Conflict("This person can already act for you."),
            ProxyError::CountryNotServed => ApiError::Unprocessable {
                detail: "Your practice cannot text numbers in that country. Use an email address instead.".into(),
                errors: vec![portico::http::FieldError::new("phone", "is in a country the practice does not text")],
            },
            ProxyError::Send(_) => ApiError::Unprocessable {
                detail: "We could not send a message to that address. Check it, or try another.".into(),
                errors: vec![],
            },
            ProxyError::NotFound => ApiError::NotFound,
            ProxyError::Limited(seconds) => ApiError::TooManyRequests { retry_after_seconds: seconds },
            ProxyError::PracticeGrant => {
                ApiError::Forbidden("The practice set up this access for your care. Please ask the practice to change it.")
            }
            ProxyError::Identity(e) => ApiError::internal(e),
            ProxyError::Store(e) => e.into(),
        }
    }
}

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
            SignInError::RecentSignInRequired => ApiError::RecentSignInRequired,
            SignInError::CountryNotServed => ApiError::Unprocessable {
                detail: "Your practice cannot text numbers in that country. Use another number, or sign in by email.".into(),
                errors: vec![portico::http::FieldError::new("phone", "is in a country the practice does not text")],
            },
            SignInError::AddressTaken => {
                ApiError::Conflict("That address belongs to another patient of this practice. Please call the practice.")
            }
            SignInError::Send(_) => ApiError::Unprocessable {
                detail: "We could not send a message to that address. Check it, or try another.".into(),
                errors: vec![],
            },
            SignInError::Identity(e) => ApiError::internal(e),
            SignInError::Store(e) => e.into(),
        }
    }
}
