//! Practice-editable templates for texts and emails. The PHI policy is a type: a template is text with
//! placeholders, and the only placeholders that exist are the practice's name, its phone and the portal
//! link. Rendering takes [`NotificationValues`], which has no field that could hold anything about a
//! patient, so no template, however it is edited, can put PHI into an SMS or an email.

use serde::{Deserialize, Serialize};

use crate::ids::PracticeId;
use crate::keys;
use crate::notify::templates::{Lang, PortalLink, PracticeName};
use crate::store::{Condition, Item, StoreError, Table};

/// The placeholders a template may use, as staff write them: nothing about a patient.
pub const PLACEHOLDERS: [&str; 3] = ["{practice_name}", "{practice_phone}", "{portal_link}"];

/// What a notification may say about anything.
#[derive(Debug, Clone)]
pub struct NotificationValues {
    pub practice_name: PracticeName,
    pub portal_link: PortalLink,
    pub practice_phone: Option<String>,
    /// An appointment's local date and time with its zone, for reminders only.
    pub appointment_time: Option<String>,
    /// The reader's language, for the words that stand in for a missing phone.
    pub lang: Lang,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Placeholder {
    PracticeName,
    PortalLink,
    PracticePhone,
    AppointmentTime,
}

impl Placeholder {
    const ALL: [(&'static str, Placeholder); 4] = [
        ("practice_name", Placeholder::PracticeName),
        ("portal_link", Placeholder::PortalLink),
        ("practice_phone", Placeholder::PracticePhone),
        ("appointment_time", Placeholder::AppointmentTime),
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Part {
    Text(String),
    Value(Placeholder),
}

/// Template text: literal text and allowed placeholders, nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateText {
    parts: Vec<Part>,
    source: String,
}

impl TemplateText {
    /// Parses `{practice_name}`, `{portal_link}` and `{practice_phone}`; anything else in braces is refused.
    pub fn parse(raw: &str, max_chars: usize) -> Result<Self, String> {
        let source = raw.trim().to_string();
        if source.is_empty() {
            return Err("must not be empty".into());
        }
        if source.chars().count() > max_chars {
            return Err(format!("must be at most {max_chars} characters"));
        }
        if source.chars().any(|c| c.is_control() && c != '\n') {
            return Err("contains control characters".into());
        }
        let mut parts = Vec::new();
        let mut rest = source.as_str();
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_string()));
            }
            let close = rest[open..].find('}').ok_or("has a { without its }")? + open;
            let name = &rest[open + 1..close];
            let placeholder = Placeholder::ALL.iter().find(|(n, _)| *n == name).map(|(_, p)| *p).ok_or_else(|| {
                format!("uses {{{name}}}; texts and emails may only use {{practice_name}}, {{practice_phone}} and {{portal_link}}, never anything about a patient")
            })?;
            parts.push(Part::Value(placeholder));
            rest = &rest[close + 1..];
        }
        if rest.contains('}') {
            return Err("has a } without its {".into());
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Ok(TemplateText { parts, source })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    fn uses(&self, placeholder: Placeholder) -> bool {
        self.parts.contains(&Part::Value(placeholder))
    }

    pub fn render(&self, values: &NotificationValues) -> String {
        self.parts
            .iter()
            .map(|part| match part {
                Part::Text(text) => text.clone(),
                Part::Value(Placeholder::PracticeName) => values.practice_name.to_string(),
                Part::Value(Placeholder::PortalLink) => values.portal_link.to_string(),
                Part::Value(Placeholder::AppointmentTime) => values.appointment_time.clone().unwrap_or_default(),
                Part::Value(Placeholder::PracticePhone) => values.practice_phone.clone().unwrap_or_else(|| {
                    match values.lang {
                        Lang::En => "the practice",
                        Lang::Es => "consultorio",
                    }
                    .into()
                }),
            })
            .collect()
    }
}

/// The messages a practice may word its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKind {
    /// "You have a new message": by text and by email.
    MessageWaiting,
    /// The reply to STOP.
    OptOutConfirmation,
    /// The reply to START.
    OptInConfirmation,
    /// The reply to HELP.
    HelpReply,
    /// Before an appointment (24 h and 2 h by default): by text and by email.
    AppointmentReminder,
    /// The practice booked, moved or cancelled an appointment: by text and by email, without details.
    AppointmentUpdate,
    /// An appointment was booked (by the patient, the practice, or a waitlist claim): by text and email,
    /// with its time and nothing else.
    AppointmentBooked,
    /// The answer to a "C" that confirmed the patient's appointment: by text.
    AppointmentConfirmed,
    /// The answer to a "C" that matched no single appointment: confirm in the portal. By text.
    ConfirmInPortal,
    /// An earlier time is open for a patient on the waitlist: claim it in the portal.
    WaitlistOffer,
    /// A payment was received: the receipt is in the portal (never the amount or what it was for). By
    /// text and by email, in the billing category.
    PaymentReceived,
    /// An automatic payment could not be taken (declined, or the card needs the patient): pay in the
    /// portal. By text and by email, in the billing category, without the amount.
    PaymentActionNeeded,
}

impl TemplateKind {
    pub const ALL: [TemplateKind; 12] = [
        TemplateKind::MessageWaiting,
        TemplateKind::OptOutConfirmation,
        TemplateKind::OptInConfirmation,
        TemplateKind::HelpReply,
        TemplateKind::AppointmentReminder,
        TemplateKind::AppointmentUpdate,
        TemplateKind::AppointmentBooked,
        TemplateKind::AppointmentConfirmed,
        TemplateKind::ConfirmInPortal,
        TemplateKind::WaitlistOffer,
        TemplateKind::PaymentReceived,
        TemplateKind::PaymentActionNeeded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TemplateKind::MessageWaiting => "message_waiting",
            TemplateKind::OptOutConfirmation => "opt_out_confirmation",
            TemplateKind::OptInConfirmation => "opt_in_confirmation",
            TemplateKind::HelpReply => "help_reply",
            TemplateKind::AppointmentReminder => "appointment_reminder",
            TemplateKind::AppointmentUpdate => "appointment_update",
            TemplateKind::AppointmentBooked => "appointment_booked",
            TemplateKind::AppointmentConfirmed => "appointment_confirmed",
            TemplateKind::ConfirmInPortal => "confirm_in_portal",
            TemplateKind::WaitlistOffer => "waitlist_offer",
            TemplateKind::PaymentReceived => "payment_received",
            TemplateKind::PaymentActionNeeded => "payment_action_needed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        TemplateKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// Whether the template has an email form (the keyword replies are texts only).
    pub fn has_email(self) -> bool {
        matches!(
            self,
            TemplateKind::MessageWaiting
                | TemplateKind::AppointmentReminder
                | TemplateKind::AppointmentUpdate
                | TemplateKind::AppointmentBooked
                | TemplateKind::WaitlistOffer
                | TemplateKind::PaymentReceived
                | TemplateKind::PaymentActionNeeded
        )
    }

    /// Whether the template says when (the one appointment detail a text or email may carry).
    pub fn says_when(self) -> bool {
        matches!(
            self,
            TemplateKind::AppointmentReminder
                | TemplateKind::AppointmentBooked
                | TemplateKind::AppointmentConfirmed
                | TemplateKind::WaitlistOffer
        )
    }
}

/// Longest template texts: two SMS segments, and a short email.
pub const SMS_MAX: usize = 320;
pub const SUBJECT_MAX: usize = 120;
pub const EMAIL_MAX: usize = 2000;

/// One template: its language, its text, and for emails a subject and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub kind: TemplateKind,
    pub lang: Lang,
    pub sms: TemplateText,
    pub email: Option<(TemplateText, TemplateText)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredTemplate {
    sms: String,
    #[serde(default)]
    email_subject: Option<String>,
    #[serde(default)]
    email_body: Option<String>,
    updated_by: String,
    updated_at: chrono::DateTime<chrono::Utc>,
}

fn defaults(kind: TemplateKind, lang: Lang) -> (&'static str, Option<(&'static str, &'static str)>) {
    match lang {
        Lang::En => english(kind),
        Lang::Es => spanish(kind),
    }
}

/// Texts avoid á, í, ó and ú: outside the GSM-7 alphabet they would turn a 160-character text into
/// 70-character segments. Emails have no such limit.
fn spanish(kind: TemplateKind) -> (&'static str, Option<(&'static str, &'static str)>) {
    match kind {
        TemplateKind::MessageWaiting => (
            "{practice_name}: tiene un mensaje nuevo en su portal del paciente. Entre para leerlo: {portal_link}",
            Some((
                "Mensaje nuevo de {practice_name}",
                "Tiene un mensaje nuevo en su portal del paciente de {practice_name}.\n\nInicie sesión para leerlo: {portal_link}\n\nPor su privacidad, nunca incluimos detalles de los mensajes en el correo electrónico.",
            )),
        ),
        TemplateKind::OptOutConfirmation => (
            "{practice_name}: ya no le enviaremos mensajes de texto. Responda START para volver a recibirlos. Preguntas: llame al {practice_phone}.",
            None,
        ),
        TemplateKind::OptInConfirmation => {
            ("{practice_name}: vuelve a recibir nuestros mensajes de texto. Responda STOP para dejarlos, HELP para ayuda.", None)
        }
        TemplateKind::HelpReply => (
            "Mensajes para pacientes de {practice_name}. Llame al {practice_phone} o visite {portal_link}. Responda STOP para dejar de recibir textos.",
            None,
        ),
        TemplateKind::AppointmentUpdate => (
            "{practice_name}: hay novedades sobre su cita. Vealas en su portal del paciente: {portal_link}",
            Some((
                "Novedades sobre su cita con {practice_name}",
                "Hay novedades sobre su cita con {practice_name}.\n\nVéalas en su portal del paciente: {portal_link}\n\nPor su privacidad, nunca incluimos detalles en el correo electrónico.",
            )),
        ),
        TemplateKind::AppointmentReminder => (
            "{practice_name}: le recordamos su cita del {appointment_time}. Responda C para confirmar. Para cambiarla: {portal_link}",
            Some((
                "Recordatorio de su cita con {practice_name}",
                "Le recordamos su cita con {practice_name} el {appointment_time}.\n\nPara confirmarla, cambiarla o cancelarla, entre en su portal del paciente: {portal_link}\n\nSi no puede asistir, avísenos: {practice_phone}.",
            )),
        ),
        TemplateKind::AppointmentBooked => (
            "{practice_name}: su cita del {appointment_time} esta reservada. Detalles en su portal: {portal_link}",
            Some((
                "Su cita con {practice_name}",
                "Su cita con {practice_name} el {appointment_time} está reservada.\n\nVea los detalles, o cámbiela, en su portal del paciente: {portal_link}\n\nPor su privacidad, nunca incluimos detalles en el correo electrónico.",
            )),
        ),
        TemplateKind::AppointmentConfirmed => ("{practice_name}: su cita del {appointment_time} queda confirmada. Gracias.", None),
        TemplateKind::ConfirmInPortal => {
            ("{practice_name}: no pudimos saber que cita confirmar. Confirmela en su portal del paciente: {portal_link}", None)
        }
        TemplateKind::WaitlistOffer => (
            "{practice_name}: se libero un horario antes, el {appointment_time}. Reservelo en su portal antes que otra persona: {portal_link}",
            Some((
                "Un horario antes con {practice_name}",
                "Se liberó un horario antes con {practice_name}, el {appointment_time}.\n\nSe ofrece a varias personas de la lista de espera: la primera que lo reserve se lo queda. Resérvelo en su portal del paciente: {portal_link}",
            )),
        ),
        TemplateKind::PaymentReceived => (
            "{practice_name}: recibimos su pago. Su recibo esta en su portal del paciente: {portal_link}",
            Some((
                "Recibimos su pago a {practice_name}",
                "Recibimos su pago a {practice_name}. Gracias.\n\nSu recibo está en su portal del paciente: {portal_link}\n\nPor su privacidad, nunca incluimos detalles en el correo electrónico.",
            )),
        ),
        TemplateKind::PaymentActionNeeded => (
            "{practice_name}: no pudimos cobrar su pago automatico. Entre en su portal del paciente para pagar: {portal_link}",
            Some((
                "Su pago automático a {practice_name}",
                "No pudimos cobrar su pago automático a {practice_name}.\n\nEntre en su portal del paciente para pagar o actualizar su tarjeta: {portal_link}\n\nPor su privacidad, nunca incluimos detalles en el correo electrónico.",
            )),
        ),
    }
}

fn english(kind: TemplateKind) -> (&'static str, Option<(&'static str, &'static str)>) {
    match kind {
        TemplateKind::MessageWaiting => (
            "{practice_name}: you have a new message in your patient portal. Sign in to read it: {portal_link}",
            Some((
                "New message from {practice_name}",
                "You have a new message in your {practice_name} patient portal.\n\nSign in to read it: {portal_link}\n\nFor your privacy we never include message details in email.",
            )),
        ),
        TemplateKind::OptOutConfirmation => (
            "{practice_name}: you will no longer receive texts from us. Reply START to resume. Call {practice_phone} with questions.",
            None,
        ),
        TemplateKind::OptInConfirmation => ("{practice_name}: texts are back on. Reply STOP to end, HELP for help.", None),
        TemplateKind::HelpReply => {
            ("{practice_name} patient messages. Call {practice_phone} or visit {portal_link}. Reply STOP to end texts.", None)
        }
        TemplateKind::AppointmentUpdate => (
            "{practice_name}: there is an update about your appointment. See it in your patient portal: {portal_link}",
            Some((
                "An update about your appointment with {practice_name}",
                "There is an update about your appointment with {practice_name}.\n\nSee it in your patient portal: {portal_link}\n\nFor your privacy we never include details in email.",
            )),
        ),
        TemplateKind::AppointmentReminder => (
            "{practice_name}: reminder of your appointment on {appointment_time}. Reply C to confirm. To change it: {portal_link}",
            Some((
                "Your appointment with {practice_name}",
                "A reminder of your appointment with {practice_name} on {appointment_time}.\n\nTo confirm, change or cancel it, sign in to your patient portal: {portal_link}\n\nIf you cannot come, please tell us: {practice_phone}.",
            )),
        ),
        TemplateKind::AppointmentBooked => (
            "{practice_name}: your appointment on {appointment_time} is booked. Details in your patient portal: {portal_link}",
            Some((
                "Your appointment with {practice_name}",
                "Your appointment with {practice_name} on {appointment_time} is booked.\n\nSee the details, or change it, in your patient portal: {portal_link}\n\nFor your privacy we never include details in email.",
            )),
        ),
        TemplateKind::AppointmentConfirmed => ("{practice_name}: your appointment on {appointment_time} is confirmed. Thank you.", None),
        TemplateKind::ConfirmInPortal => (
            "{practice_name}: we could not tell which appointment to confirm. Please confirm it in your patient portal: {portal_link}",
            None,
        ),
        TemplateKind::WaitlistOffer => (
            "{practice_name}: an earlier time opened up on {appointment_time}. Claim it in your patient portal before someone else does: {portal_link}",
            Some((
                "An earlier time with {practice_name}",
                "An earlier time opened up with {practice_name} on {appointment_time}.\n\nIt is offered to a few people on the waitlist; the first to claim it gets it. Claim it in your patient portal: {portal_link}",
            )),
        ),
        TemplateKind::PaymentReceived => (
            "{practice_name}: we received your payment. Your receipt is in your patient portal: {portal_link}",
            Some((
                "We received your payment to {practice_name}",
                "We received your payment to {practice_name}. Thank you.\n\nYour receipt is in your patient portal: {portal_link}\n\nFor your privacy we never include details in email.",
            )),
        ),
        TemplateKind::PaymentActionNeeded => (
            "{practice_name}: we could not take your automatic payment. Please sign in to your patient portal to pay: {portal_link}",
            Some((
                "Your automatic payment to {practice_name}",
                "We could not take your automatic payment to {practice_name}.\n\nPlease sign in to your patient portal to pay or update your card: {portal_link}\n\nFor your privacy we never include details in email.",
            )),
        ),
    }
}

impl Template {
    /// Validates a template as staff wrote it.
    pub fn parse(kind: TemplateKind, lang: Lang, sms: &str, email: Option<(&str, &str)>) -> Result<Self, Vec<(&'static str, String)>> {
        let mut errors = Vec::new();
        let sms = TemplateText::parse(sms, SMS_MAX).map_err(|e| errors.push(("sms", e))).ok();
        if !kind.says_when() && sms.as_ref().is_some_and(|t| t.uses(Placeholder::AppointmentTime)) {
            errors.push(("sms", "may use {appointment_time} only in appointment reminders, confirmations and waitlist offers".to_string()));
        }
        if kind.says_when() && sms.as_ref().is_some_and(|t| !t.uses(Placeholder::AppointmentTime)) {
            errors.push(("sms", "must include {appointment_time}, so the patient knows which appointment".to_string()));
        }
        if kind == TemplateKind::MessageWaiting && sms.as_ref().is_some_and(|t| !t.uses(Placeholder::PortalLink)) {
            errors.push(("sms", "must include {portal_link}, so the patient knows where to read the message".to_string()));
        }
        let email = match (kind.has_email(), email) {
            (true, Some((subject, body))) => {
                let subject = if subject.chars().any(char::is_control) {
                    errors.push(("email_subject", "must be one line, without line breaks or tabs".to_string()));
                    None
                } else {
                    TemplateText::parse(subject, SUBJECT_MAX).map_err(|e| errors.push(("email_subject", e))).ok()
                };
                let body = TemplateText::parse(body, EMAIL_MAX).map_err(|e| errors.push(("email_body", e))).ok();
                subject.zip(body)
            }
            (true, None) => {
                errors.push(("email_subject", "is required for this template".to_string()));
                None
            }
            (false, Some(_)) => {
                errors.push(("email_subject", "this template is sent by text only".to_string()));
                None
            }
            (false, None) => None,
        };
        match (errors.is_empty(), sms) {
            (true, Some(sms)) => Ok(Template { kind, lang, sms, email }),
            _ => Err(errors),
        }
    }

    pub fn default_for(kind: TemplateKind, lang: Lang) -> Self {
        let (sms, email) = defaults(kind, lang);
        // The defaults are valid by construction; a test holds them to it.
        Template::parse(kind, lang, sms, email).unwrap_or_else(|_| Template {
            kind,
            lang,
            sms: TemplateText { parts: vec![Part::Value(Placeholder::PortalLink)], source: "{portal_link}".into() },
            email: None,
        })
    }
}

/// The practice's wording of a template in a language (`true`), or the default wording in that
/// language (`false`): a Spanish reader gets Portico's Spanish before the practice's English.
pub async fn load(table: &dyn Table, practice: &PracticeId, kind: TemplateKind, lang: Lang) -> Result<(Template, bool), StoreError> {
    from_item(kind, lang, table.get(&keys::template(practice, kind.as_str(), lang.as_str())).await?)
}

/// Every template of the practice in every language (kinds in [`TemplateKind::ALL`] order, each in
/// [`Lang::ALL`] order), read in one request.
pub async fn load_all(table: &dyn Table, practice: &PracticeId) -> Result<Vec<(Template, bool)>, StoreError> {
    let pairs: Vec<(TemplateKind, Lang)> = TemplateKind::ALL.into_iter().flat_map(|kind| Lang::ALL.map(|lang| (kind, lang))).collect();
    let keys: Vec<_> = pairs.iter().map(|(kind, lang)| keys::template(practice, kind.as_str(), lang.as_str())).collect();
    let items = table.get_many(&keys).await?;
    pairs.into_iter().zip(items).map(|((kind, lang), item)| from_item(kind, lang, item)).collect()
}

fn from_item(kind: TemplateKind, lang: Lang, item: Option<crate::store::Item>) -> Result<(Template, bool), StoreError> {
    let Some(item) = item else { return Ok((Template::default_for(kind, lang), false)) };
    let stored: StoredTemplate = item.record()?;
    let email = stored.email_subject.as_deref().zip(stored.email_body.as_deref());
    Ok(Template::parse(kind, lang, &stored.sms, email).map(|t| (t, true)).unwrap_or_else(|_| (Template::default_for(kind, lang), false)))
}

pub async fn save(
    table: &dyn Table,
    practice: &PracticeId,
    template: &Template,
    by: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    let stored = StoredTemplate {
        sms: template.sms.source().to_string(),
        email_subject: template.email.as_ref().map(|(s, _)| s.source().to_string()),
        email_body: template.email.as_ref().map(|(_, b)| b.source().to_string()),
        updated_by: by.to_string(),
        updated_at: now,
    };
    table
        .put(Item::from_record(keys::template(practice, template.kind.as_str(), template.lang.as_str()), &stored)?, Condition::Always)
        .await
}

/// An instant as a reminder says it, in the zone where it is and the reader's language:
/// `Fri 20 Nov 2026, 10:00 AM EST`, `vie 20 nov 2026, 10:00 EST`.
pub fn say_when(when: &crate::events::When, lang: Lang) -> String {
    use chrono::{Datelike, Timelike};
    let zone: chrono_tz::Tz = when.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let local = when.at.with_timezone(&zone);
    match lang {
        Lang::En => local.format("%a %-d %b %Y, %-I:%M %p %Z").to_string(),
        Lang::Es => {
            const DAYS: [&str; 7] = ["lun", "mar", "mie", "jue", "vie", "sab", "dom"];
            const MONTHS: [&str; 12] = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"];
            format!(
                "{} {} {} {}, {:02}:{:02} {}",
                DAYS[local.weekday().num_days_from_monday() as usize],
                local.day(),
                MONTHS[local.month0() as usize],
                local.year(),
                local.hour(),
                local.minute(),
                local.format("%Z")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> NotificationValues {
        NotificationValues {
            appointment_time: None,
            practice_name: PracticeName::new("Riverside"),
            portal_link: PortalLink::home("https://riverside.portal.example.com"),
            practice_phone: Some("+15555550100".into()),
            lang: Lang::En,
        }
    }

    #[test]
    fn reminders_say_the_time_in_the_readers_language() {
        let when = crate::events::When {
            at: chrono::DateTime::parse_from_rfc3339("2026-11-20T15:00:00Z").map(|t| t.to_utc()).unwrap_or_default(),
            time_zone: "America/New_York".into(),
        };
        assert_eq!(say_when(&when, Lang::En), "Fri 20 Nov 2026, 10:00 AM EST");
        assert_eq!(say_when(&when, Lang::Es), "vie 20 nov 2026, 10:00 EST");
    }

    #[test]
    fn only_phi_free_placeholders_exist() {
        for bad in ["Hi {first_name}, {portal_link}", "{patient_name}", "{date_of_birth} {portal_link}", "{ portal_link }"] {
            assert!(TemplateText::parse(bad, SMS_MAX).is_err(), "{bad} must be refused");
        }
        let text = TemplateText::parse("{practice_name}: see {portal_link}", SMS_MAX).unwrap();
        assert_eq!(text.render(&values()), "Riverside: see https://riverside.portal.example.com/");
    }

    #[test]
    fn defaults_are_valid_and_short_in_every_language() {
        // GSM-7's basic alphabet beyond ASCII, as far as Spanish needs it.
        let gsm7 = |c: char| c.is_ascii() || "ñÑüÜéÉ¿¡".contains(c);
        for kind in TemplateKind::ALL {
            for lang in Lang::ALL {
                let (sms, email) = defaults(kind, lang);
                let template = Template::parse(kind, lang, sms, email).unwrap();
                let text = template.sms.render(&NotificationValues { lang, ..values() });
                assert!(text.chars().count() <= 160 && text.chars().all(gsm7), "{kind:?} in {lang:?} fits one GSM-7 segment: {text}");
            }
        }
        assert_ne!(defaults(TemplateKind::MessageWaiting, Lang::Es), defaults(TemplateKind::MessageWaiting, Lang::En));
    }

    #[test]
    fn a_missing_phone_reads_right_in_each_language() {
        let (sms, _) = defaults(TemplateKind::HelpReply, Lang::Es);
        let help = Template::parse(TemplateKind::HelpReply, Lang::Es, sms, None).unwrap();
        let text = help.sms.render(&NotificationValues { practice_phone: None, lang: Lang::Es, ..values() });
        assert!(text.contains("Llame al consultorio"), "{text}");
    }

    #[test]
    fn message_waiting_must_link_to_the_portal() {
        assert!(Template::parse(TemplateKind::MessageWaiting, Lang::En, "{practice_name} wrote to you", Some(("s", "b"))).is_err());
        assert!(
            Template::parse(TemplateKind::HelpReply, Lang::En, "Call {practice_phone}", Some(("s", "b"))).is_err(),
            "keyword replies are texts only"
        );
    }
}
