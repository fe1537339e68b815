//! The storage contract, stamped out for each adapter.

use portico_tests::contract;

macro_rules! contract_suite {
    ($adapter:ident) => {
        mod $adapter {
            use super::contract;

            macro_rules! check {
                ($name:ident) => {
                    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                    async fn $name() {
                        contract::$name(contract::$adapter().await).await;
                    }
                };
            }

            check!(round_trips_every_value_kind);
            check!(not_exists_admits_one_writer);
            check!(versions_guard_updates);
            check!(updates_set_add_remove_and_report);
            check!(deletes_honour_conditions);
            check!(expired_items_are_never_honoured);
            check!(transactions_are_all_or_nothing);
            check!(queries_select_ranges_in_order);
            check!(pages_visit_every_item_once);
            check!(cursors_cannot_cross_partitions);
            check!(indexes_follow_their_items);
            check!(races_have_exactly_one_winner);
        }
    };
}

contract_suite!(redb);
contract_suite!(dynamo);
