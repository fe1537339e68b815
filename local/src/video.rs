//! A stand-in for Amazon Chime SDK meetings on loopback: the REST calls Portico makes (`CreateMeeting`,
//! `CreateAttendee`, `DeleteMeeting`, with Chime's JSON shapes and its `NotFoundException`), so the
//! gateway runs the real adapter ([`portico::video::ChimeVideo`]); and a join page per seat, whose token
//! stops working when the meeting is deleted.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

/// A meeting's seats: attendee id → (participant, join token).
type Seats = HashMap<String, (String, String)>;

#[derive(Default)]
struct Meetings {
    /// By meeting id: the visit it is for, and its seats.
    live: HashMap<String, (String, Seats)>,
    /// By client request token: the meeting it created (Chime answers a repeated create with it).
    by_token: HashMap<String, String>,
}

type Shared = Arc<Mutex<Meetings>>;

fn not_found() -> Response {
    let mut headers = HeaderMap::new();
    headers.insert("x-amzn-errortype", "NotFoundException".parse().unwrap_or_else(|_| unreachable!()));
    (StatusCode::NOT_FOUND, headers, Json(json!({ "Code": "NotFound", "Message": "The meeting does not exist." }))).into_response()
}

fn meeting_json(id: &str, visit: &str, origin_hint: &str) -> Value {
    json!({ "Meeting": {
        "MeetingId": id, "ExternalMeetingId": visit, "MediaRegion": "us-east-1",
        "MediaPlacement": {
            "AudioHostUrl": format!("{origin_hint}/audio/{id}"), "SignalingUrl": format!("{origin_hint}/signal/{id}"),
            "AudioFallbackUrl": format!("{origin_hint}/audio-fallback/{id}"), "TurnControlUrl": format!("{origin_hint}/turn/{id}"),
        },
    }})
}

async fn create_meeting(State(state): State<Shared>, Json(body): Json<Value>) -> Response {
    let token = body["ClientRequestToken"].as_str().unwrap_or_default().to_string();
    let visit = body["ExternalMeetingId"].as_str().unwrap_or_default().to_string();
    if token.len() < 2 || body["MediaRegion"].as_str().is_none() {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({ "Code": "BadRequest", "Message": "ClientRequestToken and MediaRegion are required." })),
        )
            .into_response();
    }
    let Ok(mut meetings) = state.lock() else { return StatusCode::INTERNAL_SERVER_ERROR.into_response() };
    let existing = meetings.by_token.get(&token).filter(|id| meetings.live.contains_key(*id)).cloned();
    let id = existing.unwrap_or_else(|| {
        let id = portico::crypto::random_token(12);
        meetings.live.insert(id.clone(), (visit.clone(), HashMap::new()));
        meetings.by_token.insert(token, id.clone());
        id
    });
    Json(meeting_json(&id, &visit, "wss://video.localhost")).into_response()
}

async fn create_attendee(State(state): State<Shared>, Path(meeting): Path<String>, Json(body): Json<Value>) -> Response {
    let participant = body["ExternalUserId"].as_str().unwrap_or_default().to_string();
    let Ok(mut meetings) = state.lock() else { return StatusCode::INTERNAL_SERVER_ERROR.into_response() };
    let Some((_, seats)) = meetings.live.get_mut(&meeting) else { return not_found() };
    let (attendee, token) = (portico::crypto::random_token(12), portico::crypto::random_token(32));
    seats.insert(attendee.clone(), (participant.clone(), token.clone()));
    Json(json!({ "Attendee": { "AttendeeId": attendee, "ExternalUserId": participant, "JoinToken": token } })).into_response()
}

async fn delete_meeting(State(state): State<Shared>, Path(meeting): Path<String>) -> Response {
    let Ok(mut meetings) = state.lock() else { return StatusCode::INTERNAL_SERVER_ERROR.into_response() };
    match meetings.live.remove(&meeting) {
        Some(_) => StatusCode::NO_CONTENT.into_response(),
        None => not_found(),
    }
}

/// The page a participant opens: it sends the seat's token (kept in the address's fragment, never in
/// a server's logs) and shows whether the visit is live.
async fn join_page(Path((meeting, attendee)): Path<(String, String)>) -> Response {
    // Ids are the stand-in's own tokens: anything else is not a seat (and never reaches the page).
    let plain = |s: &str| !s.is_empty() && s.len() <= 64 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !plain(&meeting) || !plain(&attendee) {
        return StatusCode::NOT_FOUND.into_response();
    }
    Html(format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Video visit</title><style>body{{font:1.1rem system-ui;margin:2rem;max-width:36rem}}</style></head>
<body><main><h1>Video visit</h1><p id="state" role="status">Connecting…</p></main>
<script>
fetch("/join/{meeting}/{attendee}", {{ method: "POST", headers: {{ "content-type": "application/json" }},
  body: JSON.stringify({{ token: location.hash.slice(1) }}) }})
  .then(r => r.json()).then(b => {{ document.getElementById("state").textContent = b.message; }});
</script></body></html>"#
    ))
    .into_response()
}

async fn join(State(state): State<Shared>, Path((meeting, attendee)): Path<(String, String)>, Json(body): Json<Value>) -> Response {
    let Ok(meetings) = state.lock() else { return StatusCode::INTERNAL_SERVER_ERROR.into_response() };
    let seat = meetings.live.get(&meeting).and_then(|(_, seats)| seats.get(&attendee));
    match seat {
        Some((_, token)) if Some(token.as_str()) == body["token"].as_str() => {
            Json(json!({ "joined": true, "message": "You are in the visit. Your clinician will join you." })).into_response()
        }
        Some(_) => (StatusCode::FORBIDDEN, Json(json!({ "joined": false, "message": "This link is not valid." }))).into_response(),
        None => (StatusCode::GONE, Json(json!({ "joined": false, "message": "This visit has ended." }))).into_response(),
    }
}

/// Serves the stand-in on a loopback port; returns its origin.
pub async fn serve() -> std::io::Result<String> {
    let state: Shared = Arc::default();
    let app = Router::new()
        .route("/meetings", post(create_meeting))
        .route("/meetings/{meeting}/attendees", post(create_attendee))
        .route("/meetings/{meeting}", delete(delete_meeting))
        .route("/join/{meeting}/{attendee}", get(join_page).post(join))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let origin = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            tracing::error!(error = %e, "the video stand-in stopped");
        }
    });
    Ok(origin)
}

/// The SDK configuration the gateway's Chime client uses against the stand-in: fixed local credentials.
pub async fn sdk_config() -> aws_config::SdkConfig {
    let credentials = aws_credential_types::Credentials::new("local", "local", None, None, "portico-local");
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(credentials)
        .load()
        .await
}
