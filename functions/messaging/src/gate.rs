//! The send gate: at send time, whether and how a patient may be told that something is waiting.
//! Consent and opt-out first (STOP is honoured immediately), then the patient's channel preferences,
//! quiet hours in their time zone (deferred, not dropped), frequency caps for texts, and email
//! suppression after bounces and complaints. Pure: the caller gathers the facts.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use portico::directory::{CategorySet, Patient};
use portico::domain::Channel;

/// Non-urgent texts per patient per day, and per week.
pub const SMS_PER_DAY: i64 = 1;
pub const SMS_PER_WEEK: i64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    /// The patient accepts the practice's current text-message and email consent documents.
    pub sms_consent: bool,
    pub email_consent: bool,
    pub email_suppressed: bool,
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

fn sms_allowed(facts: &Facts<'_>) -> Result<(), &'static str> {
    let patient = facts.patient;
    if patient.phone.is_none() {
        return Err("no mobile number");
    }
    if patient.sms.opted_out {
        return Err("opted out of texts");
    }
    if patient.sms.undeliverable {
        return Err("mobile number undeliverable");
    }
    if !facts.sms_consent {
        return Err("no consent to texts");
    }
    if !facts.category.allowed(&patient.preferences.sms) {
        return Err("texts not wanted for this category");
    }
    Ok(())
}

fn email_allowed(facts: &Facts<'_>) -> Result<(), &'static str> {
    let patient = facts.patient;
    if patient.email.is_none() {
        return Err("no email address");
    }
    if facts.email_suppressed {
        return Err("email address suppressed after a bounce or complaint");
    }
    if !facts.email_consent {
        return Err("no consent to email");
    }
    if !facts.category.allowed(&patient.preferences.email) {
        return Err("email not wanted for this category");
    }
    Ok(())
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

/// A local time of day, for tests and callers that reason about quiet hours.
pub fn at(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN)
}
