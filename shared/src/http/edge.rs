//! The edge of every HTTP function: request id and log span, tenant and principal, one audit event per
//! audited request, problem documents for errors, security and CORS headers on every response. A handler
//! only authenticates, parses, calls its use-case and shapes its reply.

use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use futures::FutureExt as _;
use http::{HeaderValue, StatusCode, header};
use lambda_http::{Body, Request, RequestExt, Response};
use serde::de::DeserializeOwned;
use tracing::Instrument as _;

use super::parse;
use super::problem::ApiError;
use super::reply::Reply;
use super::route::Route;
use super::{headers, route::Access};
use crate::audit::{AuditEvent, AuditLog, Outcome};
use crate::auth::session::{SessionError, SessionSubject};
use crate::auth::{Actor, Claims, PatientPrincipal, Sessions, StaffPrincipal};
use crate::clock::Clock;
use crate::config::IssuerConfig;
use crate::directory::Practice;
use crate::ids::{PatientId, PracticeId, StaffId};
use crate::store::Table;
use crate::tenant::Tenants;

/// What every HTTP function shares, built once per process.
pub struct Edge {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub tenants: Arc<Tenants>,
    pub sessions: Sessions,
    issuers: IssuerConfig,
    audit: AuditLog,
    cdn: super::viewer::CdnOrigin,
}

#[derive(Debug)]
struct Note {
    practice: Option<PracticeId>,
    actor: Actor,
    /// A staff actor's roles, so a patient's access log can say which roles opened their record.
    roles: Vec<String>,
    patient: Option<PatientId>,
    object: Option<String>,
    /// The grant a proxy acts under.
    grant: Option<crate::ids::GrantId>,
    /// The response leaves no sooner than this (sign-in answers take the same time whatever happened).
    hold_until: Option<Instant>,
}

/// One request as a handler sees it.
pub struct Exchange<'a> {
    edge: &'a Edge,
    req: &'a Request,
    route: &'static Route,
    request_id: String,
    started: Instant,
    note: Mutex<Note>,
}

impl Edge {
    /// `audit` is the audit trail's own table: functions may add events to it and nothing else.
    pub fn new(table: Arc<dyn Table>, audit: Arc<dyn Table>, clock: Arc<dyn Clock>, tenants: Arc<Tenants>, issuers: IssuerConfig) -> Self {
        let sessions = Sessions::new(Arc::clone(&table), Arc::clone(&clock));
        let audit = AuditLog::new(audit);
        Edge { table, clock, tenants, sessions, issuers, audit, cdn: super::viewer::CdnOrigin::none() }
    }

    /// Behind the CDN: the viewer address it vouches for is the client's ([`super::viewer`]).
    pub fn behind(mut self, cdn: super::viewer::CdnOrigin) -> Self {
        self.cdn = cdn;
        self
    }

    /// The audit trail, for the routes that review it (their IAM role may read the audit table).
    pub fn audit_log(&self) -> AuditLog {
        self.audit.clone()
    }

    /// Runs a handler for one request. Never fails: errors, panics included, become problem documents,
    /// because an `Err` returned to the Lambda runtime reaches the client as a bare 502.
    pub async fn serve<F>(&self, req: Request, route: &'static Route, handler: F) -> Response<Body>
    where
        F: AsyncFnOnce(&Exchange<'_>) -> Result<Reply, ApiError>,
    {
        let started = Instant::now();
        let request_id = request_id(&req);
        let span = tracing::info_span!("request", request_id = %request_id, function = route.function, practice = tracing::field::Empty);
        let exchange = Exchange {
            edge: self,
            req: &req,
            route,
            request_id: request_id.clone(),
            started,
            note: Mutex::new(Note {
                practice: None,
                actor: Actor::Anonymous,
                roles: Vec::new(),
                patient: None,
                object: None,
                grant: None,
                hold_until: None,
            }),
        };
        async {
            let outcome = AssertUnwindSafe(handler(&exchange)).catch_unwind().await;
            let result = match outcome {
                Ok(result) => result,
                Err(_) => Err(ApiError::Internal("handler panicked".into())),
            };
            let mut response = match result {
                Ok(reply) => reply_response(reply),
                Err(error) => {
                    log_error(&error);
                    problem_response(&error, req.uri().path(), &request_id)
                }
            };
            if let Err(error) = exchange.audit(response.status()).await {
                // An access we cannot record is an access we do not grant.
                log_error(&error);
                response = problem_response(&error, req.uri().path(), &request_id);
            }
            self.finish_headers(&req, &mut response).await;
            let hold = exchange.note().hold_until;
            if let Some(until) = hold {
                // Everything the request did, its audit event included, happens before the floor.
                tokio::time::sleep_until(until.into()).await;
            }
            let note = exchange.note();
            if let Some(practice) = &note.practice {
                tracing::Span::current().record("practice", practice.as_str());
            }
            tracing::info!(status = response.status().as_u16(), latency_ms = started.elapsed().as_millis() as u64, "request finished");
            response
        }
        .instrument(span)
        .await
    }

    async fn finish_headers(&self, req: &Request, response: &mut Response<Body>) {
        headers::secure(response.headers_mut());
        let Some(origin) = req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()) else { return };
        if let Ok(Some(practice)) = self.tenants.for_host(host(req)).await
            && self.tenants.allows_origin(&practice, origin)
        {
            headers::allow_origin(response.headers_mut(), origin);
        }
    }
}

fn request_id(req: &Request) -> String {
    let from_gateway = req.request_context_ref().and_then(|c| match c {
        lambda_http::request::RequestContext::ApiGatewayV2(ctx) => ctx.request_id.clone(),
        #[allow(unreachable_patterns)]
        _ => None,
    });
    from_gateway
        .or_else(|| req.lambda_context_ref().map(|c| c.request_id.clone()).filter(|id| !id.is_empty()))
        .unwrap_or_else(|| crate::crypto::random_token(12))
}

pub(crate) fn host(req: &Request) -> &str {
    req.headers().get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

fn log_error(error: &ApiError) {
    match error {
        ApiError::Internal(cause) => {
            let mut chain = vec![cause.to_string()];
            let mut source = cause.source();
            while let Some(next) = source {
                chain.push(next.to_string());
                source = next.source();
            }
            tracing::error!(cause = %chain.join(": "), "request failed");
        }
        other => tracing::info!(status = other.status().as_u16(), "request refused"),
    }
}

pub(crate) fn reply_response(reply: Reply) -> Response<Body> {
    let mut builder = Response::builder().status(reply.status);
    if let Some(content_type) = reply.content_type {
        builder = builder.header(header::CONTENT_TYPE, content_type);
    }
    for (name, value) in reply.headers {
        builder = builder.header(name, value);
    }
    let body = match reply.body {
        None => Body::Empty,
        Some(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Body::Text(text),
            Err(e) => Body::Binary(e.into_bytes()),
        },
    };
    builder.body(body).unwrap_or_else(|_| fallback_response())
}

pub(crate) fn problem_response(error: &ApiError, instance: &str, request_id: &str) -> Response<Body> {
    let problem = error.problem(instance, request_id);
    let body = serde_json::to_string(&problem).unwrap_or_default();
    let mut builder = Response::builder().status(error.status()).header(header::CONTENT_TYPE, "application/problem+json");
    match error {
        ApiError::TooManyRequests { retry_after_seconds } => {
            builder = builder.header(header::RETRY_AFTER, retry_after_seconds.to_string());
        }
        ApiError::ProviderUnavailable(_) => {
            builder = builder.header(header::RETRY_AFTER, "5");
        }
        ApiError::Unauthorized(_) | ApiError::BadCredentials(_) => {
            builder = builder.header(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        _ => {}
    }
    builder.body(Body::Text(body)).unwrap_or_else(|_| fallback_response())
}

fn fallback_response() -> Response<Body> {
    let mut response = Response::new(Body::Empty);
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response
}

impl<'a> Exchange<'a> {
    pub fn request(&self) -> &Request {
        self.req
    }

    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.edge.clock.now()
    }

    pub fn edge(&self) -> &Edge {
        self.edge
    }

    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        parse::json(self.req)
    }

    pub fn path_id<T>(&self, name: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, ApiError> {
        parse::path_id(self.req, name, parse)
    }

    pub fn query(&self, name: &str) -> Option<String> {
        parse::query_param(self.req, name)
    }

    /// The request's `Idempotency-Key` (1 to 255 visible ASCII characters), when it sent one.
    pub fn idempotency_key(&self) -> Result<Option<String>, ApiError> {
        let Some(raw) = self.req.headers().get("idempotency-key") else { return Ok(None) };
        let key = raw.to_str().ok().filter(|k| !k.is_empty() && k.len() <= 255 && k.bytes().all(|b| b.is_ascii_graphic()));
        key.map(|k| Some(k.to_string())).ok_or_else(|| ApiError::BadRequest {
            detail: "The Idempotency-Key header must be 1 to 255 visible ASCII characters.".into(),
            errors: Vec::new(),
        })
    }

    pub fn host(&self) -> &str {
        host(self.req)
    }

    /// The client's address: the viewer's when the CDN vouches for it, else API Gateway's source address.
    pub fn client_ip(&self) -> Option<String> {
        if let Some(viewer) = self.edge.cdn.viewer(self.req.headers()) {
            return Some(viewer);
        }
        match self.req.request_context_ref() {
            Some(lambda_http::request::RequestContext::ApiGatewayV2(ctx)) => ctx.http.source_ip.clone(),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    pub fn user_agent(&self) -> Option<String> {
        self.req.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(|ua| ua.chars().take(256).collect())
    }

    fn note(&self) -> std::sync::MutexGuard<'_, Note> {
        self.note.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Counts this request against a per-client limit of a public route ([`crate::throttle`]). A request
    /// with no client address (not through API Gateway) is not counted.
    pub async fn throttle(
        &self,
        hasher: &crate::crypto::Hasher,
        practice: &PracticeId,
        limit: crate::throttle::Throttle,
    ) -> Result<(), ApiError> {
        use crate::throttle::{self, Throttled};
        let Some(ip) = self.client_ip() else { return Ok(()) };
        match throttle::admit(self.edge.table.as_ref(), practice, limit, &throttle::client_digest(hasher, &ip), self.now()).await {
            Ok(()) => Ok(()),
            Err(Throttled::RetryAfter(seconds)) => Err(ApiError::TooManyRequests { retry_after_seconds: seconds }),
            Err(Throttled::Store(e)) => Err(e.into()),
        }
    }

    /// How long the person has been away from the page that sent this request, in seconds, as the web
    /// apps report it in `X-Portico-Idle` (polling and refetches say how long; a click says 0). Absent
    /// or unreadable: the request counts as the person's own.
    pub fn idle_for(&self) -> i64 {
        self.req.headers().get(headers::IDLE).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<u32>().ok()).map_or(0, i64::from)
    }

    /// The response leaves no sooner than `floor` after the request arrived, whatever the handler and
    /// the edge did meanwhile (its audit event included): for answers whose timing must say nothing.
    pub fn hold_for(&self, floor: std::time::Duration) {
        self.note().hold_until = Some(self.started + floor);
    }

    /// Names the patient whose record this request touches, for the audit trail.
    pub fn concerning(&self, patient: &PatientId) {
        let mut note = self.note();
        note.patient = Some(patient.clone());
        note.object = Some(patient.to_string());
    }

    /// Names the grant this request made, used or ended, for the audit trail.
    pub fn under_grant(&self, grant: &crate::ids::GrantId) {
        self.note().grant = Some(grant.clone());
    }

    /// Names the object this request touches when it is not the patient record itself.
    pub fn object(&self, id: impl Into<String>) {
        self.note().object = Some(id.into());
    }

    /// The practice whose host this is; unknown hosts answer 404.
    pub async fn host_practice(&self) -> Result<Arc<Practice>, ApiError> {
        let practice = self.edge.tenants.for_host(self.host()).await?.ok_or(ApiError::NotFound)?;
        self.note().practice = Some(practice.id.clone());
        Ok(practice)
    }

    /// The practice of the signed-in principal.
    /// After a change to a practice: this container reads it afresh (others within a minute).
    pub fn practice_changed(&self) {
        self.edge.tenants.forget();
    }

    pub async fn practice(&self, id: &PracticeId) -> Result<Arc<Practice>, ApiError> {
        self.edge.tenants.by_id(id).await?.ok_or(ApiError::Unauthorized("Your practice is not available."))
    }

    /// Records the acting principal for the audit trail (sign-in routes, before a token exists).
    pub fn acting(&self, practice: &PracticeId, actor: Actor) {
        let mut note = self.note();
        note.practice = Some(practice.clone());
        note.actor = actor;
    }

    fn verified_claims(&self, issuer: &str) -> Result<Claims, ApiError> {
        let claims = Claims::from_request(self.req).ok_or(ApiError::Unauthorized("Please sign in."))?;
        if claims.get("iss") != Some(issuer) || claims.get("token_use") != Some("access") {
            return Err(ApiError::Unauthorized("This sign-in is not valid here."));
        }
        Ok(claims)
    }

    /// A token minted for one practice is refused on another practice's host.
    async fn check_host(&self, practice: &PracticeId) -> Result<(), ApiError> {
        match self.edge.tenants.for_host(self.host()).await? {
            Some(host_practice) if &host_practice.id != practice => {
                Err(ApiError::Unauthorized("This sign-in belongs to another practice."))
            }
            _ => Ok(()),
        }
    }

    /// Checks the session (its item already read, or read now) and returns its id.
    async fn admit(
        &self,
        subject: &SessionSubject,
        claims: &Claims,
        current: Option<Option<crate::store::Item>>,
    ) -> Result<String, ApiError> {
        let session = claims.session_id().ok_or(ApiError::Unauthorized("Please sign in."))?.to_string();
        let auth_time = claims.number("auth_time").ok_or(ApiError::Unauthorized("Please sign in."))?;
        let sessions = &self.edge.sessions;
        let result = match current {
            Some(current) => sessions.settle(subject, &session, auth_time, self.idle_for(), current).await,
            None => sessions.admit(subject, &session, auth_time, self.idle_for()).await,
        };
        match result {
            Ok(()) => Ok(session),
            Err(SessionError::Refused(_)) => Err(ApiError::Unauthorized("Your session has ended. Please sign in again.")),
            Err(SessionError::Store(e)) => Err(e.into()),
        }
    }

    /// The patient a request names in `Portico-Acting-For`, when it is someone other than the signed-in
    /// person.
    fn acting_for(&self, person: &PatientId) -> Result<Option<PatientId>, ApiError> {
        let Some(raw) = self.req.headers().get(headers::ACTING_FOR) else { return Ok(None) };
        let id = raw.to_str().ok().and_then(PatientId::parse).ok_or_else(|| ApiError::BadRequest {
            detail: "The Portico-Acting-For header must be a patient id.".into(),
            errors: Vec::new(),
        })?;
        Ok((&id != person).then_some(id))
    }

    /// The signed-in person, and the patient the request names when it is someone else.
    async fn patient_claims(&self) -> Result<(Claims, SessionSubject, Option<PatientId>), ApiError> {
        if self.route.access != Access::Patient {
            return Err(ApiError::Internal("patient_in() on a route not behind the patient authorizer".into()));
        }
        let claims = self.verified_claims(&self.edge.issuers.patient_issuer)?;
        let practice = claims.get("practice_id").and_then(PracticeId::parse).ok_or(ApiError::Unauthorized("Please sign in."))?;
        let person = claims.get("patient_id").and_then(PatientId::parse).ok_or(ApiError::Unauthorized("Please sign in."))?;
        let target = self.acting_for(&person)?;
        {
            let mut note = self.note();
            note.practice = Some(practice.clone());
            let concerns = target.clone().unwrap_or_else(|| person.clone());
            note.actor = if target.is_some() { Actor::Proxy(person.clone()) } else { Actor::Patient(person.clone()) };
            note.object = Some(concerns.to_string());
            note.patient = Some(concerns);
        }
        self.check_host(&practice).await?;
        Ok((claims, SessionSubject::Patient(practice, person), target))
    }

    fn own_principal(subject: &SessionSubject, session: String, claims: &Claims) -> Result<PatientPrincipal, ApiError> {
        let SessionSubject::Patient(practice, patient) = subject else { return Err(ApiError::Internal("a patient subject".into())) };
        let signed_in_at = claims.number("auth_time").unwrap_or_default();
        Ok(PatientPrincipal { practice: practice.clone(), patient: patient.clone(), session, signed_in_at, acting: None })
    }

    /// Admits a person acting for `target`: the session, the grant and the patient's profile (for the
    /// age rules) in one batch with `extra`, then the grant's checks. A grant that is missing, revoked,
    /// expired, outgrown or another practice's answers the same.
    async fn admit_proxy(
        &self,
        claims: &Claims,
        subject: &SessionSubject,
        target: &PatientId,
        scope: Option<crate::auth::Scope>,
        extra: Vec<crate::store::Key>,
    ) -> Result<(PatientPrincipal, Vec<Option<crate::store::Item>>), ApiError> {
        let SessionSubject::Patient(practice, person) = subject else { return Err(ApiError::Internal("a patient subject".into())) };
        let session_key = Sessions::key(subject, claims.session_id().ok_or(ApiError::Unauthorized("Please sign in."))?);
        let mut wanted =
            vec![session_key, crate::keys::proxy_grant(practice, target, person), crate::keys::patient_profile(practice, target)];
        wanted.extend(extra);
        let (found, tenant) = futures::join!(self.edge.table.get_many(&wanted), self.practice(practice));
        let mut found = found?.into_iter();
        let session = self.admit(subject, claims, Some(found.next().flatten())).await?;
        let (grant, profile) = (found.next().flatten(), found.next().flatten());
        let (grant, acting) = crate::proxies::admit(grant, profile, &*tenant?, scope, self.now()).map_err(|refused| match refused {
            crate::proxies::Refusal::NoGrant => ApiError::ActingRefused,
            crate::proxies::Refusal::OutOfScope => ApiError::Forbidden("Your access for this person does not include this."),
        })?;
        self.note().grant = Some(grant.grant_id.clone());
        // The patient's list shows when a proxy last acted: worth a write every few minutes, never a
        // failed request.
        if let Err(e) = crate::proxies::touch(self.edge.table.as_ref(), &grant, self.now()).await {
            tracing::warn!(error = %e, "a grant's last use was not recorded");
        }
        let signed_in_at = claims.number("auth_time").unwrap_or_default();
        let principal =
            PatientPrincipal { practice: practice.clone(), patient: target.clone(), session, signed_in_at, acting: Some(acting) };
        Ok((principal, found.collect()))
    }

    /// The patient the request acts for, allowed `scope`: the signed-in patient themself (every scope),
    /// or a person acting for them (`Portico-Acting-For`) under a live grant that holds the scope.
    /// Patient routes call this, naming what they touch.
    pub async fn patient_in(&self, scope: crate::auth::Scope) -> Result<PatientPrincipal, ApiError> {
        Ok(self.patient_with(Some(scope), |_, _, _| Vec::new()).await?.0)
    }

    /// The signed-in person for what only they may do (their proxies, their sessions): naming someone
    /// else is refused.
    pub async fn patient_self(&self) -> Result<PatientPrincipal, ApiError> {
        let (claims, subject, target) = self.patient_claims().await?;
        let session = self.admit(&subject, &claims, None).await?;
        if target.is_some() {
            return Err(ApiError::Forbidden("Only the account's owner can do this."));
        }
        Self::own_principal(&subject, session, &claims)
    }

    /// The patient the request acts for (as [`Self::patient_in`]; `None` for a route any live grant may
    /// use, filtering by scope itself) and the items at `keys` (built from the practice, that patient and
    /// the signed-in person), read
    /// together with the session in one request: a read screen costs one read (and its audit event).
    pub async fn patient_with(
        &self,
        scope: Option<crate::auth::Scope>,
        keys: impl FnOnce(&PracticeId, &PatientId, &PatientId) -> Vec<crate::store::Key>,
    ) -> Result<(PatientPrincipal, Vec<Option<crate::store::Item>>), ApiError> {
        let (claims, subject, target) = self.patient_claims().await?;
        let SessionSubject::Patient(practice, person) = &subject else { return Err(ApiError::Internal("patient subject".into())) };
        if let Some(target) = &target {
            return self.admit_proxy(&claims, &subject, target, scope, keys(practice, target, person)).await;
        }
        let extra = keys(practice, person, person);
        if extra.is_empty() {
            let session = self.admit(&subject, &claims, None).await?;
            return Ok((Self::own_principal(&subject, session, &claims)?, Vec::new()));
        }
        let session_key = Sessions::key(&subject, claims.session_id().ok_or(ApiError::Unauthorized("Please sign in."))?);
        let mut wanted = vec![session_key];
        wanted.extend(extra);
        let mut items = self.edge.table.get_many(&wanted).await?;
        let current = items.remove(0);
        let session = self.admit(&subject, &claims, Some(current)).await?;
        Ok((Self::own_principal(&subject, session, &claims)?, items))
    }

    /// The patient the request acts for (as [`Self::patient_in`]) and what `read` finds for them, the
    /// session (and grant) checked at the same time: a read screen waits for one round trip instead of
    /// two. Nothing read is returned unless the caller is admitted, so `read` must only read.
    pub async fn patient_reading<T>(
        &self,
        scope: crate::auth::Scope,
        read: impl AsyncFnOnce(&PracticeId, &PatientId) -> Result<T, ApiError>,
    ) -> Result<(PatientPrincipal, T), ApiError> {
        if self.route.method != "GET" {
            return Err(ApiError::Internal("patient_reading() is for reads".into()));
        }
        let (claims, subject, target) = self.patient_claims().await?;
        let SessionSubject::Patient(practice, person) = &subject else { return Err(ApiError::Internal("patient subject".into())) };
        match &target {
            // Someone else's account is read only once the grant admits the caller: a refusal reads
            // nothing of it and takes the same time whatever it holds.
            Some(target) => {
                let (admitted, _) = self.admit_proxy(&claims, &subject, target, Some(scope), Vec::new()).await?;
                Ok((admitted, read(practice, target).await?))
            }
            None => {
                let (session, found) = futures::join!(self.admit(&subject, &claims, None), read(practice, person));
                let session = session?;
                Ok((Self::own_principal(&subject, session, &claims)?, found?))
            }
        }
    }

    /// The signed-in staff member, after the session check, holding one of the route's roles.
    pub async fn staff(&self) -> Result<StaffPrincipal, ApiError> {
        let Access::Staff(allowed) = self.route.access else {
            return Err(ApiError::Internal("staff() on a route not behind the staff authorizer".into()));
        };
        let claims = self.verified_claims(&self.edge.issuers.staff_issuer)?;
        let practice = claims.get("practice_id").and_then(PracticeId::parse).ok_or(ApiError::Unauthorized("Please sign in."))?;
        let staff = claims.get("sub").and_then(StaffId::parse).ok_or(ApiError::Unauthorized("Please sign in."))?;
        {
            let mut note = self.note();
            note.practice = Some(practice.clone());
            note.actor = Actor::Staff(staff.clone());
            note.roles = claims.roles().iter().map(|r| r.as_str().to_string()).collect();
        }
        self.check_host(&practice).await?;
        let session = self.admit(&SessionSubject::Staff(practice.clone(), staff.clone()), &claims, None).await?;
        let principal = StaffPrincipal { practice, staff, roles: claims.roles(), session };
        if !principal.has_any(allowed) {
            return Err(ApiError::Forbidden("Your role does not allow this."));
        }
        Ok(principal)
    }

    /// The signed-in staff member and what `read` finds, the session checked at the same time (see
    /// [`Self::patient_reading`]). `read` gets the practice, the staff member and what their roles let
    /// them see.
    pub async fn staff_reading<T>(
        &self,
        read: impl AsyncFnOnce(&PracticeId, &StaffId, &crate::auth::access::StaffView) -> Result<T, ApiError>,
    ) -> Result<(StaffPrincipal, T), ApiError> {
        let Access::Staff(allowed) = self.route.access else {
            return Err(ApiError::Internal("staff_reading() on a route not behind the staff authorizer".into()));
        };
        if self.route.method != "GET" {
            return Err(ApiError::Internal("staff_reading() is for reads".into()));
        }
        let claims = self.verified_claims(&self.edge.issuers.staff_issuer)?;
        let practice = claims.get("practice_id").and_then(PracticeId::parse).ok_or(ApiError::Unauthorized("Please sign in."))?;
        let staff = claims.get("sub").and_then(StaffId::parse).ok_or(ApiError::Unauthorized("Please sign in."))?;
        {
            let mut note = self.note();
            note.practice = Some(practice.clone());
            note.actor = Actor::Staff(staff.clone());
            note.roles = claims.roles().iter().map(|r| r.as_str().to_string()).collect();
        }
        self.check_host(&practice).await?;
        let roles = claims.roles();
        let view = crate::auth::access::StaffView::of(&roles);
        let subject = SessionSubject::Staff(practice.clone(), staff.clone());
        // A role the route does not allow reads nothing: the session is still checked first (a dead
        // session answers 401 whatever the role), then the answer is 403.
        if !roles.iter().any(|r| allowed.contains(r)) {
            self.admit(&subject, &claims, None).await?;
            return Err(ApiError::Forbidden("Your role does not allow this."));
        }
        let (session, found) = futures::join!(self.admit(&subject, &claims, None), read(&practice, &staff, &view));
        let principal = StaffPrincipal { practice, staff, roles, session: session? };
        Ok((principal, found?))
    }

    /// Whether the request's `Origin` is one the host's practice allows (false without an origin).
    pub async fn origin_allowed(&self) -> Result<bool, ApiError> {
        let Some(origin) = self.req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()) else { return Ok(false) };
        Ok(match self.edge.tenants.for_host(self.host()).await? {
            Some(practice) => self.edge.tenants.allows_origin(&practice, origin),
            None => false,
        })
    }

    /// For the routes the refresh cookie authenticates: a browser request must come from the practice's
    /// own portal (not even from an origin the practice lets call the API, like its CRM). Requests without
    /// an `Origin` are not from a browser page, and carry the cookie only if their sender holds it.
    pub async fn require_portal_origin(&self) -> Result<(), ApiError> {
        let Some(origin) = self.req.headers().get(header::ORIGIN) else { return Ok(()) };
        let practice = self.edge.tenants.for_host(self.host()).await?;
        let portal = |p: &Practice| origin.to_str().is_ok_and(|o| self.edge.tenants.portal_origins(p).iter().any(|allowed| allowed == o));
        match practice {
            Some(practice) if portal(&practice) => Ok(()),
            _ => Err(ApiError::Forbidden("Requests from this site are not allowed.")),
        }
    }

    /// Writes the route's one audit event, when the route is audited and the practice is known.
    async fn audit(&self, status: StatusCode) -> Result<(), ApiError> {
        let Some(action) = self.route.audit else { return Ok(()) };
        let note = {
            let note = self.note();
            Note {
                practice: note.practice.clone(),
                actor: note.actor.clone(),
                roles: note.roles.clone(),
                patient: note.patient.clone(),
                object: note.object.clone(),
                grant: note.grant.clone(),
                hold_until: note.hold_until,
            }
        };
        let Some(practice) = note.practice else {
            tracing::info!(action = action.action, status = status.as_u16(), "unattributed request: no practice, nothing touched");
            return Ok(());
        };
        let event = AuditEvent {
            at: self.now(),
            practice_id: practice,
            actor_kind: note.actor.kind().to_string(),
            actor_id: note.actor.id(),
            actor_roles: note.roles,
            action: action.action.to_string(),
            object_kind: action.object.to_string(),
            object_id: note.object,
            // What a patient does concerns them (their sign-ins appear in their own access log).
            patient_id: note.patient.map(|p| p.to_string()).or_else(|| match &note.actor {
                Actor::Patient(p) => Some(p.to_string()),
                _ => None,
            }),
            grant_id: note.grant.map(|g| g.to_string()),
            outcome: Outcome::from_status(status.as_u16()),
            status: status.as_u16(),
            ip: self.client_ip(),
            user_agent: self.user_agent(),
            request_id: self.request_id.clone(),
            function: self.route.function.to_string(),
        };
        self.edge.audit.record(&event).await.map_err(ApiError::internal)
    }
}
