// Component tests: the balance (owed, a credit, all paid up), open bills, payments and activity in plain
// words; the amount checked as the server would (and the server's refusal shown on its field); paying
// through a stand-in for Stripe.js (confirm, "Processing", the payment read again until received, the
// balance read again); a decline that lets the patient try again as a new attempt (a new key); a retry
// after no answer with the same key (a "Try again" too); a payment still awaiting Stripe's event past two
// minutes never called failed; an unclear answer from Stripe.js asked of the server, not called a decline;
// canceled attempts not listed; where Stripe.js may load from; a practice that takes no payments online;
// and Spanish.
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../shared/api/fake-api';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { StatusLine, StatusProvider } from '../../shared/ui/components';
import { session } from '../api';
import { english, loadCatalog } from '../catalog';
import { Billing, POLL } from './Billing';
import {
  amountProblem,
  type Billing as BillingView,
  type Payment,
  parseAmount,
  type S,
  type StripeError,
  type StripeFactory,
  stripeSourceAllowed,
} from './BillingApi';

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const allByTestId = (id: string) => Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
const text = (id: string) => byTestId(id)?.textContent ?? null;

const SECRET = 'pi_123_secret_abcdef';

const payment = (over: Partial<Payment> = {}): Payment => ({
  payment_id: 'pay-1',
  amount: 12000,
  currency: 'usd',
  invoice_id: null,
  status: 'requires_payment',
  failure_code: null,
  refunded: 0,
  created_at: '2026-03-03T15:00:00Z',
  succeeded_at: null,
  ...over,
});

const view = (over: Partial<BillingView> = {}): BillingView => ({
  currency: 'usd',
  balance: 12000,
  unapplied: 0,
  invoices: [
    {
      invoice_id: 'inv-2',
      number: 2,
      charged: 8000,
      balance: 8000,
      opened_at: '2026-03-02T15:00:00Z',
      finalized: true,
    },
    {
      invoice_id: 'inv-1',
      number: 1,
      charged: 6000,
      balance: 4000,
      opened_at: '2026-02-01T15:00:00Z',
      finalized: true,
    },
    { invoice_id: 'inv-0', number: 0, charged: 2500, balance: 0, opened_at: '2026-01-01T15:00:00Z', finalized: true },
  ],
  entries: [
    {
      entry_id: 'e-5',
      kind: 'dispute_hold',
      amount: 2500,
      allocations: [],
      description: null,
      payment_id: 'pay-0',
      posted_at: '2026-03-03T10:00:00Z',
    },
    {
      entry_id: 'e-4',
      kind: 'write_off',
      amount: -500,
      allocations: [],
      description: 'Courtesy',
      payment_id: null,
      posted_at: '2026-03-02T18:00:00Z',
    },
    {
      entry_id: 'e-3',
      kind: 'charge',
      amount: 8000,
      allocations: [{ invoice_id: 'inv-2', amount: 8000 }],
      description: 'Office visit',
      payment_id: null,
      posted_at: '2026-03-02T15:00:00Z',
    },
    {
      entry_id: 'e-2',
      kind: 'payment',
      amount: -2500,
      allocations: [{ invoice_id: 'inv-0', amount: -2500 }],
      description: null,
      payment_id: 'pay-0',
      posted_at: '2026-01-05T15:00:00Z',
    },
  ],
  payments: [
    payment({ payment_id: 'pay-p', amount: 1000, status: 'processing' }),
    payment({ payment_id: 'pay-f', amount: 2000, status: 'failed', failure_code: 'card_declined' }),
    payment({
      payment_id: 'pay-0',
      amount: 2500,
      status: 'succeeded',
      refunded: 500,
      succeeded_at: '2026-01-05T15:00:00Z',
    }),
    payment({ payment_id: 'pay-r', amount: 3000, status: 'requires_payment' }),
  ],
  pay: { enabled: true, minimum_payment: 100, allow_prepayment: false },
  statement_months: [],
  ...over,
});

const started = (p: Payment) => ({
  payment: p,
  client_secret: SECRET,
  publishable_key: 'pk_test_local',
  stripe_account: 'acct_demo',
  js_url: '/_local/stripe/v3.js',
});

/** What a confirm answers: confirmed, a decline, no answer at all (it throws), or another Stripe error. */
type Outcome = 'ok' | 'decline' | 'throw' | StripeError;

/** A stand-in for Stripe.js on `window`: each confirm answers the next outcome. */
function fakeStripe(outcomes: Outcome[]) {
  const calls = { created: [] as unknown[], elements: [] as { clientSecret: string }[], confirms: 0 };
  const factory = vi.fn((key: string, options: { stripeAccount: string }) => {
    calls.created.push({ key, options });
    return {
      elements: (o: { clientSecret: string }) => {
        calls.elements.push(o);
        return {
          create: () => ({
            mount: (host: HTMLElement) => {
              host.innerHTML = '<label>Card <input data-testid="fake-card"></label>';
            },
            destroy: () => {},
          }),
        };
      },
      confirmPayment: async () => {
        calls.confirms += 1;
        const next = outcomes.shift();
        if (next === 'throw') throw new TypeError('Failed to fetch');
        if (typeof next === 'object') return { error: next };
        return next === 'decline'
          ? { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } }
          : { paymentIntent: { id: 'pi_123', status: 'processing' } };
      },
    };
  });
  (window as { Stripe?: StripeFactory }).Stripe = factory as unknown as StripeFactory;
  return calls;
}

function render() {
  history.replaceState(null, '', '/billing');
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/billing">
            <StatusLine />
            <Billing />
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

const original = { ...POLL };
beforeEach(() => {
  session.start('h.e30.s', 300);
  // Quick reads; the limit stays the screen's own, so a slow machine never reaches it by accident (the
  // two tests of the slow path lower it themselves).
  Object.assign(POLL, { firstMs: 5, maxMs: 10 });
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
  localStorage.clear();
  delete (window as { Stripe?: StripeFactory }).Stripe;
  Object.assign(POLL, original);
});

const type = (id: string, value: string) =>
  act(() => {
    const input = byTestId(id) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
const click = (id: string) => act(() => byTestId(id)?.click());

async function openForm() {
  await vi.waitFor(() => expect(byTestId('billing-pay-start')).not.toBeNull());
  click('billing-pay-start');
  await vi.waitFor(() => expect(byTestId('billing-pay-form')).not.toBeNull());
}

describe('amounts', () => {
  it('reads what was typed as whole cents, without floating point', () => {
    expect(parseAmount('120', 'usd')).toBe(12000);
    expect(parseAmount('120.5', 'usd')).toBe(12050);
    expect(parseAmount(' $1,200.07 ', 'usd')).toBe(120007);
    expect(parseAmount('0.29', 'usd')).toBe(29);
    expect(parseAmount('4.35', 'usd')).toBe(435);
    expect(parseAmount('120,50', 'usd')).toBe(12050);
    expect(parseAmount('1,200', 'usd')).toBe(120000);
    expect(parseAmount('12.345', 'usd')).toBeNull();
    expect(parseAmount('-5', 'usd')).toBeNull();
    expect(parseAmount('abc', 'usd')).toBeNull();
    expect(parseAmount('', 'usd')).toBeNull();
    expect(parseAmount('500', 'jpy')).toBe(500);
    expect(parseAmount('5.5', 'jpy')).toBeNull();
  });
  it('checks them by the practice rules', () => {
    const rules = { balance: 12000, pay: { enabled: true, minimum_payment: 500, allow_prepayment: false } };
    expect(amountProblem(null, rules)).toBe('format');
    expect(amountProblem(0, rules)).toBe('zero');
    expect(amountProblem(12001, rules)).toBe('over');
    expect(amountProblem(499, rules)).toBe('under');
    expect(amountProblem(500, rules)).toBeNull();
    expect(amountProblem(300, { ...rules, balance: 300 })).toBeNull();
    expect(amountProblem(20000, { ...rules, pay: { ...rules.pay, allow_prepayment: true } })).toBeNull();
  });
});

describe('the billing screen', () => {
  it('shows the balance, the open bills, the payments and the activity in plain words', async () => {
    fakeApi({ 'GET /portal/billing': () => json(200, view()) });
    const close = render();
    await vi.waitFor(() => expect(text('billing-balance-amount')).toBe('$120.00'));
    expect(document.activeElement?.tagName).toBe('H1');
    // Open bills only.
    expect(allByTestId('billing-invoice').map((i) => i.dataset.invoiceId)).toEqual(['inv-2', 'inv-1']);
    expect(allByTestId('billing-invoice-balance').map((i) => i.textContent)).toEqual([
      '$80.00 left to pay',
      '$40.00 left to pay',
    ]);
    // Payments made (an attempt never confirmed is not one), with their state and what was refunded.
    expect(allByTestId('billing-payment-status').map((s) => s.textContent)).toEqual([
      'Processing',
      'Didn’t go through',
      'Paid',
    ]);
    expect(text('billing-payment-refunded')).toBe('$5.00 refunded');
    // Activity: a charge by its description, the others in words, the amounts signed.
    expect(allByTestId('billing-entry-what').map((e) => e.textContent)).toEqual([
      'Payment under review',
      'Amount forgiven',
      'Office visit',
      'Payment',
    ]);
    expect(allByTestId('billing-entry-amount').map((e) => e.textContent)).toEqual([
      '+$25.00',
      '-$5.00',
      '+$80.00',
      '-$25.00',
    ]);
    expect(byTestId('billing-entries')?.textContent).toContain('You don’t need to do anything right now.');
    expect(byTestId('billing-not-online')).toBeNull();
    close();
  });

  it('says when there is a credit, or nothing owed (and offers no payment then)', async () => {
    let current = view({ balance: -1500, invoices: [] });
    fakeApi({ 'GET /portal/billing': () => json(200, current) });
    let close = render();
    await vi.waitFor(() =>
      expect(text('billing-credit')).toBe('You have a credit of $15.00. It will go toward your next bill.'),
    );
    expect(byTestId('billing-pay-start')).toBeNull();
    close();
    current = view({ balance: 0, invoices: [], payments: [] });
    close = render();
    await vi.waitFor(() => expect(text('billing-paid-up')).toBe('You’re all paid up. Thank you!'));
    expect(byTestId('billing-pay-start')).toBeNull();
    expect(text('billing-payments-none')).toBe('You haven’t made any payments yet.');
    close();
  });

  it('says the practice takes no payments online, and shows the balance only', async () => {
    fakeApi({
      'GET /portal/billing': () =>
        json(200, view({ pay: { enabled: false, minimum_payment: 0, allow_prepayment: false } })),
    });
    const close = render();
    await vi.waitFor(() => expect(byTestId('billing-not-online')).not.toBeNull());
    expect(text('billing-balance-amount')).toBe('$120.00');
    expect(byTestId('billing-not-online')?.textContent).toContain('doesn’t take payments in the portal');
    expect(byTestId('billing-pay-start')).toBeNull();
    close();
  });

  it('checks the amount first, then shows the server’s refusal on its field', async () => {
    const api = fakeApi({
      'GET /portal/billing': () => json(200, view()),
      'POST /portal/billing/payments': () =>
        json(422, {
          status: 422,
          title: 'Unprocessable',
          type: 'https://portico.health/problems/unprocessable',
          errors: [{ field: 'amount', detail: 'is more than the bill' }],
        }),
    });
    const close = render();
    await openForm();
    // The whole balance by default.
    expect((byTestId('billing-pay-amount') as HTMLInputElement).value).toBe('120.00');
    expect(document.activeElement?.id).toBe('billing-pay-title');

    const error = () => byTestId('billing-pay-form')?.querySelector('.field-error')?.textContent;
    for (const [typed, said] of [
      ['12.345', 'Enter the amount as a number, like 120.00.'],
      ['0', 'Enter an amount more than zero.'],
      ['500', 'That’s more than you owe. You can pay up to $120.00.'],
      ['0.50', 'The smallest payment we can take online is $1.00, unless you pay your whole balance.'],
    ] as const) {
      type('billing-pay-amount', typed);
      click('billing-pay-continue');
      await vi.waitFor(() => expect(error()).toBe(said));
      expect(byTestId('billing-pay-amount')?.getAttribute('aria-invalid')).toBe('true');
      expect(document.activeElement).toBe(byTestId('billing-pay-amount'));
    }
    expect(api.requests('POST /portal/billing/payments')).toHaveLength(0);

    // One bill: its balance becomes the amount, and the bill goes with it.
    act(() => {
      const select = byTestId('billing-pay-target') as HTMLSelectElement;
      select.value = 'inv-1';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await vi.waitFor(() => expect((byTestId('billing-pay-amount') as HTMLInputElement).value).toBe('40.00'));
    type('billing-pay-amount', '45');
    click('billing-pay-continue');
    await vi.waitFor(() => expect(error()).toBe('This amount is more than the bill.'));
    expect(await api.requests('POST /portal/billing/payments')[0]?.json()).toEqual({
      amount: 4500,
      invoice_id: 'inv-1',
    });
    close();
  });

  it('pays: confirms with Stripe, says it is processing, reads the payment until it is received', async () => {
    const paying = payment({ payment_id: 'pay-9', amount: 12000 });
    let reads = 0;
    let current = view({ payments: [] });
    // The second read waits until the test has seen "Processing".
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const api = fakeApi({
      'GET /portal/billing': () => json(200, current),
      'POST /portal/billing/payments': () => json(201, started(paying)),
      'GET /portal/billing/payments/pay-9': async () => {
        reads += 1;
        if (reads < 2) return json(200, { ...paying, status: 'processing' });
        await held;
        current = view({ balance: 0, invoices: [], payments: [{ ...paying, status: 'succeeded' }] });
        return json(200, { ...paying, status: 'succeeded', succeeded_at: '2026-03-03T15:01:00Z' });
      },
    });
    const stripe = fakeStripe(['ok']);
    const close = render();
    await openForm();
    click('billing-pay-continue');
    await vi.waitFor(() => expect(byTestId('fake-card')).not.toBeNull());
    const [sent] = api.requests('POST /portal/billing/payments');
    expect(await sent?.json()).toEqual({ amount: 12000 });
    expect(sent?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(stripe.created).toEqual([{ key: 'pk_test_local', options: { stripeAccount: 'acct_demo' } }]);
    expect(stripe.elements[0]?.clientSecret).toBe(SECRET);
    expect(byTestId('billing-card')?.querySelector('h2')?.textContent).toBe('Pay $120.00');
    expect(document.activeElement?.id).toBe('billing-card-title');

    click('billing-pay-submit');
    await vi.waitFor(() => expect(byTestId('billing-processing')).not.toBeNull());
    expect(byTestId('billing-processing')?.getAttribute('role')).toBe('status');
    expect(text('billing-processing')).toBe('Processing your payment of $120.00…');
    expect(document.activeElement).toBe(byTestId('billing-processing'));
    release();
    await vi.waitFor(() => expect(text('billing-received')).toBe('Payment of $120.00 received. Thank you.'));
    expect(reads).toBe(2);
    // The balance is read again: nothing is owed now.
    await vi.waitFor(() => expect(text('billing-paid-up')).toBe('You’re all paid up. Thank you!'));
    expect(allByTestId('billing-payment-status').map((s) => s.textContent)).toEqual(['Paid']);
    // The client secret is never on the page.
    expect(document.body.innerHTML).not.toContain(SECRET);
    close();
  });

  it('after a decline, tries again as a new attempt with a new key; a lost answer is sent again with the same', async () => {
    let posts = 0;
    const api = fakeApi({
      'GET /portal/billing': () => json(200, view({ payments: [] })),
      'POST /portal/billing/payments': () => {
        posts += 1;
        if (posts === 1) throw new TypeError('network down');
        return json(201, started(payment({ payment_id: `pay-${posts}` })));
      },
      'GET /portal/billing/payments/pay-3': () => json(200, payment({ payment_id: 'pay-3', status: 'succeeded' })),
    });
    const stripe = fakeStripe(['decline', 'ok']);
    const close = render();
    await openForm();
    click('billing-pay-continue');
    await vi.waitFor(() => expect(byTestId('billing-pay-error')).not.toBeNull());
    // No answer: the same attempt again, with the same key.
    click('billing-pay-continue');
    await vi.waitFor(() => expect(byTestId('fake-card')).not.toBeNull());
    const keys = () => api.requests('POST /portal/billing/payments').map((r) => r.headers.get('Idempotency-Key'));
    expect(keys()[1]).toBe(keys()[0]);

    click('billing-pay-submit');
    await vi.waitFor(() => expect(byTestId('billing-pay-declined')).not.toBeNull());
    expect(byTestId('billing-pay-declined')?.getAttribute('role')).toBe('alert');
    expect(text('billing-pay-declined-detail')).toBe('Your card was declined.');
    expect(byTestId('billing-pay-submit')).toBeNull();

    // Another card: a new payment attempt (a new key), a new Payment Element.
    click('billing-pay-retry');
    await vi.waitFor(() => expect(api.requests('POST /portal/billing/payments')).toHaveLength(3));
    expect(keys()[2]).not.toBe(keys()[1]);
    await vi.waitFor(() => expect(byTestId('billing-pay-submit')).not.toBeNull());
    expect(byTestId('billing-pay-declined')).toBeNull();
    expect(stripe.elements).toHaveLength(2);
    click('billing-pay-submit');
    await vi.waitFor(() => expect(byTestId('billing-received')).not.toBeNull());
    expect(stripe.confirms).toBe(2);
    close();
  });

  it('explains a payment that failed after processing, and a payment still processing after two minutes', async () => {
    let failing = true;
    fakeApi({
      'GET /portal/billing': () => json(200, view({ payments: [] })),
      'POST /portal/billing/payments': () => json(201, started(payment({ payment_id: 'pay-7' }))),
      'GET /portal/billing/payments/pay-7': () =>
        json(
          200,
          payment({
            payment_id: 'pay-7',
            status: failing ? 'failed' : 'processing',
            failure_code: failing ? 'insufficient_funds' : null,
          }),
        ),
    });
    fakeStripe(['ok', 'ok']);
    const close = render();
    await openForm();
    click('billing-pay-continue');
    await vi.waitFor(() => expect(byTestId('billing-pay-submit')?.hasAttribute('disabled')).toBe(false));
    click('billing-pay-submit');
    await vi.waitFor(() => expect(byTestId('billing-failed')).not.toBeNull());
    expect(text('billing-failed')).toBe(
      'Your payment of $120.00 didn’t go through.The bank said there wasn’t enough money in the account. You haven’t been charged.',
    );

    failing = false;
    POLL.limitMs = 30;
    click('billing-pay-retry');
    await vi.waitFor(() => expect(byTestId('billing-pay-submit')).not.toBeNull());
    click('billing-pay-submit');
    await vi.waitFor(() => expect(byTestId('billing-slow')).not.toBeNull());
    expect(text('billing-slow')).toContain('still processing');
    close();
  });

  it('past two minutes says it is still processing, reads on, and never calls a payment awaiting Stripe’s event failed', async () => {
    let reads = 0;
    let posted = false;
    const paying = payment({ payment_id: 'pay-8' });
    // The server keeps the payment at `requires_payment` until Stripe's event posts it.
    const now = () => payment({ payment_id: 'pay-8', status: posted ? 'succeeded' : 'requires_payment' });
    const api = fakeApi({
      'GET /portal/billing': () => json(200, view({ payments: [now()] })),
      'POST /portal/billing/payments': () => json(201, started(paying)),
      'GET /portal/billing/payments/pay-8': () => {
        reads += 1;
        return json(200, now());
      },
    });
    fakeStripe(['ok']);
    POLL.limitMs = 30;
    const close = render();
    await openForm();
    click('billing-pay-continue');
    await vi.waitFor(() => expect(byTestId('billing-pay-submit')?.hasAttribute('disabled')).toBe(false));
    click('billing-pay-submit');
    await vi.waitFor(() => expect(byTestId('billing-slow')).not.toBeNull());
    expect(text('billing-slow')).toContain('There’s no need to pay again.');
    // Still read (and the page read again, the payment still `requires_payment` there): never a failure.
    const seen = reads;
    await vi.waitFor(() => expect(reads).toBeGreaterThan(seen + 2));
    expect(api.requests('GET /portal/billing').length).toBeGreaterThan(1);
    expect(byTestId('billing-failed')).toBeNull();
    expect(byTestId('billing-pay-retry')).toBeNull();
    expect(byTestId('billing-slow')).not.toBeNull();
    posted = true;
    await vi.waitFor(() => expect(text('billing-received')).toBe('Payment of $120.00 received. Thank you.'));
    expect(api.requests('POST /portal/billing/payments')).toHaveLength(1);
    close();
  });

  it('asks the server when Stripe’s answer proves nothing; only a decline spends the attempt', async () => {
    const unclear: Outcome[] = [
      'throw',
      { type: 'api_connection_error', message: 'A network error occurred.' },
      { type: 'api_error', message: 'Something went wrong.' },
      { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'Already succeeded.' },
    ];
    for (const outcome of unclear) {
      const api = fakeApi({
        'GET /portal/billing': () => json(200, view({ payments: [] })),
        'POST /portal/billing/payments': () => json(201, started(payment({ payment_id: 'pay-5' }))),
        'GET /portal/billing/payments/pay-5': () => json(200, payment({ payment_id: 'pay-5', status: 'succeeded' })),
      });
      fakeStripe([outcome]);
      const close = render();
      await openForm();
      click('billing-pay-continue');
      await vi.waitFor(() => expect(byTestId('billing-pay-submit')?.hasAttribute('disabled')).toBe(false));
      click('billing-pay-submit');
      await vi.waitFor(() => expect(byTestId('billing-received')).not.toBeNull());
      expect(byTestId('billing-pay-declined')).toBeNull();
      expect(api.requests('GET /portal/billing/payments/pay-5').length).toBeGreaterThan(0);
      expect(api.requests('POST /portal/billing/payments')).toHaveLength(1);
      close();
      document.body.replaceChildren();
      vi.unstubAllGlobals();
    }
  });

  it('after a decline makes one new key; a "Try again" that gets no answer is sent again with that same key', async () => {
    let posts = 0;
    const api = fakeApi({
      'GET /portal/billing': () => json(200, view({ payments: [] })),
      'POST /portal/billing/payments': () => {
        posts += 1;
        if (posts === 2) throw new TypeError('network down');
        return json(201, started(payment({ payment_id: `pay-${posts}` })));
      },
      'GET /portal/billing/payments/pay-3': () => json(200, payment({ payment_id: 'pay-3', status: 'succeeded' })),
    });
    fakeStripe(['decline', 'ok']);
    const close = render();
    await openForm();
    click('billing-pay-continue');
    await vi.waitFor(() => expect(byTestId('billing-pay-submit')?.hasAttribute('disabled')).toBe(false));
    click('billing-pay-submit');
    await vi.waitFor(() => expect(byTestId('billing-pay-declined')).not.toBeNull());
    click('billing-pay-retry');
    await vi.waitFor(() => expect(byTestId('billing-pay-error')).not.toBeNull());
    click('billing-pay-retry');
    await vi.waitFor(() => expect(api.requests('POST /portal/billing/payments')).toHaveLength(3));
    const keys = api.requests('POST /portal/billing/payments').map((r) => r.headers.get('Idempotency-Key'));
    expect(keys[1]).not.toBe(keys[0]);
    expect(keys[2]).toBe(keys[1]);
    await vi.waitFor(() => expect(byTestId('billing-pay-submit')?.hasAttribute('disabled')).toBe(false));
    click('billing-pay-submit');
    await vi.waitFor(() => expect(byTestId('billing-received')).not.toBeNull());
    close();
  });

  it('does not list a canceled payment (never charged) among the payments made', async () => {
    fakeApi({
      'GET /portal/billing': () =>
        json(
          200,
          view({
            payments: [
              payment({ payment_id: 'pay-c', amount: 4000, status: 'canceled' }),
              payment({ payment_id: 'pay-s', amount: 2500, status: 'succeeded', succeeded_at: '2026-01-05T15:00:00Z' }),
            ],
          }),
        ),
    });
    const close = render();
    await vi.waitFor(() => expect(byTestId('billing-payments')).not.toBeNull());
    expect(allByTestId('billing-payment').map((p) => p.dataset.paymentId)).toEqual(['pay-s']);
    close();
  });

  it('loads Stripe.js only from Stripe or from this site', () => {
    expect(stripeSourceAllowed('https://js.stripe.com/v3/')).toBe(true);
    expect(stripeSourceAllowed('/_local/stripe/v3.js')).toBe(true);
    expect(stripeSourceAllowed('https://js.stripe.com.evil.example/v3/')).toBe(false);
    expect(stripeSourceAllowed('http://js.stripe.com/v3/')).toBe(false);
    expect(stripeSourceAllowed('//evil.example/v3.js')).toBe(false);
    expect(stripeSourceAllowed('https://evil.example/v3.js')).toBe(false);
    expect(stripeSourceAllowed('javascript:alert(1)')).toBe(false);
  });

  it('offers each month’s statement as a PDF, fetched with the token and saved under its name', async () => {
    const api = fakeApi({
      'GET /portal/billing': () => json(200, view({ statement_months: ['2026-03', '2026-02'] })),
      'GET /portal/billing/statements/2026-03': () =>
        new Response(new Blob(['%PDF-1.4'], { type: 'application/pdf' }), {
          status: 200,
          headers: {
            'Content-Type': 'application/pdf',
            'Content-Disposition': 'attachment; filename="statement-2026-03.pdf"',
          },
        }),
    });
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:statement');
    const close = render();
    await vi.waitFor(() => expect(allByTestId('billing-statement')).toHaveLength(2));
    expect(allByTestId('billing-statement').map((s) => s.querySelector('strong')?.textContent)).toEqual([
      'March 2026',
      'February 2026',
    ]);
    expect(byTestId('billing-statement-download')?.getAttribute('aria-label')).toBe(
      'Download PDF: statement for March 2026',
    );
    click('billing-statement-download');
    await vi.waitFor(() => expect(text('app-status')).toContain('statement-2026-03.pdf downloaded.'));
    const [sent] = api.requests('GET /portal/billing/statements/2026-03');
    expect(new URL(sent?.url ?? '').searchParams.get('format')).toBe('pdf');
    expect(sent?.headers.get('Authorization')).toBe('Bearer h.e30.s');
    expect(created).toHaveBeenCalledOnce();
    created.mockRestore();
    close();
  });

  it('says it in Spanish', async () => {
    localStorage.setItem('portico.language', 'es');
    fakeApi({ 'GET /portal/billing': () => json(200, view()) });
    const close = render();
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    await vi.waitFor(() => expect(byTestId('billing-balance')?.querySelector('h2')?.textContent).toBe('Su saldo'));
    expect(text('billing-balance-amount')).toBe('$120.00');
    expect(allByTestId('billing-invoice-balance')[0]?.textContent).toBe('Quedan $80.00 por pagar');
    expect(allByTestId('billing-payment-status').map((s) => s.textContent)).toEqual([
      'En proceso',
      'No se completó',
      'Pagado',
    ]);
    expect(allByTestId('billing-entry-what')[0]?.textContent).toBe('Pago en revisión');
    expect(text('billing-pay-start')).toBe('Hacer un pago');
    close();
  });
});

// ------------------------------------------------------------------------------------------------
// Bills still being prepared, and autopay.

const SETUP_SECRET = 'seti_123_secret_abcdef';
const setupAnswer = (n = 1): S['AutopaySetup'] => ({
  client_secret: SETUP_SECRET.replace('123', `12${n}`),
  publishable_key: 'pk_test_local',
  stripe_account: 'acct_demo',
  js_url: '/_local/stripe/v3.js',
  consent_version: '2026-11',
  consent_text: {
    en: 'I agree to the words the server keeps for 2026-11.',
    es: 'Acepto las palabras que el servidor guarda para 2026-11.',
  },
});
const autopayOn = (over: Partial<S['AutopayView']> = {}): S['AutopayView'] => ({
  active: true,
  cap: 20000,
  consented_at: '2026-11-02T15:00:00Z',
  consent_version: '2026-11',
  last_outcome: null,
  paused: false,
  ...over,
});

/** A stand-in for Stripe.js's `confirmSetup`: each confirm answers the next outcome. */
function fakeStripeSetup(outcomes: ('ok' | 'decline' | 'incomplete')[]) {
  const calls = { created: [] as unknown[], elements: [] as { clientSecret: string }[], confirms: 0 };
  const factory = vi.fn((key: string, options: { stripeAccount: string }) => {
    calls.created.push({ key, options });
    return {
      elements: (o: { clientSecret: string }) => {
        calls.elements.push(o);
        return {
          create: () => ({
            mount: (host: HTMLElement) => {
              host.innerHTML = '<label>Card <input data-testid="fake-card"></label>';
            },
            destroy: () => {},
          }),
        };
      },
      confirmPayment: async () => ({ error: { type: 'card_error', message: 'not this one' } }),
      confirmSetup: async () => {
        calls.confirms += 1;
        const outcome = outcomes.shift();
        if (outcome === 'decline')
          return { error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } };
        if (outcome === 'incomplete')
          return { error: { type: 'validation_error', message: 'Your card number is incomplete.' } };
        return { setupIntent: { id: `seti_12${calls.elements.length}`, status: 'succeeded' } };
      },
    };
  });
  (window as { Stripe?: StripeFactory }).Stripe = factory as unknown as StripeFactory;
  return calls;
}

const check = (id: string) => act(() => (byTestId(id) as HTMLInputElement).click());

async function openAutopay() {
  await vi.waitFor(() => expect(byTestId('billing-autopay-start')).not.toBeNull());
  click('billing-autopay-start');
  await vi.waitFor(() => expect(byTestId('billing-autopay-form')).not.toBeNull());
  await vi.waitFor(() => expect(byTestId('billing-autopay-submit')?.hasAttribute('disabled')).toBe(false));
}

describe('bills still being prepared', () => {
  it('shows what each bill is for, says which are still being prepared, and offers only final ones to pay alone', async () => {
    fakeApi({
      'GET /portal/billing': () =>
        json(
          200,
          view({
            invoices: [
              {
                invoice_id: 'inv-3',
                number: 3,
                charged: 2000,
                balance: 2000,
                opened_at: '2026-03-04T15:00:00Z',
                finalized: false,
                description: 'Physical therapy',
              },
              {
                invoice_id: 'inv-2',
                number: 2,
                charged: 8000,
                balance: 8000,
                opened_at: '2026-03-02T15:00:00Z',
                finalized: true,
                description: 'Office visit',
              },
              {
                invoice_id: 'inv-1',
                number: 1,
                charged: 6000,
                balance: 4000,
                opened_at: '2026-02-01T15:00:00Z',
                finalized: true,
              },
            ],
            balance: 14000,
          }),
        ),
    });
    const close = render();
    await vi.waitFor(() => expect(allByTestId('billing-invoice')).toHaveLength(3));
    // What it is for, instead of only its number (which follows in small print).
    expect(allByTestId('billing-invoice-what').map((e) => e.textContent)).toEqual([
      'Physical therapy',
      'Office visit',
      'Bill 1',
    ]);
    expect(allByTestId('billing-invoice')[0]?.querySelector('.hint')?.textContent).toMatch(/^Bill 3 · /);
    // Still being prepared: said, and still counted in what is owed.
    expect(allByTestId('billing-invoice-preparing')).toHaveLength(1);
    expect(allByTestId('billing-invoice-preparing')[0]?.closest('li')?.dataset.invoiceId).toBe('inv-3');
    expect(text('billing-invoice-preparing')).toMatch(/^Still being prepared/);
    expect(text('billing-balance-amount')).toBe('$140.00');
    // Paying one bill: only the final ones are offered; the whole balance still includes the other.
    await openForm();
    const options = Array.from((byTestId('billing-pay-target') as HTMLSelectElement).options).map((o) => o.value);
    expect(options).toEqual(['', 'inv-2', 'inv-1']);
    expect((byTestId('billing-pay-target') as HTMLSelectElement).options[1]?.textContent).toMatch(
      /^Office visit: bill 2 from /,
    );
    expect((byTestId('billing-pay-amount') as HTMLInputElement).value).toBe('140.00');
    close();
  });
});

describe('autopay', () => {
  it('says what it does first, saves a card with confirmSetup, and turns on with the limit and consent', async () => {
    let current = view({ autopay: null });
    const api = fakeApi({
      'GET /portal/billing': () => json(200, current),
      'POST /portal/billing/autopay/setup': () => json(201, setupAnswer()),
      'PUT /portal/billing/autopay': async (req) => {
        const body = await req.json();
        const on = autopayOn({ cap: body.cap });
        current = view({ autopay: on });
        return json(200, on);
      },
    });
    const stripe = fakeStripeSetup(['ok']);
    const close = render();
    await vi.waitFor(() => expect(byTestId('billing-autopay')).not.toBeNull());
    // Opt-in only: what it does, and nothing asked of the server before the patient says so.
    expect(text('billing-autopay-explain')).toBe(
      'Each month, in the early hours, we charge your saved card for bills that are final, up to the limit you set. We never charge more than your limit. If a payment doesn’t go through we’ll tell you and you can pay here.',
    );
    expect(api.requests('POST /portal/billing/autopay/setup')).toHaveLength(0);
    expect(byTestId('billing-autopay-form')).toBeNull();

    await openAutopay();
    const [setup] = api.requests('POST /portal/billing/autopay/setup');
    expect(setup?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(stripe.created).toEqual([{ key: 'pk_test_local', options: { stripeAccount: 'acct_demo' } }]);
    expect(stripe.elements[0]?.clientSecret).toBe('seti_121_secret_abcdef');
    expect(byTestId('fake-card')).not.toBeNull();
    expect(document.activeElement?.id).toBe('billing-autopay-form-title');
    // The consent box starts unchecked, and says what is agreed to: the server's words for the version
    // sent back.
    const consent = byTestId('billing-autopay-consent') as HTMLInputElement;
    expect(consent.checked).toBe(false);
    expect(document.querySelector(`label[for="${consent.id}"]`)?.textContent).toBe(
      'I agree to the words the server keeps for 2026-11.',
    );

    type('billing-autopay-cap-input', '$250');
    check('billing-autopay-consent');
    click('billing-autopay-submit');
    await vi.waitFor(() => expect(byTestId('billing-autopay-on')).not.toBeNull());
    expect(stripe.confirms).toBe(1);
    expect(await api.requests('PUT /portal/billing/autopay')[0]?.json()).toEqual({
      setup_intent_id: 'seti_121',
      cap: 25000,
      consent: true,
      consent_version: '2026-11',
    });
    expect(text('billing-autopay-cap')).toBe('Up to $250.00 at a time');
    expect(text('billing-autopay-outcome')).toBe('Nothing yet');
    expect(text('app-status')).toContain('Autopay is on.');
    expect(document.activeElement?.id).toBe('billing-autopay-title');
    expect(document.body.innerHTML).not.toContain('secret');
    close();
  });

  it('requires the limit and the consent before saving anything', async () => {
    const api = fakeApi({
      'GET /portal/billing': () => json(200, view({ autopay: null })),
      'POST /portal/billing/autopay/setup': () => json(201, setupAnswer()),
    });
    const stripe = fakeStripeSetup(['ok']);
    const close = render();
    await openAutopay();
    const error = (id: string) => byTestId('billing-autopay-form')?.querySelector(`#${CSS.escape(id)}`)?.textContent;
    click('billing-autopay-submit');
    await vi.waitFor(() => expect(byTestId('billing-autopay-cap-input')?.getAttribute('aria-invalid')).toBe('true'));
    const cap = byTestId('billing-autopay-cap-input') as HTMLInputElement;
    expect(error(`${cap.id}-error`)).toBe('Enter the limit as a number, like 200.00.');
    expect(document.activeElement).toBe(cap);
    type('billing-autopay-cap-input', '0');
    click('billing-autopay-submit');
    await vi.waitFor(() => expect(error(`${cap.id}-error`)).toBe('Enter a limit more than zero.'));
    type('billing-autopay-cap-input', '100');
    click('billing-autopay-submit');
    await vi.waitFor(() =>
      expect(text('billing-autopay-consent-error')).toBe('To turn on autopay, check the box to say you agree.'),
    );
    expect(byTestId('billing-autopay-consent')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(byTestId('billing-autopay-consent'));
    expect(stripe.confirms).toBe(0);
    expect(api.requests('PUT /portal/billing/autopay')).toHaveLength(0);
    close();
  });

  it('shows the server’s refusals on their fields, and a card it would not take as a new attempt', async () => {
    let puts = 0;
    const api = fakeApi({
      'GET /portal/billing': () => json(200, view({ autopay: null })),
      'POST /portal/billing/autopay/setup': () =>
        json(201, setupAnswer(api.requests('POST /portal/billing/autopay/setup').length)),
      'PUT /portal/billing/autopay': () => {
        puts += 1;
        const field = puts === 1 ? 'cap' : puts === 2 ? 'consent' : 'setup_intent_id';
        const detail = puts === 1 ? 'must be at most 100000.00' : puts === 2 ? 'is required' : 'was not saved';
        return json(422, {
          status: 422,
          title: 'Unprocessable',
          type: 'https://portico.health/problems/unprocessable',
          errors: [{ field, detail }],
        });
      },
    });
    const stripe = fakeStripeSetup(['ok', 'ok']);
    const close = render();
    await openAutopay();
    type('billing-autopay-cap-input', '200000');
    check('billing-autopay-consent');
    click('billing-autopay-submit');
    const cap = byTestId('billing-autopay-cap-input') as HTMLInputElement;
    await vi.waitFor(() => expect(cap.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(`${cap.id}-error`)?.textContent).toBe('This limit must be at most 100000.00.');
    expect(document.activeElement).toBe(cap);

    // Asked again: the card already saved is not confirmed again; only the server is asked.
    type('billing-autopay-cap-input', '200');
    click('billing-autopay-submit');
    await vi.waitFor(() => expect(text('billing-autopay-consent-error')).toBe('This agreement is required.'));
    expect(stripe.confirms).toBe(1);

    click('billing-autopay-submit');
    await vi.waitFor(() => expect(byTestId('billing-autopay-card-error')).not.toBeNull());
    expect(text('billing-autopay-card-error')).toBe(
      'We couldn’t use that card for autopay, and nothing was charged. Please try another card.',
    );
    expect(byTestId('billing-autopay-submit')).toBeNull();
    const bodies = await Promise.all(api.requests('PUT /portal/billing/autopay').map((r) => r.json()));
    expect(bodies.map((b) => b.setup_intent_id)).toEqual(['seti_121', 'seti_121', 'seti_121']);

    // Another card: a new SetupIntent with a new key, confirmed again.
    click('billing-autopay-another');
    await vi.waitFor(() => expect(api.requests('POST /portal/billing/autopay/setup')).toHaveLength(2));
    const keys = api.requests('POST /portal/billing/autopay/setup').map((r) => r.headers.get('Idempotency-Key'));
    expect(keys[1]).not.toBe(keys[0]);
    await vi.waitFor(() => expect(byTestId('billing-autopay-submit')?.hasAttribute('disabled')).toBe(false));
    expect(stripe.elements).toHaveLength(2);
    close();
  });

  it('says a bank account still being confirmed is not a refused card, by the field’s code', async () => {
    const api = fakeApi({
      'GET /portal/billing': () => json(200, view({ autopay: null })),
      'POST /portal/billing/autopay/setup': () => json(201, setupAnswer()),
      'PUT /portal/billing/autopay': () =>
        json(422, {
          status: 422,
          title: 'Unprocessable',
          type: 'https://portico.health/problems/unprocessable',
          errors: [{ field: 'setup_intent_id', detail: 'is still being confirmed by the bank', code: 'processing' }],
        }),
    });
    const stripe = fakeStripeSetup(['ok']);
    const close = render();
    await openAutopay();
    type('billing-autopay-cap-input', '200');
    check('billing-autopay-consent');
    click('billing-autopay-submit');
    await vi.waitFor(() => expect(byTestId('billing-autopay-card-error')).not.toBeNull());
    expect(text('billing-autopay-card-error')).toBe(
      'Your bank hasn’t confirmed this account yet, so autopay isn’t on, and nothing was charged. Once your bank has confirmed it, press Turn on autopay again.',
    );
    // Asked again: the same saved account, not a new one.
    expect(byTestId('billing-autopay-another')).toBeNull();
    click('billing-autopay-submit');
    await vi.waitFor(() => expect(api.requests('PUT /portal/billing/autopay')).toHaveLength(2));
    const bodies = await Promise.all(api.requests('PUT /portal/billing/autopay').map((r) => r.json()));
    expect(bodies.map((b) => b.setup_intent_id)).toEqual(['seti_121', 'seti_121']);
    expect(stripe.confirms).toBe(1);
    close();
  });

  it('shows the new words when the practice changed them meanwhile, and asks again', async () => {
    const api = fakeApi({
      'GET /portal/billing': () => json(200, view({ autopay: null })),
      'POST /portal/billing/autopay/setup': () => {
        const n = api.requests('POST /portal/billing/autopay/setup').length;
        const answer = setupAnswer(n);
        return json(
          201,
          n === 1
            ? answer
            : { ...answer, consent_version: '2027-01', consent_text: { en: 'New words.', es: 'Palabras nuevas.' } },
        );
      },
      'PUT /portal/billing/autopay': () =>
        json(422, {
          status: 422,
          title: 'Unprocessable',
          type: 'https://portico.health/problems/unprocessable',
          detail: 'The autopay terms changed since you read them.',
          errors: [
            { field: 'consent_version', detail: 'is not the current version of the terms', code: 'not_current' },
          ],
        }),
    });
    const stripe = fakeStripeSetup(['ok', 'ok']);
    const close = render();
    await openAutopay();
    type('billing-autopay-cap-input', '200');
    check('billing-autopay-consent');
    click('billing-autopay-submit');
    await vi.waitFor(() => expect(byTestId('billing-autopay-terms-changed')).not.toBeNull());
    expect(text('billing-autopay-terms-changed')).toContain('changed its autopay terms');
    expect(await api.requests('PUT /portal/billing/autopay')[0]?.json()).toMatchObject({ consent_version: '2026-11' });
    // The new words, an unchecked box, and a new card-saving attempt (with a new key).
    await vi.waitFor(() => expect(text('billing-autopay-consent-words')).toBe('New words.'));
    expect((byTestId('billing-autopay-consent') as HTMLInputElement).checked).toBe(false);
    const keys = api.requests('POST /portal/billing/autopay/setup').map((r) => r.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[1]).not.toBe(keys[0]);
    expect(byTestId('billing-autopay-error')).toBeNull();
    expect(stripe.confirms).toBe(1);
    close();
  });

  it('says a card Stripe refused was not saved, and lets the patient try another', async () => {
    const api = fakeApi({
      'GET /portal/billing': () => json(200, view({ autopay: null })),
      'POST /portal/billing/autopay/setup': () => json(201, setupAnswer()),
    });
    const stripe = fakeStripeSetup(['incomplete', 'decline']);
    const close = render();
    await openAutopay();
    type('billing-autopay-cap-input', '150');
    check('billing-autopay-consent');
    click('billing-autopay-submit');
    await vi.waitFor(() => expect(text('billing-autopay-declined')).toMatch(/^Please check your payment details\./));
    // Incomplete details are fixed in place.
    expect(byTestId('billing-autopay-submit')).not.toBeNull();
    click('billing-autopay-submit');
    await vi.waitFor(() => expect(text('billing-autopay-declined-detail')).toBe('Your card was declined.'));
    expect(text('billing-autopay-declined')).toMatch(/^Your card couldn’t be saved, and nothing was charged\./);
    expect(byTestId('billing-autopay-another')).not.toBeNull();
    expect(stripe.confirms).toBe(2);
    expect(api.requests('PUT /portal/billing/autopay')).toHaveLength(0);
    close();
  });

  it('is not offered where the practice takes no payments online, and says so if the server refuses (403)', async () => {
    let enabled = false;
    fakeApi({
      'GET /portal/billing': () =>
        json(200, view({ autopay: null, pay: { enabled, minimum_payment: 100, allow_prepayment: false } })),
      'POST /portal/billing/autopay/setup': () =>
        json(403, { status: 403, title: 'Forbidden', type: 'https://portico.health/problems/forbidden' }),
    });
    fakeStripeSetup([]);
    let close = render();
    await vi.waitFor(() => expect(byTestId('billing-not-online')).not.toBeNull());
    expect(byTestId('billing-autopay')).toBeNull();
    close();
    enabled = true;
    close = render();
    await vi.waitFor(() => expect(byTestId('billing-autopay-start')).not.toBeNull());
    click('billing-autopay-start');
    await vi.waitFor(() =>
      expect(text('billing-autopay-setup-error')).toBe('Autopay isn’t available in the portal for this practice.'),
    );
    expect(byTestId('billing-autopay-submit')).toBeNull();
    close();
  });

  it('shows autopay when on: the limit, since when, the last run in plain words, a pause; and turns it off', async () => {
    let current = view({ autopay: autopayOn({ last_outcome: 'needs_patient', paused: true }) });
    const api = fakeApi({
      'GET /portal/billing': () => json(200, current),
      'DELETE /portal/billing/autopay': () => {
        current = view({ autopay: autopayOn({ active: false }) });
        return new Response(null, { status: 204 });
      },
    });
    const close = render();
    await vi.waitFor(() => expect(byTestId('billing-autopay-on')).not.toBeNull());
    expect(byTestId('billing-autopay-explain')).toBeNull();
    expect(text('billing-autopay-cap')).toBe('Up to $200.00 at a time');
    expect(text('billing-autopay-since')).toMatch(/^November 2, 2026/);
    expect(text('billing-autopay-outcome')).toBe('Your card needs you to approve payments: please pay here.');
    expect(text('billing-autopay-needs-you')).toBe('You can pay here on this page, with “Make a payment”.');
    expect(text('billing-autopay-paused')).toBe('Paused while a payment dispute is reviewed');

    click('billing-autopay-off');
    await vi.waitFor(() => expect(byTestId('billing-autopay-off-confirm')).not.toBeNull());
    // Keeping it on sends nothing.
    click('billing-autopay-off-confirm-no');
    await vi.waitFor(() => expect(byTestId('billing-autopay-off-confirm')).toBeNull());
    expect(api.requests('DELETE /portal/billing/autopay')).toHaveLength(0);
    click('billing-autopay-off');
    await vi.waitFor(() => expect(byTestId('billing-autopay-off-confirm-yes')).not.toBeNull());
    click('billing-autopay-off-confirm-yes');
    await vi.waitFor(() => expect(byTestId('billing-autopay-start')).not.toBeNull());
    expect(api.requests('DELETE /portal/billing/autopay')).toHaveLength(1);
    expect(byTestId('billing-autopay-on')).toBeNull();
    expect(text('app-status')).toContain('Autopay is off.');
    close();
  });

  it('words every last outcome', async () => {
    const words: Record<S['RunOutcome'], string> = {
      charged: 'Your bills were paid with your saved card.',
      nothing_due: 'There was nothing to pay.',
      over_cap: 'Your bills came to more than your limit, so we didn’t charge them.',
      declined: 'The payment didn’t go through. We’ll try again.',
      gave_up: 'We couldn’t take the payment after three tries.',
      needs_patient: 'Your card needs you to approve payments: please pay here.',
    };
    for (const [outcome, said] of Object.entries(words) as [S['RunOutcome'], string][]) {
      fakeApi({ 'GET /portal/billing': () => json(200, view({ autopay: autopayOn({ last_outcome: outcome }) })) });
      const close = render();
      await vi.waitFor(() => expect(text('billing-autopay-outcome')).toBe(said));
      expect(byTestId('billing-autopay-needs-you') !== null).toBe(
        ['over_cap', 'gave_up', 'needs_patient'].includes(outcome),
      );
      close();
      document.body.replaceChildren();
    }
  });

  it('says when the last run was, what it took, and when the next is', async () => {
    fakeApi({
      'GET /portal/billing': () =>
        json(
          200,
          view({
            autopay: autopayOn({
              last_outcome: 'charged',
              last_run_at: '2026-11-19T08:10:00Z',
              last_amount: 12000,
              next_run_at: '2026-11-20T08:00:00Z',
            }),
          }),
        ),
    });
    const close = render();
    await vi.waitFor(() => expect(byTestId('billing-autopay-last-when')).not.toBeNull());
    expect(text('billing-autopay-last-when')).toMatch(/^On November 19, 2026 at .* · \$120\.00 paid$/);
    expect(text('billing-autopay-next')).toMatch(/^November 20, 2026 at .*, if a final bill is owed$/);
    close();
    document.body.replaceChildren();
    // Nothing taken and nothing next (paused): neither is said.
    fakeApi({
      'GET /portal/billing': () =>
        json(
          200,
          view({
            autopay: autopayOn({ last_outcome: 'nothing_due', last_run_at: '2026-11-19T08:10:00Z', paused: true }),
          }),
        ),
    });
    const again = render();
    await vi.waitFor(() => expect(byTestId('billing-autopay-last-when')).not.toBeNull());
    expect(text('billing-autopay-last-when')).toMatch(/^On November 19, 2026 at [^·]*$/);
    expect(byTestId('billing-autopay-next')).toBeNull();
    again();
  });

  it('says it in Spanish', async () => {
    localStorage.setItem('portico.language', 'es');
    fakeApi({
      'GET /portal/billing': () => json(200, view({ autopay: autopayOn({ last_outcome: 'gave_up', paused: true }) })),
    });
    const close = render();
    await vi.waitFor(() =>
      expect(text('billing-autopay-outcome')).toBe('No pudimos cobrar el pago después de tres intentos.'),
    );
    expect(byTestId('billing-autopay')?.querySelector('h2')?.textContent).toBe('Pago automático');
    expect(text('billing-autopay-paused')).toBe('En pausa mientras se revisa la disputa de un pago');
    expect(text('billing-autopay-off')).toBe('Desactivar el pago automático');
    close();
  });
});
