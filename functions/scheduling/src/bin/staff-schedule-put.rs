//! `PUT /staff/schedule/{clinician}`: sets a clinician's weekly schedule.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_scheduling::endpoints::StaffSchedulePut>(env!("CARGO_BIN_NAME")).await
}
