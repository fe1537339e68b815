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

    /// A notice's single-use link to what it is about ([`crate::links`]).
    pub fn open(origin: &str, token: &str) -> Self {
        PortalLink(format!("{origin}/#/open/{token}"))
    }

    /// Where someone invited to act for a patient accepts ([`crate::proxies`]).
    pub fn proxy_invitation(origin: &str, token: &str) -> Self {
        PortalLink(format!("{origin}/#/proxy-invitation/{token}"))
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

/// The language a message is written in: the patient's, where we have it (English otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Lang::ALL.into_iter().find(|l| l.as_str() == raw)
    }

    pub fn of(tag: &crate::domain::LanguageTag) -> Self {
        if tag.primary() == "es" { Lang::Es } else { Lang::En }
    }
}

/// The portal's host, for the origin-bound line of a code texted to a phone (WebOTP): `@host #123456`
/// on the last line lets the browser on that host offer the code, and only there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalHost(String);

impl PortalHost {
    /// The host of a portal origin (`https://riverside.portal.example:8443` → `riverside.portal.example`).
    pub fn of_origin(origin: &str) -> Option<Self> {
        let host = origin.split("://").nth(1)?.split(['/', ':']).next()?;
        (!host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-'))
            .then(|| PortalHost(host.to_string()))
    }
}

fn web_otp(host: Option<&PortalHost>, code: &OneTimeCode) -> String {
    host.map(|h| format!("\n\n@{} #{}", h.0, code.as_str())).unwrap_or_default()
}

/// The sign-in code message.
pub fn sign_in_code(practice: &PracticeName, code: &OneTimeCode, host: Option<&PortalHost>, lang: Lang) -> Rendered {
    let c = code.as_str();
    let (lines, sms, subject) = match lang {
        Lang::En => (
            vec![
                format!("Your {practice} sign-in code is {c}."),
                "It expires in 10 minutes. If you did not ask for it, you can ignore this message.".to_string(),
            ],
            // The code leads the SMS so phones can offer to fill it in.
            format!("{c} is your {practice} sign-in code. It expires in 10 minutes."),
            format!("Your {practice} sign-in code"),
        ),
        Lang::Es => (
            vec![
                format!("Su código para entrar en {practice} es {c}."),
                "Vence en 10 minutos. Si no lo pidió, puede ignorar este mensaje.".to_string(),
            ],
            format!("{c} es su código para entrar en {practice}. Vence en 10 minutos."),
            format!("Su código para entrar en {practice}"),
        ),
    };
    Rendered { sms: sms + &web_otp(host, code), subject, text: lines.join("\n\n"), html: html(&lines) }
}

/// The message confirming a new email address or phone number.
pub fn contact_check(practice: &PracticeName, code: &OneTimeCode, host: Option<&PortalHost>, lang: Lang) -> Rendered {
    let c = code.as_str();
    let (lines, sms, subject) = match lang {
        Lang::En => (
            vec![
                format!("Use code {c} to confirm this address for {practice}."),
                "It expires in 10 minutes. If you did not ask for it, you can ignore this message.".to_string(),
            ],
            format!("{c} is your {practice} confirmation code. It expires in 10 minutes."),
            format!("Confirm your contact details for {practice}"),
        ),
        Lang::Es => (
            vec![
                format!("Use el código {c} para confirmar esta dirección en {practice}."),
                "Vence en 10 minutos. Si no lo pidió, puede ignorar este mensaje.".to_string(),
            ],
            format!("{c} es su código de confirmación de {practice}. Vence en 10 minutos."),
            format!("Confirme sus datos de contacto en {practice}"),
        ),
    };
    Rendered { sms: sms + &web_otp(host, code), subject, text: lines.join("\n\n"), html: html(&lines) }
}

/// The notice to the address a patient stopped using: it no longer signs them in. Says which kind of
/// address changed, never the new one; tells them what to do if it was not them.
pub fn contact_changed(practice: &PracticeName, channel: Channel, help: Option<&PracticePhone>, lang: Lang) -> Rendered {
    match lang {
        Lang::En => {
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
        Lang::Es => {
            let what = match channel {
                Channel::Email => "el correo electrónico",
                Channel::Sms => "el número de celular",
            };
            let call =
                help.map(|phone| format!(" llame a {practice} al {}", phone.0)).unwrap_or_else(|| format!(" comuníquese con {practice}"));
            let lines = vec![
                format!(
                    "Se cambió {what} con que entra en el portal de pacientes de {practice}; esta dirección ya no le sirve para entrar."
                ),
                format!("Si usted no hizo este cambio,{call} cuanto antes."),
            ];
            Rendered {
                sms: format!("{practice}: se cambió {what} con que entra en el portal. Si no fue usted,{call}."),
                subject: format!("Se cambiaron sus datos para entrar en {practice}"),
                text: lines.join("\n\n"),
                html: html(&lines),
            }
        }
    }
}

/// The notice that the practice changed the patient's details (names, date of birth, contact): says only
/// that something changed and where to ask, never what, so it carries no PHI.
pub fn details_updated(practice: &PracticeName, help: Option<&PracticePhone>, lang: Lang) -> Rendered {
    match lang {
        Lang::En => {
            let call = help.map(|phone| format!(" call {practice} at {}", phone.0)).unwrap_or_else(|| format!(" contact {practice}"));
            let lines = vec![
                format!("{practice} updated the details it keeps for you in its patient portal."),
                format!("You can see them after you sign in. If you did not expect this change, please{call}."),
            ];
            Rendered {
                sms: format!("{practice} updated your details in its patient portal. If you did not expect this, please{call}."),
                subject: format!("{practice} updated your details"),
                text: lines.join("\n\n"),
                html: html(&lines),
            }
        }
        Lang::Es => {
            let call =
                help.map(|phone| format!(" llame a {practice} al {}", phone.0)).unwrap_or_else(|| format!(" comuníquese con {practice}"));
            let lines = vec![
                format!("{practice} actualizó los datos que guarda de usted en su portal de pacientes."),
                format!("Puede verlos al entrar. Si no esperaba este cambio,{call}."),
            ];
            Rendered {
                sms: format!("{practice} actualizó sus datos en el portal de pacientes. Si no lo esperaba,{call}."),
                subject: format!("{practice} actualizó sus datos"),
                text: lines.join("\n\n"),
                html: html(&lines),
            }
        }
    }
}

/// An invitation to help someone with their care: it names neither the patient nor why (the patient
/// tells the invitee, with the code).
pub fn proxy_invitation(practice: &PracticeName, link: &PortalLink, valid_hours: u32, lang: Lang) -> Rendered {
    let (lines, sms, subject) = match lang {
        Lang::En => (
            vec![
                format!("You have been invited to help someone with their care at {practice}, through its patient portal."),
                format!("Open this link to accept: {link}"),
                "You will need the code the person who invited you has, and their date of birth.".to_string(),
                format!("The link expires in {valid_hours} hours. If you were not expecting this, ignore it."),
            ],
            format!("{practice}: you have been invited to its patient portal: {link} (expires in {valid_hours} h)"),
            format!("An invitation to the {practice} patient portal"),
        ),
        Lang::Es => (
            vec![
                format!("Le han invitado a ayudar a alguien con su atención en {practice}, a través de su portal de pacientes."),
                format!("Abra este enlace para aceptar: {link}"),
                "Necesitará el código que tiene la persona que le invitó y su fecha de nacimiento.".to_string(),
                format!("El enlace vence en {valid_hours} horas. Si no lo esperaba, ignórelo."),
            ],
            format!("{practice}: le han invitado a su portal de pacientes: {link} (vence en {valid_hours} h)"),
            format!("Una invitación al portal de pacientes de {practice}"),
        ),
    };
    Rendered { sms, subject, text: lines.join("\n\n"), html: html(&lines) }
}

/// The invitation to the portal.
pub fn invitation(practice: &PracticeName, link: &PortalLink, valid_hours: u32, lang: Lang) -> Rendered {
    let (lines, sms, subject) = match lang {
        Lang::En => (
            vec![
                format!("{practice} has invited you to its patient portal."),
                format!("Open this link to sign in: {link}"),
                format!("The link works once and expires in {valid_hours} hours."),
            ],
            format!("{practice} invited you to its patient portal: {link} (works once, expires in {valid_hours} h)"),
            format!("Your invitation to the {practice} patient portal"),
        ),
        Lang::Es => (
            vec![
                format!("{practice} le invita a su portal de pacientes."),
                format!("Abra este enlace para entrar: {link}"),
                format!("El enlace sirve una sola vez y vence en {valid_hours} horas."),
            ],
            format!("{practice} le invita a su portal de pacientes: {link} (sirve una vez, vence en {valid_hours} h)"),
            format!("Su invitación al portal de pacientes de {practice}"),
        ),
    };
    Rendered { sms, subject, text: lines.join("\n\n"), html: html(&lines) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_carry_only_their_inputs() {
        let practice = PracticeName::new("Riverside   Family\nPractice");
        let code = OneTimeCode::new("123456".into()).unwrap_or_else(|| unreachable!());
        let host = PortalHost::of_origin("https://riverside.portal.example.com:8443");
        let rendered = sign_in_code(&practice, &code, host.as_ref(), Lang::En);
        assert!(rendered.sms.starts_with("123456 is your Riverside Family Practice sign-in code"));
        assert!(rendered.sms.ends_with("\n\n@riverside.portal.example.com #123456"), "the origin-bound line is last: {}", rendered.sms);
        assert!(rendered.sms.len() <= 160, "one SMS segment: {}", rendered.sms.len());
        let spanish = sign_in_code(&practice, &code, host.as_ref(), Lang::Es);
        assert!(spanish.sms.starts_with("123456 es su código") && spanish.sms.ends_with("#123456"));
        let link = PortalLink::invitation("https://riverside.portal.example.com", "tok");
        let invite = invitation(&practice, &link, 24, Lang::En);
        assert!(invite.text.contains("https://riverside.portal.example.com/#/invite/tok"));
        assert!(OneTimeCode::new("12345".into()).is_none());
    }

    #[test]
    fn the_details_notice_names_no_detail_and_fits_one_segment() {
        let practice = PracticeName::new("Riverside Family Practice");
        let phone = PracticePhone("+1 555 0100".into());
        for lang in [Lang::En, Lang::Es] {
            let rendered = details_updated(&practice, Some(&phone), lang);
            assert!(rendered.sms.chars().count() <= 160, "one SMS segment: {}", rendered.sms);
            assert!(rendered.sms.contains("+1 555 0100") && rendered.text.contains("Riverside Family Practice"));
        }
    }

    #[test]
    fn html_is_escaped() {
        let code = OneTimeCode::new("000001".into()).unwrap_or_else(|| unreachable!());
        let rendered = sign_in_code(&PracticeName::new("A <b> & Co"), &code, None, Lang::En);
        assert!(rendered.html.contains("A &lt;b&gt; &amp; Co"));
    }
}
