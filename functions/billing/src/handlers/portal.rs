//! The patient's billing: balance, invoices, the ledger and payments; paying.

use portico::auth::Scope;
use portico::http::{ApiError, Exchange, Problem, Reply};
use portico::ids::{InvoiceId, PaymentId};

use super::{amount, required_key};
use crate::api::{AutopayRequest, AutopaySetup, AutopayView, BillingView, ConsentText, PayRequest, PayStarted, PaymentView};
use crate::deps::{BillingDeps, PayDeps};
use crate::pay::{self, PayError, PayOrder};
use crate::statements::{Month, StatementView};
use portico::directory::patients;

/// The billing screen: what is owed, invoices, every entry and payment. One query of the patient's
/// billing, read while the session is checked.
#[utoipa::path(get, path = "/portal/billing", tag = "billing", security(("patient" = [])),
    responses((status = 200, body = BillingView), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting for someone (Portico-Acting-For) without a live grant that allows billing")))]
pub async fn billing(d: &BillingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let table = d.table.as_ref();
    let (who, (screen, account)) = x
        .patient_reading(Scope::Billing, async |practice, patient| {
            let (screen, account) = futures::join!(crate::screen::read(table, practice, patient), crate::accounts::get(table, practice));
            Ok((screen?, account?))
        })
        .await?;
    let zone = practice_zone(x, &who.practice).await?;
    Ok(Reply::ok(&screen.view(account.as_ref(), zone, x.now())))
}

/// Starts a payment (or resumes the one this Idempotency-Key started): the server checks the amount
/// against what is owed, records the payment, and creates its Stripe PaymentIntent; the browser
/// confirms it with Stripe.js, and the payment is `processing` until Stripe's event posts it.
#[utoipa::path(post, path = "/portal/billing/payments", tag = "billing", security(("patient" = [])), request_body = PayRequest,
    params(("Idempotency-Key" = String, Header, description = "Required: one per payment, the same on every retry of it")),
    responses((status = 201, body = PayStarted), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "The practice takes no payments online, or acting without a grant that allows billing"),
        (status = 409, body = Problem, description = "The card processor refused"), (status = 415, body = Problem),
        (status = 422, body = Problem, description = "Not a payable amount (zero, negative, fractional, above what is owed, below the minimum), not an invoice, or an Idempotency-Key reused with another body")))]
pub async fn pay(d: &PayDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Billing).await?;
    let body: PayRequest = x.json()?;
    let key = required_key(x)?;
    let invoice = body
        .invoice_id
        .as_deref()
        .map(|raw| InvoiceId::parse(raw).ok_or_else(|| ApiError::field("invoice_id", "is not an invoice id")))
        .transpose()?;
    let amount = amount(&body.amount)?;
    let table = d.table.as_ref();
    let account = crate::accounts::get(table, &who.practice).await?.ok_or(PayError::NotEnabled)?;
    let paid_by = match &who.acting {
        Some(a) => format!("proxy:{}", a.person),
        None => "patient".to_string(),
    };
    let order = PayOrder { account: &account, practice: &who.practice, patient: &who.patient, invoice, amount, key: &key, paid_by };
    let (payment, intent) = pay::start(table, d.payments.as_ref(), order, x.now()).await?;
    x.object(payment.payment_id.to_string());
    let started = PayStarted {
        payment: PaymentView::from(&payment),
        client_secret: (!payment.status.is_final()).then_some(intent.client_secret).flatten(),
        publishable_key: d.payments.publishable_key().to_string(),
        stripe_account: account.stripe_account.clone(),
        js_url: d.payments.js_url().to_string(),
    };
    Ok(Reply::created(&started, &format!("/portal/billing/payments/{}", payment.payment_id)))
}

/// One payment: the portal asks while it shows "processing", until Stripe's event has posted it.
#[utoipa::path(get, path = "/portal/billing/payments/{id}", tag = "billing", security(("patient" = [])),
    params(("id" = String, Path)),
    responses((status = 200, body = PaymentView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting without a grant that allows billing"), (status = 404, body = Problem)))]
pub async fn payment(d: &BillingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let id = x.path_id("id", PaymentId::parse)?;
    let table = d.table.as_ref();
    let (_, found) =
        x.patient_reading(Scope::Billing, async |practice, patient| Ok(pay::get(table, practice, patient, &id).await?)).await?;
    let found = found.ok_or(ApiError::NotFound)?;
    x.object(id.to_string());
    Ok(Reply::ok(&PaymentView::from(&found)))
}

/// A month's statement (`YYYY-MM`, in the practice's zone): JSON for the portal's printable page, or
/// with `format=pdf` the same statement as a PDF to download.
#[utoipa::path(get, path = "/portal/billing/statements/{month}", tag = "billing", security(("patient" = [])),
    params(("month" = String, Path, description = "YYYY-MM"), ("format" = Option<String>, Query, description = "`pdf` for a PDF; JSON otherwise")),
    responses((status = 200, body = StatementView, description = "The statement (JSON), or with format=pdf the PDF (application/pdf)",
            content((StatementView = "application/json"), (Vec<u8> = "application/pdf"))),
        (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting without a grant that allows billing"), (status = 404, body = Problem, description = "Not a month with a statement")))]
pub async fn statement(d: &BillingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let month = x.path_id("month", Month::parse)?;
    let pdf = match x.query("format").as_deref() {
        None | Some("json") => false,
        Some("pdf") => true,
        Some(_) => return Err(ApiError::field("format", "is pdf or json")),
    };
    let table = d.table.as_ref();
    let (who, (screen, account, patient)) = x
        .patient_reading(Scope::Billing, async |practice, patient| {
            let (screen, account, found) = futures::join!(
                crate::screen::read(table, practice, patient),
                crate::accounts::get(table, practice),
                patients::get(table, practice, patient)
            );
            Ok((screen?, account?, found?))
        })
        .await?;
    let practice = x.practice(&who.practice).await?;
    let zone = practice_zone(x, &who.practice).await?;
    if !crate::statements::months(&screen.entries, zone, x.now()).contains(&month.to_string()) {
        return Err(ApiError::NotFound);
    }
    let name = patient.map(|p| format!("{} {}", p.given_name.as_str(), p.family_name.as_str())).unwrap_or_default();
    let currency = screen.summary.as_ref().map(|s| s.currency.clone()).or(account.map(|a| a.currency)).unwrap_or_else(|| "usd".into());
    let view = crate::statements::statement(&screen.entries, month, zone, (&practice.name, &name), &currency);
    x.object(month.to_string());
    if !pdf {
        return Ok(Reply::ok(&view));
    }
    let disposition = format!("attachment; filename=\"statement-{month}.pdf\"");
    let disposition = http::HeaderValue::from_str(&disposition).map_err(ApiError::internal)?;
    Ok(Reply::bytes("application/pdf", crate::statements::pdf(&view))
        .header(http::header::CONTENT_DISPOSITION, disposition)
        .header(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store")))
}

/// The practice's zone, in which statement months begin and end.
pub(crate) async fn practice_zone(x: &Exchange<'_>, practice: &portico::ids::PracticeId) -> Result<chrono_tz::Tz, ApiError> {
    Ok(x.practice(practice).await?.settings.default_time_zone.parse().unwrap_or(chrono_tz::UTC))
}

fn person(who: &portico::auth::PatientPrincipal) -> String {
    match &who.acting {
        Some(a) => format!("proxy:{}", a.person),
        None => "patient".to_string(),
    }
}

/// Starts saving a card for autopay: a SetupIntent the browser confirms with Stripe.js
/// (`confirmSetup`). Nothing is charged.
#[utoipa::path(post, path = "/portal/billing/autopay/setup", tag = "billing", security(("patient" = [])),
    params(("Idempotency-Key" = String, Header, description = "Required: one per card being saved")),
    responses((status = 201, body = AutopaySetup), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "The practice takes no payments online, or acting without a grant that allows billing"),
        (status = 503, body = Problem, description = "The card processor did not answer")))]
pub async fn autopay_setup(d: &PayDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Billing).await?;
    let key = required_key(x)?;
    let table = d.table.as_ref();
    let account = crate::accounts::get(table, &who.practice).await?.ok_or(PayError::NotEnabled)?;
    let setup = crate::autopay::setup(table, d.payments.as_ref(), &account, &who.patient, &key).await?;
    let started = AutopaySetup {
        client_secret: setup.client_secret.unwrap_or_default(),
        publishable_key: d.payments.publishable_key().to_string(),
        stripe_account: account.stripe_account.clone(),
        js_url: d.payments.js_url().to_string(),
        consent_version: crate::autopay::CONSENT_VERSION.to_string(),
        consent_text: ConsentText { en: crate::autopay::CONSENT_EN.into(), es: crate::autopay::CONSENT_ES.into() },
    };
    Ok(Reply::created(&started, "/portal/billing/autopay"))
}

/// Turns autopay on with the saved card, a cap and the patient's consent (opt-in only).
#[utoipa::path(put, path = "/portal/billing/autopay", tag = "billing", security(("patient" = [])), request_body = AutopayRequest,
    responses((status = 200, body = AutopayView), (status = 400, body = Problem), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "The practice takes no payments online, or acting without a grant that allows billing"),
        (status = 415, body = Problem),
        (status = 422, body = Problem, description = "No consent, terms no longer current, a cap out of range, or a card that was not saved. Codes: `consent_version` `not_current` (the words changed since that version was shown: show the new ones and ask again); `setup_intent_id` `not_saved` (not a card Stripe saved for this patient: try another) or `processing` (a bank account the bank has not confirmed yet: nothing is on; ask again once it has)"),
        (status = 503, body = Problem, description = "The card processor did not answer")))]
pub async fn autopay_put(d: &PayDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Billing).await?;
    let body: AutopayRequest = x.json()?;
    let cap = super::amount(&body.cap).map_err(|_| ApiError::field("cap", "must be a whole number of cents"))?;
    let table = d.table.as_ref();
    let account = crate::accounts::get(table, &who.practice).await?.ok_or(PayError::NotEnabled)?;
    let asked = crate::autopay::Enrolment {
        setup_intent: &body.setup_intent_id,
        cap,
        consent: body.consent,
        consent_version: &body.consent_version,
        by: person(&who),
    };
    let saved = crate::autopay::enroll(table, d.payments.as_ref(), &account, &who.patient, asked, x.now()).await?;
    let paused = crate::screen::summary(table, &who.practice, &who.patient).await?.is_some_and(|s| s.autopay_paused);
    let zone = practice_zone(x, &who.practice).await?;
    Ok(Reply::ok(&AutopayView::of(&saved, paused, zone, x.now())))
}

/// Turns autopay off.
#[utoipa::path(delete, path = "/portal/billing/autopay", tag = "billing", security(("patient" = [])),
    responses((status = 204), (status = 401, body = Problem),
        (status = 403, body = Problem, description = "Acting without a grant that allows billing")))]
pub async fn autopay_delete(d: &BillingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.patient_in(Scope::Billing).await?;
    crate::autopay::turn_off(d.table.as_ref(), &who.practice, &who.patient).await?;
    Ok(Reply::no_content())
}
