// Component test: signing out says "signed out" only when the server confirms it. The sign-out needs
// only the refresh cookie; when it fails, the page keeps nothing of the session, sends nothing
// signed-in, and says that the sign-out could not be confirmed, with a way to try again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json, type Route } from '../shared/api/fake-api';

const profile = {
  patient_id: 'pt_1',
  given_name: 'Ann',
  family_name: 'Example',
  date_of_birth: '1984-02-03',
  email: 'ann@example.com',
  phone: '+15555550101',
  language: 'en',
  time_zone: 'America/New_York',
};

const home = {
  profile: { given_name: 'Ann', preferred_name: null, language: 'en', time_zone: 'America/New_York' },
  practice: { name: 'Riverside Family Practice', logo_url: null, phone: '+15555554203', email: null },
  unread_total: 0,
  latest_unread: null,
  consents_needing_decision: 0,
};

function signedInApi(logout: Route) {
  return fakeApi({
    'POST /auth/refresh': () =>
      json(200, {
        access_token: 'h.e30.s',
        expires_in: 300,
        patient_id: 'pt_1',
        token_type: 'Bearer',
        idle_timeout_seconds: 1800,
        language: 'en',
      }),
    'GET /portal/home': () => json(200, home),
    'GET /portal/me': () => json(200, profile),
    'GET /portal/threads': () => json(200, { threads: [], unread_total: 0 }),
    'GET /portal/consents': () => json(200, { consents: [] }),
    'POST /auth/logout': logout,
  });
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

async function openPortalSignedIn() {
  // A fresh page each time: the session and the query cache live in modules, as in a browser tab.
  vi.resetModules();
  const { act } = await import('preact/test-utils');
  const { createRoot } = await import('react-dom/client');
  const { App } = await import('./App');
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => root.render(<App />));
  await vi.waitFor(() => expect(byTestId('home-greeting')?.textContent).toMatch(/Hello, Ann/));
  return () => act(() => root.unmount());
}

beforeEach(() => {
  history.replaceState(null, '', '/home');
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe('signing out', () => {
  it('sends the refresh cookie without an access token, and says "signed out" once the server confirms', async () => {
    const api = signedInApi(() => new Response(null, { status: 204 }));
    const close = await openPortalSignedIn();

    byTestId('sign-out')?.click();

    await vi.waitFor(() => expect(byTestId('signin-notice')?.textContent).toMatch(/You have signed out/));
    const [logout, ...again] = api.requests('POST /auth/logout');
    expect(again).toEqual([]);
    expect(logout?.headers.get('Authorization')).toBeNull();
    expect(logout?.credentials).toBe('same-origin');
    expect(byTestId('nav')).toBeNull();
    close();
  });

  it.each([
    ['the server fails', () => new Response(null, { status: 503 })],
    ['the server refuses', () => json(403, { type: 'https://portico.health/problems/forbidden', status: 403 })],
    [
      'the network is down',
      () => {
        throw new TypeError('offline');
      },
    ],
  ])(
    'does not claim success when %s: nothing personal or signed-in stays, and it can be tried again',
    async (_, failing) => {
      let logout: Route = failing;
      const api = signedInApi((req) => logout(req));
      const close = await openPortalSignedIn();

      byTestId('sign-out')?.click();

      await vi.waitFor(() => expect(byTestId('signout-unconfirmed')).not.toBeNull());
      expect(document.querySelector('h1')?.textContent).toBe('We could not confirm that you signed out');
      expect(byTestId('signout-unconfirmed')?.textContent).toMatch(/close every window of this browser/);
      expect(byTestId('signin-notice')).toBeNull();
      expect(byTestId('nav')).toBeNull();
      expect(document.body.textContent).not.toMatch(/Ann/);

      // Trying again while it still fails: it says so, and stays.
      byTestId('signout-retry')?.click();
      await vi.waitFor(() => expect(byTestId('signout-still-unconfirmed')).not.toBeNull());
      expect(byTestId('signin-notice')).toBeNull();

      // Once the server answers, the page says what it says after any sign-out.
      logout = () => new Response(null, { status: 204 });
      byTestId('signout-retry')?.click();
      await vi.waitFor(() => expect(byTestId('signin-notice')?.textContent).toMatch(/You have signed out/));
      const sinceSignOut = api.calls().slice(api.calls().indexOf('POST /auth/logout'));
      expect(sinceSignOut.filter((call) => call.includes(' /portal/'))).toEqual([]);
      expect(sinceSignOut.filter((call) => call === 'POST /auth/logout')).toHaveLength(3);
      close();
    },
  );
});
