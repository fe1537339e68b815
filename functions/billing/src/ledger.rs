//! The ledger: entries and the summary they keep current, posted together in one transaction.
//!
//! A posting reads the summary and the entries it may depend on (one batch read), works out the new
//! entries on a [`Draft`] (pure arithmetic on the summary), and commits them with the summary under a
//! version condition and each entry under "not posted yet". A lost race reads again; an entry whose
//! source was posted meanwhile is skipped, so the same fact never posts twice however it arrives.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use portico::ids::{InvoiceId, PatientId, PracticeId};
use portico::store::retry::{Round, settle, until_settled};
use portico::store::{Condition, Item, StoreError, Table, Write};

use crate::keys;
use crate::model::{Allocation, Entry, EntryKind, InvoiceBalance, Summary};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum LedgerError {
    #[error("no such invoice")]
    NoInvoice,
    #[error("the invoice's balance would fall below zero")]
    BelowZero,
    #[error("amounts are positive")]
    NotPositive,
    #[error("the invoice is final")]
    InvoiceFinal,
    #[error("the Idempotency-Key was used for another posting")]
    KeyReused,
    #[error("store: {0}")]
    Store(String),
}

impl From<StoreError> for LedgerError {
    fn from(e: StoreError) -> Self {
        LedgerError::Store(e.to_string())
    }
}

/// A patient's ledger as read for one posting: the summary, the entries asked for, and what is added.
#[derive(Debug, Clone)]
pub struct Draft {
    pub summary: Summary,
    existed: bool,
    read: HashMap<String, Entry>,
    pub added: Vec<Entry>,
    /// The summary changed without an entry (autopay paused or resumed).
    touched: bool,
    now: DateTime<Utc>,
}

impl Draft {
    pub fn new(
        summary: Option<Summary>,
        read: HashMap<String, Entry>,
        practice: &PracticeId,
        patient: &PatientId,
        currency: &str,
        now: DateTime<Utc>,
    ) -> Self {
        let existed = summary.is_some();
        let summary = summary.unwrap_or_else(|| Summary::empty(practice, patient, currency, now));
        Draft { summary, existed, read, added: Vec::new(), touched: false, now }
    }

    /// The entry for `source`, posted before or in this draft.
    pub fn entry(&self, source: &str) -> Option<&Entry> {
        self.added.iter().find(|e| e.source == source).or_else(|| self.read.get(source))
    }

    /// Pauses (or resumes) the patient's autopay.
    pub fn pause_autopay(&mut self, paused: bool) {
        if self.summary.autopay_paused != paused {
            self.summary.autopay_paused = paused;
            self.touched = true;
        }
    }

    /// Whether anything is to be written.
    pub fn changed(&self) -> bool {
        self.touched || !self.added.is_empty()
    }

    pub fn posted(&self, source: &str) -> bool {
        self.entry(source).is_some()
    }

    fn apply(&mut self, entry: Entry) {
        for a in &entry.allocations {
            if let Some(invoice) = self.summary.invoices.get_mut(&a.invoice_id) {
                invoice.balance += a.amount;
            }
        }
        self.summary.unapplied += entry.unapplied;
        self.summary.balance += entry.amount;
        self.added.push(entry);
    }

    fn blank(&self, source: &str, kind: EntryKind, by: &str) -> Entry {
        Entry {
            source: source.to_string(),
            kind,
            amount: 0,
            allocations: Vec::new(),
            unapplied: 0,
            description: None,
            payment_id: None,
            refund_id: None,
            posted_by: by.to_string(),
            posted_at: self.now,
        }
    }

    /// A charge on an invoice (a new one when none is named). Unapplied credit pays it first.
    pub fn charge(
        &mut self,
        source: &str,
        invoice: Option<&InvoiceId>,
        amount: i64,
        description: &str,
        by: &str,
        finalize: bool,
    ) -> Result<InvoiceId, LedgerError> {
        if amount <= 0 {
            return Err(LedgerError::NotPositive);
        }
        let invoice = match invoice {
            Some(id) if self.summary.invoices.get(id).is_some_and(|i| i.finalized) => return Err(LedgerError::InvoiceFinal),
            Some(id) if self.summary.invoices.contains_key(id) => id.clone(),
            Some(_) => return Err(LedgerError::NoInvoice),
            None => {
                let id = InvoiceId::generate(self.now);
                let number = self.summary.next_invoice;
                self.summary.next_invoice += 1;
                let fresh = InvoiceBalance {
                    number,
                    charged: 0,
                    balance: 0,
                    opened_at: self.now,
                    description: Some(description.to_string()),
                    finalized: false,
                };
                self.summary.invoices.insert(id.clone(), fresh);
                id
            }
        };
        if let Some(i) = self.summary.invoices.get_mut(&invoice) {
            i.charged += amount;
            i.finalized = finalize;
        }
        let credit = self.summary.unapplied.clamp(0, amount);
        let mut entry = self.blank(source, EntryKind::Charge, by);
        entry.amount = amount;
        entry.allocations = vec![Allocation { invoice_id: invoice.clone(), amount: amount - credit }];
        entry.unapplied = -credit;
        entry.description = Some(description.to_string());
        self.apply(entry);
        Ok(invoice)
    }

    /// An adjustment or a write-off on one invoice (negative lowers it); never below zero.
    pub fn adjust(
        &mut self,
        source: &str,
        kind: EntryKind,
        invoice: &InvoiceId,
        amount: i64,
        description: &str,
        by: &str,
    ) -> Result<(), LedgerError> {
        let current = self.summary.invoices.get(invoice).ok_or(LedgerError::NoInvoice)?;
        if amount == 0 {
            return Err(LedgerError::NotPositive);
        }
        if current.balance + amount < 0 {
            return Err(LedgerError::BelowZero);
        }
        let mut entry = self.blank(source, kind, by);
        entry.amount = amount;
        entry.allocations = vec![Allocation { invoice_id: invoice.clone(), amount }];
        entry.description = Some(description.to_string());
        self.apply(entry);
        Ok(())
    }

    /// A payment: the chosen invoice first, then the oldest open ones; what is left is unapplied credit.
    pub fn payment(&mut self, source: &str, payment: &crate::model::Payment) {
        let mut left = payment.amount;
        let mut allocations = Vec::new();
        let mut order: Vec<InvoiceId> = payment.invoice_id.iter().cloned().collect();
        order.extend(
            self.summary.open_invoices().into_iter().map(|(id, _)| id.clone()).filter(|id| Some(id) != payment.invoice_id.as_ref()),
        );
        for id in order {
            let open = self.summary.invoices.get(&id).map(|i| i.balance).unwrap_or(0);
            let paid = open.min(left);
            if paid > 0 {
                allocations.push(Allocation { invoice_id: id, amount: -paid });
                left -= paid;
            }
        }
        let mut entry = self.blank(source, EntryKind::Payment, "stripe");
        entry.amount = -payment.amount;
        entry.allocations = allocations;
        entry.unapplied = left;
        entry.payment_id = Some(payment.payment_id.clone());
        self.apply(entry);
    }

    /// Money going back to the patient (a refund, a disputed amount): unapplied credit first, then the
    /// payment's invoices again, last paid first.
    pub fn give_back(&mut self, source: &str, kind: EntryKind, paid: &Entry, amount: i64, by: &str) -> Entry {
        let from_credit = self.summary.unapplied.clamp(0, amount);
        let mut left = amount - from_credit;
        let mut allocations = Vec::new();
        for a in paid.allocations.iter().rev() {
            let reopen = (-a.amount).min(left);
            if reopen > 0 {
                allocations.push(Allocation { invoice_id: a.invoice_id.clone(), amount: reopen });
                left -= reopen;
            }
        }
        // More than the payment paid off: the rest was credit that later charges spent, so it is owed
        // on the newest invoice (the one credit is spent on first).
        if left > 0 {
            let newest = self.summary.invoices.iter().max_by_key(|(_, i)| i.number).map(|(id, _)| id.clone());
            match newest {
                Some(id) => allocations.push(Allocation { invoice_id: id, amount: left }),
                None => return self.credit_only(source, kind, paid, amount, by),
            }
        }
        let mut entry = self.blank(source, kind, by);
        entry.amount = amount;
        entry.allocations = allocations;
        entry.unapplied = -from_credit;
        entry.payment_id = paid.payment_id.clone();
        self.apply(entry.clone());
        entry
    }

    /// A give-back when the payment paid no invoice and the credit is gone: the balance owes it.
    fn credit_only(&mut self, source: &str, kind: EntryKind, paid: &Entry, amount: i64, by: &str) -> Entry {
        let mut entry = self.blank(source, kind, by);
        entry.amount = amount;
        entry.unapplied = -amount;
        entry.payment_id = paid.payment_id.clone();
        self.apply(entry.clone());
        entry
    }

    /// The exact opposite of an entry (a failed refund taken back, a won dispute's hold released).
    pub fn reverse(&mut self, source: &str, kind: EntryKind, of: &Entry, by: &str) {
        let mut entry = self.blank(source, kind, by);
        entry.amount = -of.amount;
        entry.allocations = of.allocations.iter().map(|a| Allocation { invoice_id: a.invoice_id.clone(), amount: -a.amount }).collect();
        entry.unapplied = -of.unapplied;
        entry.payment_id = of.payment_id.clone();
        entry.refund_id = of.refund_id.clone();
        self.apply(entry);
    }

    /// Takes a give-back off what is owed again (a refund because the charge was too high, so the patient
    /// does not owe it again): the exact opposite of the give-back, as an adjustment, so credit it
    /// spent comes back too.
    pub fn offset(&mut self, source: &str, of: &Entry, by: &str) {
        self.reverse(source, EntryKind::Adjustment, of, by);
        if let Some(entry) = self.added.last_mut() {
            entry.description = Some("Refund adjustment".into());
        }
    }

    /// The writes of this draft: the summary under its version, each new entry under "not posted".
    pub fn writes(&self) -> Result<Vec<Write>, StoreError> {
        let practice = &self.summary.practice_id;
        let patient = &self.summary.patient_id;
        let mut summary = self.summary.clone();
        let condition = if self.existed { Condition::VersionIs(summary.version) } else { Condition::NotExists };
        summary.version += 1;
        summary.updated_at = self.now;
        let mut writes = vec![Write::put(Item::from_record(keys::summary(practice, patient), &summary)?, condition)];
        for entry in &self.added {
            writes.push(Write::put(Item::from_record(keys::entry(practice, patient, &entry.source), entry)?, Condition::NotExists));
        }
        Ok(writes)
    }
}

/// Whose ledger: a patient of a practice, in the practice's currency.
#[derive(Debug, Clone, Copy)]
pub struct Owner<'a> {
    pub practice: &'a PracticeId,
    pub patient: &'a PatientId,
    pub currency: &'a str,
}

/// Reads a patient's summary and the entries for `sources` (one batch).
pub async fn load(table: &dyn Table, owner: Owner<'_>, sources: &[String], now: DateTime<Utc>) -> Result<Draft, StoreError> {
    let Owner { practice, patient, currency } = owner;
    let mut keys = vec![keys::summary(practice, patient)];
    keys.extend(sources.iter().map(|s| keys::entry(practice, patient, s)));
    let items = table.get_many(&keys).await?;
    let mut found = items.into_iter();
    let summary = found.next().flatten().map(|i| i.record::<Summary>()).transpose()?;
    let mut read = HashMap::new();
    for item in found.flatten() {
        let entry: Entry = item.record()?;
        read.insert(entry.source.clone(), entry);
    }
    Ok(Draft::new(summary, read, practice, patient, currency, now))
}

/// Posts what `plan` adds to the ledger, with `extra` writes in the same transaction (made from the
/// draft, so they can depend on what was posted). Lost races are read again and replanned.
pub async fn post<T>(
    table: &dyn Table,
    owner: Owner<'_>,
    sources: &[String],
    now: DateTime<Utc>,
    plan: impl Fn(&mut Draft) -> Result<T, LedgerError>,
    extra: impl Fn(&Draft, &T) -> Result<Vec<Write>, StoreError>,
) -> Result<T, LedgerError> {
    until_settled(|| async {
        let mut draft = load(table, owner, sources, now).await?;
        let planned = plan(&mut draft)?;
        let mut writes = extra(&draft, &planned)?;
        if draft.changed() {
            let mut all = draft.writes()?;
            all.append(&mut writes);
            writes = all;
        }
        if writes.is_empty() {
            return Ok(Round::Done(planned));
        }
        Ok::<_, LedgerError>(settle(table.transact(writes).await)?.map(|()| planned))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Payment, PaymentStatus};
    use portico::ids::PaymentId;

    fn draft() -> Draft {
        let now = Utc::now();
        Draft::new(None, HashMap::new(), &PracticeId::generate(now), &PatientId::generate(now), "usd", now)
    }

    fn payment(amount: i64, invoice: Option<&InvoiceId>) -> Payment {
        let now = Utc::now();
        Payment {
            payment_id: PaymentId::generate(now),
            practice_id: PracticeId::generate(now),
            patient_id: PatientId::generate(now),
            amount,
            currency: "usd".into(),
            invoice_id: invoice.cloned(),
            stripe_account: "acct_1".into(),
            payment_intent: Some("pi_1".into()),
            status: PaymentStatus::Succeeded,
            status_at: None,
            failure_code: None,
            refunded: 0,
            paid_by: "patient".into(),
            authorization: None,
            created_at: now,
            succeeded_at: None,
            version: 1,
        }
    }

    fn invoice_balances(d: &Draft) -> Vec<i64> {
        let mut by_number: Vec<_> = d.summary.invoices.values().collect();
        by_number.sort_by_key(|i| i.number);
        by_number.iter().map(|i| i.balance).collect()
    }

    #[test]
    fn the_balance_is_always_the_invoices_less_credit() {
        let mut d = draft();
        let first = d.charge("le_1", None, 10_000, "Visit", "staff", false).unwrap();
        d.charge("le_2", None, 5_000, "Visit", "staff", true).unwrap();
        d.charge("le_3", Some(&first), 2_500, "Lab", "staff", true).unwrap();
        assert_eq!(d.summary.balance, 17_500);
        assert_eq!(invoice_balances(&d), vec![12_500, 5_000]);
        // A payment pays the oldest invoice first, then the next; the rest is credit.
        d.payment("pi_1", &payment(20_000, None));
        assert_eq!(invoice_balances(&d), vec![0, 0]);
        assert_eq!(d.summary.unapplied, 2_500);
        assert_eq!(d.summary.balance, -2_500);
        // The credit pays the next charge.
        d.charge("le_4", None, 4_000, "Visit", "staff", true).unwrap();
        assert_eq!(d.summary.balance, 1_500);
        assert_eq!(d.summary.unapplied, 0);
        let total: i64 = d.summary.invoices.values().map(|i| i.balance).sum();
        assert_eq!(d.summary.balance, total - d.summary.unapplied);
    }

    #[test]
    fn a_chosen_invoice_is_paid_first_and_a_refund_reopens_it() {
        let mut d = draft();
        let first = d.charge("le_1", None, 10_000, "Visit", "staff", true).unwrap();
        let second = d.charge("le_2", None, 6_000, "Visit", "staff", true).unwrap();
        d.payment("pi_1", &payment(6_000, Some(&second)));
        assert_eq!(invoice_balances(&d), vec![10_000, 0]);
        let paid = d.entry("pi_1").unwrap().clone();
        let refund = d.give_back("re_1", EntryKind::Refund, &paid, 2_000, "stripe");
        assert_eq!(invoice_balances(&d), vec![10_000, 2_000]);
        assert_eq!(d.summary.balance, 12_000);
        // The charge was too high: the refund's amount comes off the invoice it reopened.
        d.offset("re_1:adjust", &refund, "stripe");
        assert_eq!(invoice_balances(&d), vec![10_000, 0]);
        // A failed refund is taken back exactly.
        d.reverse("re_1:failed", EntryKind::RefundReversal, &refund, "stripe");
        assert_eq!(d.summary.balance, 8_000);
        let _ = first;
    }

    #[test]
    fn a_refund_that_lowers_the_charge_leaves_the_patients_credit_alone() {
        let mut d = draft();
        d.charge("le_1", None, 6_000, "Visit", "staff", true).unwrap();
        d.payment("pi_1", &payment(6_000, None));
        d.payment("pi_2", &payment(2_000, None));
        assert_eq!((d.summary.balance, d.summary.unapplied), (-2_000, 2_000));
        let paid = d.entry("pi_1").unwrap().clone();
        let refund = d.give_back("re_1", EntryKind::Refund, &paid, 3_000, "stripe");
        d.offset("re_1:adjust", &refund, "stripe");
        assert_eq!(d.summary.balance, -2_000, "the credit is still the patient's");
        assert_eq!(d.summary.unapplied, 2_000);
        assert!(d.summary.invoices.values().all(|i| i.balance == 0));
    }

    #[test]
    fn adjustments_never_take_an_invoice_below_zero() {
        let mut d = draft();
        let id = d.charge("le_1", None, 1_000, "Visit", "staff", true).unwrap();
        assert_eq!(d.adjust("le_2", EntryKind::WriteOff, &id, -1_001, "", "staff"), Err(LedgerError::BelowZero));
        assert_eq!(d.adjust("le_2", EntryKind::WriteOff, &InvoiceId::generate(Utc::now()), -1, "", "staff"), Err(LedgerError::NoInvoice));
        d.adjust("le_2", EntryKind::WriteOff, &id, -1_000, "Hardship", "staff").unwrap();
        assert_eq!(d.summary.balance, 0);
        assert_eq!(d.charge("le_3", None, 0, "", "staff", true), Err(LedgerError::NotPositive));
        assert_eq!(
            d.charge("le_4", Some(&id), 100, "More", "staff", true),
            Err(LedgerError::InvoiceFinal),
            "a final invoice takes no more"
        );
    }
}
