//! A patient's billing, read in one query of their partition (every billing item begins `BILLING#`).

use portico::ids::{PatientId, PracticeId};
use portico::keys::patient_partition;
use portico::store::{Index, Query, StoreError, Table};

use crate::api::{BillingView, EntryView, PayRules, PaymentView, invoices};
use crate::keys;
use crate::model::{Account, Dispute, Entry, Payment, RefundRequest, Summary};

/// Pages read at most (100 items each): years of a patient's billing.
const MAX_PAGES: usize = 50;

#[derive(Debug, Default)]
pub struct Screen {
    pub summary: Option<Summary>,
    pub entries: Vec<Entry>,
    pub payments: Vec<Payment>,
    pub refunds: Vec<RefundRequest>,
    pub disputes: Vec<Dispute>,
    pub autopay: Option<crate::autopay::Autopay>,
}

pub async fn read(table: &dyn Table, practice: &PracticeId, patient: &PatientId) -> Result<Screen, StoreError> {
    let mut screen = Screen::default();
    let mut cursor = None;
    for _ in 0..MAX_PAGES {
        let page = table
            .query(Query::partition(Index::Table, patient_partition(practice, patient)).begins_with(keys::PATIENT_PREFIX).after(cursor))
            .await?;
        for item in page.items {
            let sort = item.key.sk.as_str();
            if sort == keys::SUMMARY_SORT {
                screen.summary = Some(item.record()?);
            } else if sort.starts_with(keys::ENTRY_PREFIX) {
                screen.entries.push(item.record()?);
            } else if sort.starts_with(keys::PAYMENT_PREFIX) {
                screen.payments.push(item.record()?);
            } else if sort.starts_with(keys::REFUND_PREFIX) {
                screen.refunds.push(item.record()?);
            } else if sort.starts_with(keys::DISPUTE_PREFIX) {
                screen.disputes.push(item.record()?);
            } else if sort == keys::AUTOPAY_SORT {
                screen.autopay = Some(item.record()?);
            }
        }
        cursor = page.next;
        if cursor.is_none() {
            break;
        }
    }
    if screen.summary.is_none() && cursor.is_some() {
        // More than the pages read: the summary (which sorts late) is read by itself.
        screen.summary = summary(table, practice, patient).await?;
    }
    screen.entries.sort_by(|a, b| b.posted_at.cmp(&a.posted_at).then_with(|| b.source.cmp(&a.source)));
    screen.payments.sort_by_key(|x| std::cmp::Reverse(x.created_at));
    screen.refunds.sort_by_key(|x| std::cmp::Reverse(x.created_at));
    screen.disputes.sort_by_key(|d| std::cmp::Reverse(d.opened_at));
    Ok(screen)
}

impl Screen {
    /// What the patient sees: payments they started but never confirmed are left out.
    pub fn view(&self, account: Option<&Account>, zone: chrono_tz::Tz, now: chrono::DateTime<chrono::Utc>) -> BillingView {
        let summary = self.summary.as_ref();
        BillingView {
            currency: summary.map(|s| s.currency.clone()).or_else(|| account.map(|a| a.currency.clone())).unwrap_or_else(|| "usd".into()),
            balance: summary.map_or(0, |s| s.balance),
            unapplied: summary.map_or(0, |s| s.unapplied),
            invoices: invoices(summary),
            entries: self.entries.iter().map(EntryView::from).collect(),
            payments: self
                .payments
                .iter()
                .filter(|p| p.status != crate::model::PaymentStatus::RequiresPayment)
                .map(PaymentView::from)
                .collect(),
            statement_months: crate::statements::months(&self.entries, zone, now),
            autopay: self.autopay.as_ref().map(|a| crate::api::AutopayView::of(a, summary.is_some_and(|s| s.autopay_paused), zone, now)),
            pay: PayRules {
                enabled: account.is_some(),
                minimum_payment: account.map_or(0, |a| a.minimum_payment),
                allow_prepayment: account.is_some_and(|a| a.allow_prepayment),
            },
        }
    }
}

/// The summary alone (after a posting, for its answer).
pub async fn summary(table: &dyn Table, practice: &PracticeId, patient: &PatientId) -> Result<Option<Summary>, StoreError> {
    table.get(&keys::summary(practice, patient)).await?.map(|i| i.record()).transpose()
}
