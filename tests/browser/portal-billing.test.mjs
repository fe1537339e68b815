// Billing in a real browser against the local gateway and its Stripe stand-in. Billing staff charge a
// patient of this suite's own (enrolled here, so the seeded patients' balances and sign-in limits stay
// for the other suites); the patient opens Billing from the navigation, sees the balance, and pays it
// with the stand-in's default test card: "Payment received" once the gateway's workers have posted
// Stripe's event, and nothing owed. A declined card says so and lets
// them try again (a new payment attempt). axe on the screen, the amount form and the payment step.
// Autopay: a patient of its own sees a bill still being prepared by what it is for, sets up autopay
// with a limit, the consent and the stand-in's default test card (a SetupIntent confirmed in the
// browser), sees it on, and turns it off again. axe on the autopay section, its form and its state.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  ADMIN, BILLING, ORIGIN, SHOTS, axe, close, enrolPatient, gateway, launch, nav, newPhone, putStaffBack, runId, saveAxe,
  exactly, signInByLink, staffToken, waitText, waitForHeadingFocus,
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

    // "Processing" is on screen only until the first read of the payment: the final state is what is checked.
    await page.getByTestId('billing-pay-submit').click();
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

test('a patient sets up autopay with the test card, sees it on, and turns it off', { timeout: 180_000 }, async () => {
  const admin = await staffToken(ADMIN);
  await putStaffBack(BILLING);
  const billing = await staffToken(BILLING);
  const patient = await enrolPatient(admin, { given: 'Aurora', family: `Auto${runId()}` });
  const ledgerPath = `/staff/patients/${encodeURIComponent(patient.patient_id)}/ledger`;
  // A bill still being prepared (not final): shown by what it is for, and not to be paid on its own.
  const description = `Physical therapy ${runId()}`;
  const charged = await gateway('POST', `${ledgerPath}/charges`, {
    token: billing,
    body: { amount: 2500, description, finalize: false },
    headers: { 'Idempotency-Key': `charge-${runId()}` },
  });
  assert.ok(charged.status === 201 || charged.status === 200, `POST …/ledger/charges answered ${charged.status}: ${charged.text.slice(0, 300)}`);

  const phone = await newPhone({ extraHTTPHeaders: ownClient() });
  const page = await phone.newPage();
  const setups = [];
  const puts = [];
  page.on('request', (r) => {
    const where = new URL(r.url()).pathname;
    if (r.method() === 'POST' && where === '/portal/billing/autopay/setup') setups.push(r.headers()['idempotency-key']);
    if (r.method() === 'PUT' && where === '/portal/billing/autopay') puts.push(r);
  });
  try {
    await signInByLink(page, patient, admin);
    await page.goto(`${ORIGIN}/billing`);
    await waitText(page.getByTestId('billing-balance-amount'), /^\$25\.00$/);
    const bill = page.getByTestId('billing-invoice').first();
    await waitText(bill.getByTestId('billing-invoice-what'), exactly(description));
    await waitText(bill.getByTestId('billing-invoice-preparing'), /^Still being prepared/);

    // Opt-in: what autopay does, before anything is asked of the server.
    const section = page.getByTestId('billing-autopay');
    await waitText(section.getByTestId('billing-autopay-explain'), /^Each month, in the early hours, we charge your saved card/);
    assert.equal(setups.length, 0, 'no card is being saved before the patient asks');
    await axe(page, 'portal billing: autopay (off)', 'phone');

    await page.getByTestId('billing-autopay-start').click();
    await page.getByTestId('billing-autopay-form').waitFor();
    const method = page.getByTestId('billing-autopay-element').getByTestId('stripe-standin-method');
    await method.waitFor({ timeout: 20_000 });
    assert.equal(await method.inputValue(), 'pm_card_visa');
    await page.locator('[data-testid="billing-autopay-submit"]:not([disabled])').waitFor({ timeout: 20_000 });
    assert.equal(setups.length, 1);
    assert.match(setups[0] ?? '', /^[0-9a-f-]{36}$/, 'the card is saved with an Idempotency-Key');
    assert.equal(await page.getByTestId('billing-autopay-consent').isChecked(), false, 'the consent starts unchecked');

    // The consent is required: nothing is saved without it.
    await page.getByTestId('billing-autopay-cap-input').fill('150');
    await page.getByTestId('billing-autopay-submit').click();
    await waitText(page.getByTestId('billing-autopay-consent-error'), /^To turn on autopay, check the box/);
    assert.equal(puts.length, 0);
    await page.getByTestId('billing-autopay-consent').check();
    await axe(page, 'portal billing: autopay form', 'phone');
    await page.screenshot({ path: path.join(SHOTS, 'billing-autopay-form.png'), fullPage: true });

    await page.getByTestId('billing-autopay-submit').click();
    await waitText(page.getByTestId('billing-autopay-on'), /^Autopay is on\.$/, 30_000);
    await waitText(page.getByTestId('billing-autopay-cap'), /^Up to \$150\.00 at a time$/);
    // Nothing run yet, or (when this runs in the practice's early hours, 03:00-05:59 New York, where the
    // gateway's autopay run charges) nothing to pay: the only bill is still being prepared.
    await waitText(page.getByTestId('billing-autopay-outcome'), /^(Nothing yet|There was nothing to pay\.)$/);
    // When it next looks at the bills: in the practice's early hours.
    await waitText(page.getByTestId('billing-autopay-next'), /, if a final bill is owed$/);
    assert.equal(puts.length, 1);
    const turnedOn = await (await puts[0].response())?.json();
    assert.equal(turnedOn?.active, true);
    assert.equal(turnedOn?.cap, 15000, 'the limit in whole cents');
    const on = await gateway('GET', ledgerPath, { token: billing });
    assert.equal(on.status, 200);
    assert.equal(on.body.autopay?.active, true, 'the ledger has autopay on');
    assert.equal(on.body.autopay?.cap, 15000);
    await axe(page, 'portal billing: autopay on', 'phone');
    await page.screenshot({ path: path.join(SHOTS, 'billing-autopay-on.png'), fullPage: true });

    // Turned off, after a confirmation.
    await page.getByTestId('billing-autopay-off').click();
    await page.getByTestId('billing-autopay-off-confirm').waitFor();
    await axe(page, 'portal billing: turn autopay off?', 'phone');
    await page.getByTestId('billing-autopay-off-confirm-yes').click();
    await page.getByTestId('billing-autopay-start').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId('billing-autopay-on').count(), 0);
    const off = await gateway('GET', ledgerPath, { token: billing });
    assert.equal(off.status, 200);
    assert.notEqual(off.body.autopay?.active, true, 'the ledger has autopay off');
  } finally {
    await phone.close();
  }
});
