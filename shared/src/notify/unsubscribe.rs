//! One-click unsubscribe (RFC 8058) from notification emails. Each email carries a link whose token
//! names the practice, the patient and the category, signed with the server's key; a mail client posts
//! `List-Unsubscribe=One-Click` to it and that category's emails stop. Sign-in codes and invitations
//! are transactional and carry no such link.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::gate::Category;
use crate::crypto::Hasher;
use crate::directory::patients;
use crate::ids::{PatientId, PracticeId};
use crate::store::retry::{Round, settle, until_settled};
use crate::store::{StoreError, Table};

fn payload(practice: &PracticeId, patient: &PatientId, category: Category) -> String {
    format!("{practice}.{patient}.{}", category.as_str())
}

/// The signed token for one patient's category.
pub fn token(hasher: &Hasher, practice: &PracticeId, patient: &PatientId, category: Category) -> String {
    let payload = payload(practice, patient, category);
    format!("{}.{}", URL_SAFE_NO_PAD.encode(&payload), hasher.digest("unsubscribe", &[&payload]))
}

/// Reads a token back; a token not signed by this server, or malformed, is `None`.
pub fn verify(hasher: &Hasher, token: &str) -> Option<(PracticeId, PatientId, Category)> {
    let (encoded, mac) = token.split_once('.')?;
    let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(encoded).ok()?).ok()?;
    if !hasher.matches("unsubscribe", &[&payload], mac) {
        return None;
    }
    let mut parts = payload.split('.');
    let practice = PracticeId::parse(parts.next()?)?;
    let patient = PatientId::parse(parts.next()?)?;
    let category = Category::parse(parts.next()?)?;
    parts.next().is_none().then_some((practice, patient, category))
}

/// The unsubscribe URL on the practice's portal host (where the API is also served).
pub fn link(hasher: &Hasher, portal_origin: &str, practice: &PracticeId, patient: &PatientId, category: Category) -> String {
    format!("{portal_origin}/email/unsubscribe?token={}", token(hasher, practice, patient, category))
}

/// The RFC 8058 headers.
pub fn headers(link: &str) -> Vec<(String, String)> {
    vec![("List-Unsubscribe".into(), format!("<{link}>")), ("List-Unsubscribe-Post".into(), "List-Unsubscribe=One-Click".into())]
}

/// Turns the category's emails off for the patient. Idempotent.
pub async fn apply(
    table: &dyn Table,
    practice: &PracticeId,
    patient: &PatientId,
    category: Category,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, StoreError> {
    until_settled(|| async {
        let Some(mut current) = patients::get(table, practice, patient).await? else { return Ok(Round::Done(false)) };
        let flag = category.flag_mut(&mut current.preferences.email);
        if !*flag {
            return Ok(Round::Done(true));
        }
        *flag = false;
        current.updated_at = now;
        Ok(settle(patients::save(table, &current).await)?.map(|_| true))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::SecretString;

    #[test]
    fn tokens_round_trip_and_resist_tampering() {
        let hasher = Hasher::new(&SecretString::from("k".repeat(40)));
        let now = chrono::Utc::now();
        let (practice, patient) = (PracticeId::generate(now), PatientId::generate(now));
        let token = token(&hasher, &practice, &patient, Category::Messages);
        assert_eq!(verify(&hasher, &token), Some((practice.clone(), patient.clone(), Category::Messages)));
        let other = self::token(&hasher, &practice, &patient, Category::Marketing);
        let forged = format!("{}.{}", token.split('.').next().unwrap_or_default(), other.split('.').nth(1).unwrap_or_default());
        assert_eq!(verify(&hasher, &forged), None, "a signature for another category does not transfer");
        assert_eq!(verify(&Hasher::new(&SecretString::from("x".repeat(40))), &token), None);
        assert_eq!(verify(&hasher, "garbage"), None);
    }
}
