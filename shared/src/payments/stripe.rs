//! [`StripePayments`]: Stripe's REST API, form-encoded, with the API version pinned, an
//! `Idempotency-Key` on every create and the connected account in `Stripe-Account` (direct charges).

use async_trait::async_trait;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::{
    DisputeAnswer, DisputeEvidence, Metadata, NewPaymentIntent, NewRefund, PaymentIntent, Payments, PaymentsError, Refund, SetupIntent,
};

/// The API version every request names, so a change in Stripe's defaults never changes Portico.
pub const STRIPE_API_VERSION: &str = "2024-06-20";

#[derive(Clone)]
pub struct StripeConfig {
    /// `https://api.stripe.com` in AWS; the stand-in's origin locally.
    pub api_base: String,
    /// The platform's secret key (Secrets Manager).
    pub secret_key: SecretString,
    pub publishable_key: String,
    /// Where the browser loads Stripe.js from (`https://js.stripe.com/v3/`; the stand-in's locally).
    pub js_url: String,
}

pub struct StripePayments {
    http: reqwest::Client,
    config: StripeConfig,
}

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Deserialize)]
struct ErrorDetail {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    decline_code: Option<String>,
}

impl StripePayments {
    pub fn new(config: StripeConfig) -> Result<Self, PaymentsError> {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .map_err(|e| PaymentsError::Unavailable(e.to_string()))?;
        Ok(StripePayments { http, config })
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: reqwest::Method,
        path: &str,
        account: &str,
        form: Option<Vec<(String, String)>>,
        key: Option<&str>,
    ) -> Result<T, PaymentsError> {
        let url = format!("{}{path}", self.config.api_base.trim_end_matches('/'));
        let mut request = self
            .http
            .request(method, url)
            .bearer_auth(self.config.secret_key.expose_secret())
            .header("Stripe-Version", STRIPE_API_VERSION)
            .header("Stripe-Account", account);
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        if let Some(form) = form {
            request = request.form(&form);
        }
        let response = request.send().await.map_err(|e| PaymentsError::Unavailable(e.without_url().to_string()))?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(|e| PaymentsError::Unavailable(e.without_url().to_string()))?;
        if status.is_success() {
            return serde_json::from_slice(&bytes).map_err(|e| PaymentsError::Unavailable(format!("unreadable answer: {e}")));
        }
        if status.as_u16() == 429 || status.is_server_error() {
            return Err(PaymentsError::Unavailable(format!("status {status}")));
        }
        let detail = serde_json::from_slice::<ErrorBody>(&bytes).map(|b| b.error).ok();
        match detail {
            // Another request with the same key is still running at Stripe: nothing is decided yet.
            Some(d) if status.as_u16() == 409 && d.code.as_deref() == Some("idempotency_key_in_use") => Err(PaymentsError::InFlight),
            Some(d) if d.kind == "card_error" => {
                // A soft decline that needs the cardholder says so in its decline code.
                let needs_cardholder = d.decline_code.as_deref() == Some("authentication_required");
                Err(PaymentsError::Declined(if needs_cardholder { "authentication_required".into() } else { d.code.unwrap_or_default() }))
            }
            Some(d) if d.kind == "idempotency_error" => Err(PaymentsError::KeyReused),
            Some(d) if status.as_u16() == 404 || d.code.as_deref() == Some("resource_missing") => Err(PaymentsError::NotFound),
            Some(d) => Err(PaymentsError::Refused { kind: d.kind, code: d.code.unwrap_or_default() }),
            None => Err(PaymentsError::Unavailable(format!("status {status}"))),
        }
    }
}

/// The form fields of a PaymentIntent: amounts, ids and switches, nothing else.
pub(crate) fn payment_intent_form(new: &NewPaymentIntent) -> Vec<(String, String)> {
    let mut form = vec![
        ("amount".to_string(), new.amount.to_string()),
        ("currency".to_string(), new.currency.clone()),
        ("description".to_string(), super::DESCRIPTION.to_string()),
    ];
    // The browser's Payment Element offers what the account enables; a saved card charged off-session
    // is a card, confirmed now, with no page to return to.
    if new.off_session.is_none() {
        form.push(("automatic_payment_methods[enabled]".to_string(), "true".to_string()));
    } else {
        form.push(("payment_method_types[]".to_string(), "card".to_string()));
    }
    for (name, value) in new.metadata.pairs() {
        form.push((format!("metadata[{name}]"), value.to_string()));
    }
    if let Some(suffix) = &new.statement_descriptor_suffix {
        form.push(("statement_descriptor_suffix".to_string(), suffix.clone()));
    }
    if let Some(saved) = &new.off_session {
        form.push(("customer".to_string(), saved.customer.clone()));
        form.push(("payment_method".to_string(), saved.payment_method.clone()));
        form.push(("off_session".to_string(), "true".to_string()));
        form.push(("confirm".to_string(), "true".to_string()));
    }
    form
}

fn metadata_form(metadata: &Metadata) -> Vec<(String, String)> {
    metadata.pairs().iter().map(|(name, value)| (format!("metadata[{name}]"), value.to_string())).collect()
}

pub(crate) fn refund_form(new: &NewRefund) -> Vec<(String, String)> {
    let mut form = vec![("payment_intent".to_string(), new.payment_intent.clone()), ("amount".to_string(), new.amount.to_string())];
    if let Some(reason) = new.reason {
        form.push(("reason".to_string(), reason.to_string()));
    }
    for (name, value) in new.metadata.pairs() {
        form.push((format!("metadata[{name}]"), value.to_string()));
    }
    form
}

/// Stripe ids are short ASCII tokens; anything else never goes into a path.
fn plain_id(id: &str) -> Result<&str, PaymentsError> {
    if !id.is_empty() && id.len() <= 255 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        Ok(id)
    } else {
        Err(PaymentsError::NotFound)
    }
}

#[async_trait]
impl Payments for StripePayments {
    async fn create_payment_intent(&self, account: &str, new: &NewPaymentIntent, key: &str) -> Result<PaymentIntent, PaymentsError> {
        self.call(reqwest::Method::POST, "/v1/payment_intents", account, Some(payment_intent_form(new)), Some(key)).await
    }

    async fn payment_intent(&self, account: &str, id: &str) -> Result<PaymentIntent, PaymentsError> {
        self.call(reqwest::Method::GET, &format!("/v1/payment_intents/{}", plain_id(id)?), account, None, None).await
    }

    async fn cancel_payment_intent(&self, account: &str, id: &str) -> Result<PaymentIntent, PaymentsError> {
        let path = format!("/v1/payment_intents/{}/cancel", plain_id(id)?);
        let key = format!("portico-cancel-{id}");
        self.call(
            reqwest::Method::POST,
            &path,
            account,
            Some(vec![("cancellation_reason".to_string(), "abandoned".to_string())]),
            Some(&key),
        )
        .await
    }

    async fn create_customer(&self, account: &str, metadata: &Metadata, key: &str) -> Result<String, PaymentsError> {
        #[derive(serde::Deserialize)]
        struct Customer {
            id: String,
        }
        let customer: Customer =
            self.call(reqwest::Method::POST, "/v1/customers", account, Some(metadata_form(metadata)), Some(key)).await?;
        Ok(customer.id)
    }

    async fn create_setup_intent(
        &self,
        account: &str,
        customer: &str,
        metadata: &Metadata,
        key: &str,
    ) -> Result<SetupIntent, PaymentsError> {
        let mut form = vec![
            ("customer".to_string(), customer.to_string()),
            ("usage".to_string(), "off_session".to_string()),
            ("automatic_payment_methods[enabled]".to_string(), "true".to_string()),
        ];
        form.extend(metadata_form(metadata));
        self.call(reqwest::Method::POST, "/v1/setup_intents", account, Some(form), Some(key)).await
    }

    async fn setup_intent(&self, account: &str, id: &str) -> Result<SetupIntent, PaymentsError> {
        self.call(reqwest::Method::GET, &format!("/v1/setup_intents/{}", plain_id(id)?), account, None, None).await
    }

    async fn create_refund(&self, account: &str, new: &NewRefund, key: &str) -> Result<Refund, PaymentsError> {
        self.call(reqwest::Method::POST, "/v1/refunds", account, Some(refund_form(new)), Some(key)).await
    }

    async fn submit_dispute_evidence(
        &self,
        account: &str,
        dispute: &str,
        evidence: &DisputeEvidence,
        key: &str,
    ) -> Result<DisputeAnswer, PaymentsError> {
        let path = format!("/v1/disputes/{}", plain_id(dispute)?);
        self.call(reqwest::Method::POST, &path, account, Some(evidence.form()), Some(key)).await
    }

    async fn dispute(&self, account: &str, id: &str) -> Result<DisputeAnswer, PaymentsError> {
        self.call(reqwest::Method::GET, &format!("/v1/disputes/{}", plain_id(id)?), account, None, None).await
    }

    fn publishable_key(&self) -> &str {
        &self.config.publishable_key
    }

    fn js_url(&self) -> &str {
        &self.config.js_url
    }
}

/// A function whose Stripe client could not be built: every call is refused, and the function's
/// configuration check has said why.
pub struct Unconfigured;

#[async_trait]
impl Payments for Unconfigured {
    async fn create_payment_intent(&self, _: &str, _: &NewPaymentIntent, _: &str) -> Result<PaymentIntent, PaymentsError> {
        Err(PaymentsError::Unavailable("payments are not configured".into()))
    }
    async fn payment_intent(&self, _: &str, _: &str) -> Result<PaymentIntent, PaymentsError> {
        Err(PaymentsError::Unavailable("payments are not configured".into()))
    }
    async fn cancel_payment_intent(&self, _: &str, _: &str) -> Result<PaymentIntent, PaymentsError> {
        Err(PaymentsError::Unavailable("payments are not configured".into()))
    }
    async fn create_customer(&self, _: &str, _: &Metadata, _: &str) -> Result<String, PaymentsError> {
        Err(PaymentsError::Unavailable("payments are not configured".into()))
    }
    async fn create_setup_intent(&self, _: &str, _: &str, _: &Metadata, _: &str) -> Result<SetupIntent, PaymentsError> {
        Err(PaymentsError::Unavailable("payments are not configured".into()))
    }
    async fn setup_intent(&self, _: &str, _: &str) -> Result<SetupIntent, PaymentsError> {
        Err(PaymentsError::Unavailable("payments are not configured".into()))
    }
    async fn create_refund(&self, _: &str, _: &NewRefund, _: &str) -> Result<Refund, PaymentsError> {
        Err(PaymentsError::Unavailable("payments are not configured".into()))
    }
    async fn submit_dispute_evidence(&self, _: &str, _: &str, _: &DisputeEvidence, _: &str) -> Result<DisputeAnswer, PaymentsError> {
        Err(PaymentsError::Unavailable("payments are not configured".into()))
    }
    async fn dispute(&self, _: &str, _: &str) -> Result<DisputeAnswer, PaymentsError> {
        Err(PaymentsError::Unavailable("payments are not configured".into()))
    }
    fn publishable_key(&self) -> &str {
        ""
    }

    fn js_url(&self) -> &str {
        ""
    }
}
