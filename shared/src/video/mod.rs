//! The video port: one meeting per telehealth visit, one attendee per participant. Amazon Chime SDK
//! meetings in AWS (HIPAA-eligible; [`ChimeVideo`]); the local gateway runs the same adapter against a
//! stand-in that speaks the same REST API and serves a join page.
//!
//! Nothing about the visit reaches the provider: the meeting is named by the appointment's opaque id,
//! and each attendee by the participant's opaque id.

mod chime;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

pub use chime::ChimeVideo;

/// A visit's meeting: what a client needs to connect to its media.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Meeting {
    pub meeting_id: String,
    pub media_region: String,
    /// The media endpoints, as the provider gives them (`AudioHostUrl`, `SignalingUrl`, …).
    #[schema(value_type = Object)]
    pub media_placement: serde_json::Value,
}

/// One participant's seat in a meeting: the token is theirs alone, and lasts as long as the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Attendee {
    pub attendee_id: String,
    pub join_token: String,
}

#[derive(Debug, thiserror::Error)]
pub enum VideoError {
    #[error("no such meeting")]
    NoMeeting,
    #[error("video provider unavailable: {0}")]
    Unavailable(String),
}

#[async_trait]
pub trait Video: Send + Sync {
    /// Creates the meeting for a visit; asking again for the same visit gives the same meeting.
    async fn create_meeting(&self, visit: &str) -> Result<Meeting, VideoError>;
    /// Adds a participant (by opaque id); each call gives a fresh seat and token.
    async fn add_attendee(&self, meeting_id: &str, participant: &str) -> Result<Attendee, VideoError>;
    /// Ends a meeting: everyone in it is disconnected and its tokens stop working. Ending one that is
    /// gone already is not an error.
    async fn end_meeting(&self, meeting_id: &str) -> Result<(), VideoError>;
    /// Where a participant opens the visit, when the provider serves a page for it (the local
    /// stand-in's join page); in AWS the portal's own client connects with the meeting and the seat.
    fn join_page(&self, meeting_id: &str, attendee: &Attendee) -> Option<String>;
}
