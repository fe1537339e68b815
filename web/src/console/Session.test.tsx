// Component tests of the signed-in console: it signs out after the idle limit the server gives with
// `GET /staff/me` (need 24), not one of its own, and says how long it was; its navigation offers the
// audit trail and the practice's settings to the roles the operations' x-roles admit, and the pages
// refuse the others.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../shared/api/fake-api';
import type { S } from './api';

const me = (idle_timeout_seconds: number, roles: S['Role'][] = ['admin']): S['StaffSelfView'] => ({
  staff_id: 'staff-ada',
  display_name: 'Ada',
  email: 'ada@riverside.example',
  roles,
  status: 'active',
  created_at: '2026-01-05T10:00:00Z',
  idle_timeout_seconds,
});

function api(idleSeconds: number, roles?: S['Role'][]) {
  return fakeApi({
    'POST /_local/staff/sign-in': () => json(200, { access_token: 'h.e30.s', staff_id: 'staff-ada', expires_in: 3600 }),
    'GET /staff/me': () => json(200, me(idleSeconds, roles)),
    'GET /staff/threads': () => json(200, { threads: [], next_cursor: null }),
    'GET /staff/team': () => json(200, { staff: [me(idleSeconds)], next_cursor: null }),
  });
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

/** A fresh console (the session and the activity clock live in modules), signed in through the local stand-in. */
async function signIn() {
  vi.resetModules();
  const { act } = await import('preact/test-utils');
  const { createRoot } = await import('react-dom/client');
  const { App } = await import('./App');
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => root.render(<App />));
  // The first import of the whole console may take a while to transform: a generous wait.
  await vi.waitFor(() => expect(byTestId('staff-email')).not.toBeNull(), { timeout: 10_000 });
  const email = byTestId('staff-email') as HTMLInputElement;
  email.value = 'ada@riverside.example';
  email.dispatchEvent(new Event('input', { bubbles: true }));
  byTestId('staff-signin-submit')?.click();
  await vi.waitFor(() => expect(byTestId('staff-name')?.textContent).toBe('Ada'), { timeout: 5_000 });
  return () => act(() => root.unmount());
}

beforeEach(() => {
  history.replaceState(null, '', '/console/');
  localStorage.clear();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  localStorage.clear();
  document.body.replaceChildren();
});

describe("the console's idle limit", () => {
  it('is the one GET /staff/me gives: signed out after it, and told how long it was', async () => {
    const calls = api(120);
    const close = await signIn();
    expect(calls.requests('GET /staff/me')).toHaveLength(1);

    // Two minutes and a second without input; the tab comes back into view.
    vi.setSystemTime(Date.now() + 121_000);
    document.dispatchEvent(new Event('visibilitychange'));

    await vi.waitFor(() =>
      expect(byTestId('signin-notice')?.textContent).toBe('You were signed out after 2 minutes without activity.'),
    );
    expect(byTestId('nav')).toBeNull();
    close();
  });

  it('keeps staff signed in within a longer limit (no limit of its own)', async () => {
    api(3600);
    const close = await signIn();

    // Longer than the 15 minutes the console used to assume.
    vi.setSystemTime(Date.now() + 20 * 60_000);
    document.dispatchEvent(new Event('visibilitychange'));

    await new Promise((r) => setTimeout(r, 50));
    expect(byTestId('signin-notice')).toBeNull();
    expect(byTestId('staff-name')?.textContent).toBe('Ada');
    close();
  });
});

describe('the audit trail and the practice settings in the navigation', () => {
  it('are offered to an admin', async () => {
    api(900, ['admin']);
    const close = await signIn();
    expect(byTestId('nav-audit')?.getAttribute('href')).toBe('/console/audit');
    expect(byTestId('nav-practice')?.getAttribute('href')).toBe('/console/practice');
    close();
  });

  for (const page of ['audit', 'practice']) {
    it(`${page}: neither offered nor opened for other roles`, async () => {
      // Billing staff read the practice's billing settings (below): they see the practice's page.
      api(900, page === 'practice' ? ['front-desk', 'clinician'] : ['front-desk', 'clinician', 'billing']);
      const close = await signIn();
      expect(byTestId('nav-team')).not.toBeNull();
      expect(byTestId(`nav-${page}`)).toBeNull();

      history.pushState(null, '', `/console/${page}`);
      dispatchEvent(new PopStateEvent('popstate'));

      await vi.waitFor(() => expect(location.pathname).toBe('/console/'));
      close();
    });
  }
});

describe('the billing settings in the navigation', () => {
  it('are offered to billing staff: the practice page with only its Billing part', async () => {
    const calls = api(900, ['billing']);
    calls.routes['GET /staff/billing/account'] = () =>
      json(200, {
        stripe_account: 'acct_1Riverside',
        livemode: false,
        currency: 'usd',
        minimum_payment: 500,
        allow_prepayment: false,
        statement_descriptor: 'RIVERSIDE',
        updated_at: '2026-11-01T15:00:00Z',
      });
    const close = await signIn();
    expect(byTestId('nav-practice')?.getAttribute('href')).toBe('/console/practice');
    expect(byTestId('nav-audit')).toBeNull();
    byTestId('nav-practice')?.click();
    await vi.waitFor(() => expect(byTestId('billing-account-stripe')?.textContent).toBe('acct_1Riverside'), {
      timeout: 5_000,
    });
    expect(byTestId('billing-account-form')).toBeNull();
    expect(calls.calls()).not.toContain('GET /staff/practice');
    close();
  });
});

describe('the waitlist in the navigation', () => {
  for (const role of ['admin', 'front-desk', 'clinician'] as const) {
    it(`is offered to ${role}, next to the schedule`, async () => {
      api(900, [role]);
      const close = await signIn();
      expect(byTestId('nav-waitlist')?.getAttribute('href')).toBe('/console/waitlist');
      expect(byTestId('nav-waitlist')?.textContent).toBe('Waitlist');
      const items = Array.from(document.querySelectorAll('[data-testid="nav"] a')).map((a) =>
        a.getAttribute('data-testid'),
      );
      expect(items.indexOf('nav-waitlist')).toBe(items.indexOf('nav-schedule') + 1);
      close();
    });
  }

  it('is neither offered nor opened for billing', async () => {
    api(900, ['billing']);
    const close = await signIn();
    expect(byTestId('nav-tasks')).not.toBeNull();
    expect(byTestId('nav-waitlist')).toBeNull();

    history.pushState(null, '', '/console/waitlist');
    dispatchEvent(new PopStateEvent('popstate'));

    await vi.waitFor(() => expect(location.pathname).toBe('/console/'));
    close();
  });
});

describe('the console in AWS (a settings document)', () => {
  const settings = (signInHost: string) => ({
    auth: {
      mode: 'cognito',
      domain: 'https://auth.portico.example',
      clientId: 'client123',
      redirectUri: `https://${signInHost}/console/callback`,
      logoutUri: `https://${signInHost}/console/signed-out`,
      scopes: ['openid', 'email'],
    },
  });

  async function open(path: string, signInHost: string) {
    fakeApi({ 'GET /console/settings.json': () => json(200, settings(signInHost)) });
    history.replaceState(null, '', path);
    vi.resetModules();
    const { act } = await import('preact/test-utils');
    const { createRoot } = await import('react-dom/client');
    const { App } = await import('./App');
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    act(() => root.render(<App />));
    return () => act(() => root.unmount());
  }

  it('on the sign-in host, says how to sign in again and offers no sign-in of its own', async () => {
    const close = await open('/console/signed-out', location.host);
    await vi.waitFor(() => expect(byTestId('signin-host-signed-out')).not.toBeNull(), { timeout: 10_000 });
    expect(byTestId('hosted-signin')).toBeNull();
    expect(byTestId('staff-email')).toBeNull();
    expect(byTestId('local-tag')).toBeNull();
    expect(location.pathname).toBe('/console/signed-out');
    close();
  });

  it("on a practice's host, offers the hosted sign-in as before", async () => {
    const close = await open('/console/', 'signin.portico.example');
    await vi.waitFor(() => expect(byTestId('hosted-signin')).not.toBeNull(), { timeout: 10_000 });
    expect(byTestId('signin-host-signed-out')).toBeNull();
    expect(location.pathname).toBe('/console/sign-in');
    close();
  });
});
