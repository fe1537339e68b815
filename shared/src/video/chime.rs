//! Amazon Chime SDK meetings (`aws-sdk-chimesdkmeetings`): `CreateMeeting` with the visit's id as the
//! client request token (so a second create for the same visit returns the same meeting), then
//! `CreateAttendee` per participant and `DeleteMeeting` when the visit's window closes.

use async_trait::async_trait;
use aws_sdk_chimesdkmeetings::error::DisplayErrorContext;
use serde_json::json;

use super::{Attendee, Meeting, Video, VideoError};

pub struct ChimeVideo {
    client: aws_sdk_chimesdkmeetings::Client,
    media_region: String,
    /// The stand-in's page origin, locally; none in AWS.
    join_origin: Option<String>,
}

impl ChimeVideo {
    pub fn new(sdk: &aws_config::SdkConfig, media_region: String) -> Self {
        ChimeVideo { client: aws_sdk_chimesdkmeetings::Client::new(sdk), media_region, join_origin: None }
    }

    /// Against a stand-in at `endpoint` that also serves join pages.
    pub fn standin(sdk: &aws_config::SdkConfig, endpoint: &str) -> Self {
        let config = aws_sdk_chimesdkmeetings::config::Builder::from(sdk).endpoint_url(endpoint).build();
        ChimeVideo {
            client: aws_sdk_chimesdkmeetings::Client::from_conf(config),
            media_region: "us-east-1".into(),
            join_origin: Some(endpoint.trim_end_matches('/').to_string()),
        }
    }
}

fn unavailable<E: std::error::Error + 'static, R: std::fmt::Debug>(e: aws_sdk_chimesdkmeetings::error::SdkError<E, R>) -> VideoError {
    VideoError::Unavailable(DisplayErrorContext(e).to_string())
}

#[async_trait]
impl Video for ChimeVideo {
    async fn create_meeting(&self, visit: &str) -> Result<Meeting, VideoError> {
        let out = self
            .client
            .create_meeting()
            .client_request_token(visit)
            .external_meeting_id(visit)
            .media_region(&self.media_region)
            .send()
            .await
            .map_err(unavailable)?;
        let meeting = out.meeting().ok_or_else(|| VideoError::Unavailable("no meeting in the answer".into()))?;
        let placement = meeting.media_placement();
        let url = |f: fn(&aws_sdk_chimesdkmeetings::types::MediaPlacement) -> Option<&str>| placement.and_then(f).map(str::to_string);
        Ok(Meeting {
            meeting_id: meeting.meeting_id().unwrap_or_default().to_string(),
            media_region: meeting.media_region().unwrap_or(&self.media_region).to_string(),
            media_placement: json!({
                "AudioHostUrl": url(|p| p.audio_host_url()),
                "AudioFallbackUrl": url(|p| p.audio_fallback_url()),
                "SignalingUrl": url(|p| p.signaling_url()),
                "TurnControlUrl": url(|p| p.turn_control_url()),
                "ScreenDataUrl": url(|p| p.screen_data_url()),
                "ScreenViewingUrl": url(|p| p.screen_viewing_url()),
                "ScreenSharingUrl": url(|p| p.screen_sharing_url()),
                "EventIngestionUrl": url(|p| p.event_ingestion_url()),
            }),
        })
    }

    async fn add_attendee(&self, meeting_id: &str, participant: &str) -> Result<Attendee, VideoError> {
        let out = self.client.create_attendee().meeting_id(meeting_id).external_user_id(participant).send().await.map_err(|e| {
            if e.as_service_error().is_some_and(|s| s.is_not_found_exception()) { VideoError::NoMeeting } else { unavailable(e) }
        })?;
        let attendee = out.attendee().ok_or_else(|| VideoError::Unavailable("no attendee in the answer".into()))?;
        Ok(Attendee {
            attendee_id: attendee.attendee_id().unwrap_or_default().to_string(),
            join_token: attendee.join_token().unwrap_or_default().to_string(),
        })
    }

    async fn end_meeting(&self, meeting_id: &str) -> Result<(), VideoError> {
        match self.client.delete_meeting().meeting_id(meeting_id).send().await {
            Ok(_) => Ok(()),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_not_found_exception()) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn join_page(&self, meeting_id: &str, attendee: &Attendee) -> Option<String> {
        self.join_origin.as_ref().map(|origin| format!("{origin}/join/{meeting_id}/{}#{}", attendee.attendee_id, attendee.join_token))
    }
}
