//! `GET /staff/threads`: the practice's inbox.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    portico::lambda::serve::<portico_messaging::endpoints::StaffThreadsList>(env!("CARGO_BIN_NAME")).await
}
