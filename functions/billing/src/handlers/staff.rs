//! The staff side of billing: a patient's ledger, charges, adjustments and write-offs, refunds, and
//! the practice's billing account.

use portico::directory::patients;
use portico::http::{ApiError, Exchange, FieldError, Problem, Reply};
use portico::ids::{EntryId, InvoiceId, PatientId, PaymentId};

use super::{amount, required_key};
use crate::api::{
    AccountUpdate, AccountView, AdjustmentKind, AdjustmentRequest, ChargeRequest, DisputeView, EvidenceRequest, EvidenceView, LedgerView,
    MAX_DESCRIPTION, Posted, RefundBody, RefundView,
};
use crate::deps::{BillingDeps, PayDeps};
use crate::evidence;
use crate::ledger::{self, LedgerError};
use crate::model::{Account, EntryKind};
use crate::refunds::{self, RefundOrder};

fn patient_id(x: &Exchange<'_>) -> Result<PatientId, ApiError> {
    x.path_id("id", PatientId::parse)
}

fn description(raw: &str) -> Result<String, ApiError> {
    let text = raw.trim();
    if text.is_empty() || text.chars().count() > MAX_DESCRIPTION || text.chars().any(char::is_control) {
        return Err(ApiError::field("description", "must be 1 to 200 characters on one line"));
    }
    Ok(text.to_string())
}

fn invoice_id(raw: &str) -> Result<InvoiceId, ApiError> {
    InvoiceId::parse(raw).ok_or_else(|| ApiError::field("invoice_id", "is not an invoice id"))
}

/// A patient's whole ledger: balance, invoices, entries, payments, refunds and disputes.
#[utoipa::path(get, path = "/staff/patients/{id}/ledger", tag = "billing", security(("staff" = [])), params(("id" = String, Path)),
    responses((status = 200, body = LedgerView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem)))]
pub async fn ledger(d: &BillingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let patient = patient_id(x)?;
    x.concerning(&patient);
    let table = d.table.as_ref();
    let (who, (found, screen, account)) = x
        .staff_reading(async |practice, _, _| {
            let (found, screen, account) = futures::join!(
                patients::get(table, practice, &patient),
                crate::screen::read(table, practice, &patient),
                crate::accounts::get(table, practice)
            );
            Ok((found?, screen?, account?))
        })
        .await?;
    found.ok_or(ApiError::NotFound)?;
    let zone = super::portal::practice_zone(x, &who.practice).await?;
    let mut billing = screen.view(account.as_ref(), zone, x.now());
    // Staff see every payment, unconfirmed ones too.
    billing.payments = screen.payments.iter().map(crate::api::PaymentView::from).collect();
    Ok(Reply::ok(&LedgerView {
        patient_id: patient.to_string(),
        billing,
        refunds: screen.refunds.iter().map(RefundView::from).collect(),
        disputes: screen.disputes.iter().map(DisputeView::from).collect(),
    }))
}

/// The practice's account and that the patient is one of its patients.
async fn billing_for(d: &BillingDeps, practice: &portico::ids::PracticeId, patient: &PatientId) -> Result<Account, ApiError> {
    let table = d.table.as_ref();
    let (found, account) = futures::join!(patients::get(table, practice, patient), crate::accounts::get(table, practice));
    found?.ok_or(ApiError::NotFound)?;
    account?.ok_or(ApiError::Conflict("Set up the practice's billing account first (Settings, Billing)."))
}

/// Posts a charge: on a new invoice, or added to the one named. With an `Idempotency-Key`, a retry
/// posts nothing more.
#[utoipa::path(post, path = "/staff/patients/{id}/ledger/charges", tag = "billing", security(("staff" = [])), request_body = ChargeRequest,
    params(("id" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "1 to 255 visible ASCII characters")),
    responses((status = 201, body = Posted), (status = 200, body = Posted, description = "Posted before under this Idempotency-Key"),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "No billing account yet"), (status = 415, body = Problem),
        (status = 422, body = Problem, description = "Not a positive whole amount, not this patient's invoice, a final invoice, or an Idempotency-Key reused with another body. The `invoice_id` error's `code`: `final` (the bill is complete: post on a new one) or `not_found` (not this patient's bill)")))]
pub async fn charge(d: &BillingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let patient = patient_id(x)?;
    x.concerning(&patient);
    let body: ChargeRequest = x.json()?;
    let text = description(&body.description)?;
    let invoice = body.invoice_id.as_deref().map(invoice_id).transpose()?;
    let cents = amount(&body.amount)?;
    let finalize = body.finalize.unwrap_or(true);
    if cents <= 0 {
        return Err(ApiError::Unprocessable {
            detail: "A charge is more than zero.".into(),
            errors: vec![FieldError::new("amount", "must be more than zero")],
        });
    }
    let account = billing_for(d, &who.practice, &patient).await?;
    let source = keyed_source(x, "charge")?;
    let by = format!("staff:{}", who.staff);
    let sources = [source.clone()];
    let (invoice, fresh) = ledger::post(
        d.table.as_ref(),
        ledger::Owner { practice: &who.practice, patient: &patient, currency: &account.currency },
        &sources,
        x.now(),
        |draft| match draft.entry(&source) {
            Some(done) if same_posting(done, cents, &text, invoice.as_ref()) => {
                Ok((done.allocations.first().map(|a| a.invoice_id.clone()), false))
            }
            Some(_) => Err(LedgerError::KeyReused),
            None => Ok((Some(draft.charge(&source, invoice.as_ref(), cents, &text, &by, finalize)?), true)),
        },
        |_, _| Ok(Vec::new()),
    )
    .await?;
    let summary = crate::screen::summary(d.table.as_ref(), &who.practice, &patient).await?;
    x.object(source.clone());
    let posted = Posted {
        entry_id: source,
        invoice_id: invoice.map(|i| i.to_string()).unwrap_or_default(),
        balance: summary.map_or(0, |s| s.balance),
    };
    Ok(if fresh { Reply::created(&posted, &format!("/staff/patients/{patient}/ledger")) } else { Reply::ok(&posted) })
}

/// Adjusts an invoice (negative lowers it) or writes some of it off; never below zero. With an
/// `Idempotency-Key`, a retry posts nothing more.
#[utoipa::path(post, path = "/staff/patients/{id}/ledger/adjustments", tag = "billing", security(("staff" = [])), request_body = AdjustmentRequest,
    params(("id" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "1 to 255 visible ASCII characters")),
    responses((status = 201, body = Posted), (status = 200, body = Posted, description = "Posted before under this Idempotency-Key"),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "No billing account yet"), (status = 415, body = Problem),
        (status = 422, body = Problem, description = "Zero or fractional, a write-off that is not negative, below zero, not this patient's invoice (the `invoice_id` error's `code` is `not_found`), or an Idempotency-Key reused with another body")))]
pub async fn adjust(d: &BillingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let patient = patient_id(x)?;
    x.concerning(&patient);
    let body: AdjustmentRequest = x.json()?;
    let text = description(&body.description)?;
    let invoice = invoice_id(&body.invoice_id)?;
    let cents = amount(&body.amount)?;
    if body.kind == AdjustmentKind::WriteOff && cents >= 0 {
        return Err(ApiError::Unprocessable {
            detail: "A write-off lowers what is owed.".into(),
            errors: vec![FieldError::new("amount", "must be negative")],
        });
    }
    let account = billing_for(d, &who.practice, &patient).await?;
    let kind = match body.kind {
        AdjustmentKind::Adjustment => EntryKind::Adjustment,
        AdjustmentKind::WriteOff => EntryKind::WriteOff,
    };
    let source = keyed_source(x, "adjust")?;
    let by = format!("staff:{}", who.staff);
    let owner = ledger::Owner { practice: &who.practice, patient: &patient, currency: &account.currency };
    let sources = [source.clone()];
    let fresh = ledger::post(
        d.table.as_ref(),
        owner,
        &sources,
        x.now(),
        |draft| match draft.entry(&source) {
            Some(done) if same_posting(done, cents, &text, Some(&invoice)) => Ok(false),
            Some(_) => Err(LedgerError::KeyReused),
            None => draft.adjust(&source, kind, &invoice, cents, &text, &by).map(|()| true),
        },
        |_, _| Ok(Vec::new()),
    )
    .await?;
    let summary = crate::screen::summary(d.table.as_ref(), &who.practice, &patient).await?;
    x.object(source.clone());
    let posted = Posted { entry_id: source, invoice_id: invoice.to_string(), balance: summary.map_or(0, |s| s.balance) };
    Ok(if fresh { Reply::created(&posted, &format!("/staff/patients/{patient}/ledger")) } else { Reply::ok(&posted) })
}

/// The source of a staff posting: derived from its `Idempotency-Key` (so a retry finds it), or new.
fn keyed_source(x: &Exchange<'_>, scope: &str) -> Result<String, ApiError> {
    Ok(match x.idempotency_key()? {
        Some(key) => format!("key-{}", crate::pay::key_digest(&format!("{scope}:{key}"))),
        None => EntryId::generate(x.now()).to_string(),
    })
}

/// Whether a posting found under a key is the one asked for again (not another body under the same key).
fn same_posting(done: &crate::model::Entry, cents: i64, text: &str, invoice: Option<&InvoiceId>) -> bool {
    let on_invoice = invoice.is_none_or(|id| done.allocations.iter().any(|a| &a.invoice_id == id));
    done.amount == cents && done.description.as_deref() == Some(text) && on_invoice
}

/// Refunds part or all of a payment. The request is recorded at once (202); the ledger's credit posts
/// when Stripe confirms the refund. The same Idempotency-Key, clicked ten times, makes one refund. A 202
/// whose refund is `unsent` means Stripe did not answer: nothing was refunded or held, and sending the
/// same request again (same key, same body) asks Stripe again for this same refund; a new key would be
/// a second refund.
#[utoipa::path(post, path = "/staff/patients/{id}/ledger/refunds", tag = "billing", security(("staff" = [])), request_body = RefundBody,
    params(("id" = String, Path), ("Idempotency-Key" = String, Header, description = "Required: one per refund, the same on every retry of it")),
    responses((status = 202, body = RefundView, description = "Recorded: `pending` until Stripe confirms, or `unsent` when Stripe did not answer (send the same request again)"),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "Not a completed payment, no billing account, or the card processor refused"),
        (status = 415, body = Problem),
        (status = 422, body = Problem, description = "Not a positive whole amount, more than is left to refund, or an Idempotency-Key reused with another body")))]
pub async fn refund(d: &PayDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let patient = patient_id(x)?;
    x.concerning(&patient);
    let body: RefundBody = x.json()?;
    let key = required_key(x)?;
    let payment = PaymentId::parse(&body.payment_id).ok_or_else(|| ApiError::field("payment_id", "is not a payment id"))?;
    let cents = amount(&body.amount)?;
    let table = d.table.as_ref();
    let (found, account) = futures::join!(patients::get(table, &who.practice, &patient), crate::accounts::get(table, &who.practice));
    found?.ok_or(ApiError::NotFound)?;
    let account = account?.ok_or(ApiError::Conflict("Set up the practice's billing account first (Settings, Billing)."))?;
    let order = RefundOrder {
        account: &account,
        practice: &who.practice,
        patient: &patient,
        payment,
        amount: cents,
        reason: body.reason,
        adjust: body.adjust,
        key: &key,
        by: format!("staff:{}", who.staff),
    };
    let request = refunds::request(table, d.payments.as_ref(), order, x.now()).await?;
    x.object(request.refund_id.to_string());
    Ok(Reply::accepted(&RefundView::from(&request)))
}

fn dispute_id(x: &Exchange<'_>) -> Result<String, ApiError> {
    x.path_id("dispute_id", |raw| {
        let rest = raw.strip_prefix("dp_")?;
        (!rest.is_empty() && rest.len() <= 64 && rest.bytes().all(|b| b.is_ascii_alphanumeric())).then(|| raw.to_string())
    })
}

/// What the practice may offer the card network for a disputed payment: the non-clinical facts
/// (attendance times, the financial policy and autopay authorization accepted, message counts, portal
/// sign-ins, how the payment was made) and, per section, the exact English text Stripe would get.
#[utoipa::path(get, path = "/staff/patients/{id}/ledger/disputes/{dispute_id}/evidence", tag = "billing", security(("staff" = [])),
    params(("id" = String, Path), ("dispute_id" = String, Path, description = "Stripe's dispute id (`dp_…`)")),
    responses((status = 200, body = EvidenceView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem, description = "Not this patient's dispute")))]
pub async fn evidence_get(d: &BillingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let patient = patient_id(x)?;
    let dispute = dispute_id(x)?;
    x.concerning(&patient);
    let table = d.table.as_ref();
    let (who, found) = x.staff_reading(async |practice, _, _| Ok(evidence::find(table, practice, &patient, &dispute).await?)).await?;
    let practice = x.practice(&who.practice).await?;
    let facts = evidence::gather(table, &practice, &patient, &found.payment, &found.dispute).await?;
    x.object(dispute);
    Ok(Reply::ok(&EvidenceView::new(&found, &facts, x.now())))
}

/// Sends the chosen sections to Stripe for the card network, once (final: it cannot be changed after).
/// Answers the dispute's task. A 202 whose evidence is `unsent` means Stripe did not answer: nothing
/// was submitted, and sending again asks again.
#[utoipa::path(post, path = "/staff/patients/{id}/ledger/disputes/{dispute_id}/evidence", tag = "billing", security(("staff" = [])),
    request_body = EvidenceRequest,
    params(("id" = String, Path), ("dispute_id" = String, Path, description = "Stripe's dispute id (`dp_…`)")),
    responses((status = 200, body = EvidenceView, description = "Sent: Stripe has it"),
        (status = 202, body = EvidenceView, description = "Not sent: Stripe did not answer (send again)"),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem, description = "Not this patient's dispute"),
        (status = 409, body = Problem, description = "Not waiting for evidence, past Stripe's deadline, already sent or being sent, or Stripe refused (and does not have it)"),
        (status = 415, body = Problem),
        (status = 422, body = Problem, description = "A chosen section has nothing in it (the `sections` error's `code` is `empty`)")))]
pub async fn evidence_send(d: &PayDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let patient = patient_id(x)?;
    let dispute = dispute_id(x)?;
    x.concerning(&patient);
    let body: EvidenceRequest = x.json()?;
    let mut sections = body.sections;
    sections.sort();
    sections.dedup();
    if sections.is_empty() {
        return Err(ApiError::field("sections", "choose at least one"));
    }
    let table = d.table.as_ref();
    patients::get(table, &who.practice, &patient).await?.ok_or(ApiError::NotFound)?;
    let practice = x.practice(&who.practice).await?;
    x.object(dispute.clone());
    let order = evidence::Send { practice: &practice, patient: &patient, dispute: &dispute, sections, by: &who.staff };
    let (found, facts) = evidence::send(table, d.payments.as_ref(), order, x.now()).await?;
    let view = EvidenceView::new(&found, &facts, x.now());
    let sent = found.dispute.evidence.as_ref().is_some_and(|e| e.state == crate::model::EvidenceState::Sent);
    Ok(if sent { Reply::ok(&view) } else { Reply::accepted(&view) })
}

/// The practice's billing account (administrators and billing staff read it).
#[utoipa::path(get, path = "/staff/billing/account", tag = "billing", security(("staff" = [])),
    responses((status = 200, body = AccountView), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem, description = "Not set up yet")))]
pub async fn account_get(d: &BillingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let table = d.table.as_ref();
    let (_, found) = x.staff_reading(async |practice, _, _| Ok(crate::accounts::get(table, practice).await?)).await?;
    Ok(Reply::ok(&AccountView::from(&found.ok_or(ApiError::NotFound)?)))
}

/// Sets the practice's billing account: its Stripe connected account (one practice per account), live or
/// test mode, currency and payment rules.
#[utoipa::path(put, path = "/staff/billing/account", tag = "billing", security(("staff" = [])), request_body = AccountUpdate,
    responses((status = 200, body = AccountView), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 409, body = Problem, description = "Changed meanwhile"), (status = 415, body = Problem),
        (status = 422, body = Problem, description = "The Stripe account belongs to another practice")))]
pub async fn account_put(d: &BillingDeps, x: &Exchange<'_>) -> Result<Reply, ApiError> {
    let who = x.staff().await?;
    let body: AccountUpdate = x.json()?;
    let mut fields = portico::http::fields::Fields::default();
    let account_ok = body
        .stripe_account
        .strip_prefix("acct_")
        .is_some_and(|r| !r.is_empty() && r.len() <= 64 && r.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !account_ok {
        fields.error("stripe_account", "is not a Stripe account id (acct_…)");
    }
    if !(body.currency.len() == 3 && body.currency.bytes().all(|b| b.is_ascii_lowercase())) {
        fields.error("currency", "is a three-letter ISO 4217 code in lower case");
    }
    if !(0..=1_000_000).contains(&body.minimum_payment) {
        fields.error("minimum_payment", "must be 0 to 1000000");
    }
    let descriptor = body.statement_descriptor.trim();
    if !(2..=22).contains(&descriptor.len()) || !descriptor.bytes().all(|b| b.is_ascii_alphanumeric() || b" .-".contains(&b)) {
        fields.error("statement_descriptor", "is 2 to 22 letters, digits, spaces, dots or dashes");
    }
    fields.done()?;
    let table = d.table.as_ref();
    let current = crate::accounts::get(table, &who.practice).await?;
    let account = Account {
        practice_id: who.practice.clone(),
        stripe_account: body.stripe_account,
        livemode: body.livemode,
        currency: body.currency,
        minimum_payment: body.minimum_payment,
        allow_prepayment: body.allow_prepayment,
        statement_descriptor: descriptor.to_string(),
        updated_at: x.now(),
        version: 0,
    };
    let saved = crate::accounts::put(table, account, current.as_ref(), x.now()).await?;
    Ok(Reply::ok(&AccountView::from(&saved)))
}
