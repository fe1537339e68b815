//! The storage port's contract, written once and run against every adapter (the embedded one and
//! DynamoDB on the emulator). Each check takes a fresh table and a clock it may move.

use std::sync::Arc;

use chrono::Duration;
use portico::clock::{Clock, ManualClock};
use portico::store::{Condition, Cursor, DynamoTable, Index, Item, Key, Query, RedbTable, StoreError, Table, Update, Write, ensure_table};
use serde_json::json;

pub struct Fixture {
    pub table: Arc<dyn Table>,
    pub clock: Arc<ManualClock>,
    _dir: Option<tempfile::TempDir>,
}

pub async fn redb() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let table = RedbTable::open(&dir.path().join("t.redb"), clock.clone() as Arc<dyn Clock>).unwrap();
    Fixture { table: Arc::new(table), clock, _dir: Some(dir) }
}

pub async fn dynamo() -> Fixture {
    let sdk = crate::emulator::sdk_config().await;
    let name = crate::emulator::table_name("contract");
    ensure_table(&sdk, &name).await.unwrap_or_else(|e| panic!("creating {name} on the emulator: {e}"));
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    Fixture { table: Arc::new(DynamoTable::new(&sdk, name, clock.clone() as Arc<dyn Clock>)), clock, _dir: None }
}

fn key(pk: &str, sk: &str) -> Key {
    Key::new(pk, sk)
}

fn now(f: &Fixture) -> i64 {
    f.clock.now().timestamp()
}

pub async fn round_trips_every_value_kind(f: Fixture) {
    let item = Item::new(key("P", "S"))
        .with("text", "héllo")
        .with("int", 42)
        .with("negative", -7)
        .with("flag", true)
        .with("nothing", serde_json::Value::Null)
        .with("list", json!(["a", 1, false]))
        .with("map", json!({ "nested": { "deep": [1, 2] }, "empty": "" }));
    f.table.put(item.clone(), Condition::Always).await.unwrap();
    let read = f.table.get(&key("P", "S")).await.unwrap();
    assert_eq!(read, Some(item), "an item reads back as written");
    assert_eq!(f.table.get(&key("P", "missing")).await.unwrap(), None);
}

pub async fn not_exists_admits_one_writer(f: Fixture) {
    let first = Item::new(key("P", "ONCE")).with("by", "first");
    f.table.put(first.clone(), Condition::NotExists).await.unwrap();
    let second = f.table.put(Item::new(key("P", "ONCE")).with("by", "second"), Condition::NotExists).await;
    match second {
        Err(StoreError::ConditionFailed { current: Some(current), .. }) => {
            assert_eq!(current.str("by"), Some("first"), "the failure reports the winner")
        }
        other => panic!("expected a condition failure with the current item, got {other:?}"),
    }
    assert_eq!(f.table.get(&key("P", "ONCE")).await.unwrap(), Some(first));
}

pub async fn versions_guard_updates(f: Fixture) {
    f.table.put(Item::new(key("P", "V")).with("version", 1).with("n", 1), Condition::NotExists).await.unwrap();
    f.table.put(Item::new(key("P", "V")).with("version", 2).with("n", 2), Condition::VersionIs(1)).await.unwrap();
    let stale = f.table.put(Item::new(key("P", "V")).with("version", 2).with("n", 3), Condition::VersionIs(1)).await;
    assert!(stale.as_ref().is_err_and(StoreError::is_condition_failed), "a stale version is refused: {stale:?}");
    let missing = f.table.put(Item::new(key("P", "NEW")).with("version", 1), Condition::VersionIs(0)).await;
    assert!(missing.is_err_and(|e| e.is_condition_failed()), "VersionIs requires the item to exist");
    assert_eq!(f.table.get(&key("P", "V")).await.unwrap().and_then(|i| i.i64("n")), Some(2));
}

pub async fn updates_set_add_remove_and_report(f: Fixture) {
    let created = f.table.update(Update::new(key("P", "U")).set("name", "a").add("count", 2)).await.unwrap();
    assert_eq!((created.str("name"), created.i64("count")), (Some("a"), Some(2)), "an update creates an absent item");
    let updated = f.table.update(Update::new(key("P", "U")).add("count", 3).remove("name").set("other", true)).await.unwrap();
    assert_eq!(updated.i64("count"), Some(5));
    assert_eq!(updated.get("name"), None, "removed attributes are gone");
    assert_eq!(updated.get("other"), Some(&json!(true)));
    let refused = f.table.update(Update::new(key("P", "U")).add("count", 1).when(Condition::lt("count", 5))).await;
    match refused {
        Err(StoreError::ConditionFailed { current: Some(current), .. }) => assert_eq!(current.i64("count"), Some(5)),
        other => panic!("expected a condition failure with the current item, got {other:?}"),
    }
    let counted =
        f.table.update(Update::new(key("P", "C")).add("n", 1).when(Condition::Missing("n".into()).or(Condition::lt("n", 2)))).await;
    assert!(counted.is_ok(), "a counter may start when absent: {counted:?}");
}

pub async fn deletes_honour_conditions(f: Fixture) {
    f.table.put(Item::new(key("P", "D")).with("owner", "a"), Condition::Always).await.unwrap();
    let wrong = f.table.delete(&key("P", "D"), Condition::eq("owner", "b")).await;
    assert!(wrong.is_err_and(|e| e.is_condition_failed()));
    assert!(f.table.get(&key("P", "D")).await.unwrap().is_some(), "a refused delete deletes nothing");
    f.table.delete(&key("P", "D"), Condition::eq("owner", "a")).await.unwrap();
    assert_eq!(f.table.get(&key("P", "D")).await.unwrap(), None);
}

pub async fn expired_items_are_never_honoured(f: Fixture) {
    let expires = now(&f) + 10;
    let item = Item::new(key("P", "E")).with("version", 1).with("secret", "s").expiring_at(expires);
    f.table.put(item, Condition::NotExists).await.unwrap();
    assert!(f.table.get(&key("P", "E")).await.unwrap().is_some(), "alive before its ttl");
    f.clock.advance(Duration::seconds(11));
    assert_eq!(f.table.get(&key("P", "E")).await.unwrap(), None, "an expired item reads as absent");
    let page = f.table.query(Query::partition(Index::Table, "P")).await.unwrap();
    assert!(page.items.iter().all(|i| i.key.sk != "E"), "queries skip expired items");
    let exists = f.table.update(Update::new(key("P", "E")).set("used", true).when(Condition::Exists)).await;
    assert!(exists.is_err_and(|e| e.is_condition_failed()), "Exists fails on an expired item");
    let version = f.table.update(Update::new(key("P", "E")).set("used", true).when(Condition::VersionIs(1))).await;
    assert!(version.is_err_and(|e| e.is_condition_failed()), "VersionIs fails on an expired item");
    f.table
        .put(Item::new(key("P", "E")).with("fresh", true), Condition::NotExists)
        .await
        .unwrap_or_else(|e| panic!("NotExists holds for an expired item: {e}"));
}

pub async fn transactions_are_all_or_nothing(f: Fixture) {
    f.table.put(Item::new(key("P", "B")).with("v", 1), Condition::Always).await.unwrap();
    f.table.put(Item::new(key("P", "C")), Condition::Always).await.unwrap();
    let failed = f
        .table
        .transact(vec![
            Write::put(Item::new(key("P", "A")).with("v", 1), Condition::NotExists),
            Write::put(Item::new(key("P", "B")).with("v", 2), Condition::NotExists),
        ])
        .await;
    match failed {
        Err(StoreError::ConditionFailed { index: Some(1), .. }) => {}
        other => panic!("expected the second write to fail the transaction, got {other:?}"),
    }
    assert_eq!(f.table.get(&key("P", "A")).await.unwrap(), None, "nothing of a failed transaction is written");
    assert_eq!(f.table.get(&key("P", "B")).await.unwrap().and_then(|i| i.i64("v")), Some(1));
    f.table
        .transact(vec![
            Write::put(Item::new(key("P", "A")).with("v", 1), Condition::NotExists),
            Write::Update(Update::new(key("P", "B")).add("v", 1).when(Condition::eq("v", 1))),
            Write::Check { key: key("P", "C"), condition: Condition::Exists },
            Write::Delete { key: key("P", "Z"), condition: Condition::Always },
        ])
        .await
        .unwrap();
    assert_eq!(f.table.get(&key("P", "B")).await.unwrap().and_then(|i| i.i64("v")), Some(2));
    let duplicate = f
        .table
        .transact(vec![Write::put(Item::new(key("P", "X")), Condition::Always), Write::put(Item::new(key("P", "X")), Condition::Always)])
        .await;
    assert!(matches!(duplicate, Err(StoreError::Invalid(_))), "one item may appear once per transaction: {duplicate:?}");
}

async fn fill(f: &Fixture, partition: &str, sorts: &[&str]) {
    for sk in sorts {
        f.table.put(Item::new(key(partition, sk)).with("sk", *sk), Condition::Always).await.unwrap();
    }
}

fn sorts(items: &[Item]) -> Vec<String> {
    items.iter().map(|i| i.key.sk.clone()).collect()
}

pub async fn queries_select_ranges_in_order(f: Fixture) {
    fill(&f, "Q", &["A#1", "A#2", "A#3", "B#1", "C#1"]).await;
    fill(&f, "Q2", &["A#9"]).await;
    let all = f.table.query(Query::partition(Index::Table, "Q")).await.unwrap();
    assert_eq!(sorts(&all.items), ["A#1", "A#2", "A#3", "B#1", "C#1"]);
    let prefix = f.table.query(Query::partition(Index::Table, "Q").begins_with("A#")).await.unwrap();
    assert_eq!(sorts(&prefix.items), ["A#1", "A#2", "A#3"]);
    let between = f.table.query(Query::partition(Index::Table, "Q").between("A#2", "B#1")).await.unwrap();
    assert_eq!(sorts(&between.items), ["A#2", "A#3", "B#1"], "between is inclusive");
    let newest = f.table.query(Query::partition(Index::Table, "Q").begins_with("A#").backward().limit(2)).await.unwrap();
    assert_eq!(sorts(&newest.items), ["A#3", "A#2"]);
    assert!(newest.next.is_some(), "a full page says more may follow");
}

pub async fn pages_visit_every_item_once(f: Fixture) {
    let names: Vec<String> = (0..23).map(|i| format!("I#{i:03}")).collect();
    fill(&f, "PG", &names.iter().map(String::as_str).collect::<Vec<_>>()).await;
    for forward in [true, false] {
        let mut seen = Vec::new();
        let mut cursor: Option<Cursor> = None;
        for _ in 0..10 {
            let mut query = Query::partition(Index::Table, "PG").begins_with("I#").limit(5).after(cursor.clone());
            if !forward {
                query = query.backward();
            }
            let page = f.table.query(query).await.unwrap();
            seen.extend(sorts(&page.items));
            match page.next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        let mut expected = names.clone();
        if !forward {
            expected.reverse();
        }
        assert_eq!(seen, expected, "paging {} visits each item once, in order", if forward { "forward" } else { "backward" });
    }
}

pub async fn cursors_cannot_cross_partitions(f: Fixture) {
    fill(&f, "PR#a#PT#1", &["M#1", "M#2", "M#3"]).await;
    fill(&f, "PR#b#PT#1", &["M#1", "M#2", "M#3"]).await;
    let page = f.table.query(Query::partition(Index::Table, "PR#a#PT#1").limit(1)).await.unwrap();
    let cursor = page.next.unwrap_or_else(|| panic!("a first page of one has a cursor"));
    let crossed = f.table.query(Query::partition(Index::Table, "PR#b#PT#1").after(Some(cursor.clone()))).await;
    assert!(matches!(crossed, Err(StoreError::BadCursor)), "a cursor from another partition is refused: {crossed:?}");
    let other_index = f.table.query(Query::partition(Index::Gsi1, "PR#a#PT#1").after(Some(cursor))).await;
    assert!(matches!(other_index, Err(StoreError::BadCursor)), "a cursor from another index is refused");
    for garbage in ["", "not a cursor!", "eyJpIjowfQ"] {
        let used = match Cursor::parse(garbage) {
            Ok(c) => f.table.query(Query::partition(Index::Table, "PR#a#PT#1").after(Some(c))).await.map(|_| ()),
            Err(e) => Err(e),
        };
        assert!(matches!(used, Err(StoreError::BadCursor)), "garbage cursor {garbage:?} is refused: {used:?}");
    }
}

pub async fn indexes_follow_their_items(f: Fixture) {
    for (sk, name) in [("1", "cara"), ("2", "ann"), ("3", "ben")] {
        let item = Item::new(key(&format!("PT#{sk}"), "PROFILE")).with("name", name).indexed(Index::Gsi1, "NAMES", format!("{name}#{sk}"));
        f.table.put(item, Condition::Always).await.unwrap();
    }
    let names = |items: &[Item]| items.iter().filter_map(|i| i.str("name").map(str::to_string)).collect::<Vec<_>>();
    let page = f.table.query(Query::partition(Index::Gsi1, "NAMES")).await.unwrap();
    assert_eq!(names(&page.items), ["ann", "ben", "cara"], "index order is the index sort key");
    let newest = f.table.query(Query::partition(Index::Gsi1, "NAMES").backward().limit(2)).await.unwrap();
    let oldest = f.table.query(Query::partition(Index::Gsi1, "NAMES").backward().limit(2).after(newest.next.clone())).await.unwrap();
    assert_eq!([names(&newest.items), names(&oldest.items)].concat(), ["cara", "ben", "ann"], "indexes read backwards, in pages");
    let first = f.table.query(Query::partition(Index::Gsi1, "NAMES").limit(2)).await.unwrap();
    let rest = f.table.query(Query::partition(Index::Gsi1, "NAMES").limit(2).after(first.next.clone())).await.unwrap();
    assert_eq!([names(&first.items), names(&rest.items)].concat(), ["ann", "ben", "cara"], "index pages join up");
    f.table.update(Update::new(key("PT#2", "PROFILE")).set("name", "zoe").set("GSI1SK", "zoe#2")).await.unwrap();
    f.table.delete(&key("PT#3", "PROFILE"), Condition::Always).await.unwrap();
    let after = f.table.query(Query::partition(Index::Gsi1, "NAMES").begins_with("")).await.unwrap();
    assert_eq!(names(&after.items), ["cara", "zoe"], "an index reflects updates and deletes");
}

pub async fn races_have_exactly_one_winner(f: Fixture) {
    let table = Arc::clone(&f.table);
    let attempts = (0..20).map(|i| {
        let table = Arc::clone(&table);
        async move { table.put(Item::new(key("RACE", "ONE")).with("by", i), Condition::NotExists).await }
    });
    let results = futures::future::join_all(attempts).await;
    let winners = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(winners, 1, "exactly one conditional create wins: {results:?}");
    let counters = (0..20).map(|_| {
        let table = Arc::clone(&table);
        async move {
            loop {
                match table.update(Update::new(key("RACE", "COUNT")).add("n", 1)).await {
                    Ok(_) => return,
                    Err(StoreError::Conflict) => continue,
                    Err(e) => panic!("{e}"),
                }
            }
        }
    });
    futures::future::join_all(counters).await;
    assert_eq!(table.get(&key("RACE", "COUNT")).await.unwrap().and_then(|i| i.i64("n")), Some(20), "no increment is lost");
}

pub async fn batches_read_many_items_in_order(f: Fixture) {
    let table = f.table.as_ref();
    for (sk, ttl) in [("a", None), ("b", None), ("gone", Some(now(&f) + 60))] {
        let mut item = Item::new(key("P", sk)).with("v", sk);
        if let Some(ttl) = ttl {
            item = item.expiring_at(ttl);
        }
        table.put(item, Condition::NotExists).await.unwrap();
    }
    f.clock.advance(Duration::seconds(61));
    let keys = [key("P", "b"), key("P", "missing"), key("P", "a"), key("P", "gone"), key("P", "b")];
    let items = table.get_many(&keys).await.unwrap();
    let values: Vec<Option<String>> = items.iter().map(|i| i.as_ref().and_then(|i| i.str("v")).map(str::to_string)).collect();
    assert_eq!(
        values,
        [Some("b".into()), None, Some("a".into()), None, Some("b".into())],
        "in the order asked, absent and expired as None"
    );
    assert!(table.get_many(&[]).await.is_err(), "an empty batch is refused");
}
