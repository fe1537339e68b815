//! Message templates for channels that must not carry PHI. Their inputs are types that cannot hold PHI:
//! the practice's name, a portal link, a one-time code. Nothing about the patient can be passed in.

use std::fmt;

use crate::domain::Channel;

/// The practice's public phone number, from its settings (never a patient's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticePhone(String);

impl PracticePhone {
    pub fn of(practice: &crate::directory::Practice) -> Option<Self> {
        practice.settings.contact_phone.clone().map(PracticePhone)
    }
}

/// A practice's public name, as it appears on its sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeName(String);

impl PracticeName {
    pub fn new(name: &str) -> Self {
        // Kept short and single-line so it cannot smuggle a paragraph into an SMS.
        PracticeName(name.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(60).collect())
    }
}

impl fmt::Display for PracticeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A link into the portal: the practice's portal origin plus a fixed route and, for invitations, an
/// opaque token in the fragment (fragments are not sent to servers or in `Referer`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalLink(String);

impl PortalLink {
    pub fn home(origin: &str) -> Self {
        PortalLink(format!("{origin}/"))
    }

    pub fn invitation(origin: &str, token: &str) -> Self {
        PortalLink(format!("{origin}/#/invite/{token}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PortalLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A six-digit one-time code.
#[derive(Clone, PartialEq, Eq)]
pub struct OneTimeCode(String);

impl OneTimeCode {
    pub fn new(code: String) -> Option<Self> {
        (code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())).then_some(OneTimeCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for OneTimeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OneTimeCode(..)")
    }
}

/// A message rendered for both channels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub sms: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// An email's HTML from plain text: paragraphs split at blank lines, every character escaped.
pub fn paragraphs_html(text: &str) -> String {
    let paragraphs: Vec<String> = text.split("\n\n").map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
    html(&paragraphs)
}

fn html(paragraphs: &[String]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{}</p>", escape(p))).collect();
    format!("<!doctype html><html><body style=\"font-family:system-ui,sans-serif;font-size:16px;line-height:1.5\">{body}</body></html>")
}

/// The sign-in code message.
pub fn sign_in_code(practice: &PracticeName, code: &OneTimeCode) -> Rendered {
    let lines = vec![
        format!("Your {practice} sign-in code is {}.", code.as_str()),
        "It expires in 10 minutes. If you did not ask for it, you can ignore this message.".to_string(),
    ];
    Rendered {
        // The code leads the SMS so phones can offer to fill it in.
        sms: format!("{} is your {practice} sign-in code. It expires in 10 minutes.", code.as_str()),
        subject: format!("Your {practice} sign-in code"),
        text: lines.join("\n\n"),
        html: html(&lines),
    }
}

/// The message confirming a new email address or phone number.
pub fn contact_check(practice: &PracticeName, code: &OneTimeCode) -> Rendered {
    let lines = vec![
        format!("Use code {} to confirm this address for {practice}.", code.as_str()),
        "It expires in 10 minutes. If you did not ask for it, you can ignore this message.".to_string(),
    ];
    Rendered {
        sms: format!("{} is your {practice} confirmation code. It expires in 10 minutes.", code.as_str()),
        subject: format!("Confirm your contact details for {practice}"),
        text: lines.join("\n\n"),
        html: html(&lines),
    }
}

/// The notice to the address a patient stopped using: it no longer signs them in. Says which kind of
/// address changed, never the new one; tells them what to do if it was not them.
pub fn contact_changed(practice: &PracticeName, channel: Channel, help: Option<&PracticePhone>) -> Rendered {
    let what = match channel {
        Channel::Email => "email address",
        Channel::Sms => "mobile number",
    };
    let call = help.map(|phone| format!(" call {practice} at {}", phone.0)).unwrap_or_else(|| format!(" contact {practice}"));
    let lines = vec![
        format!("The {what} you use to sign in to {practice}'s patient portal was changed, so this one no longer signs you in."),
        format!("If you did not make this change, please{call} right away."),
    ];
    Rendered {
        sms: format!("{practice}: the {what} for your portal sign-in was changed. If this was not you, please{call}."),
        subject: format!("Your {practice} sign-in details were changed"),
        text: lines.join("\n\n"),
        html: html(&lines),
    }
}

/// The invitation to the portal.
pub fn invitation(practice: &PracticeName, link: &PortalLink, valid_hours: u32) -> Rendered {
    let lines = vec![
        format!("{practice} has invited you to its patient portal."),
        format!("Open this link to sign in: {link}"),
        format!("The link works once and expires in {valid_hours} hours."),
    ];
    Rendered {
        sms: format!("{practice} invited you to its patient portal: {link} (works once, expires in {valid_hours} h)"),
        subject: format!("Your invitation to the {practice} patient portal"),
        text: lines.join("\n\n"),
        html: html(&lines),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_carry_only_their_inputs() {
        let practice = PracticeName::new("Riverside   Family\nPractice");
        let code = OneTimeCode::new("123456".into()).unwrap_or_else(|| unreachable!());
        let rendered = sign_in_code(&practice, &code);
        assert!(rendered.sms.starts_with("123456 is your Riverside Family Practice sign-in code"));
        assert!(rendered.sms.len() <= 160, "one SMS segment: {}", rendered.sms.len());
        let link = PortalLink::invitation("https://riverside.portal.example.com", "tok");
        let invite = invitation(&practice, &link, 24);
        assert!(invite.text.contains("https://riverside.portal.example.com/#/invite/tok"));
        assert!(OneTimeCode::new("12345".into()).is_none());
    }

    #[test]
    fn html_is_escaped() {
        let rendered = sign_in_code(&PracticeName::new("A <b> & Co"), &OneTimeCode::new("000001".into()).unwrap_or_else(|| unreachable!()));
        assert!(rendered.html.contains("A &lt;b&gt; &amp; Co"));
    }
}
