// Component tests: the Billing part of the practice's settings. An admin sets the account up (404:
// not yet), with the fields checked as the API document's patterns say before anything is sent, the
// minimum payment read as cents; switching to live mode warns and asks first; an account id that is
// another practice's (422) is said beside the field. Billing staff read it, with nothing to change.
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
import { BillingSettings } from './Practice';

const ACCOUNT: S['AccountView'] = {
  stripe_account: 'acct_1Riverside',
  livemode: false,
  currency: 'usd',
  minimum_payment: 500,
  allow_prepayment: true,
  statement_descriptor: 'RIVERSIDE CLINIC',
  updated_at: '2026-11-01T15:00:00Z',
};

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);

function render(roles: S['Role'][]) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/practice">
            <SignedInStaff.Provider
              value={{
                staff_id: 'staff-a',
                display_name: 'Ada',
                email: 'ada@riverside.example',
                roles,
                status: 'active',
                created_at: '2026-01-05T10:00:00Z',
              }}
            >
              <StatusLine />
              <BillingSettings />
            </SignedInStaff.Provider>
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

const notSetUp = () =>
  json(404, { type: 'https://portico.health/problems/not-found', title: 'Not Found', status: 404, detail: 'none' });

function type(testid: string, value: string) {
  const input = byTestId(testid) as HTMLInputElement;
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const describedBy = (testid: string) =>
  (byTestId(testid)?.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent);
const save = () => act(() => byTestId('billing-account-save')?.click());

beforeEach(() => session.start('h.e30.s', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
  localStorage.clear();
});

describe('the billing settings', () => {
  it('lets an admin set the account up, checked before it is sent, the minimum in cents', async () => {
    const fake = fakeApi({
      'GET /staff/billing/account': notSetUp,
      'PUT /staff/billing/account': async (req) =>
        json(200, { ...(await req.json()), updated_at: '2026-11-29T15:00:00Z' }),
    } satisfies Record<string, Route>);
    const close = render(['admin']);
    await vi.waitFor(() => expect(byTestId('billing-account-none')).not.toBeNull());
    type('billing-account-stripe_account', 'acct 1');
    type('billing-account-statement_descriptor', 'Dr. Smith – Oncology!');
    save();
    expect(describedBy('billing-account-stripe_account')).toContain('Enter the account id, such as acct_1A2b3C.');
    expect(describedBy('billing-account-statement_descriptor')).toContain(
      'Use 2 to 22 letters, digits, spaces, dots or hyphens.',
    );
    expect(document.activeElement).toBe(byTestId('billing-account-stripe_account'));
    expect(fake.requests('PUT /staff/billing/account')).toHaveLength(0);

    type('billing-account-stripe_account', 'acct_1Riverside');
    type('billing-account-minimum_payment', '5.10');
    type('billing-account-statement_descriptor', 'RIVERSIDE CLINIC');
    save();
    await vi.waitFor(() =>
      expect(byTestId('app-status')?.textContent).toMatch(/^Billing settings saved\. Billing is in test mode\./),
    );
    expect(await fake.requests('PUT /staff/billing/account')[0]?.json()).toEqual({
      stripe_account: 'acct_1Riverside',
      livemode: false,
      currency: 'usd',
      minimum_payment: 510,
      allow_prepayment: false,
      statement_descriptor: 'RIVERSIDE CLINIC',
    });
    close();
  });

  it('warns before live mode and asks first; an account id another practice uses (422) is said beside it', async () => {
    let taken = true;
    const fake = fakeApi({
      'GET /staff/billing/account': () => json(200, ACCOUNT),
      'PUT /staff/billing/account': async (req) => {
        if (taken)
          return json(422, {
            type: 'https://portico.health/problems/unprocessable',
            title: 'Unprocessable',
            status: 422,
            detail: 'the request is invalid',
            errors: [{ field: 'stripe_account', detail: 'is taken' }],
          });
        return json(200, { ...(await req.json()), updated_at: '2026-11-29T15:00:00Z' });
      },
    });
    const close = render(['admin']);
    await vi.waitFor(() => expect(byTestId('billing-account-form')).not.toBeNull());
    expect((byTestId('billing-account-minimum_payment') as HTMLInputElement).value).toBe('5.00');
    expect(byTestId('billing-account-live-warning')).toBeNull();
    act(() => byTestId('billing-account-live')?.click());
    expect(byTestId('billing-account-live-warning')?.textContent).toMatch(/real money moves/);
    save();
    expect(byTestId('billing-account-live-confirm')).not.toBeNull();
    expect(fake.requests('PUT /staff/billing/account')).toHaveLength(0);
    act(() => byTestId('billing-account-live-confirm-yes')?.click());
    await vi.waitFor(() => expect(describedBy('billing-account-stripe_account')).toContain('Is taken.'));
    expect(byTestId('billing-account-live-confirm')).toBeNull();
    taken = false;
    type('billing-account-stripe_account', 'acct_2Other');
    save();
    act(() => byTestId('billing-account-live-confirm-yes')?.click());
    await vi.waitFor(() =>
      expect(byTestId('app-status')?.textContent).toMatch(/^Billing settings saved\. Billing is in live mode\./),
    );
    const sent = fake.requests('PUT /staff/billing/account');
    expect(await sent.at(-1)?.json()).toMatchObject({ livemode: true });
    close();
  });

  it('shows billing staff the account read only, in Spanish too', async () => {
    localStorage.setItem('portico.language', 'es');
    fakeApi({ 'GET /staff/billing/account': () => json(200, ACCOUNT) });
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('billing-account-stripe')?.textContent).toBe('acct_1Riverside'));
    expect(byTestId('billing-account-form')).toBeNull();
    expect(byTestId('billing-account-readonly')?.textContent).toBe(
      'Solo un administrador puede cambiar esta configuración.',
    );
    expect(byTestId('billing-account-mode')?.textContent).toBe('Prueba: sin dinero real');
    expect(byTestId('billing-account-descriptor')?.textContent).toBe('RIVERSIDE CLINIC');
    close();
  });
});
