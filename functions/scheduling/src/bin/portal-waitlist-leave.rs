//! `DELETE /portal/waitlist/{entry_id}`: leaves a waitlist.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::PortalWaitlistLeave>(env!("CARGO_BIN_NAME")).await
}
