//! Inbound texts. Keywords first (STOP and its synonyms opt out, START opts back in, HELP answers with the
//! practice's contact); any other text joins the patient's most recent open thread, or opens one. The
//! practice is the one that owns the receiving number; the patient is found by phone within it. Each
//! `MessageSid` is applied once.

use std::sync::Arc;

use chrono::Utc;
use portico::auth::Actor;
use portico::clock::Clock;
use portico::consents::{self, Provenance};
use portico::crypto::Hasher;
use portico::directory::{Patient, Practice, patients, practices};
use portico::domain::{Address, Phone};
use portico::events::{Event, EventKind};
use portico::idempotency::{self, Claim, Claimed};
use portico::notify::templates::{Lang, PortalLink, PracticeName};
use portico::notify::wording::{self, NotificationValues, TemplateKind};
use portico::store::{StoreError, Table};
use portico::tenant::Tenants;

use crate::threads::{self, Author, Body, Draft, ThreadStatus, Via};

/// What the inbound-text webhook uses.
pub struct InboundDeps {
    pub table: Arc<dyn Table>,
    pub clock: Arc<dyn Clock>,
    pub tenants: Arc<Tenants>,
    pub hasher: Hasher,
}

/// How long a claim on an inbound text lasts before another delivery may take it over.
fn lease() -> chrono::Duration {
    chrono::Duration::seconds(60)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundText {
    pub message_sid: String,
    pub from: Phone,
    pub to: Phone,
    pub body: String,
}

impl InboundText {
    pub fn from_params(params: &[(String, String)]) -> Result<Self, &'static str> {
        let get = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        let sid = get("MessageSid").or_else(|| get("SmsSid")).filter(|s| !s.is_empty() && s.len() <= 64).ok_or("MessageSid is missing")?;
        Ok(InboundText {
            message_sid: sid.to_string(),
            from: Phone::parse(get("From").ok_or("From is missing")?)?,
            to: Phone::parse(get("To").ok_or("To is missing")?)?,
            // Control characters (a NUL, say) are dropped; line breaks and tabs are kept.
            body: get("Body").unwrap_or_default().chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').take(1600).collect(),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
    Stop,
    Start,
    Help,
}

/// The carrier keywords, in any case, with surrounding spaces.
pub fn keyword(body: &str) -> Option<Keyword> {
    match body.trim().to_uppercase().as_str() {
        "STOP" | "STOPALL" | "UNSUBSCRIBE" | "CANCEL" | "END" | "QUIT" | "REVOKE" | "OPTOUT" => Some(Keyword::Stop),
        "START" | "UNSTOP" | "YES" => Some(Keyword::Start),
        "HELP" => Some(Keyword::Help),
        _ => None,
    }
}

/// Whether a text answers a reminder's "Reply C to confirm": `C` or `confirm` (`confirmar`), in any
/// case, with spaces and closing punctuation around it. Anything longer is a message for the care team.
/// Scheduling applies it ([`EventKind::ConfirmByText`]); `CANCEL` stays a carrier keyword and never
/// cancels an appointment.
pub fn confirms(body: &str) -> bool {
    let word = body.trim().trim_end_matches(['.', '!']).trim_end().to_uppercase();
    matches!(word.as_str(), "C" | "CONFIRM" | "CONFIRMAR")
}

#[derive(Debug, thiserror::Error)]
pub enum InboundError {
    #[error("another delivery of this text is being applied")]
    InProgress,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Thread(#[from] threads::ThreadError),
}

/// What became of an inbound text, for the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub reply: Option<String>,
    pub patient: Option<portico::ids::PatientId>,
    pub practice: Option<portico::ids::PracticeId>,
    pub duplicate: bool,
}

impl InboundDeps {
    /// A keyword reply, in the language of the patient the number belongs to (English for a stranger).
    async fn reply_text(&self, practice: &Practice, patient: Option<&Patient>, kind: TemplateKind) -> Result<String, StoreError> {
        let lang = patient.map_or(Lang::En, |p| Lang::of(&p.language));
        let (template, _) = wording::load(self.table.as_ref(), &practice.id, kind, lang).await?;
        let values = NotificationValues {
            appointment_time: None,
            practice_name: PracticeName::new(&practice.name),
            portal_link: PortalLink::home(&self.tenants.portal_url(practice)),
            practice_phone: practice.settings.contact_phone.clone(),
            lang,
        };
        Ok(template.sms.render(&values))
    }

    pub async fn receive(&self, text: &InboundText) -> Result<Received, InboundError> {
        let table = self.table.as_ref();
        let now = self.clock.now();
        let nobody = Received { reply: None, patient: None, practice: None, duplicate: false };
        let Some(practice_id) = practices::find_by_number(table, text.to.as_str()).await? else { return Ok(nobody) };
        let Some(practice) = self.tenants.by_id(&practice_id).await? else { return Ok(nobody) };
        let id = Claimed::new(&practice.id, "sms-in", &text.message_sid);
        let held = match idempotency::claim::<bool>(table, &id, now, lease()).await? {
            Claim::Mine(held) => held,
            // Twilio sent this one before: it changes nothing, and gets no second reply.
            Claim::Done(_) => return Ok(Received { duplicate: true, practice: Some(practice.id.clone()), ..nobody }),
            // Another delivery is applying it now: this one fails, so Twilio's retry finds the outcome.
            Claim::Busy => return Err(InboundError::InProgress),
        };
        match self.apply(&practice, text, now).await {
            Ok(received) => {
                idempotency::record(table, &id, &held, &true, now).await?;
                Ok(received)
            }
            Err(e) => {
                // Not applied: let Twilio's retry apply it, rather than take the retry for a duplicate.
                idempotency::release(table, &id, &held).await?;
                Err(e)
            }
        }
    }

    /// What an inbound text does, once it is known to be the first delivery of its `MessageSid`.
    async fn apply(&self, practice: &Practice, text: &InboundText, now: chrono::DateTime<Utc>) -> Result<Received, InboundError> {
        let table = self.table.as_ref();
        let practice = practice.clone();
        let patient = match patients::find_by_address(table, &self.hasher, &practice.id, &Address::Sms(text.from.clone())).await? {
            Some(id) => patients::get(table, &practice.id, &id).await?,
            None => None,
        };
        let provenance = |patient: &portico::ids::PatientId| Provenance {
            method: None,
            actor: Actor::Patient(patient.clone()),
            ip: None,
            user_agent: Some("sms".into()),
            request_id: text.message_sid.clone(),
        };
        let reply = match keyword(&text.body) {
            Some(Keyword::Stop) => {
                if let Some(patient) = &patient {
                    consents::record_text_keyword(table, &practice, patient, false, &provenance(&patient.patient_id), now).await?;
                }
                Some(self.reply_text(&practice, patient.as_ref(), TemplateKind::OptOutConfirmation).await?)
            }
            Some(Keyword::Start) => {
                let opted_in = match &patient {
                    Some(patient) => {
                        consents::record_text_keyword(table, &practice, patient, true, &provenance(&patient.patient_id), now).await?
                    }
                    None => false,
                };
                // Only a patient who stopped texts is told they are back on; anyone else gets the contact.
                let kind = if opted_in { TemplateKind::OptInConfirmation } else { TemplateKind::HelpReply };
                Some(self.reply_text(&practice, patient.as_ref(), kind).await?)
            }
            Some(Keyword::Help) => Some(self.reply_text(&practice, patient.as_ref(), TemplateKind::HelpReply).await?),
            // A "C" from a patient: scheduling confirms their appointment and answers by text.
            None if confirms(&text.body) && patient.as_ref().is_some_and(Patient::is_active) => {
                if let Some(patient) = &patient {
                    let kind = EventKind::ConfirmByText { message_sid: text.message_sid.clone() };
                    table.transact(vec![Event::new(&practice.id, &patient.patient_id, kind, now).write()?]).await?;
                }
                None
            }
            None => match &patient {
                Some(patient) if patient.is_active() && !text.body.trim().is_empty() => {
                    self.append(&practice, &patient.patient_id, &text.body, now).await?;
                    None
                }
                // A number we cannot match gets the help text, and its words are not kept; so does a text
                // with no words (a picture alone), since pictures are not taken by text.
                _ => Some(self.reply_text(&practice, patient.as_ref(), TemplateKind::HelpReply).await?),
            },
        };
        Ok(Received { reply, patient: patient.map(|p| p.patient_id), practice: Some(practice.id.clone()), duplicate: false })
    }

    /// Adds the text to the patient's most recent open thread, or opens a thread for it.
    async fn append(
        &self,
        practice: &Practice,
        patient: &portico::ids::PatientId,
        body: &str,
        now: chrono::DateTime<Utc>,
    ) -> Result<(), InboundError> {
        let table = self.table.as_ref();
        let draft = Draft {
            author: Author::Patient,
            via: Via::Sms,
            body: Body::parse(body).map_err(|_| threads::ThreadError::Empty)?,
            internal: false,
            urgent: false,
            attachments: Vec::new(),
            written_by: None,
        };
        // A minor's text goes only into a conversation they started themself: a parent acting for them
        // may see the others, and a text may hold what the teen keeps to themself.
        let minor = match portico::directory::patients::get(table, &practice.id, patient).await? {
            Some(found) => portico::proxies::is_minor(found.date_of_birth.date(), practice, now),
            None => false,
        };
        let open = threads::for_patient(table, &practice.id, patient)
            .await?
            .into_iter()
            .find(|t| t.status == ThreadStatus::Open && (!minor || t.opener() == portico::auth::Opener::Patient));
        match open {
            Some(thread) => {
                threads::post(table, practice, patient, &thread.thread_id, draft, &threads::Reader::Patient(None), now).await.map(|_| ())?
            }
            None => {
                let topic = threads::rules::TEXTED_TOPIC;
                let opening = threads::Opening { topic, subject: "Text message".into(), care_team: threads::care_team(practice, topic) };
                threads::start(table, practice, patient, opening, draft, &threads::Reader::Patient(None), now).await.map(|_| ())?
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_in_any_case_with_spaces() {
        for stop in ["STOP", " stop ", "StopAll", "unsubscribe", "cancel", "END", "quit", "Revoke", "optout\n"] {
            assert_eq!(keyword(stop), Some(Keyword::Stop), "{stop:?}");
        }
        for start in ["START", "unstop", " yes"] {
            assert_eq!(keyword(start), Some(Keyword::Start), "{start:?}");
        }
        assert_eq!(keyword("help"), Some(Keyword::Help));
        for other in ["stop please", "yes I can come", "", "STOPP"] {
            assert_eq!(keyword(other), None, "{other:?}");
        }
    }
}
