//! `worker-billing` (SQS `billing`): Stripe's events, applied to the ledger exactly once in any order.
//! Partial batch responses: only failed items come back.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    portico::lambda::run::<portico_billing::functions::WorkerBilling>(env!("CARGO_BIN_NAME")).await
}
