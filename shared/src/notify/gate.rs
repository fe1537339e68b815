//! The send gate: at send time, whether and how a patient may be told that something is waiting.
//! Consent and opt-out first (STOP is honoured immediately), then the patient's channel preferences,
//! quiet hours in their time zone (deferred, not dropped), frequency caps for texts, and email
//! suppression after bounces and complaints. Pure: the caller gathers the facts.

use crate::directory::{CategorySet, Patient};
use crate::domain::Channel;
use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};

/// Non-urgent texts per patient per day, and per week.
pub const SMS_PER_DAY: i64 = 1;
pub const SMS_PER_WEEK: i64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    AppointmentReminders,
    Messages,
    Billing,
    Marketing,
}

impl Category {
    pub fn allowed(self, set: &CategorySet) -> bool {
        match self {
            Category::AppointmentReminders => set.appointment_reminders,
            Category::Messages => set.messages,
            Category::Billing => set.billing,
            Category::Marketing => set.marketing,
        }
    }

    /// The patient's switch for this category in one channel's set.
    pub fn flag_mut(self, set: &mut CategorySet) -> &mut bool {
        match self {
            Category::AppointmentReminders => &mut set.appointment_reminders,
            Category::Messages => &mut set.messages,
            Category::Billing => &mut set.billing,
            Category::Marketing => &mut set.marketing,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Category::AppointmentReminders => "appointment_reminders",
            Category::Messages => "messages",
            Category::Billing => "billing",
            Category::Marketing => "marketing",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Category::AppointmentReminders, Category::Messages, Category::Billing, Category::Marketing].into_iter().find(|c| c.as_str() == raw)
    }
}

/// What is known about the patient at send time.
#[derive(Debug, Clone)]
pub struct Facts<'a> {
    pub patient: &'a Patient,
    pub category: Category,
    pub urgent: bool,
    /// The patient accepts the practice's current text-message consent document (TCPA). Email notices
    /// need no consent document: they say only that something is waiting, and go to the patient's own
    /// verified address when their preferences ask for them.
    pub sms_consent: bool,
    pub email_suppressed: bool,
    /// The patient's number is in a country the practice texts.
    pub sms_country_served: bool,
    /// Non-urgent texts already sent today and this week (patient's time zone).
    pub sms_today: i64,
    pub sms_this_week: i64,
    pub now: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Send(Channel),
    /// Try again at this time (the end of quiet hours).
    Defer(DateTime<Utc>),
    /// Nothing may be sent; the reason is recorded.
    Skip(&'static str),
}

/// What stops a notice on one channel, whatever the day's counts: what staff see on the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Blocked {
    NoAddress,
    OptedOut,
    CountryNotServed,
    Undeliverable,
    NoConsent,
    PreferenceOff,
    Suppressed,
}

impl Blocked {
    /// The reason recorded for a skipped notice, in staff's words.
    pub fn reason(self, channel: Channel) -> &'static str {
        match (channel, self) {
            (Channel::Sms, Blocked::NoAddress) => "no mobile number",
            (Channel::Email, Blocked::NoAddress) => "no email address",
            (_, Blocked::OptedOut) => "opted out of texts",
            (_, Blocked::CountryNotServed) => "number in a country the practice does not text",
            (_, Blocked::Undeliverable) => "mobile number undeliverable",
            (_, Blocked::NoConsent) => "no consent to texts",
            (Channel::Sms, Blocked::PreferenceOff) => "texts not wanted for this category",
            (Channel::Email, Blocked::PreferenceOff) => "email not wanted for this category",
            (_, Blocked::Suppressed) => "email address suppressed after a bounce or complaint",
        }
    }
}

/// Whether a notice of the facts' category may use a channel at all (counts and quiet hours aside).
pub fn reach(facts: &Facts<'_>, channel: Channel) -> Result<(), Blocked> {
    match channel {
        Channel::Sms => sms_reach(facts),
        Channel::Email => email_reach(facts),
    }
}

fn sms_reach(facts: &Facts<'_>) -> Result<(), Blocked> {
    let patient = facts.patient;
    if patient.phone.is_none() {
        return Err(Blocked::NoAddress);
    }
    if patient.sms.opted_out {
        return Err(Blocked::OptedOut);
    }
    if !facts.sms_country_served {
        return Err(Blocked::CountryNotServed);
    }
    if patient.sms.undeliverable {
        return Err(Blocked::Undeliverable);
    }
    if !facts.sms_consent {
        return Err(Blocked::NoConsent);
    }
    if !facts.category.allowed(&patient.preferences.sms) {
        return Err(Blocked::PreferenceOff);
    }
    Ok(())
}

fn email_reach(facts: &Facts<'_>) -> Result<(), Blocked> {
    let patient = facts.patient;
    if patient.email.is_none() {
        return Err(Blocked::NoAddress);
    }
    if facts.email_suppressed {
        return Err(Blocked::Suppressed);
    }
    if !facts.category.allowed(&patient.preferences.email) {
        return Err(Blocked::PreferenceOff);
    }
    Ok(())
}

fn sms_allowed(facts: &Facts<'_>) -> Result<(), &'static str> {
    sms_reach(facts).map_err(|b| b.reason(Channel::Sms))
}

fn email_allowed(facts: &Facts<'_>) -> Result<(), &'static str> {
    email_reach(facts).map_err(|b| b.reason(Channel::Email))
}

/// When the quiet window that `now` falls in ends, if it does fall in one.
pub fn quiet_until(patient: &Patient, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let quiet = patient.preferences.quiet_hours?;
    let tz = patient.time_zone.tz();
    let local = now.with_timezone(&tz);
    let (start, end, time) = (quiet.start.time(), quiet.end.time(), local.time());
    let inside = if start <= end { time >= start && time < end } else { time >= start || time < end };
    if !inside {
        return None;
    }
    let end_date = if start > end && time >= start { local.date_naive() + Duration::days(1) } else { local.date_naive() };
    let end_local = end_date.and_time(end);
    // On a daylight-saving jump the local end may not exist or be ambiguous; take the earliest instant.
    let resolved =
        tz.from_local_datetime(&end_local).earliest().or_else(|| tz.from_local_datetime(&(end_local + Duration::hours(1))).earliest());
    Some(resolved.map(|t| t.with_timezone(&Utc)).unwrap_or(now + Duration::hours(1)))
}

/// The day and ISO week a text counts against, in the patient's time zone.
pub fn periods(patient: &Patient, now: DateTime<Utc>) -> (String, String) {
    let local = now.with_timezone(&patient.time_zone.tz());
    let week = local.iso_week();
    (format!("D#{}", local.format("%Y-%m-%d")), format!("W#{}-{:02}", week.year(), week.week()))
}

/// An answer to a text the patient just sent: by text, at once, while texts may reach them at all.
pub fn answer(facts: &Facts<'_>) -> Decision {
    match sms_allowed(facts) {
        Ok(()) => Decision::Send(Channel::Sms),
        Err(reason) => Decision::Skip(reason),
    }
}

pub fn decide(facts: &Facts<'_>) -> Decision {
    let sms = sms_allowed(facts);
    let email = email_allowed(facts);
    let within_caps = facts.urgent || (facts.sms_today < SMS_PER_DAY && facts.sms_this_week < SMS_PER_WEEK);
    match (sms, email) {
        (Err(sms), Err(_)) => Decision::Skip(sms),
        (Ok(()), email) => {
            if !facts.urgent
                && let Some(until) = quiet_until(facts.patient, facts.now)
            {
                return Decision::Defer(until);
            }
            match (within_caps, email) {
                (true, _) => Decision::Send(Channel::Sms),
                (false, Ok(())) => Decision::Send(Channel::Email),
                (false, Err(_)) => Decision::Skip("text limit reached and email not allowed"),
            }
        }
        (Err(_), Ok(())) => {
            if !facts.urgent
                && let Some(until) = quiet_until(facts.patient, facts.now)
            {
                return Decision::Defer(until);
            }
            Decision::Send(Channel::Email)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A patient in Chicago with both channels, default categories and quiet hours 21:00–08:00.
    fn patient() -> Patient {
        let on = json!({ "appointment_reminders": true, "messages": true, "billing": true, "marketing": false });
        serde_json::from_value(json!({
            "practice_id": "pr_01JD0000000000000000000000",
            "patient_id": "pt_01JD0000000000000000000000",
            "given_name": "Ann", "family_name": "Lee", "language": "en", "time_zone": "America/Chicago",
            "date_of_birth": "1980-01-02", "email": "ann@example.com", "phone": "+15555550100", "status": "active",
            "preferences": { "email": on, "sms": on, "quiet_hours": { "start": "21:00", "end": "08:00" } },
            "created_at": "2026-11-01T00:00:00Z", "updated_at": "2026-11-01T00:00:00Z"
        }))
        .unwrap()
    }

    fn utc(raw: &str) -> DateTime<Utc> {
        raw.parse().unwrap()
    }

    fn facts<'a>(patient: &'a Patient, now: &str) -> Facts<'a> {
        Facts {
            patient,
            category: Category::Messages,
            urgent: false,
            sms_consent: true,
            email_suppressed: false,
            sms_country_served: true,
            sms_today: 0,
            sms_this_week: 0,
            now: utc(now),
        }
    }

    // 17:00Z is 11:00 in Chicago (CST, UTC-6) in November.
    const MIDDAY: &str = "2026-11-18T17:00:00Z";

    #[test]
    fn a_text_is_preferred_when_everything_allows_it() {
        assert_eq!(decide(&facts(&patient(), MIDDAY)), Decision::Send(Channel::Sms));
    }

    #[test]
    fn quiet_hours_defer_to_the_local_morning_across_midnight() {
        let p = patient();
        // 22:30 local on the 18th: quiet until 08:00 local on the 19th, which is 14:00Z.
        assert_eq!(quiet_until(&p, utc("2026-11-19T04:30:00Z")), Some(utc("2026-11-19T14:00:00Z")));
        // 06:00 local: quiet until 08:00 the same day.
        assert_eq!(quiet_until(&p, utc("2026-11-19T12:00:00Z")), Some(utc("2026-11-19T14:00:00Z")));
        // The window is half-open: 08:00 sharp is outside, 21:00 sharp is inside.
        assert_eq!(quiet_until(&p, utc("2026-11-19T14:00:00Z")), None);
        assert!(quiet_until(&p, utc("2026-11-19T03:00:00Z")).is_some());
        assert_eq!(decide(&facts(&p, "2026-11-19T04:30:00Z")), Decision::Defer(utc("2026-11-19T14:00:00Z")));
    }

    #[test]
    fn a_daytime_quiet_window_does_not_wrap() {
        let mut p = patient();
        p.preferences.quiet_hours = serde_json::from_value(json!({ "start": "12:00", "end": "13:00" })).ok();
        assert_eq!(quiet_until(&p, utc("2026-11-18T18:30:00Z")), Some(utc("2026-11-18T19:00:00Z")));
        assert_eq!(quiet_until(&p, utc("2026-11-18T17:00:00Z")), None);
        assert_eq!(quiet_until(&p, utc("2026-11-19T04:30:00Z")), None);
    }

    #[test]
    fn quiet_hours_ending_in_a_skipped_hour_resolve_to_a_real_instant() {
        let mut p = patient();
        // 2027-03-14 02:00–03:00 does not exist in Chicago; a window ending at 02:30 ends at 03:30 CDT.
        p.preferences.quiet_hours = serde_json::from_value(json!({ "start": "01:00", "end": "02:30" })).ok();
        let until = quiet_until(&p, utc("2027-03-14T07:30:00Z")); // 01:30 CST
        assert_eq!(until, Some(utc("2027-03-14T08:30:00Z")));
    }

    #[test]
    fn urgent_notices_ignore_quiet_hours_and_caps() {
        let p = patient();
        let mut f = facts(&p, "2026-11-19T04:30:00Z");
        f.urgent = true;
        f.sms_today = 5;
        f.sms_this_week = 9;
        assert_eq!(decide(&f), Decision::Send(Channel::Sms));
    }

    #[test]
    fn over_the_daily_or_weekly_cap_falls_back_to_email_or_skips() {
        let p = patient();
        let mut f = facts(&p, MIDDAY);
        f.sms_today = SMS_PER_DAY;
        assert_eq!(decide(&f), Decision::Send(Channel::Email));
        f.sms_today = 0;
        f.sms_this_week = SMS_PER_WEEK;
        assert_eq!(decide(&f), Decision::Send(Channel::Email));
        f.email_suppressed = true;
        assert_eq!(decide(&f), Decision::Skip("text limit reached and email not allowed"));
    }

    #[test]
    fn an_email_notice_needs_the_preference_not_a_consent_document() {
        let mut p = patient();
        p.phone = None;
        assert_eq!(decide(&facts(&p, MIDDAY)), Decision::Send(Channel::Email));
        p.preferences.email.messages = false;
        assert_eq!(decide(&facts(&p, MIDDAY)), Decision::Skip("no mobile number"));
    }

    #[test]
    fn stop_undeliverable_and_missing_consent_move_to_email() {
        for change in [
            (|p: &mut Patient, _: &mut bool| p.sms.opted_out = true) as fn(&mut Patient, &mut bool),
            |p, _| p.sms.undeliverable = true,
            |p, _| p.phone = None,
            |p, _| p.preferences.sms.messages = false,
            |_, consent| *consent = false,
        ] {
            let mut p = patient();
            let mut sms_consent = true;
            change(&mut p, &mut sms_consent);
            let mut f = facts(&p, MIDDAY);
            f.sms_consent = sms_consent;
            assert_eq!(decide(&f), Decision::Send(Channel::Email));
        }
    }

    #[test]
    fn a_number_abroad_is_not_texted() {
        let p = patient();
        let mut f = facts(&p, MIDDAY);
        f.sms_country_served = false;
        assert_eq!(decide(&f), Decision::Send(Channel::Email));
    }

    #[test]
    fn nothing_is_sent_when_neither_channel_is_allowed() {
        let mut p = patient();
        p.sms.opted_out = true;
        let mut f = facts(&p, MIDDAY);
        f.email_suppressed = true;
        assert_eq!(decide(&f), Decision::Skip("opted out of texts"));
        // Marketing is off by default on both channels.
        let defaults = patient();
        let mut f = facts(&defaults, MIDDAY);
        f.category = Category::Marketing;
        assert_eq!(decide(&f), Decision::Skip("texts not wanted for this category"));
    }

    #[test]
    fn caps_count_by_the_patients_local_day_and_iso_week() {
        let p = patient();
        // 03:00Z on Monday the 23rd is still Sunday the 22nd in Chicago, ISO week 47.
        assert_eq!(periods(&p, utc("2026-11-23T03:00:00Z")), ("D#2026-11-22".to_string(), "W#2026-47".to_string()));
        assert_eq!(periods(&p, utc("2026-11-23T07:00:00Z")), ("D#2026-11-23".to_string(), "W#2026-48".to_string()));
    }
}
