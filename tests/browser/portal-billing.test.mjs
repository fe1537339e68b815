// Billing in a real browser against the local gateway and its Stripe stand-in. Billing staff charge a
// patient of this suite's own (enrolled here, so the seeded patients' balances and sign-in limits stay
// for the other suites); the patient opens Billing from the navigation, sees the balance, and pays it
// with the stand-in's default test card: "Processing" first, then "Payment received" once the
// gateway's workers have posted Stripe's event, and nothing owed. A declined card says so and lets
// them try again (a new payment attempt). axe on the screen, the amount form and the payment step.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  ADMIN, BILLING, ORIGIN, SHOTS, axe, close, enrolPatient, gateway, launch, nav, newPhone, putStaffBack, runId, saveAxe,
  signInByLink, staffToken, waitText, waitForHeadingFocus,
} from './lib.mjs';

/**
 * A client address of its own for the browser (the local gateway takes `X-Forwarded-For` from this
 * machine), as the waitlist suite does: its reads do not spend the per-client limit the others share.
 */
function ownClient() {
  const octet = () => 1 + Math.floor(Math.random() * 250);
  return { 'X-Forwarded-For': `10.${octet()}.${octet()}.${octet()}` };
}

before(async () => {
  const res = await gateway('GET', '/');
  assert.equal(res.status, 200, 'GET / serves the built portal (make web)');
  await launch();
});
after(async () => {
  await saveAxe('billing');
  await close();
});

/** A new patient of the practice with a charge of `amount` cents on a new bill. */
async function patientOwing(amount, description) {
  const admin = await staffToken(ADMIN);
  // The Team suite disables and re-enables the billing member: make sure it is on.
  await putStaffBack(BILLING);
  const billing = await staffToken(BILLING);
  const patient = await enrolPatient(admin, { given: 'Paula', family: `Pay${runId()}` });
  const charged = await gateway('POST', `/staff/patients/${encodeURIComponent(patient.patient_id)}/ledger/charges`, {
    token: billing,
    body: { amount, description },
    headers: { 'Idempotency-Key': `charge-${runId()}` },
  });
  assert.ok(charged.status === 201 || charged.status === 200, `POST …/ledger/charges answered ${charged.status}: ${charged.text.slice(0, 300)}`);
  return { admin, patient };
}

/** Opens the amount form and goes on to the payment step with the amount as it is (the whole balance). */
async function toPaymentStep(page) {
  await page.getByTestId('billing-pay-start').click();
  await page.getByTestId('billing-pay-form').waitFor();
  await page.getByTestId('billing-pay-continue').click();
  await page.getByTestId('stripe-standin-method').waitFor({ timeout: 20_000 });
  await page.locator('[data-testid="billing-pay-submit"]:not([disabled])').waitFor({ timeout: 20_000 });
}

test('a patient sees the balance, pays it with the test card, and sees it received and nothing owed', { timeout: 180_000 }, async () => {
  const description = `Lab work ${runId()}`;
  const { admin, patient } = await patientOwing(4500, description);
  const phone = await newPhone({ extraHTTPHeaders: ownClient() });
  const page = await phone.newPage();
  const posts = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/portal/billing/payments') posts.push(r.headers()['idempotency-key']);
  });
  try {
    await signInByLink(page, patient, admin);
    await nav(page, 'billing');
    await page.waitForURL(`${ORIGIN}/billing`);
    await waitForHeadingFocus(page);
    await waitText(page.getByTestId('billing-balance-amount'), /^\$45\.00$/);
    await waitText(page.getByTestId('billing-entries').getByTestId('billing-entry-what').first(), new RegExp(`^${description}$`));
    await waitText(page.getByTestId('billing-invoice-balance').first(), /^\$45\.00 left to pay$/);
    await axe(page, 'portal billing', 'phone');

    await page.getByTestId('billing-pay-start').click();
    await page.getByTestId('billing-pay-form').waitFor();
    assert.equal(await page.getByTestId('billing-pay-amount').inputValue(), '45.00', 'the whole balance by default');
    await axe(page, 'portal billing: amount', 'phone');
    await page.getByTestId('billing-pay-continue').click();
    const method = page.getByTestId('stripe-standin-method');
    await method.waitFor({ timeout: 20_000 });
    assert.equal(await method.inputValue(), 'pm_card_visa');
    await page.locator('[data-testid="billing-pay-submit"]:not([disabled])').waitFor({ timeout: 20_000 });
    await waitText(page.getByTestId('billing-pay-submit'), /^Pay \$45\.00$/);
    await axe(page, 'portal billing: payment step', 'phone');
    await page.screenshot({ path: path.join(SHOTS, 'billing-pay.png'), fullPage: true });
    assert.equal(posts.length, 1);
    assert.match(posts[0] ?? '', /^[0-9a-f-]{36}$/, 'the payment went with an Idempotency-Key');

    await page.getByTestId('billing-pay-submit').click();
    await waitText(page.getByTestId('billing-processing'), /^Processing your payment of \$45\.00…$/);
    await waitText(page.getByTestId('billing-received'), /^Payment of \$45\.00 received\. Thank you\.$/, 30_000);
    await waitText(page.getByTestId('billing-paid-up'), /^You’re all paid up/);
    await waitText(page.getByTestId('billing-payment-status').first(), /^Paid$/);
    await axe(page, 'portal billing: received', 'phone');
    await page.screenshot({ path: path.join(SHOTS, 'billing-received.png'), fullPage: true });
  } finally {
    await phone.close();
  }
});

test('a declined card says so and lets the patient try again', { timeout: 180_000 }, async () => {
  const { admin, patient } = await patientOwing(3000, `Office visit ${runId()}`);
  const phone = await newPhone({ extraHTTPHeaders: ownClient() });
  const page = await phone.newPage();
  const posts = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/portal/billing/payments') posts.push(r.headers()['idempotency-key']);
  });
  try {
    await signInByLink(page, patient, admin);
    await page.goto(`${ORIGIN}/billing`);
    await waitText(page.getByTestId('billing-balance-amount'), /^\$30\.00$/);
    await toPaymentStep(page);
    await page.getByTestId('stripe-standin-method').selectOption('pm_card_chargeDeclined');
    await page.getByTestId('billing-pay-submit').click();
    const declined = page.getByTestId('billing-pay-declined');
    await waitText(declined, /didn’t go through/);
    await waitText(page.getByTestId('billing-pay-declined-detail'), /^Your card was declined\.$/);
    await axe(page, 'portal billing: declined', 'phone');

    // Another card: a new attempt (a new key), with the default test card this time.
    await page.getByTestId('billing-pay-retry').click();
    await page.locator('[data-testid="billing-pay-submit"]:not([disabled])').waitFor({ timeout: 20_000 });
    assert.equal(await declined.count(), 0, 'the decline is gone with the new attempt');
    assert.equal(posts.length, 2);
    assert.notEqual(posts[1], posts[0], 'a new attempt has a new Idempotency-Key');
    assert.equal(await page.getByTestId('stripe-standin-method').inputValue(), 'pm_card_visa');
    await page.getByTestId('billing-pay-submit').click();
    await waitText(page.getByTestId('billing-received'), /^Payment of \$30\.00 received\. Thank you\.$/, 30_000);
    await waitText(page.getByTestId('billing-paid-up'), /^You’re all paid up/);
  } finally {
    await phone.close();
  }
});
