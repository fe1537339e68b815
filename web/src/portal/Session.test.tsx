// Component tests: what the session's own answer says is used at once. The portal signs out after the
// server's idle limit (not one of its own), and speaks the patient's language from the session before
// any other read, unless a language was chosen on this device.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../shared/api/fake-api';
import type { S } from './api';

const profile: S['ProfileView'] = {
  patient_id: 'pt_1',
  given_name: 'Ann',
  family_name: 'Example',
  date_of_birth: '1984-02-03',
  email: 'ann@example.com',
  phone: '+15555550101',
  language: 'en',
  time_zone: 'America/New_York',
};

const home: S['HomeView'] = {
  profile: { given_name: 'Ann', preferred_name: null, language: 'en', time_zone: 'America/New_York' },
  practice: { name: 'Riverside Family Practice', logo_url: null, phone: '+15555554203', email: null },
  unread_total: 0,
  latest_unread: null,
  consents_needing_decision: 0,
  notifications_unread: 0,
  person: { patient_id: 'pt_1', given_name: 'Ann', preferred_name: null, proxy_only: false },
  people: [],
};

function api(terms: { idle_timeout_seconds: number; language: string }) {
  const session: S['SessionResponse'] = {
    access_token: 'h.e30.s',
    expires_in: 600,
    patient_id: 'pt_1',
    token_type: 'Bearer',
    ...terms,
  };
  return fakeApi({
    'POST /auth/refresh': () => json(200, session),
    'GET /portal/home': () => json(200, home),
    'GET /portal/me': () => json(200, profile),
    'GET /portal/threads': () => json(200, { threads: [], unread_total: 0 }),
    'GET /portal/consents': () => json(200, { consents: [], history: [] }),
    'POST /auth/logout': () => new Response(null, { status: 204 }),
  });
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

async function openPortal(greeting: RegExp) {
  // A fresh page: the session, the activity clock and the query cache live in modules.
  vi.resetModules();
  const { act } = await import('preact/test-utils');
  const { createRoot } = await import('react-dom/client');
  const { App } = await import('./App');
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => root.render(<App />));
  await vi.waitFor(() => expect(byTestId('home-greeting')?.textContent).toMatch(greeting));
  return () => act(() => root.unmount());
}

beforeEach(() => {
  history.replaceState(null, '', '/home');
  localStorage.clear();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  localStorage.clear();
  document.body.replaceChildren();
});

describe('the idle limit', () => {
  it('is the one the session answer gives: signed out after it, and told how long it was', async () => {
    const calls = api({ idle_timeout_seconds: 120, language: 'en' });
    const close = await openPortal(/Hello, Ann/);

    // Two minutes and a second without input; the tab comes back into view.
    vi.setSystemTime(Date.now() + 121_000);
    document.dispatchEvent(new Event('visibilitychange'));

    await vi.waitFor(() =>
      expect(byTestId('signin-notice')?.textContent).toMatch(/signed out after 2 minutes without activity/),
    );
    expect(calls.requests('POST /auth/logout')).toHaveLength(1);
    close();
  });

  it('keeps the patient signed in within a longer limit', async () => {
    const calls = api({ idle_timeout_seconds: 1800, language: 'en' });
    const close = await openPortal(/Hello, Ann/);

    vi.setSystemTime(Date.now() + 121_000);
    document.dispatchEvent(new Event('visibilitychange'));

    await new Promise((r) => setTimeout(r, 50));
    expect(calls.requests('POST /auth/logout')).toHaveLength(0);
    expect(byTestId('home-greeting')).not.toBeNull();
    close();
  });
});

describe('the language', () => {
  it('follows the session when this device has none chosen, and is not kept as a choice', async () => {
    api({ idle_timeout_seconds: 1800, language: 'es-US' });
    const close = await openPortal(/Hola, Ann/);
    // <html lang> follows a render later (an effect).
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    expect(localStorage.getItem('portico.language')).toBeNull();
    close();
  });

  it('stays as chosen on this device', async () => {
    localStorage.setItem('portico.language', 'en');
    api({ idle_timeout_seconds: 1800, language: 'es' });
    const close = await openPortal(/Hello, Ann/);
    // Given time to switch (the Spanish catalog loads on demand), it does not.
    await new Promise((r) => setTimeout(r, 100));
    expect(byTestId('home-greeting')?.textContent).toMatch(/Hello, Ann/);
    expect(document.documentElement.lang).toBe('en');
    close();
  });
});
