// Component tests: the chart's Billing tab for admins and billing staff (hidden for everyone else):
// the balance, invoices, payments, refunds, disputes and ledger entries in words, amounts from minor
// units; a charge posted with an Idempotency-Key that a retry sends again, and the 409 of a practice
// without a billing account said plainly; a refund whose double submit sends the same key; refused
// fields (422) said beside them; money typed as text read into whole cents; a charge with no answer keeps
// its bill and key through a new read; adjustments with a key; a waiting refund read less and less often,
// then "Check again"; Spanish.
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json, type Route } from '../../shared/api/fake-api';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { StatusLine, StatusProvider } from '../../shared/ui/components';
import { type S, session } from '../api';
import { english, loadCatalog } from '../catalog';
import { SignedInStaff } from '../parts';
import { formatMoney, moneyInput, parseMoney, RequestKey } from './BillingApi';
import { REFUND_POLL } from './PatientBilling';
import { PatientChart } from './Patients';

const patient: S['PatientView'] = {
  patient_id: 'pt_1',
  given_name: 'Ann',
  family_name: 'Lee',
  preferred_name: null,
  pronouns: null,
  date_of_birth: '1984-07-02',
  email: 'ann@example.com',
  phone: '+15555550101',
  language: 'en',
  time_zone: 'America/New_York',
  status: 'active',
  invitation_sent: false,
  created_at: '2026-01-05T10:00:00Z',
  updated_at: '2026-01-05T10:00:00Z',
  version: 1,
};

const PAID = 'pa_01JABCDEFGHJKMNPQRSTVWXYZ0';
const ledger = (over: Partial<S['LedgerView']> = {}): S['LedgerView'] => ({
  patient_id: 'pt_1',
  currency: 'usd',
  balance: 9000,
  unapplied: 0,
  statement_months: [],
  pay: { enabled: true, minimum_payment: 500, allow_prepayment: false },
  invoices: [
    {
      invoice_id: 'inv_2',
      number: 2,
      charged: 12000,
      balance: 9000,
      opened_at: '2026-11-20T15:00:00Z',
      finalized: true,
    },
    { invoice_id: 'inv_1', number: 1, charged: 5000, balance: 0, opened_at: '2026-10-01T15:00:00Z', finalized: true },
  ],
  entries: [
    {
      entry_id: 'e3',
      kind: 'payment',
      amount: -3000,
      allocations: [{ invoice_id: 'inv_2', amount: 3000 }],
      description: null,
      payment_id: PAID,
      posted_at: '2026-11-21T15:00:00Z',
    },
    {
      entry_id: 'e2',
      kind: 'charge',
      amount: 12000,
      allocations: [{ invoice_id: 'inv_2', amount: 12000 }],
      description: 'Office visit',
      payment_id: null,
      posted_at: '2026-11-20T15:00:00Z',
    },
    {
      entry_id: 'e1',
      kind: 'write_off',
      amount: -5000,
      allocations: [{ invoice_id: 'inv_1', amount: -5000 }],
      description: 'Hardship',
      payment_id: null,
      posted_at: '2026-10-02T15:00:00Z',
    },
  ],
  payments: [
    {
      payment_id: PAID,
      amount: 3000,
      currency: 'usd',
      status: 'succeeded',
      failure_code: null,
      refunded: 0,
      created_at: '2026-11-21T14:59:00Z',
      succeeded_at: '2026-11-21T15:00:00Z',
      invoice_id: 'inv_2',
    },
    {
      payment_id: 'pa_01JABCDEFGHJKMNPQRSTVWXYZ1',
      amount: 2000,
      currency: 'usd',
      status: 'failed',
      failure_code: 'card_declined',
      refunded: 0,
      created_at: '2026-11-19T14:59:00Z',
      succeeded_at: null,
      invoice_id: 'inv_2',
    },
  ],
  refunds: [],
  disputes: [
    {
      dispute_id: 'dp_1Abc',
      payment_id: PAID,
      amount: 3000,
      reason: 'fraudulent',
      status: 'needs_response',
      evidence_due_by: '2026-12-10T23:59:00Z',
      opened_at: '2026-11-25T15:00:00Z',
    },
  ],
  ...over,
});

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const allByTestId = (id: string) => Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
const texts = (id: string) => allByTestId(id).map((e) => e.textContent);

function render(roles: S['Role'][], tab: 'overview' | 'billing' = 'billing') {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/patients/pt_1/billing">
            <SignedInStaff.Provider
              value={{
                staff_id: 'staff-bea',
                display_name: 'Bea',
                email: 'bea@riverside.example',
                roles,
                status: 'active',
                created_at: '2026-01-05T10:00:00Z',
              }}
            >
              <StatusLine />
              <PatientChart patientId="pt_1" tab={tab} />
            </SignedInStaff.Provider>
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

function api(routes: Record<string, Route> = {}, read: () => S['LedgerView'] = () => ledger()) {
  return fakeApi({
    'GET /staff/patients/pt_1': () => json(200, patient),
    'GET /staff/patients/pt_1/contact': () => json(404, null),
    'GET /staff/patients/pt_1/proxies': () => json(200, { acting_for_patient: [], patient_acts_for: [] }),
    'GET /staff/patients/pt_1/ledger': () => json(200, read()),
    ...routes,
  });
}

function type(testid: string, value: string) {
  const input = byTestId(testid) as HTMLInputElement | HTMLSelectElement;
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}
const submit = (testid: string) =>
  act(() => {
    byTestId(testid)?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
const describedBy = (testid: string) =>
  (byTestId(testid)?.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent);
const problem = (status: number, detail: string, errors?: { field: string; detail: string; code?: string }[]) =>
  json(status, { type: `https://portico.health/problems/${status}`, title: 'Refused', status, detail, errors });

beforeEach(() => session.start('h.e30.s', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
  localStorage.clear();
});

describe('money', () => {
  it('reads typed money as whole cents from the text, never through a float', () => {
    expect(parseMoney('0.29')).toBe(29);
    expect(parseMoney('1.005')).toBeNull();
    expect(parseMoney('19.99')).toBe(1999);
    expect(parseMoney('$1,234.5')).toBe(123450);
    expect(parseMoney('12,50')).toBe(1250);
    expect(parseMoney('45')).toBe(4500);
    expect(parseMoney('4.1.2')).toBeNull();
    expect(parseMoney('-3')).toBeNull();
    expect(parseMoney('')).toBeNull();
    expect(parseMoney('500', 'jpy')).toBe(500);
    expect(moneyInput(3005)).toBe('30.05');
    expect(formatMoney(-3005, 'usd', 'en-US')).toBe('-$30.05');
    expect(formatMoney(12000, 'usd', 'en-US')).toBe('$120.00');
  });

  it('keeps one request key while the same request is sent again, and a new one after', () => {
    const key = new RequestKey();
    const a = key.for({ amount: 1 });
    expect(key.for({ amount: 1 })).toBe(a);
    const b = key.for({ amount: 2 });
    expect(b).not.toBe(a);
    key.done();
    expect(key.for({ amount: 2 })).not.toBe(b);
  });
});

describe('the Billing tab', () => {
  it('is neither offered nor read for a clinician or the front desk', async () => {
    for (const roles of [['clinician'], ['front-desk']] as S['Role'][][]) {
      const fake = api();
      const close = render(roles, 'overview');
      await vi.waitFor(() => expect(byTestId('chart-name')?.textContent).toBe('Ann Lee'));
      expect(byTestId('chart-tabs')).toBeNull();
      close();
      const again = render(roles, 'billing');
      await vi.waitFor(() => expect(byTestId('chart-name')?.textContent).toBe('Ann Lee'));
      expect(byTestId('billing')).toBeNull();
      again();
      expect(fake.calls()).not.toContain('GET /staff/patients/pt_1/ledger');
      vi.unstubAllGlobals();
    }
  });

  it('shows billing staff the balance, invoices, payments, disputes and ledger in words', async () => {
    api();
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-balance')?.textContent).toBe('$90.00'), { timeout: 5_000 });
    expect(byTestId('chart-tab-billing')?.getAttribute('aria-current')).toBe('page');
    expect(byTestId('chart-tab-overview')?.getAttribute('aria-current')).toBeNull();
    expect(byTestId('chart-demographics')).toBeNull();
    // No autopay set up: off (a pause means nothing then).
    expect(byTestId('billing-autopay')?.textContent).toBe('Off');
    expect(byTestId('billing-autopay-cap')).toBeNull();
    expect(texts('billing-invoice-balance')).toEqual(['$90.00', '$0.00']);
    expect(texts('billing-entry-kind')).toEqual(['Payment', 'Charge', 'Write-off']);
    expect(texts('billing-entry-amount')).toEqual(['-$30.00', '+$120.00', '-$50.00']);
    // Only the succeeded payment, with something left, can be refunded.
    expect(allByTestId('billing-refund-open')).toHaveLength(1);
    expect(texts('billing-payment-status')).toEqual(['Paid', 'Failed (card_declined)']);
    // The open dispute: its due date prominently, autopay paused, evidence non-clinical only.
    expect(byTestId('billing-dispute-open')?.textContent).toMatch(
      /A payment is disputed\. Automatic payments are paused/,
    );
    expect(byTestId('billing-dispute-due')?.textContent).toMatch(/^Evidence due by December 10, 2026/);
    expect(byTestId('billing-dispute-help')?.textContent).toMatch(
      /non-clinical only: attendance times, the signed financial policy and communication metadata/,
    );
    close();
  });

  it('says a refund Stripe did not answer was not sent, and a closed inquiry is no open dispute', async () => {
    api({}, () =>
      ledger({
        refunds: [
          {
            refund_id: 're_1',
            payment_id: PAID,
            amount: 1000,
            reason: 'duplicate',
            adjust: false,
            status: 'unsent',
            created_at: '2026-11-22T15:00:00Z',
          },
        ],
        disputes: [{ ...(ledger().disputes[0] as S['DisputeView']), status: 'closed' }],
      }),
    );
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-refund-status')).not.toBeNull(), { timeout: 5_000 });
    expect(byTestId('billing-refund-status')?.textContent).toBe(
      'Not sent: Stripe did not answer. You can refund it again.',
    );
    expect(byTestId('billing-refund-waiting')).toBeNull();
    expect(byTestId('billing-dispute-open')).toBeNull();
    expect(byTestId('billing-dispute-due')).toBeNull();
    expect(byTestId('billing-dispute')?.textContent).toMatch(/Closed: the inquiry did not become a dispute/);
    close();
  });

  it('posts a charge in cents with an Idempotency-Key, sends the same key on a retry, and says the new balance', async () => {
    let attempts = 0;
    let balance = 9000;
    const fake = api(
      {
        'POST /staff/patients/pt_1/ledger/charges': async (req) => {
          attempts += 1;
          if (attempts === 1) return problem(503, 'try again');
          const body = await req.json();
          balance += body.amount;
          return json(201, { entry_id: 'e9', invoice_id: 'inv_3', balance });
        },
      },
      () => ledger({ balance }),
    );
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-charge-form')).not.toBeNull(), { timeout: 5_000 });
    // Nothing is sent until the amount is money and the description is given.
    type('billing-charge-amount', '12.345');
    submit('billing-charge-form');
    expect(describedBy('billing-charge-amount')).toContain('Enter an amount such as 45.00.');
    expect(document.activeElement).toBe(byTestId('billing-charge-amount'));
    type('billing-charge-amount', '45.10');
    type('billing-charge-description', '  Copay  ');
    submit('billing-charge-form');
    await vi.waitFor(() => expect(byTestId('billing-charge-error')).not.toBeNull());
    submit('billing-charge-form');
    await vi.waitFor(() =>
      expect(byTestId('app-status')?.textContent).toMatch(
        /^Charge of \$45\.10 posted for Ann Lee\. Balance now \$135\.10\./,
      ),
    );
    const sent = fake.requests('POST /staff/patients/pt_1/ledger/charges');
    expect(sent).toHaveLength(2);
    // Complete by default: the bill is final.
    expect(await sent[0]?.json()).toEqual({ amount: 4510, description: 'Copay', finalize: true });
    const keys = sent.map((r) => r.headers.get('Idempotency-Key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    await vi.waitFor(() => expect(byTestId('billing-balance')?.textContent).toBe('$135.10'));
    expect(document.activeElement?.id).toBe('billing-balance-title');
    expect((byTestId('billing-charge-amount') as HTMLInputElement).value).toBe('');
    close();
  });

  it('shows the patient’s autopay: on since when, its limit, the last run in words, paused in a dispute', async () => {
    api({}, () =>
      ledger({
        autopay: {
          active: true,
          cap: 25000,
          consented_at: '2026-11-02T15:00:00Z',
          consent_version: '2026-11',
          last_outcome: 'needs_patient',
          last_run_at: '2026-11-19T08:10:00Z',
          last_amount: null,
          next_run_at: null,
          paused: true,
        },
      }),
    );
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-autopay-cap')).not.toBeNull(), { timeout: 5_000 });
    expect(byTestId('billing-autopay')?.dataset.active).toBe('true');
    expect(byTestId('billing-autopay')?.textContent).toMatch(
      /^On since November 2, 2026.*Paused while a payment is disputed$/,
    );
    expect(byTestId('billing-autopay-cap')?.textContent).toBe('$250.00');
    expect(byTestId('billing-autopay-outcome')?.textContent).toMatch(
      /^The card needs the patient to approve payments; the patient pays in the portal · on November 19, 2026 at /,
    );
    // Paused: no next run is said.
    expect(byTestId('billing-autopay-next')).toBeNull();
    close();
  });

  it('says what the last autopay run charged and when the next one is', async () => {
    api({}, () =>
      ledger({
        autopay: {
          active: true,
          cap: 25000,
          consented_at: '2026-11-02T15:00:00Z',
          consent_version: '2026-11',
          last_outcome: 'charged',
          last_run_at: '2026-11-19T08:10:00Z',
          last_amount: 12000,
          next_run_at: '2026-11-20T08:00:00Z',
          paused: false,
        },
      }),
    );
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-autopay-next')).not.toBeNull(), { timeout: 5_000 });
    expect(byTestId('billing-autopay-outcome')?.textContent).toMatch(
      /^Charged the saved card · on November 19, 2026 at .* · \$120\.00 charged$/,
    );
    expect(byTestId('billing-autopay-next')?.textContent).toMatch(/^November 20, 2026 at .*, if a final bill is owed$/);
    close();
  });

  it('says an autopay turned off is off, and one never run has no last run', async () => {
    const on = {
      active: true,
      cap: 5000,
      consented_at: '2026-11-02T15:00:00Z',
      consent_version: '2026-11',
      last_outcome: null,
      paused: false,
    };
    let current: S['LedgerView'] = ledger({ autopay: on });
    api({}, () => current);
    let close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-autopay-outcome')?.textContent).toBe('Not run yet'), {
      timeout: 5_000,
    });
    expect(byTestId('billing-autopay-paused')).toBeNull();
    close();
    current = ledger({ autopay: { ...on, active: false, last_outcome: 'gave_up' } });
    close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-autopay')?.textContent).toBe('Off'), { timeout: 5_000 });
    expect(byTestId('billing-autopay-outcome')).toBeNull();
    close();
  });

  it('shows each invoice’s description and a bill still being prepared; only those take more charges', async () => {
    const fake = api(
      {
        'POST /staff/patients/pt_1/ledger/charges': () =>
          json(201, { entry_id: 'e9', invoice_id: 'inv_3', balance: 9500 }),
      },
      () =>
        ledger({
          invoices: [
            {
              invoice_id: 'inv_3',
              number: 3,
              charged: 2000,
              balance: 2000,
              opened_at: '2026-11-26T15:00:00Z',
              finalized: false,
              description: 'Physical therapy',
            },
            ...(ledger().invoices.map((i) => ({
              ...i,
              description: i.number === 2 ? 'Office visit' : null,
            })) as S['InvoiceView'][]),
          ],
        }),
    );
    const close = render(['billing']);
    await vi.waitFor(() => expect(allByTestId('billing-invoice')).toHaveLength(3), { timeout: 5_000 });
    expect(texts('billing-invoice-description')).toEqual(['Physical therapy', 'Office visit', 'None']);
    expect(allByTestId('billing-invoice').map((r) => r.dataset.finalized)).toEqual(['false', 'true', 'true']);
    expect(texts('billing-invoice-preparing')).toEqual(['Being prepared']);
    // Adding to a bill: only the one being prepared is offered.
    const options = Array.from((byTestId('billing-charge-invoice') as HTMLSelectElement).options).map((o) => [
      o.value,
      o.textContent,
    ]);
    expect(options).toEqual([
      ['', 'A new invoice'],
      ['inv_3', 'Invoice no. 3: Physical therapy ($20.00 owed)'],
    ]);
    // "This bill is complete", checked by default; unchecked keeps it open.
    const finalize = byTestId('billing-charge-finalize') as HTMLInputElement;
    expect(finalize.checked).toBe(true);
    expect(document.querySelector('label[for="billing-charge-finalize"]')?.textContent).toBe('This bill is complete');
    act(() => finalize.click());
    expect(finalize.checked).toBe(false);
    expect(describedBy('billing-charge-finalize')[0]).toMatch(/stays open for more charges/);
    type('billing-charge-invoice', 'inv_3');
    type('billing-charge-amount', '5');
    type('billing-charge-description', 'Second session');
    submit('billing-charge-form');
    await vi.waitFor(() => expect(fake.requests('POST /staff/patients/pt_1/ledger/charges')).toHaveLength(1));
    expect(await fake.requests('POST /staff/patients/pt_1/ledger/charges')[0]?.json()).toEqual({
      amount: 500,
      description: 'Second session',
      invoice_id: 'inv_3',
      finalize: false,
    });
    // Posted: the form starts again complete by default.
    await vi.waitFor(() => expect((byTestId('billing-charge-finalize') as HTMLInputElement).checked).toBe(true));
    close();
  });

  /** The ledger with one bill, inv_3, still being prepared or final. */
  const invoiceThree = (finalized: boolean) =>
    ledger({
      invoices: [
        {
          invoice_id: 'inv_3',
          number: 3,
          charged: 2000,
          balance: 2000,
          opened_at: '2026-11-26T15:00:00Z',
          finalized,
          description: 'Physical therapy',
        },
      ],
    });

  /** Opens the Billing tab and posts a $5 charge on inv_3. */
  const chargeOnInvoiceThree = async () => {
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-charge-form')).not.toBeNull(), { timeout: 5_000 });
    type('billing-charge-invoice', 'inv_3');
    type('billing-charge-amount', '5');
    type('billing-charge-description', 'Second session');
    submit('billing-charge-form');
    return close;
  };

  it('says a bill that is not this patient’s apart from a final one, by the field’s code', async () => {
    api(
      {
        'POST /staff/patients/pt_1/ledger/charges': () =>
          problem(422, 'the request is invalid', [
            { field: 'invoice_id', detail: "is not this patient's invoice", code: 'not_found' },
          ]),
      },
      () => invoiceThree(false),
    );
    const close = await chargeOnInvoiceThree();
    await vi.waitFor(() =>
      expect(byTestId('billing-charge-error')?.textContent).toBe(
        'That bill is not this patient’s. Choose one of their bills, or post the charge on a new one.',
      ),
    );
    close();
  });

  it('says a bill that became final takes no more charges (422 on invoice_id) and reads the ledger again', async () => {
    let final = false;
    const fake = api(
      {
        'POST /staff/patients/pt_1/ledger/charges': () => {
          final = true;
          return problem(422, 'the request is invalid', [{ field: 'invoice_id', detail: 'is final', code: 'final' }]);
        },
      },
      () => invoiceThree(final),
    );
    const close = await chargeOnInvoiceThree();
    await vi.waitFor(() =>
      expect(byTestId('billing-charge-error')?.textContent).toBe(
        'That bill is complete and takes no more charges. Post this charge on a new bill or on one still being prepared.',
      ),
    );
    // Read again: the bill is final now, so it is no longer offered.
    await vi.waitFor(() =>
      expect(Array.from((byTestId('billing-charge-invoice') as HTMLSelectElement).options).map((o) => o.value)).toEqual(
        [''],
      ),
    );
    expect(fake.requests('GET /staff/patients/pt_1/ledger').length).toBeGreaterThan(1);
    close();
  });

  it('keeps a refund Stripe did not answer open with the same key, so sending it again asks again', async () => {
    let tries = 0;
    const fake = api({
      'POST /staff/patients/pt_1/ledger/refunds': () => {
        tries += 1;
        return json(202, {
          refund_id: 're_1',
          payment_id: PAID,
          amount: 3000,
          reason: 'requested_by_patient',
          adjust: false,
          status: tries === 1 ? 'unsent' : 'requested',
          created_at: '2026-11-29T15:00:00Z',
        });
      },
    });
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-refund-open')).not.toBeNull(), { timeout: 5_000 });
    act(() => byTestId('billing-refund-open')?.click());
    await vi.waitFor(() => expect(byTestId('billing-refund-form')).not.toBeNull());
    submit('billing-refund-form');
    await vi.waitFor(() =>
      expect(byTestId('billing-refund-unsent')?.textContent).toMatch(/^Stripe did not answer, so nothing was refunded/),
    );
    expect(byTestId('billing-refund-form')).not.toBeNull();
    submit('billing-refund-form');
    await vi.waitFor(() => expect(byTestId('billing-refund-form')).toBeNull());
    const keys = fake.requests('POST /staff/patients/pt_1/ledger/refunds').map((r) => r.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    close();
  });

  it('keeps the chosen bill and the key after a charge got no answer, even when a new read shows the bill final', async () => {
    let posted = false;
    let attempts = 0;
    const fake = api(
      {
        'POST /staff/patients/pt_1/ledger/charges': () => {
          attempts += 1;
          // The first one is posted (and makes its bill final), but its answer is lost.
          posted = true;
          if (attempts === 1) throw new TypeError('network down');
          return json(200, { entry_id: 'e9', invoice_id: 'inv_3', balance: 9500 });
        },
      },
      () =>
        ledger({
          invoices: [
            {
              invoice_id: 'inv_3',
              number: 3,
              charged: posted ? 2500 : 2000,
              balance: posted ? 2500 : 2000,
              opened_at: '2026-11-26T15:00:00Z',
              finalized: posted,
              description: 'Physical therapy',
            },
          ],
        }),
    );
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-charge-form')).not.toBeNull(), { timeout: 5_000 });
    type('billing-charge-invoice', 'inv_3');
    type('billing-charge-amount', '5');
    type('billing-charge-description', 'Second session');
    submit('billing-charge-form');
    await vi.waitFor(() => expect(byTestId('billing-charge-error')).not.toBeNull());
    // The ledger is read again (a refresh, a window focus): the bill is final there now.
    const reads = fake.requests('GET /staff/patients/pt_1/ledger').length;
    act(() => byTestId('billing-refresh')?.click());
    await vi.waitFor(() => expect(fake.requests('GET /staff/patients/pt_1/ledger').length).toBeGreaterThan(reads));
    await vi.waitFor(() => expect(byTestId('billing-invoice')?.dataset.finalized).toBe('true'));
    expect((byTestId('billing-charge-invoice') as HTMLSelectElement).value).toBe('inv_3');
    submit('billing-charge-form');
    await vi.waitFor(() => expect(byTestId('app-status')?.textContent).toMatch(/^Charge of \$5\.00 posted/));
    const sent = fake.requests('POST /staff/patients/pt_1/ledger/charges');
    expect(sent).toHaveLength(2);
    expect(await sent[1]?.json()).toEqual({
      amount: 500,
      description: 'Second session',
      invoice_id: 'inv_3',
      finalize: true,
    });
    expect(sent[1]?.headers.get('Idempotency-Key')).toBe(sent[0]?.headers.get('Idempotency-Key'));
    // Answered: the final bill is no longer offered.
    await vi.waitFor(() =>
      expect(Array.from((byTestId('billing-charge-invoice') as HTMLSelectElement).options).map((o) => o.value)).toEqual(
        [''],
      ),
    );
    close();
  });

  it('sends an adjustment with an Idempotency-Key: the same on a retry, a new one for the next', async () => {
    let attempts = 0;
    const fake = api({
      'POST /staff/patients/pt_1/ledger/adjustments': () => {
        attempts += 1;
        if (attempts === 1) return problem(503, 'try again');
        return json(201, { entry_id: `e${attempts}`, invoice_id: 'inv_2', balance: 8000 });
      },
    });
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-adjust-form')).not.toBeNull(), { timeout: 5_000 });
    type('billing-adjust-amount', '10');
    type('billing-adjust-description', 'Courtesy');
    submit('billing-adjust-form');
    await vi.waitFor(() => expect(byTestId('billing-adjust-error')).not.toBeNull());
    submit('billing-adjust-form');
    await vi.waitFor(() => expect((byTestId('billing-adjust-amount') as HTMLInputElement).value).toBe(''));
    type('billing-adjust-amount', '10');
    type('billing-adjust-description', 'Courtesy');
    submit('billing-adjust-form');
    await vi.waitFor(() => expect(fake.requests('POST /staff/patients/pt_1/ledger/adjustments')).toHaveLength(3));
    const keys = fake
      .requests('POST /staff/patients/pt_1/ledger/adjustments')
      .map((r) => r.headers.get('Idempotency-Key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[1]);
    close();
  });

  it('reads a waiting refund again less and less often, stops after the limit, and checks again when asked', async () => {
    const original = { ...REFUND_POLL };
    Object.assign(REFUND_POLL, { firstMs: 5, maxMs: 20, limitMs: 150 });
    // Every other read is slow, to see that the Refresh button does not flicker while the tab polls.
    let release = () => {};
    let reads = 0;
    api({
      'GET /staff/patients/pt_1/ledger': async () => {
        reads += 1;
        if (reads === 2)
          await new Promise<void>((resolve) => {
            release = resolve;
          });
        return json(
          200,
          ledger({
            refunds: [
              {
                refund_id: 're_1',
                payment_id: PAID,
                amount: 1000,
                reason: 'duplicate',
                adjust: false,
                status: 'pending',
                created_at: '2026-11-22T15:00:00Z',
              },
            ],
          }),
        );
      },
    });
    try {
      const close = render(['billing']);
      await vi.waitFor(() => expect(byTestId('billing-refund-waiting')).not.toBeNull(), { timeout: 5_000 });
      await vi.waitFor(() => expect(reads).toBe(2));
      // A poll under way: the button still says what it does.
      expect(byTestId('billing-refresh')?.textContent).toBe('Check again');
      release();
      await vi.waitFor(() => expect(byTestId('billing-refund-stopped')).not.toBeNull(), { timeout: 5_000 });
      expect(byTestId('billing-refund-waiting')).toBeNull();
      expect(byTestId('billing-refund-stopped')?.textContent).toMatch(/stopped checking on its own/);
      // Backed off: far fewer reads than one every 5 ms for 150 ms.
      const stopped = reads;
      expect(stopped).toBeLessThan(20);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(reads).toBe(stopped);
      act(() => byTestId('billing-refund-check')?.click());
      await vi.waitFor(() => expect(reads).toBeGreaterThan(stopped));
      close();
    } finally {
      Object.assign(REFUND_POLL, original);
    }
  });

  it('says an administrator sets up billing when the practice has no account (409)', async () => {
    api({ 'POST /staff/patients/pt_1/ledger/charges': () => problem(409, 'no billing account') });
    const close = render(['admin']);
    await vi.waitFor(() => expect(byTestId('billing-charge-form')).not.toBeNull(), { timeout: 5_000 });
    type('billing-charge-amount', '10');
    type('billing-charge-description', 'Visit');
    submit('billing-charge-form');
    await vi.waitFor(() =>
      expect(byTestId('billing-charge-error')?.textContent).toBe(
        'The practice has no billing account yet. An administrator sets it up in Practice settings, under Billing.',
      ),
    );
    close();
  });

  it('refunds a payment: what is left by default, one key for a double submit, adjust with a reduced charge', async () => {
    let answer: (r: Response) => void = () => {};
    const fake = api({
      'POST /staff/patients/pt_1/ledger/refunds': () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-refund-open')).not.toBeNull(), { timeout: 5_000 });
    act(() => byTestId('billing-refund-open')?.click());
    await vi.waitFor(() => expect(byTestId('billing-refund-form')).not.toBeNull());
    expect(document.activeElement?.tagName).toBe('H3');
    expect((byTestId('billing-refund-amount') as HTMLInputElement).value).toBe('30.00');
    expect((byTestId('billing-refund-adjust') as HTMLInputElement).checked).toBe(false);
    type('billing-refund-reason', 'charge_reduced');
    expect((byTestId('billing-refund-adjust') as HTMLInputElement).checked).toBe(true);
    type('billing-refund-amount', '40');
    submit('billing-refund-form');
    expect(describedBy('billing-refund-amount')).toContain('Enter an amount above zero and no more than $30.00.');
    type('billing-refund-amount', '12.5');
    // A double click: two submits before the answer.
    submit('billing-refund-form');
    submit('billing-refund-form');
    await vi.waitFor(() => expect(fake.requests('POST /staff/patients/pt_1/ledger/refunds').length).toBeGreaterThan(0));
    const sent = fake.requests('POST /staff/patients/pt_1/ledger/refunds');
    expect(new Set(sent.map((r) => r.headers.get('Idempotency-Key'))).size).toBe(1);
    expect(sent[0]?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await sent[0]?.json()).toEqual({ payment_id: PAID, amount: 1250, reason: 'charge_reduced', adjust: true });
    await act(async () =>
      answer(
        json(202, {
          refund_id: 're_1',
          payment_id: PAID,
          amount: 1250,
          reason: 'charge_reduced',
          adjust: true,
          status: 'requested',
          created_at: '2026-11-29T15:00:00Z',
        }),
      ),
    );
    await vi.waitFor(() =>
      expect(byTestId('app-status')?.textContent).toMatch(
        /^Refund of \$12\.50 requested\. It shows as refunded when Stripe/,
      ),
    );
    expect(byTestId('billing-refund-form')).toBeNull();
    expect(document.activeElement?.id).toBe('billing-refunds-title');
    close();
  });

  it('shows a refused amount beside the field (422) and a refused refund plainly (409)', async () => {
    let status = 422;
    api({
      'POST /staff/patients/pt_1/ledger/refunds': () =>
        status === 422
          ? problem(422, 'the request is invalid', [{ field: 'amount', detail: 'is more than is left to refund' }])
          : problem(409, 'the payment is not completed'),
    });
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-refund-open')).not.toBeNull(), { timeout: 5_000 });
    act(() => byTestId('billing-refund-open')?.click());
    await vi.waitFor(() => expect(byTestId('billing-refund-form')).not.toBeNull());
    submit('billing-refund-form');
    await vi.waitFor(() => expect(describedBy('billing-refund-amount')).toContain('Is more than is left to refund.'));
    expect(byTestId('billing-refund-amount')?.getAttribute('aria-invalid')).toBe('true');
    status = 409;
    type('billing-refund-amount', '5');
    submit('billing-refund-form');
    await vi.waitFor(() => expect(byTestId('billing-refund-error')?.textContent).toBe('The payment is not completed.'));
    close();
  });

  it('writes off in negative cents and says plainly when an invoice would go below zero (422)', async () => {
    const fake = api({
      'POST /staff/patients/pt_1/ledger/adjustments': () => problem(422, 'the invoice would go below zero'),
    });
    localStorage.setItem('portico.language', 'es');
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-adjust-form')).not.toBeNull(), { timeout: 5_000 });
    type('billing-adjust-kind', 'write_off');
    type('billing-adjust-amount', '100');
    type('billing-adjust-description', 'Hardship');
    submit('billing-adjust-form');
    await vi.waitFor(() =>
      expect(byTestId('billing-adjust-error')?.textContent).toBe(
        'Eso dejaría la factura por debajo de cero. Reduzca el importe.',
      ),
    );
    expect(await fake.requests('POST /staff/patients/pt_1/ledger/adjustments')[0]?.json()).toEqual({
      invoice_id: 'inv_2',
      kind: 'write_off',
      amount: -10000,
      description: 'Hardship',
    });
    close();
  });

  it('speaks Spanish to a Spanish reader', async () => {
    localStorage.setItem('portico.language', 'es');
    api();
    const close = render(['admin']);
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    await vi.waitFor(() => expect(byTestId('billing-balance')).not.toBeNull(), { timeout: 5_000 });
    expect(byTestId('chart-tab-billing')?.textContent).toBe('Facturación');
    expect(byTestId('billing-balance')?.textContent).toBe(formatMoney(9000, 'usd', 'es-US'));
    expect(texts('billing-entry-kind')).toEqual(['Pago', 'Cargo', 'Deuda cancelada']);
    expect(texts('billing-payment-status')[0]).toBe('Pagado');
    expect(byTestId('billing-dispute-open')?.textContent).toMatch(/^Hay un pago en disputa\./);
    expect(byTestId('billing-charge-post')?.textContent).toBe('Registrar cargo');
    close();
  });
});

const EVIDENCE = 'staff/patients/pt_1/ledger/disputes/dp_1Abc/evidence';
const evidence = (over: Partial<S['EvidenceView']> = {}): S['EvidenceView'] => ({
  dispute: ledger().disputes[0] as S['DisputeView'],
  can_send: true,
  blocked: null,
  time_zone: 'America/New_York',
  paid_at: '2026-11-21T14:59:00Z',
  paid_by: 'patient',
  always: [
    {
      name: 'product_description',
      value: 'Professional services provided by the practice, billed after each appointment.',
    },
    {
      name: 'access_activity_log',
      value: '2026-11-21 09:59 EST: the payment was made in the patient portal by the signed-in account holder.',
    },
  ],
  visits: [
    { starts_at: '2026-11-20T15:00:00Z', arrived_at: '2026-11-20T14:58:00Z', completed_at: '2026-11-20T15:40:00Z' },
  ],
  financial_policy: { version: '1', accepted_at: '2026-11-01T12:00:00Z', by: 'proxy', method: null },
  autopay: null,
  messages: { from_patient: 2, from_practice: 1, first_at: '2026-11-02T12:00:00Z', last_at: '2026-11-19T12:00:00Z' },
  sign_ins: [],
  sections: [
    {
      section: 'attendance',
      available: true,
      fields: [
        { name: 'service_date', value: '2026-11-20' },
        {
          name: 'uncategorized_text',
          value:
            'Appointments the patient attended, as recorded by the practice (times in America/New_York):\n- 2026-11-20: checked in 09:58 EST, marked completed 10:40 EST',
        },
      ],
    },
    {
      section: 'financial_policy',
      available: true,
      fields: [
        { name: 'refund_policy_disclosure', value: 'The practice’s financial policy (version 1) was accepted.' },
      ],
    },
    {
      section: 'communication',
      available: true,
      fields: [{ name: 'uncategorized_text', value: 'Secure messages through the patient portal: 2 and 1.' }],
    },
    { section: 'portal_activity', available: false, fields: [] },
  ],
  ...over,
});
const sentAt = '2026-11-26T15:00:00Z';
const sent = (sections: S['EvidenceSection'][], state: S['EvidenceState']): S['EvidenceView'] =>
  evidence({
    dispute: {
      ...(ledger().disputes[0] as S['DisputeView']),
      evidence: { sections, state, by: 'staff:staff-bea', at: sentAt },
    },
    can_send: state !== 'sent',
    blocked: state === 'sent' ? 'sent' : null,
  });
const check = (section: string) =>
  document.querySelector<HTMLInputElement>(`[data-section="${section}"] input[type="checkbox"]`);

describe('a dispute’s evidence', () => {
  it('shows the non-clinical facts and the exact text before sending the chosen sections once', async () => {
    let answer: S['EvidenceView'] = sent(['attendance', 'financial_policy'], 'unsent');
    const fake = api({
      [`GET /${EVIDENCE}`]: () => json(200, evidence()),
      [`POST /${EVIDENCE}`]: () => json(answer.dispute.evidence?.state === 'sent' ? 200 : 202, answer),
    });
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-dispute-prepare')).not.toBeNull(), { timeout: 5_000 });
    expect(fake.calls()).not.toContain(`GET /${EVIDENCE}`);
    act(() => byTestId('billing-dispute-prepare')?.click());
    await vi.waitFor(() => expect(byTestId('billing-evidence-send')).not.toBeNull(), { timeout: 5_000 });
    expect(document.activeElement?.textContent).toBe('Evidence for this dispute');
    expect(byTestId('billing-evidence-payment')?.textContent).toMatch(
      /^Paid in the portal by the patient, signed in, on November 21, 2026/,
    );
    // Each section with what it holds; one with nothing in it cannot be chosen.
    // Times in the practice's zone (New York), as in the text.
    expect(byTestId('billing-evidence')?.textContent).toMatch(
      /Appointment on November 20, 2026 at 10:00 AM · checked in November 20, 2026 at 9:58 AM · marked completed November 20, 2026 at 10:40 AM/,
    );
    expect(byTestId('billing-evidence')?.textContent).toMatch(
      /Financial policy version 1, accepted .* by someone acting for the patient/,
    );
    expect(byTestId('billing-evidence')?.textContent).toMatch(
      /2 messages from the patient and 1 message from the practice/,
    );
    expect(check('portal_activity')?.disabled).toBe(true);
    expect([check('attendance')?.checked, check('financial_policy')?.checked, check('communication')?.checked]).toEqual(
      [true, true, true],
    );
    // Exactly what Stripe gets, field by field, following the boxes.
    const field = (name: string) =>
      byTestId('billing-evidence-text')?.querySelector(`[data-field="${name}"] pre`)?.textContent ?? null;
    expect(field('product_description')).toMatch(/^Professional services/);
    expect(field('service_date')).toBe('2026-11-20');
    expect(field('uncategorized_text')).toBe(
      'Appointments the patient attended, as recorded by the practice (times in America/New_York):\n- 2026-11-20: checked in 09:58 EST, marked completed 10:40 EST\n\nSecure messages through the patient portal: 2 and 1.',
    );
    act(() => check('communication')?.click());
    expect(field('uncategorized_text')).not.toContain('Secure messages');
    expect(field('access_activity_log')).toMatch(/^2026-11-21 09:59 EST: the payment was made/);
    // Stripe does not answer: nothing was sent, and the same button asks again.
    act(() => byTestId('billing-evidence-send')?.click());
    await vi.waitFor(() => expect(byTestId('billing-evidence-unsent')).not.toBeNull());
    expect(byTestId('billing-evidence-unsent')?.textContent).toBe(
      'Stripe did not answer, so nothing was sent. Send again to ask Stripe again.',
    );
    answer = sent(['attendance', 'financial_policy'], 'sent');
    act(() => byTestId('billing-evidence-send')?.click());
    await vi.waitFor(() => expect(byTestId('billing-evidence-blocked')).not.toBeNull());
    expect(byTestId('billing-evidence-blocked')?.textContent).toMatch(
      /^Evidence was sent to Stripe on November 26, 2026/,
    );
    expect(byTestId('billing-evidence-send')).toBeNull();
    expect(byTestId('billing-evidence-unsent')).toBeNull();
    expect(check('communication')?.checked).toBe(false);
    const posts = fake.requests(`POST /${EVIDENCE}`);
    expect(posts).toHaveLength(2);
    for (const post of posts) expect(await post.json()).toEqual({ sections: ['attendance', 'financial_policy'] });
    await vi.waitFor(() =>
      expect(byTestId('status-line')?.textContent ?? document.body.textContent).toContain('Evidence sent to Stripe.'),
    );
    // Closing goes back to the button that opened it.
    act(() => byTestId('billing-evidence-close')?.click());
    expect(byTestId('billing-evidence')).toBeNull();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('billing-dispute-prepare');
    close();
  });

  it('says why evidence cannot be sent, and a refusal in words', async () => {
    api({
      [`GET /${EVIDENCE}`]: () => json(200, evidence({ can_send: false, blocked: 'past_due' })),
    });
    const close = render(['admin']);
    await vi.waitFor(() => expect(byTestId('billing-dispute-prepare')).not.toBeNull(), { timeout: 5_000 });
    act(() => byTestId('billing-dispute-prepare')?.click());
    await vi.waitFor(() => expect(byTestId('billing-evidence-blocked')).not.toBeNull(), { timeout: 5_000 });
    expect(byTestId('billing-evidence-blocked')?.textContent).toBe(
      "Stripe's deadline for evidence has passed. Nothing more can be sent.",
    );
    expect(byTestId('billing-evidence-send')).toBeNull();
    expect(check('attendance')?.disabled).toBe(true);
    close();
    vi.unstubAllGlobals();
    api({
      [`GET /${EVIDENCE}`]: () => json(200, evidence()),
      [`POST /${EVIDENCE}`]: () => problem(409, 'Evidence for this dispute was sent; it cannot be changed.'),
    });
    const again = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-dispute-prepare')).not.toBeNull(), { timeout: 5_000 });
    act(() => byTestId('billing-dispute-prepare')?.click());
    await vi.waitFor(() => expect(byTestId('billing-evidence-send')).not.toBeNull(), { timeout: 5_000 });
    act(() => byTestId('billing-evidence-send')?.click());
    await vi.waitFor(() =>
      expect(byTestId('billing-evidence-error')?.textContent).toBe(
        'Evidence for this dispute was sent; it cannot be changed.',
      ),
    );
    again();
  });

  it('shows a sent dispute’s evidence in the list, in Spanish too', async () => {
    localStorage.setItem('portico.language', 'es');
    api({}, () => ledger({ disputes: [sent(['attendance'], 'sent').dispute] }));
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-dispute-evidence')).not.toBeNull(), { timeout: 5_000 });
    expect(byTestId('billing-dispute-evidence')?.textContent).toMatch(/^Pruebas enviadas el 26 de noviembre de 2026/);
    expect(byTestId('billing-dispute-prepare')?.textContent).toBe('Ver pruebas');
    close();
  });
});
