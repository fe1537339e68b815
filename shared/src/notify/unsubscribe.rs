//! One-click unsubscribe (RFC 8058) from notification emails. Each email carries a link with an opaque
//! random token; the table keeps, under the token's keyed digest, which patient and category it stands
//! for, until it expires. The link says nothing itself (no ids), and a token that leaked from an old
//! email stops working. A mail client posts `List-Unsubscribe=One-Click` to it and that category's
//! emails stop. Sign-in codes and invitations are transactional and carry no such link.

use chrono::{DateTime, Duration, Utc};

use super::gate::Category;
use crate::crypto::{self, Hasher};
use crate::directory::patients;
use crate::ids::{PatientId, PracticeId};
use crate::keys;
use crate::store::retry::{Round, settle, until_settled};
use crate::store::{Condition, Item, StoreError, Table};

/// How long an unsubscribe link works: long enough for an email read weeks later.
pub fn lifetime() -> Duration {
    Duration::days(60)
}

/// Issues the token for one email's link.
pub async fn issue(
    table: &dyn Table,
    hasher: &Hasher,
    practice: &PracticeId,
    patient: &PatientId,
    category: Category,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let token = crypto::random_token(32);
    let item = Item::new(keys::unsubscribe(practice, &hasher.digest("unsubscribe", &[&token])))
        .with("patient_id", patient.as_str())
        .with("category", category.as_str())
        .expiring_at((now + lifetime()).timestamp());
    table.put(item, Condition::NotExists).await?;
    Ok(token)
}

/// What a token stands for, while it works; unknown, expired and other practices' tokens are `None`.
pub async fn redeem(
    table: &dyn Table,
    hasher: &Hasher,
    practice: &PracticeId,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<(PatientId, Category)>, StoreError> {
    if token.is_empty() || token.len() > 128 {
        return Ok(None);
    }
    let Some(item) = table.get(&keys::unsubscribe(practice, &hasher.digest("unsubscribe", &[token]))).await? else { return Ok(None) };
    if item.expired(now.timestamp()) {
        return Ok(None);
    }
    let patient = item.str("patient_id").and_then(PatientId::parse);
    let category = item.str("category").and_then(Category::parse);
    Ok(patient.zip(category))
}

/// The unsubscribe URL on the practice's portal host (where the API is also served).
pub fn link(portal_origin: &str, token: &str) -> String {
    format!("{portal_origin}/email/unsubscribe?token={token}")
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

#[cfg(all(test, feature = "local"))]
mod tests {
    use super::*;
    use crate::clock::{Clock, ManualClock};
    use secrecy::SecretString;
    use std::sync::Arc;

    #[tokio::test]
    async fn tokens_are_opaque_scoped_to_their_practice_and_expire() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(ManualClock::new(Utc::now()));
        let table = crate::store::RedbTable::open(&dir.path().join("t.redb"), clock.clone() as Arc<dyn Clock>).unwrap();
        let hasher = Hasher::new(&SecretString::from("k".repeat(40)));
        let now = clock.now();
        let (practice, other, patient) = (PracticeId::generate(now), PracticeId::generate(now), PatientId::generate(now));
        let token = issue(&table, &hasher, &practice, &patient, Category::Messages, now).await.unwrap();
        assert!(!token.contains(patient.as_str()) && !token.contains(practice.as_str()), "the token carries no ids");
        assert!(!link("https://x.example", &token).contains(patient.as_str()));
        assert_eq!(redeem(&table, &hasher, &practice, &token, now).await.unwrap(), Some((patient.clone(), Category::Messages)));
        assert_eq!(redeem(&table, &hasher, &other, &token, now).await.unwrap(), None, "another practice's host knows nothing of it");
        assert_eq!(redeem(&table, &hasher, &practice, "garbage", now).await.unwrap(), None);
        let later = now + lifetime() + Duration::seconds(1);
        assert_eq!(redeem(&table, &hasher, &practice, &token, later).await.unwrap(), None, "an old email's link has stopped working");
    }
}
