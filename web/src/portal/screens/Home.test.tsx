// Component test: home is one read after the session (`GET /portal/home`): the greeting, the newest
// unread message from the care team with its first words, the documents waiting for a decision, the
// unread count in the navigation and the practice's name in the header, with no other read.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../shared/api/fake-api';
import type { S } from '../api';

const session: S['SessionResponse'] = {
  access_token: 'h.e30.s',
  expires_in: 600,
  patient_id: 'pt_1',
  token_type: 'Bearer',
  idle_timeout_seconds: 1800,
  language: 'en',
};
const home: S['HomeView'] = {
  profile: { given_name: 'Ann', preferred_name: 'Annie', language: 'en', time_zone: 'America/Chicago' },
  practice: { name: 'Riverside Family Practice', logo_url: null, phone: '+15555554203', email: null },
  unread_total: 2,
  latest_unread: {
    thread_id: 'th_7',
    subject: 'Lab results',
    preview: 'Your results are in and look normal.',
    at: '2026-03-02T15:00:00Z',
  },
  consents_needing_decision: 3,
  notifications_unread: 3,
  next_appointment: {
    appointment_id: 'ap_1',
    start: '2030-01-07T15:00:00Z',
    service_name: 'Check-up',
    clinician_name: 'Dr. Rivera',
    status: 'requested',
  },
  person: { patient_id: 'pt_1', given_name: 'Ann', preferred_name: 'Annie', proxy_only: false },
  people: [],
};

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

async function openHome() {
  vi.resetModules();
  const { act } = await import('preact/test-utils');
  const { createRoot } = await import('react-dom/client');
  const { App } = await import('../App');
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => root.render(<App />));
  await vi.waitFor(() => expect(byTestId('home-greeting')?.textContent).toBe('Hello, Annie'));
  return () => act(() => root.unmount());
}

beforeEach(() => history.replaceState(null, '', '/home'));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe('home', () => {
  it('is complete after the session and one read', async () => {
    const api = fakeApi({
      'POST /auth/refresh': () => json(200, session),
      'GET /portal/home': () => json(200, home),
    });
    const close = await openHome();

    await vi.waitFor(() => expect(byTestId('brand-name')?.textContent).toBe('Riverside Family Practice'));
    expect(byTestId('home-new-message')?.querySelector('h2')?.textContent).toBe('You have 2 new messages');
    expect(byTestId('home-new-message-subject')?.textContent).toBe('Lab results');
    expect(byTestId('home-new-message-preview')?.textContent).toBe('Your results are in and look normal.');
    expect(byTestId('home-new-message-time')?.getAttribute('datetime')).toBe('2026-03-02T15:00:00Z');
    expect(byTestId('home-new-message-open')?.getAttribute('href')).toBe('/messages/th_7');
    expect(byTestId('home-consents-needed')?.textContent).toMatch(/^3 documents need your decision\./);
    // The next appointment, on the patient's clock (Chicago, once home has said which), with its state.
    expect(byTestId('home-next-appointment')?.querySelector('h2')?.textContent).toBe('Next appointment');
    await vi.waitFor(() => expect(byTestId('home-next-appointment-when')?.textContent).toMatch(/January 7.*9:00/));
    expect(byTestId('home-next-appointment-service')?.textContent).toBe('Check-up');
    expect(byTestId('home-next-appointment-clinician')?.textContent).toBe('With Dr. Rivera');
    expect(byTestId('home-next-appointment-requested')?.textContent).toBe('Requested');
    expect(byTestId('home-next-appointment-open')?.getAttribute('href')).toBe('/appointments');
    expect(byTestId('home-consents-note')?.textContent).toBe('3 need your decision');
    expect(byTestId('nav-messages-unread')?.textContent).toMatch(/^2/);
    expect(byTestId('nav')?.getAttribute('data-unread')).toBe('2');
    // The bell's count comes with home too.
    expect(byTestId('bell')?.getAttribute('aria-label')).toBe('Notifications, 3 unread');
    expect(byTestId('bell-count')?.textContent).toBe('3');
    expect(byTestId('bell')?.getAttribute('href')).toBe('/notifications');
    // Billing is a link away, in the tiles and under "More" (home reads nothing of it).
    expect(byTestId('home-billing')?.getAttribute('href')).toBe('/billing');
    expect(byTestId('nav-billing')?.getAttribute('href')).toBe('/billing');
    // Nothing else was read: not the profile, the conversations, the consents or the practice.
    await new Promise((r) => setTimeout(r, 50));
    expect(api.calls()).toEqual(['POST /auth/refresh', 'GET /portal/home']);
    close();
  });

  it('shows no card and no reminder when nothing is new, waiting or coming', async () => {
    fakeApi({
      'POST /auth/refresh': () => json(200, session),
      'GET /portal/home': () =>
        json(200, {
          ...home,
          unread_total: 0,
          latest_unread: null,
          consents_needing_decision: 0,
          notifications_unread: 0,
          next_appointment: null,
        }),
    });
    const close = await openHome();
    expect(byTestId('bell')?.getAttribute('aria-label')).toBe('Notifications');
    expect(byTestId('bell-count')).toBeNull();
    expect(byTestId('home-new-message')).toBeNull();
    expect(byTestId('home-consents-needed')).toBeNull();
    expect(byTestId('home-next-appointment')).toBeNull();
    expect(byTestId('nav-messages-unread')).toBeNull();
    close();
  });

  it("away from home, the bell's count is read after the screen's own read, and said in Spanish", async () => {
    localStorage.setItem('portico.language', 'es');
    history.replaceState(null, '', '/activity');
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const api = fakeApi({
      'POST /auth/refresh': () => json(200, session),
      'GET /portal/me': async () => {
        await held;
        return json(200, { given_name: 'Ann', time_zone: 'America/Chicago', language: 'es' });
      },
      'GET /portal/timeline': () => json(200, { entries: [], next_cursor: null }),
      'GET /portal/threads': () => json(200, { threads: [], unread_total: 0 }),
      'GET /portal/notifications': () => json(200, { items: [], unread: 4, next_cursor: null }),
    });
    vi.resetModules();
    const { act } = await import('preact/test-utils');
    const { createRoot } = await import('react-dom/client');
    const { App } = await import('../App');
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    act(() => root.render(<App />));
    await vi.waitFor(() => expect(byTestId('bell')).not.toBeNull());
    await new Promise((r) => setTimeout(r, 50));
    expect(api.requests('GET /portal/notifications')).toHaveLength(0);

    release();
    await vi.waitFor(() => expect(byTestId('bell-count')?.textContent).toBe('4'));
    expect(byTestId('bell')?.getAttribute('aria-label')).toBe('Avisos, 4 sin leer');
    expect(new URL(api.requests('GET /portal/notifications')[0]?.url ?? '').searchParams.get('limit')).toBe('1');
    act(() => root.unmount());
    localStorage.clear();
  });
});
