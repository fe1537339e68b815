//! Value types parsed once at the edge ("parse, don't validate"): once a value has one of these types,
//! nothing deeper checks it again.

use std::fmt;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field of a partial update: absent (keep), `null` (clear) or a value (set).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Patch<T> {
    #[default]
    Keep,
    Clear,
    Set(T),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(d)? {
            None => Patch::Clear,
            Some(value) => Patch::Set(value),
        })
    }
}

impl<T> Patch<T> {
    pub fn is_keep(&self) -> bool {
        matches!(self, Patch::Keep)
    }
}

macro_rules! string_value {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(d)?;
                $name::parse(&raw).map_err(serde::de::Error::custom)
            }
        }
    };
}

string_value!(
    /// An email address, trimmed and lower-cased so one mailbox has one spelling.
    Email
);

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Email(..)")
    }
}

impl Email {
    /// The longest address SMTP allows.
    pub const MAX_LEN: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim().to_lowercase();
        if value.len() > Self::MAX_LEN {
            return Err("is longer than 254 characters");
        }
        let Some((local, domain)) = value.split_once('@') else {
            return Err("is not an email address");
        };
        let local_ok = !local.is_empty() && local.len() <= 64 && !local.starts_with('.') && !local.ends_with('.');
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.split('.').all(|label| !label.is_empty() && label.len() <= 63)
            && domain.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        let chars_ok = value.chars().all(|c| !c.is_whitespace() && !c.is_control() && c != '<' && c != '>' && c != ',');
        if local_ok && domain_ok && chars_ok && !local.contains('@') { Ok(Email(value)) } else { Err("is not an email address") }
    }

    /// A form safe for screens that must hint at the address without showing it: `j•••@example.com`.
    pub fn masked(&self) -> String {
        let (local, domain) = self.0.split_once('@').unwrap_or(("", ""));
        let first: String = local.chars().take(1).collect();
        format!("{first}•••@{domain}")
    }
}

string_value!(
    /// A phone number in E.164 (`+` and 8–15 digits). Ten-digit national numbers are taken as North
    /// American (+1), the practices' default.
    Phone
);

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Phone(..)")
    }
}

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let trimmed = raw.trim();
        let plus = trimmed.starts_with('+');
        let mut digits = String::new();
        for (i, c) in trimmed.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => {}
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return Err("is not a phone number"),
            }
        }
        let e164 = match (plus, digits.len()) {
            (true, 8..=15) => format!("+{digits}"),
            (false, 10) => format!("+1{digits}"),
            (false, 11) if digits.starts_with('1') => format!("+{digits}"),
            _ => return Err("is not a phone number; use the international form, e.g. +14155550123"),
        };
        if e164.as_bytes().get(1) == Some(&b'0') {
            return Err("is not a phone number; use the international form, e.g. +14155550123");
        }
        Ok(Phone(e164))
    }

    /// `•••• 0123`: enough for a patient to recognise their number.
    pub fn masked(&self) -> String {
        let tail: String = self.0.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
        format!("•••• {tail}")
    }
}

string_value!(
    /// A person's name part: 1–100 characters, no control characters.
    PersonName
);

impl fmt::Debug for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PersonName(..)")
    }
}

impl PersonName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if value.is_empty() {
            return Err("must not be empty");
        }
        if value.chars().count() > Self::MAX_CHARS {
            return Err("must be at most 100 characters");
        }
        if value.chars().any(|c| c.is_control() || matches!(c, '<' | '>')) {
            return Err("contains characters that are not allowed");
        }
        Ok(PersonName(value))
    }
}

string_value!(
    /// Pronouns as the patient writes them ("she/her", "they/them"): up to 40 characters.
    Pronouns
);

impl fmt::Debug for Pronouns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pronouns(..)")
    }
}

impl Pronouns {
    pub const MAX_CHARS: usize = 40;

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let value = raw.trim();
        if value.is_empty() || value.chars().count() > Self::MAX_CHARS {
            return Err("must be 1 to 40 characters");
        }
        if value.chars().any(|c| c.is_control() || matches!(c, '<' | '>')) {
            return Err("contains characters that are not allowed");
        }
        Ok(Pronouns(value.to_string()))
    }
}

string_value!(
    /// A BCP 47 language tag such as `en`, `es-MX` or `zh-Hant`.
    LanguageTag
);

impl fmt::Debug for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LanguageTag({})", self.0)
    }
}

impl LanguageTag {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let raw = raw.trim();
        let mut parts = raw.split('-');
        let primary = parts.next().unwrap_or_default();
        let primary_ok = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
        let rest_ok = parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()));
        if primary_ok && rest_ok && raw.len() <= 35 {
            Ok(LanguageTag(raw.to_string()))
        } else {
            Err("is not a language tag such as en or es-MX")
        }
    }

    /// English, what everything falls back to.
    pub fn english() -> Self {
        LanguageTag("en".to_string())
    }

    /// The primary language (`es` of `es-MX`), lower case.
    pub fn primary(&self) -> String {
        self.0.split('-').next().unwrap_or_default().to_ascii_lowercase()
    }
}

string_value!(
    /// An IANA time zone name such as `America/Chicago`.
    TimeZoneName
);

impl fmt::Debug for TimeZoneName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TimeZoneName({})", self.0)
    }
}

impl TimeZoneName {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        raw.trim()
            .parse::<chrono_tz::Tz>()
            .map(|tz| TimeZoneName(tz.name().to_string()))
            .map_err(|_| "is not an IANA time zone such as America/Chicago")
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        self.0.parse().unwrap_or(chrono_tz::UTC)
    }
}

/// A date of birth: a real date, not in the future, not before 1900.
#[derive(Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DateOfBirth(NaiveDate);

impl fmt::Debug for DateOfBirth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DateOfBirth(..)")
    }
}

impl DateOfBirth {
    pub fn parse(raw: &str, today: NaiveDate) -> Result<Self, &'static str> {
        let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| "must be a date as YYYY-MM-DD")?;
        let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
        if date > today || date < earliest {
            return Err("must be between 1900-01-01 and today");
        }
        Ok(DateOfBirth(date))
    }

    pub fn date(&self) -> NaiveDate {
        self.0
    }
}

/// A local time of day `HH:MM`, for quiet hours.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct LocalTime(NaiveTime);

impl LocalTime {
    /// `HH:MM`, 24-hour.
    pub const PATTERN: &'static str = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        NaiveTime::parse_from_str(raw.trim(), "%H:%M").map(LocalTime).map_err(|_| "must be a time as HH:MM")
    }

    pub fn time(&self) -> NaiveTime {
        self.0
    }
}

impl Serialize for LocalTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.format("%H:%M").to_string())
    }
}

impl<'de> Deserialize<'de> for LocalTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        LocalTime::parse(&raw).map_err(serde::de::Error::custom)
    }
}

/// How a patient is reached outside the portal.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }
}

/// A contact address on one channel.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(tag = "channel", content = "value", rename_all = "snake_case")]
pub enum Address {
    Email(Email),
    Sms(Phone),
}

impl Address {
    pub fn parse(channel: Channel, raw: &str) -> Result<Self, &'static str> {
        match channel {
            Channel::Email => Email::parse(raw).map(Address::Email),
            Channel::Sms => Phone::parse(raw).map(Address::Sms),
        }
    }

    pub fn channel(&self) -> Channel {
        match self {
            Address::Email(_) => Channel::Email,
            Address::Sms(_) => Channel::Sms,
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Address::Email(e) => e.as_str(),
            Address::Sms(p) => p.as_str(),
        }
    }

    pub fn masked(&self) -> String {
        match self {
            Address::Email(e) => e.masked(),
            Address::Sms(p) => p.masked(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_normalise_and_reject_garbage() {
        assert_eq!(Email::parse("  Ann.Lee@Example.COM ").map(|e| e.0), Ok("ann.lee@example.com".into()));
        for bad in ["", "ann", "ann@", "@x.com", "ann@x", "a b@x.com", "ann@x..com", "<a>@x.com", "a@b@c.com"] {
            assert!(Email::parse(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn phones_normalise_to_e164() {
        let cases = [
            ("+1 (415) 555-0123", "+14155550123"),
            ("415.555.0123", "+14155550123"),
            ("14155550123", "+14155550123"),
            ("+447700900123", "+447700900123"),
        ];
        for (raw, expected) in cases {
            assert_eq!(Phone::parse(raw).map(|p| p.0), Ok(expected.to_string()), "{raw}");
        }
        for bad in ["", "12345", "+0123456789", "415-555-012x", "+1234567890123456"] {
            assert!(Phone::parse(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn dates_of_birth_are_plausible() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
        assert!(DateOfBirth::parse("1980-02-29", today).is_ok());
        assert!(DateOfBirth::parse("1981-02-29", today).is_err());
        assert!(DateOfBirth::parse("2027-01-01", today).is_err());
        assert!(DateOfBirth::parse("1899-12-31", today).is_err());
    }

    #[test]
    fn languages_and_zones() {
        assert!(LanguageTag::parse("es-MX").is_ok());
        assert!(LanguageTag::parse("english").is_err());
        assert_eq!(TimeZoneName::parse("America/Chicago").map(|t| t.0), Ok("America/Chicago".into()));
        assert!(TimeZoneName::parse("Mars/Base").is_err());
    }

    #[test]
    fn masks_hide_most_of_an_address() {
        assert_eq!(Email::parse("ann@example.com").map(|e| e.masked()), Ok("a•••@example.com".into()));
        assert_eq!(Phone::parse("+14155550123").map(|p| p.masked()), Ok("•••• 0123".into()));
    }
}
