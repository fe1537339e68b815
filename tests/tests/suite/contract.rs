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
            check!(batches_read_many_items_in_order);
        }
    };
}

contract_suite!(redb);
contract_suite!(dynamo);

/// The blob and queue contracts, stamped out for the local stand-ins and for S3 and SQS on the emulator.
macro_rules! ports_suite {
    ($adapter:ident, $spawn:path, $copy:ident, [$($policy:ident),*]) => {
        mod $adapter {
            use portico_tests::ports_contract::{self, CopyConditions};

            macro_rules! check {
                ($name:ident) => {
                    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                    async fn $name() {
                        ports_contract::$name($spawn().await).await;
                    }
                };
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn only_the_checked_content_is_promoted() {
                ports_contract::only_the_checked_content_is_promoted($spawn().await, CopyConditions::$copy).await;
            }

            check!(an_upload_is_inspected_as_stored);
            $(check!($policy);)*
            check!(downloads_serve_the_file_only_through_a_signed_link);
            check!(messages_arrive_as_sent_and_leave_when_handled);
            check!(only_failed_items_come_back);
            check!(a_deferred_message_waits);
            check!(a_message_received_too_often_is_dead_lettered);
        }
    };
}

ports_suite!(local_ports, portico_tests::spawn_app, Enforced, [uploads_outside_their_policy_are_refused]);
// The emulator evaluates neither POST policy conditions nor copy conditions (see ports_contract).
ports_suite!(aws_ports, portico_tests::spawn_on_emulator, Ignored, []);
