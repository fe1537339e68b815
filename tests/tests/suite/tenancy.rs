//! Tenant claims: a slug, a custom domain or a texting number belongs to one practice at most, on both
//! stores; hosts resolve with one read to the practice that holds them, whatever their spelling.

use std::sync::Arc;

use portico::directory::practices::{self, CreateError};
use portico::ids::PracticeId;
use portico::store::Table;
use portico_local::seed::practice_record;
use portico_tests::contract::{self, Fixture};

fn practice(slug: &str, domains: &[&str], number: &str) -> portico::directory::Practice {
    let mut record = practice_record(PracticeId::generate(chrono::Utc::now()), slug, slug);
    record.custom_domains = domains.iter().map(|d| d.to_string()).collect();
    record.settings.sms_numbers = vec![number.to_string()];
    record
}

async fn claims_are_unique(f: Fixture) {
    let table = f.table.as_ref();
    let first = practices::create(table, &practice("alpha", &["Clínica.Example."], "+15555550190")).await.unwrap();
    assert_eq!(first.custom_domains, ["xn--clnica-4va.example"], "domains are stored in one form");

    for (rival, taken) in [
        (practice("alpha", &[], "+15555550191"), "SLUG#alpha"),
        (practice("beta", &["xn--clnica-4va.example"], "+15555550192"), "DOMAIN#xn--clnica-4va.example"),
        (practice("gamma", &["CLÍNICA.example"], "+15555550193"), "DOMAIN#xn--clnica-4va.example"),
        (practice("delta", &[], "+15555550190"), "NUMBER#+15555550190"),
    ] {
        match practices::create(table, &rival).await {
            Err(CreateError::Taken(key)) => assert_eq!(key, taken),
            other => panic!("{} took {taken}: {other:?}", rival.slug),
        }
        assert!(practices::get(table, &rival.id).await.unwrap().is_none(), "a refused practice leaves nothing behind");
        let resolved = practices::find_by_host(table, taken).await.unwrap();
        assert_eq!(resolved.as_ref(), Some(&first.id), "{taken} still resolves to its first holder");
    }
    let rival = practice("epsilon", &[], "+15555550194");
    assert!(practices::create(table, &rival).await.is_ok(), "the rivals' own claims were not left half-written");
    for key in ["SLUG#beta", "SLUG#gamma", "SLUG#delta"] {
        assert_eq!(practices::find_by_host(table, key).await.unwrap(), None, "{key} was never claimed");
    }
}

async fn one_of_many_claimants_wins(f: Fixture) {
    let table: Arc<dyn Table> = f.table.clone();
    let attempts = (0..10).map(|i| {
        let table = table.clone();
        async move { practices::create(table.as_ref(), &practice("contested", &[], &format!("+1555555{:04}", 300 + i))).await }
    });
    let results = futures::future::join_all(attempts).await;
    let winners: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(winners.len(), 1, "exactly one practice holds the slug: {results:?}");
    for loser in results.iter().filter_map(|r| r.as_ref().err()) {
        assert!(matches!(loser, CreateError::Taken(key) if key == "SLUG#contested"), "{loser:?}");
    }
    assert_eq!(practices::find_by_host(table.as_ref(), "SLUG#contested").await.unwrap().as_ref(), Some(&winners[0].id));
}

#[tokio::test]
async fn a_slug_domain_or_number_belongs_to_one_practice() {
    claims_are_unique(contract::redb().await).await;
}

#[tokio::test]
async fn a_slug_domain_or_number_belongs_to_one_practice_on_dynamodb() {
    claims_are_unique(contract::dynamo().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_of_many_claimants_wins_a_slug() {
    one_of_many_claimants_wins(contract::redb().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_of_many_claimants_wins_a_slug_on_dynamodb() {
    one_of_many_claimants_wins(contract::dynamo().await).await;
}
