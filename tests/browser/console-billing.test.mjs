// The console's billing in a real browser against the local gateway (its Stripe stand-in): a patient
// of this test's own; billing staff open the chart's Billing tab, post a charge and see the balance;
// the patient pays part of it through the portal API (confirmed on the Stripe stand-in, posted by the
// gateway's workers); billing staff refund part of the payment and see Stripe confirm it. axe checks
// the Billing tab and the billing settings (read only for billing staff, the form for an admin).
// A bill kept open ("This bill is complete" unchecked) shows as being prepared and is the only one
// offered for another charge, which completes it. Nothing here depends on the hour.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  ADMIN, BILLING, SHOTS, axe, close, consoleSignIn, enrolPatient, gateway, inviteLink, launch, newDesktop,
  putStaffBack, runId, saveAxe, sleep, staffToken, waitText, waitForHeadingFocus,
} from './lib.mjs';

const PUBLISHABLE_KEY = 'pk_test_portico_local_standin';

before(async () => {
  const res = await gateway('GET', '/console/');
  assert.equal(res.status, 200, 'GET /console/ serves the built console (make web)');
  await launch();
});
after(async () => {
  await saveAxe('console-billing');
  await close();
});

/** Reads the patient's ledger through the staff API until `ok` holds (the workers post every 250 ms). */
async function ledgerUntil(token, patientId, ok, what, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const read = await gateway('GET', `/staff/patients/${encodeURIComponent(patientId)}/ledger`, { token });
    assert.equal(read.status, 200, `reading the ledger answered ${read.status}: ${read.text.slice(0, 200)}`);
    if (ok(read.body)) return read.body;
    assert.ok(Date.now() < deadline, `${what} within ${timeout / 1000} s: ${read.text.slice(0, 400)}`);
    await sleep(500);
  }
}

/** Reads every page of the open tasks until one matches `ok` (a worker raises them). */
async function taskUntil(token, ok, timeout = 30_000, status = 'open') {
  const deadline = Date.now() + timeout;
  for (;;) {
    let cursor = '';
    for (;;) {
      const query = `status=${status}&mine=false&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const read = await gateway('GET', `/staff/tasks?${query}`, { token });
      assert.equal(read.status, 200, `reading the tasks answered ${read.status}: ${read.text.slice(0, 200)}`);
      const found = read.body.tasks.find(ok);
      if (found) return found;
      if (!read.body.next_cursor) break;
      cursor = read.body.next_cursor;
    }
    assert.ok(Date.now() < deadline, `the task within ${timeout / 1000} s`);
    await sleep(500);
  }
}

test('billing staff charge a patient, the patient pays, and billing staff refund part of it', { timeout: 240_000 }, async () => {
  const run = runId();
  await putStaffBack(BILLING);
  const admin = await staffToken(ADMIN);
  const billing = await staffToken(BILLING);
  // The practice's billing account (the demo seeds one; set up here only if it is missing).
  const account = await gateway('GET', '/staff/billing/account', { token: admin });
  if (account.status === 404) {
    const set = await gateway('PUT', '/staff/billing/account', {
      token: admin,
      body: {
        stripe_account: 'acct_1RiversideDemo', livemode: false, currency: 'usd', minimum_payment: 100,
        allow_prepayment: false, statement_descriptor: 'RIVERSIDE CLINIC',
      },
    });
    assert.equal(set.status, 200, `setting up the billing account answered ${set.status}: ${set.text.slice(0, 200)}`);
  } else {
    assert.equal(account.status, 200, `reading the billing account answered ${account.status}`);
  }

  // --- A patient of this test's own, with a portal session (through an invitation).
  const family = `Payer${run}`;
  const patient = await enrolPatient(admin, { given: 'Penny', family });
  const link = await inviteLink(admin, patient);
  const redeemed = await gateway('POST', '/auth/link', { body: { token: link.split('/invite/')[1] } });
  assert.equal(redeemed.status, 200, `redeeming the invitation answered ${redeemed.status}`);
  const patientToken = redeemed.body.access_token;

  const desk = await newDesktop();
  const page = await desk.newPage();
  try {
    // --- Billing staff find the patient and open the chart's Billing tab.
    await consoleSignIn(page, BILLING);
    await page.getByTestId('nav-patients').click();
    await waitForHeadingFocus(page);
    await page.getByTestId('patient-search').fill(family);
    await page.getByTestId('patient-search-submit').click();
    await page.getByTestId('patient-result').filter({ hasText: family }).first().click();
    await waitText(page.getByTestId('chart-name'), new RegExp(`^Penny ${family}$`));
    await page.getByTestId('chart-tab-billing').click();
    await waitForHeadingFocus(page);
    assert.equal(await page.getByTestId('chart-tab-billing').getAttribute('aria-current'), 'page');
    await waitText(page.getByTestId('billing-balance'), /^\$0\.00$/);
    await waitText(page.getByTestId('billing-invoices-none'), /\S/);

    // --- Post a charge: said, and the balance shows it.
    await page.getByTestId('billing-charge-amount').fill('85.50');
    await page.getByTestId('billing-charge-description').fill('Office visit');
    await page.getByTestId('billing-charge-post').click();
    await waitText(page.getByTestId('app-status'), new RegExp(`^Charge of \\$85\\.50 posted for Penny ${family}\\. Balance now \\$85\\.50\\.`));
    await waitText(page.getByTestId('billing-balance'), /^\$85\.50$/);
    await waitText(page.getByTestId('billing-entry-kind').first(), /^Charge$/);
    const charged = await ledgerUntil(billing, patient.patient_id, (l) => l.balance === 8550, 'the charge is on the ledger');
    assert.equal(charged.invoices.length, 1);
    await axe(page, 'console billing tab', 'desktop');

    // --- The patient pays $50.00 of it through the portal API, confirmed on the Stripe stand-in.
    const started = await gateway('POST', '/portal/billing/payments', {
      token: patientToken,
      headers: { 'Idempotency-Key': randomUUID() },
      body: { amount: 5000 },
    });
    assert.equal(started.status, 201, `starting the payment answered ${started.status}: ${started.text.slice(0, 300)}`);
    const paymentId = started.body.payment.payment_id;
    const confirmed = await gateway('POST', '/_local/stripe/confirm', {
      body: {
        key: PUBLISHABLE_KEY, account: started.body.stripe_account, client_secret: started.body.client_secret,
        payment_method: 'pm_card_visa',
      },
    });
    assert.equal(confirmed.status, 200, `confirming the payment answered ${confirmed.status}: ${confirmed.text.slice(0, 300)}`);
    await ledgerUntil(
      billing, patient.patient_id,
      (l) => l.payments.some((p) => p.payment_id === paymentId && p.status === 'succeeded') && l.balance === 3550,
      'the payment posts',
    );

    // --- The console reads the ledger again: the payment, and what is left to pay.
    await page.getByTestId('billing-refresh').click();
    const row = page.locator(`[data-testid="billing-payment"][data-payment-id="${paymentId}"]`);
    await waitText(row.getByTestId('billing-payment-status'), /^Paid$/);
    await waitText(page.getByTestId('billing-balance'), /^\$35\.50$/);

    // --- Refund $20.00 of it: asked for, then confirmed by Stripe (the tab reads again until then).
    await row.getByTestId('billing-refund-open').click();
    const form = page.getByTestId('billing-refund-form');
    await form.waitFor();
    assert.equal(await page.getByTestId('billing-refund-amount').inputValue(), '50.00', 'what is left, by default');
    await page.getByTestId('billing-refund-amount').fill('20.00');
    await page.getByTestId('billing-refund-reason').selectOption('requested_by_patient');
    await page.getByTestId('billing-refund-send').click();
    await waitText(page.getByTestId('app-status'), /^Refund of \$20\.00 requested\./);
    await form.waitFor({ state: 'detached' });
    const refund = page.getByTestId('billing-refund').first();
    await waitText(refund.getByTestId('billing-refund-status'), /^Refunded$/, 30_000);
    const refunded = await ledgerUntil(
      billing, patient.patient_id,
      (l) => l.refunds.some((r) => r.payment_id === paymentId && r.status === 'succeeded'),
      'the refund succeeds',
    );
    assert.equal(refunded.refunds.length, 1, 'one refund, whatever the clicks');
    assert.equal(refunded.payments.find((p) => p.payment_id === paymentId)?.refunded, 2000);
    await waitText(row.getByTestId('billing-payment-status'), /^Paid$/);
    await axe(page, 'console billing tab: after a refund', 'desktop');

    // --- The patient's bank disputes the payment (an event from the Stripe stand-in): the tab says when
    // evidence is due, that autopay is paused, and that evidence is non-clinical only.
    const disputeId = `dp_${run.replace(/[^A-Za-z0-9]/g, '')}`;
    const disputed = await gateway('POST', '/_local/stripe/events', {
      body: {
        type: 'charge.dispute.created',
        account: started.body.stripe_account,
        object: {
          id: disputeId, object: 'dispute', amount: 3000, reason: 'fraudulent', status: 'needs_response',
          payment_intent: started.body.client_secret.split('_secret_')[0],
          evidence_details: { due_by: Math.floor(Date.now() / 1000) + 7 * 86_400 },
        },
      },
    });
    assert.equal(disputed.status, 200, `the dispute event answered ${disputed.status}: ${disputed.text.slice(0, 300)}`);
    await ledgerUntil(billing, patient.patient_id, (l) => l.disputes.some((d) => d.dispute_id === disputeId), 'the dispute is on the ledger');
    await page.getByTestId('billing-refresh').click();
    await waitText(page.getByTestId('billing-dispute-due'), /^Evidence due by /);
    await waitText(page.getByTestId('billing-dispute-open'), /Automatic payments are paused while a dispute is open\./);
    await waitText(page.getByTestId('billing-dispute-help'), /non-clinical only/);
    await axe(page, 'console billing tab: a dispute', 'desktop');
    await page.screenshot({ path: path.join(SHOTS, 'console-billing.png'), fullPage: true });

    // --- The dispute's task opens the patient's Billing tab. Found through the API (every page, not just
    // the first: other suites leave open tasks), taken on by billing staff so the console lists it among
    // theirs, and answered by the evidence they send, so no run leaves it open for the next.
    const disputeTask = await taskUntil(billing, (t) => t.kind === 'payment_dispute' && t.patient_id === patient.patient_id);
    const claimed = await gateway('POST', `/staff/tasks/${encodeURIComponent(disputeTask.task_id)}/claim`, { token: billing });
    assert.equal(claimed.status, 200, `claiming the dispute task answered ${claimed.status}: ${claimed.text.slice(0, 200)}`);
    await page.getByTestId('nav-tasks').click();
    await waitForHeadingFocus(page);
    await page.getByTestId('task-filter-status').selectOption('claimed');
    await page.getByTestId('task-filter-mine').check();
    const task = page.locator(`[data-testid="task-row"][data-task-id="${disputeTask.task_id}"]`);
    await task.waitFor({ timeout: 15_000 });
    await waitText(task, /Payment dispute/);
    await task.getByTestId('task-open').click();
    await waitText(page.getByTestId('chart-name'), new RegExp(`^Penny ${family}$`));
    assert.equal(await page.getByTestId('chart-tab-billing').getAttribute('aria-current'), 'page');
    await page.getByTestId('billing-dispute-due').waitFor();

    // --- Billing staff prepare the evidence: the non-clinical facts and the exact text first, then send
    // the chosen sections once. Sending answers the dispute's task.
    await page.getByTestId('billing-dispute-prepare').click();
    const evidence = page.getByTestId('billing-evidence');
    await evidence.waitFor();
    await waitText(page.getByTestId('billing-evidence-payment'), /^Paid in the portal by the patient, signed in, on /);
    const signIns = evidence.locator('[data-section="portal_activity"] input[type="checkbox"]');
    assert.equal(await signIns.isChecked(), true, 'her portal sign-ins are offered');
    assert.equal(await evidence.locator('[data-section="attendance"] input[type="checkbox"]').isDisabled(), true, 'no appointment was attended');
    await page.getByTestId('billing-evidence-text').locator('summary').click();
    const text = await page.getByTestId('billing-evidence-text').innerText();
    assert.match(text, /product_description/);
    assert.match(text, /the payment was made in the patient portal by the signed-in account holder/);
    assert.doesNotMatch(text, new RegExp(`Penny|${family}|Office visit|therapy`, 'i'), 'no name or charge reaches the text');
    await axe(page, 'console billing tab: a dispute\'s evidence', 'desktop');
    await page.getByTestId('billing-evidence-send').click();
    await waitText(page.getByTestId('billing-evidence-blocked'), /^Evidence was sent to Stripe on /);
    await waitText(page.getByTestId('billing-dispute-evidence'), /^Evidence sent /);
    await taskUntil(billing, (t) => t.task_id === disputeTask.task_id, 30_000, 'done');
    const closedDispute = await gateway('POST', '/_local/stripe/events', {
      body: {
        type: 'charge.dispute.closed',
        account: started.body.stripe_account,
        object: {
          id: disputeId, object: 'dispute', amount: 3000, reason: 'fraudulent', status: 'won',
          payment_intent: started.body.client_secret.split('_secret_')[0],
        },
      },
    });
    assert.equal(closedDispute.status, 200, `the dispute's closing event answered ${closedDispute.status}: ${closedDispute.text.slice(0, 300)}`);
    await ledgerUntil(
      billing, patient.patient_id,
      (l) => l.disputes.some((d) => d.dispute_id === disputeId && d.status === 'won'),
      'the dispute is closed',
    );

    // --- Billing staff read the billing settings, with nothing to change.
    await page.getByTestId('nav-practice').click();
    await waitForHeadingFocus(page);
    await page.getByTestId('billing-account-readonly').waitFor();
    assert.equal(await page.getByTestId('billing-account-form').count(), 0);
    await axe(page, 'console billing settings (billing staff)', 'desktop');
  } finally {
    await desk.close();
  }

  // --- An admin sees the settings form (nothing saved here: other suites use the account).
  const adminDesk = await newDesktop();
  try {
    const adminPage = await adminDesk.newPage();
    await consoleSignIn(adminPage, ADMIN);
    await adminPage.getByTestId('nav-practice').click();
    await waitForHeadingFocus(adminPage);
    await adminPage.getByTestId('billing-account-form').waitFor();
    await waitText(adminPage.getByTestId('billing-account-updated'), /^Last changed /);
    assert.match(await adminPage.getByTestId('billing-account-stripe_account').inputValue(), /^acct_/);
    // Switching to live warns at once (not saved).
    await adminPage.getByTestId('billing-account-live').check();
    await adminPage.getByTestId('billing-account-live-warning').waitFor();
    await axe(adminPage, 'console billing settings (admin)', 'desktop');
  } finally {
    await adminDesk.close();
  }
});

test('a bill kept open is being prepared, takes another charge, and is complete after it', { timeout: 120_000 }, async () => {
  const run = runId();
  await putStaffBack(BILLING);
  const admin = await staffToken(ADMIN);
  const billing = await staffToken(BILLING);
  const family = `Open${run}`;
  const patient = await enrolPatient(admin, { given: 'Otto', family });
  const desk = await newDesktop();
  try {
    const page = await desk.newPage();
    await consoleSignIn(page, BILLING);
    await page.getByTestId('nav-patients').click();
    await waitForHeadingFocus(page);
    await page.getByTestId('patient-search').fill(family);
    await page.getByTestId('patient-search-submit').click();
    await page.getByTestId('patient-result').filter({ hasText: family }).first().click();
    await waitText(page.getByTestId('chart-name'), new RegExp(`^Otto ${family}$`));
    await page.getByTestId('chart-tab-billing').click();
    await waitText(page.getByTestId('billing-balance'), /^\$0\.00$/);
    // No autopay set up: off.
    await waitText(page.getByTestId('billing-autopay'), /^Off$/);

    // --- A first charge on a bill kept open.
    assert.equal(await page.getByTestId('billing-charge-finalize').isChecked(), true, 'complete by default');
    await page.getByTestId('billing-charge-amount').fill('40');
    await page.getByTestId('billing-charge-description').fill('Physical therapy');
    await page.getByTestId('billing-charge-finalize').uncheck();
    await page.getByTestId('billing-charge-post').click();
    await waitText(page.getByTestId('billing-balance'), /^\$40\.00$/);
    const bill = page.getByTestId('billing-invoice').first();
    await waitText(bill.getByTestId('billing-invoice-preparing'), /^Being prepared$/);
    await waitText(bill.getByTestId('billing-invoice-description'), /^Physical therapy$/);
    const open = await ledgerUntil(billing, patient.patient_id, (l) => l.invoices.length === 1, 'the bill is on the ledger');
    assert.equal(open.invoices[0].finalized, false);
    assert.equal(await page.getByTestId('billing-charge-finalize').isChecked(), true, 'complete by default again');
    await axe(page, 'console billing tab: a bill being prepared', 'desktop');

    // --- A second charge on it, complete this time: the bill is final and no longer offered.
    const invoiceId = open.invoices[0].invoice_id;
    await page.getByTestId('billing-charge-invoice').selectOption(invoiceId);
    await page.getByTestId('billing-charge-amount').fill('15');
    await page.getByTestId('billing-charge-description').fill('Second session');
    await page.getByTestId('billing-charge-post').click();
    await waitText(page.getByTestId('billing-balance'), /^\$55\.00$/);
    await page.getByTestId('billing-invoice-preparing').waitFor({ state: 'detached' });
    const done = await ledgerUntil(billing, patient.patient_id, (l) => l.balance === 5500, 'the second charge is on the ledger');
    assert.equal(done.invoices.length, 1, 'both charges on one bill');
    assert.equal(done.invoices[0].finalized, true);
    const offered = await page.getByTestId('billing-charge-invoice').locator('option').evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(offered, [''], 'a final bill takes no more charges');
  } finally {
    await desk.close();
  }
});

test('a clinician is not offered the Billing tab', { timeout: 120_000 }, async () => {
  const admin = await staffToken(ADMIN);
  const patient = await enrolPatient(admin, { given: 'Cal', family: `NoBill${runId()}` });
  const desk = await newDesktop();
  try {
    const page = await desk.newPage();
    await consoleSignIn(page, 'clinician@riverside.example');
    await page.getByTestId('nav-patients').click();
    await page.getByTestId('patient-search').fill(patient.family);
    await page.getByTestId('patient-search-submit').click();
    await page.getByTestId('patient-result').first().click();
    await waitText(page.getByTestId('chart-name'), new RegExp(`^Cal ${patient.family}$`));
    assert.equal(await page.getByTestId('chart-tabs').count(), 0);
    assert.equal(await page.getByTestId('nav-practice').count(), 0);
  } finally {
    await desk.close();
  }
});
