//! `worker-billing-autopay` (hourly): charges active autopays in their practices' early hours.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    portico::lambda::run::<portico_billing::functions::AutopayRun>(env!("CARGO_BIN_NAME")).await
}
