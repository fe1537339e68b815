//! The patient's own profile, consents, communication preferences and access log.

use portico::auth::{Actor, PatientPrincipal, Scope};
use portico::consents::{self, Choice, Provenance};
use portico::domain::{Address, Channel, LanguageTag, PersonName, Pronouns, TimeZoneName};
use portico::http::{ApiError, Exchange, Fields, Problem, Reply, page_size};
use portico::ids::ChallengeId;
use portico::keys;

use crate::access_log::AccessLogDeps;
use crate::api::{
    AccessEntry, AccessLog, ConsentDecisionRequest, ConsentsView, HomeActing, HomeAppointment, HomeMessage, HomeName, HomePerson,
    HomePractice, HomeProfile, HomeView, Notifications, NotificationsMarked, PendingVerification, PreferencesUpdate, PreferencesView,
    ProfilePatch, ProfileUpdated, ProfileView, SessionsEnded, Timeline, VerifyContactRequest,
};
use crate::deps::PortalDeps;
use crate::profile::{self, ContactDeps, PreferencesChange, ProfileChange};

/// A teen decides their own consents and how they are contacted: a parent with limited access does not
/// (turning notices off would keep the teen from hearing of their own conversations).
fn teen_decides(who: &PatientPrincipal) -> Result<(), ApiError> {
    if who.limited() {
        return Err(ApiError::Forbidden("These choices are the account owner's to make."));
    }
    Ok(())
}

/// Reads a profile patch into a change, reporting every invalid field at once.
fn profile_change(patch: ProfilePatch) -> Result<ProfileChange, ApiError> {
    let mut fields = Fields::default();
    let mut change = ProfileChange {
        given_name: patch.given_name.and_then(|v| fields.check("given_name", PersonName::parse(&v))),
        family_name: patch.family_name.and_then(|v| fields.check("family_name", PersonName::parse(&v))),
        language: patch.language.and_then(|v| fields.check("language", LanguageTag::parse(&v))),
        time_zone: patch.time_zone.and_then(|v| fields.check("time_zone", TimeZoneName::parse(&v))),
        ..ProfileChange::default()
    };
    change.preferred_name = fields.patch("preferred_name", patch.preferred_name, PersonName::parse);
    change.pronouns = fields.patch("pronouns", patch.pronouns, Pronouns::parse);
    if patch.date_of_birth.is_some() {
        fields.error("date_of_birth", "is read-only; ask your practice to correct it");
    }
    match (patch.email, patch.phone) {
        (Some(_), Some(_)) => fields.error("phone", "change one contact address at a time"),
        (Some(email), None) => change.new_address = fields.check("email", Address::parse(Channel::Email, &email)),
        (None, Some(phone)) => change.new_address = fields.check("phone", Address::parse(Channel::Sms, &phone)),
        (None, None) => {}
    }
    fields.done()?;
    Ok(change)
}

/// Reads new preferences, reporting every invalid field at once.
fn preferences_change(update: PreferencesUpdate) -> Result<PreferencesChange, ApiError> {
    let mut fields = Fields::default();
    let time_zone = fields.check("time_zone", TimeZoneName::parse(&update.time_zone));
    if let Some(quiet) = &update.quiet_hours
        && quiet.start == quiet.end
    {
        fields.error("quiet_hours", "start and end must differ; send null for no quiet hours");
    }
    fields.done()?;
    let time_zone = time_zone.ok_or_else(|| ApiError::invalid(vec![]))?;
    Ok(PreferencesChange { time_zone, email: update.email, sms: update.sms, quiet_hours: update.quiet_hours })
}

/// The signed-in patient's profile.
#[utoipa::path(get, path = "/portal/me", tag = "portal", security(("patient" = [])),
    responses((status = 400, body = Problem), (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = ProfileView), (status = 401, body = Problem)))]
pub async fn me_get(_: &PortalDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let (_, found) = x.patient_with(Some(Scope::Profile), |practice, patient, _| vec![keys::patient_profile(practice, patient)]).await?;
    Ok(Reply::ok(&ProfileView::from(&profile::from_item(found.into_iter().next().flatten())?)))
}

/// Changes names, language or time zone; a new email or phone is sent a code first.
#[utoipa::path(patch, path = "/portal/me", tag = "portal", security(("patient" = [])), request_body = ProfilePatch,
    responses((status = 200, body = ProfileUpdated), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "A new email or phone needs a sign-in from the last 5 minutes (type recent-sign-in-required)"),
        (status = 409, body = Problem), (status = 415, body = Problem), (status = 429, body = Problem)))]
pub async fn me_update(d: &ContactDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let change = profile_change(x.json::<ProfilePatch>()?)?;
    // A contact address is how the account is signed in to: only its owner changes it.
    let who = if change.new_address.is_some() { x.patient_self().await? } else { x.patient_in(Scope::Profile).await? };
    let practice = x.practice(&who.practice).await?;
    let (saved, pending) = d.update(&practice, &who.patient, change, who.signed_in_at).await?;
    let verification = pending.map(|(sent, address)| PendingVerification {
        challenge_id: sent.challenge_id.to_string(),
        channel: address.channel(),
        destination: address.masked(),
        expires_in: sent.expires_at - x.now().timestamp(),
        resend_after: crate::limits::resend_cooldown().num_seconds(),
    });
    Ok(Reply::ok(&ProfileUpdated { profile: ProfileView::from(&saved), verification }))
}

/// Confirms a new email or phone with the code sent to it.
#[utoipa::path(post, path = "/portal/me/contact/verify", tag = "portal", security(("patient" = [])), request_body = VerifyContactRequest,
    responses((status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = ProfileView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 409, body = Problem)))]
pub async fn contact_verify(d: &ContactDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_self().await?;
    let body: VerifyContactRequest = x.json()?;
    let id = ChallengeId::parse(&body.challenge_id).ok_or_else(|| ApiError::field("challenge_id", "is not a challenge id"))?;
    if !crate::limits::is_code(&body.code) {
        return Err(ApiError::field("code", "must be the 6 digits from your message"));
    }
    let practice = x.practice(&who.practice).await?;
    let saved = d.confirm_contact(&practice, &who.patient, &id, &body.code).await?;
    Ok(Reply::ok(&ProfileView::from(&saved)))
}

/// The practice's consent documents and the patient's decisions.
#[utoipa::path(get, path = "/portal/consents", tag = "portal", security(("patient" = [])),
    responses((status = 400, body = Problem), (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = ConsentsView), (status = 401, body = Problem)))]
pub async fn consents_get(d: &PortalDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let table = d.table.as_ref();
    let (_, overview) = x
        .patient_reading(Scope::Profile, async |practice, patient| {
            let practice = x.practice(practice).await?;
            Ok(consents::overview(table, &practice, patient).await?)
        })
        .await?;
    Ok(Reply::ok(&ConsentsView::from(overview)))
}

/// Accepts the current version of a document, or revokes an acceptance.
#[utoipa::path(put, path = "/portal/consents", tag = "portal", security(("patient" = [])), request_body = ConsentDecisionRequest,
    responses((status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = ConsentsView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn consents_update(d: &PortalDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Profile).await?;
    teen_decides(&who)?;
    let body: ConsentDecisionRequest = x.json()?;
    let practice = x.practice(&who.practice).await?;
    let provenance = Provenance {
        method: None,
        actor: if who.acting.is_some() { Actor::Proxy(who.person().clone()) } else { Actor::Patient(who.patient.clone()) },
        ip: x.client_ip(),
        user_agent: x.user_agent(),
        request_id: x.request_id().to_string(),
    };
    let table = d.table.as_ref();
    let choice = Choice { kind: body.kind, version: body.version, decision: body.decision };
    consents::decide(table, &practice, &who.patient, choice, &provenance, x.now()).await?;
    Ok(Reply::ok(&ConsentsView::from(consents::overview(table, &practice, &who.patient).await?)))
}

/// How and when the patient may be contacted.
#[utoipa::path(get, path = "/portal/preferences", tag = "portal", security(("patient" = [])),
    responses((status = 400, body = Problem), (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = PreferencesView), (status = 401, body = Problem)))]
pub async fn preferences_get(_: &PortalDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let (_, found) = x.patient_with(Some(Scope::Profile), |practice, patient, _| vec![keys::patient_profile(practice, patient)]).await?;
    Ok(Reply::ok(&PreferencesView::from(&profile::from_item(found.into_iter().next().flatten())?)))
}

/// Replaces the preferences.
#[utoipa::path(put, path = "/portal/preferences", tag = "portal", security(("patient" = [])), request_body = PreferencesUpdate,
    responses((status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = PreferencesView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 409, body = Problem)))]
pub async fn preferences_update(d: &PortalDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Profile).await?;
    teen_decides(&who)?;
    let change = preferences_change(x.json()?)?;
    let practice = x.practice(&who.practice).await?;
    let saved = profile::update_preferences(d.table.as_ref(), &practice, &who.patient, change, x.now()).await?;
    Ok(Reply::ok(&PreferencesView::from(&saved)))
}

/// The home screen in one read: the profile, the home summary and the consent state, fetched with the
/// session in one batch.
#[utoipa::path(get, path = "/portal/home", tag = "portal", security(("patient" = [])),
    responses((status = 400, body = Problem), (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = HomeView), (status = 401, body = Problem)))]
pub async fn home(_: &PortalDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let (who, found) = x
        .patient_with(None, |practice, patient, person| {
            let mut wanted =
                vec![keys::patient_profile(practice, patient), keys::home(practice, patient), keys::consent_state(practice, patient)];
            if person != patient {
                // The greeting and the switcher are the signed-in person's own.
                wanted.extend([keys::patient_profile(practice, person), keys::home(practice, person)]);
            }
            wanted
        })
        .await?;
    let mut found = found.into_iter();
    let patient = profile::from_item(found.next().flatten())?;
    let summary_item = found.next().flatten();
    let summary_item_for_next = summary_item.clone();
    let summary = portico::home::Home::from_item(summary_item.clone())?;
    let practice = x.practice(&who.practice).await?;
    let waiting = consents::needing_decision(&practice, found.next().flatten())?;
    let (person, own_home) = match &who.acting {
        Some(_) => (profile::from_item(found.next().flatten())?, found.next().flatten()),
        None => (patient.clone(), summary_item),
    };
    let messages = who.has(Scope::Messages) && !who.limited();
    let people = portico::proxies::people(own_home.as_ref(), x.now())
        .into_iter()
        .map(|p| HomePerson {
            patient_id: p.patient_id,
            given_name: p.names.given_name,
            preferred_name: p.names.preferred_name,
            relationship: p.relationship,
        })
        .collect();
    Ok(Reply::ok(&HomeView {
        profile: HomeProfile {
            given_name: patient.given_name.as_str().to_string(),
            preferred_name: patient.preferred_name.as_ref().map(|n| n.as_str().to_string()),
            language: patient.language.as_str().to_string(),
            time_zone: patient.time_zone.as_str().to_string(),
        },
        practice: HomePractice {
            name: practice.name.clone(),
            logo_url: practice.settings.logo_url.clone(),
            phone: practice.settings.contact_phone.clone(),
            email: practice.settings.contact_email.clone(),
        },
        unread_total: if messages { summary.messages_unread } else { 0 },
        latest_unread: summary.messages_latest.filter(|_| messages && summary.messages_unread > 0).map(|m| HomeMessage {
            thread_id: m.thread_id,
            subject: m.subject,
            preview: m.preview,
            at: m.at,
        }),
        consents_needing_decision: if who.has(Scope::Profile) { waiting.len() } else { 0 },
        notifications_unread: if messages { summary.bell_unread } else { 0 },
        next_appointment: portico::home::next_appointment(summary_item_for_next.as_ref(), x.now(), who.limited())
            .filter(|_| who.has(Scope::Appointments))
            .map(|a| HomeAppointment {
                appointment_id: a.appointment_id,
                start: a.start,
                service_name: a.service_name,
                clinician_name: a.clinician_name,
                status: a.status,
            }),
        person: HomeName {
            patient_id: person.patient_id.clone(),
            given_name: person.given_name.as_str().to_string(),
            preferred_name: person.preferred_name.as_ref().map(|n| n.as_str().to_string()),
            proxy_only: person.proxy_only,
        },
        people,
        acting_for: who.acting.as_ref().map(|a| HomeActing {
            patient_id: who.patient.clone(),
            grant_id: a.grant.clone(),
            relationship: a.relationship,
            scopes: a.scopes.clone(),
            limited: a.limited,
        }),
    }))
}

/// Your access log, newest first: your sign-ins (when, which device, from where) and every time
/// someone at the practice opened or changed your record (when, which roles, what).
#[utoipa::path(get, path = "/portal/access-log", tag = "portal", security(("patient" = [])),
    params(("limit" = Option<u32>, Query, description = "How many on a page"), ("cursor" = Option<String>, Query)),
    responses((status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = AccessLog), (status = 400, body = Problem), (status = 401, body = Problem)))]
pub async fn access_log(d: &AccessLogDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let limit = page_size(x.query("limit").as_deref()).map_err(|why| ApiError::field("limit", why))?;
    let cursor = x
        .query("cursor")
        .map(|c| portico::store::Cursor::parse(&c))
        .transpose()
        .map_err(|_| ApiError::field("cursor", "is not a cursor from this log"))?;
    // The access log is the account owner's own: nobody acting for them reads it.
    let who = x.patient_self().await?;
    let (events, next) = d.page(&who.practice, &who.patient, cursor, limit).await.map_err(|e| match e {
        portico::store::StoreError::BadCursor => ApiError::field("cursor", "is not a cursor from this log"),
        e => e.into(),
    })?;
    x.concerning(&who.patient);
    Ok(Reply::ok(&AccessLog { entries: events.iter().map(AccessEntry::from).collect(), next_cursor: next.map(|c| c.as_str().to_string()) }))
}

/// What happened in the patient's care at the practice, newest first: messages both ways (by thread,
/// never their words), consent decisions, sign-ins. One query of the patient's partition per page.
#[utoipa::path(get, path = "/portal/timeline", tag = "portal", security(("patient" = [])),
    params(("limit" = Option<u32>, Query, description = "How many on a page"), ("cursor" = Option<String>, Query, description = "From the previous page")),
    responses((status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = Timeline), (status = 400, body = Problem), (status = 401, body = Problem)))]
pub async fn timeline(d: &PortalDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let limit = page_size(x.query("limit").as_deref()).map_err(|why| ApiError::field("limit", why))?;
    let cursor = x
        .query("cursor")
        .map(|c| portico::store::Cursor::parse(&c))
        .transpose()
        .map_err(|_| ApiError::field("cursor", "is not a cursor from this timeline"))?;
    let table = d.table.as_ref();
    let (who, (entries, next)) = x
        .patient_reading(Scope::Profile, async |practice, patient| {
            portico::timeline::page(table, practice, patient, cursor, limit).await.map_err(|e| match e {
                portico::store::StoreError::BadCursor => ApiError::field("cursor", "is not a cursor from this timeline"),
                e => e.into(),
            })
        })
        .await?;
    x.concerning(&who.patient);
    let entries = entries.into_iter().filter(|e| e.visible_to(&who)).collect();
    Ok(Reply::ok(&Timeline { entries, next_cursor: next.map(|c| c.as_str().to_string()) }))
}

/// A teen's bell is the teen's: a limited proxy (their parent) neither reads nor clears it.
fn bell_is_yours(who: &PatientPrincipal) -> Result<(), ApiError> {
    if who.limited() {
        return Err(ApiError::Forbidden("This account's notifications are its owner's."));
    }
    Ok(())
}

fn bell_id(x: &Exchange<'_>) -> Result<String, ApiError> {
    x.path_id("id", |raw| {
        let fine = !raw.is_empty() && raw.len() <= 120 && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        fine.then(|| raw.to_string())
    })
}

/// The bell: what waits for the patient (a new message, later documents, forms and appointment
/// changes), newest first, with how many are unread.
#[utoipa::path(get, path = "/portal/notifications", tag = "portal", security(("patient" = [])),
    params(("limit" = Option<u32>, Query, description = "How many on a page"), ("cursor" = Option<String>, Query, description = "From the previous page")),
    responses((status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = Notifications), (status = 400, body = Problem), (status = 401, body = Problem)))]
pub async fn notifications(d: &PortalDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let limit = page_size(x.query("limit").as_deref()).map_err(|why| ApiError::field("limit", why))?;
    let cursor = x
        .query("cursor")
        .map(|c| portico::store::Cursor::parse(&c))
        .transpose()
        .map_err(|_| ApiError::field("cursor", "is not a cursor from this list"))?;
    let table = d.table.as_ref();
    let (who, ((items, next), home)) = x
        .patient_reading(Scope::Messages, async |practice, patient| {
            let page = portico::bell::page(table, practice, patient, cursor, limit);
            let home_key = keys::home(practice, patient);
            let (page, home) = futures::join!(page, table.get(&home_key));
            let page = page.map_err(|e| match e {
                portico::store::StoreError::BadCursor => ApiError::field("cursor", "is not a cursor from this list"),
                e => e.into(),
            })?;
            Ok((page, portico::home::Home::from_item(home?)?))
        })
        .await?;
    x.concerning(&who.patient);
    bell_is_yours(&who)?;
    let items = items.into_iter().filter(|i| who.has(i.kind.scope())).collect();
    Ok(Reply::ok(&Notifications { items, unread: home.bell_unread, next_cursor: next.map(|c| c.as_str().to_string()) }))
}

/// Marks one notification read. Marking it again changes nothing.
#[utoipa::path(post, path = "/portal/notifications/{id}/read", tag = "portal", security(("patient" = [])),
    params(("id" = String, Path, description = "The notification's id")),
    responses((status = 400, body = Problem), (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = NotificationsMarked), (status = 401, body = Problem), (status = 404, body = Problem)))]
pub async fn notification_read(d: &PortalDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Messages).await?;
    bell_is_yours(&who)?;
    let id = bell_id(x)?;
    x.concerning(&who.patient);
    let marked = portico::bell::mark_read(d.table.as_ref(), &who.practice, &who.patient, &id, x.now()).await?.ok_or(ApiError::NotFound)?;
    Ok(Reply::ok(&NotificationsMarked { marked: usize::from(marked) }))
}

/// Marks every notification read.
#[utoipa::path(post, path = "/portal/notifications/read-all", tag = "portal", security(("patient" = [])),
    responses((status = 400, body = Problem), (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = NotificationsMarked), (status = 401, body = Problem)))]
pub async fn notifications_read_all(d: &PortalDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Messages).await?;
    bell_is_yours(&who)?;
    x.concerning(&who.patient);
    let marked = portico::bell::mark_all_read(d.table.as_ref(), &who.practice, &who.patient, x.now()).await?;
    Ok(Reply::ok(&NotificationsMarked { marked }))
}

/// Signs out every other session of yours (a phone you lost, a shared computer); this one stays.
#[utoipa::path(post, path = "/portal/sessions/end-others", tag = "portal", security(("patient" = [])),
    responses((status = 400, body = Problem), (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows this"), (status = 200, body = SessionsEnded), (status = 401, body = Problem)))]
pub async fn end_other_sessions(d: &AccessLogDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_self().await?;
    x.concerning(&who.patient);
    let ended = d.end_others(&who.practice, &who.patient, &who.session).await?;
    Ok(Reply::ok(&SessionsEnded { ended }))
}
