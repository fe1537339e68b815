// Component tests: a notice's single-use link (`/#/open/<token>`). The token leaves the address bar at
// once. With a live session, the link is opened without a code and the conversation shows, acting for
// the person it is about when that is someone the signed-in person acts for. Without one, a code goes
// to the notice's address and nothing of the message shows until it is verified. A spent link says so.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json, type Route } from '../shared/api/fake-api';
import type { S } from './api';

const session = (patient: string): S['SessionResponse'] => ({
  access_token: 'h.e30.s',
  expires_in: 600,
  patient_id: patient,
  token_type: 'Bearer',
  idle_timeout_seconds: 1800,
  language: 'en',
});
const practice = { name: 'Riverside Family Practice', logo_url: null, phone: '+15555554203', email: null };
const home = (over: Partial<S['HomeView']> = {}): S['HomeView'] => ({
  profile: { given_name: 'Rosa', preferred_name: null, language: 'en', time_zone: 'America/Chicago' },
  practice,
  unread_total: 1,
  latest_unread: null,
  consents_needing_decision: 0,
  notifications_unread: 0,
  person: { patient_id: 'pt_rosa', given_name: 'Rosa', preferred_name: null, proxy_only: false },
  people: [{ patient_id: 'pt_leo', given_name: 'Leo', preferred_name: null, relationship: 'parent' }],
  acting_for: null,
  ...over,
});
const thread: S['ThreadView'] = {
  thread: {
    thread_id: 'th_1',
    subject: 'Your test results',
    topic: 'clinical',
    status: 'open',
    unread: 1,
    message_count: 1,
    last_activity_at: '2026-03-03T15:05:00Z',
  } as S['ThreadSummary'],
  messages: [],
};
const opened = (patient: string, challenge: S['LinkCode'] | null = null): S['OpenedLink'] => ({
  item: { kind: 'thread', id: 'th_1' },
  patient_id: patient,
  challenge,
});
const spent = () =>
  json(401, {
    type: 'https://portico.health/problems/bad-credentials',
    title: 'That did not work',
    status: 401,
    detail: 'This link has expired or was already used. Sign in to see what is waiting.',
  });

/** The page loads its screen on demand: the first wait covers that too. */
const until = (check: () => void) => vi.waitFor(check, { timeout: 5000 });
const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

async function openPortal(path: string) {
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

function api(routes: Record<string, Route>) {
  return fakeApi({
    'GET /auth/practice': () => json(200, practice),
    'GET /portal/threads/th_1': () => json(200, thread),
    'POST /portal/threads/th_1/read': () => json(200, {}),
    'GET /portal/threads': () => json(200, { threads: [], unread_total: 0 }),
    ...routes,
  });
}

function type(testid: string, value: string) {
  const input = byTestId(testid) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  sessionStorage.clear();
});

describe('a notice link', () => {
  it('with a live session: opens without a code, acting for the child it is about, and shows the conversation', async () => {
    const fake = api({
      'POST /auth/refresh': () => json(200, session('pt_rosa')),
      'POST /auth/open': () => json(200, opened('pt_leo')),
      'GET /portal/home': (r) =>
        json(
          200,
          r.headers.get('Portico-Acting-For') === 'pt_leo'
            ? home({
                acting_for: {
                  patient_id: 'pt_leo',
                  grant_id: 'gr_1',
                  relationship: 'parent',
                  scopes: ['messages'],
                  limited: false,
                },
              })
            : home(),
        ),
    });
    const close = await openPortal('/#/open/tok_live');
    // The token leaves the address bar before anything is asked.
    expect(location.href).not.toMatch(/tok_live/);
    await until(() => expect(byTestId('thread-subject')?.textContent).toBe('Your test results'));
    expect(location.pathname).toBe('/messages/th_1');

    const [open] = fake.requests('POST /auth/open');
    expect(await open?.json()).toEqual({ token: 'tok_live', send_code: false });
    // A public call: no session token, and nobody acted for.
    expect(open?.headers.get('Authorization')).toBeNull();
    expect(open?.headers.get('Portico-Acting-For')).toBeNull();
    expect(fake.requests('GET /portal/threads/th_1').at(-1)?.headers.get('Portico-Acting-For')).toBe('pt_leo');
    expect(sessionStorage.getItem('portico.actingFor')).toBe('pt_leo');
    expect(fake.requests('POST /auth/otp/verify')).toHaveLength(0);
    close();
  });

  it('without a session: asks for the code sent to the notice address, shows nothing of the message until then, then the conversation', async () => {
    let signedIn = false;
    const fake = api({
      'POST /auth/refresh': () => (signedIn ? json(200, session('pt_rosa')) : json(401, {})),
      'POST /auth/open': () =>
        json(
          200,
          opened('pt_rosa', {
            challenge_id: 'ch_1',
            channel: 'email',
            destination: 'r•••@example.com',
            expires_in: 600,
            resend_after: 60,
          }),
        ),
      'POST /auth/otp/verify': () => {
        signedIn = true;
        return json(200, session('pt_rosa'));
      },
      'GET /portal/home': () => json(200, home()),
    });
    const close = await openPortal('/#/open/tok_mail');
    await until(() => expect(byTestId('signin-code')).not.toBeNull());
    expect(location.href).not.toMatch(/tok_mail/);
    expect(await fake.requests('POST /auth/open')[0]?.json()).toEqual({ token: 'tok_mail', send_code: true });
    await until(() =>
      expect(byTestId('open-title')?.textContent).toBe('You have a new message from Riverside Family Practice'),
    );
    expect(byTestId('signin-sent')?.textContent).toMatch(/^We sent a code to r•••@example\.com\./);
    // Nothing of the message, and no signed-in read, before the code.
    expect(document.body.textContent).not.toMatch(/Your test results/);
    expect(fake.requests('GET /portal/threads/th_1')).toHaveLength(0);
    expect(fake.requests('GET /portal/home')).toHaveLength(0);

    type('signin-code', '123456');
    await new Promise((r) => setTimeout(r, 20));
    byTestId('signin-verify')?.click();
    await until(() => expect(byTestId('thread-subject')?.textContent).toBe('Your test results'));
    expect(await fake.requests('POST /auth/otp/verify')[0]?.json()).toEqual({ challenge_id: 'ch_1', code: '123456' });
    expect(location.pathname).toBe('/messages/th_1');
    // Rosa's own conversation: nobody acted for.
    expect(fake.requests('GET /portal/threads/th_1').at(-1)?.headers.get('Portico-Acting-For')).toBeNull();
    close();
  });

  it('a waitlist offer opens on the Appointments page, with that offer focused', async () => {
    const offer: S['OfferView'] = {
      offer_id: 'of_1',
      entry_id: 'wl_1',
      service_id: 'svc_1',
      service_name: 'Check-up',
      clinician_id: 'cl_1',
      clinician_name: 'Dr. Chen',
      start: '2030-01-07T14:00:00Z',
      end: '2030-01-07T14:30:00Z',
      time_zone: 'America/Chicago',
      expires_at: new Date(Date.now() + 20 * 60_000).toISOString(),
      status: 'offered',
      replaces: null,
    };
    api({
      'POST /auth/refresh': () => json(200, session('pt_rosa')),
      'POST /auth/open': () => json(200, { ...opened('pt_rosa'), item: { kind: 'offer', id: 'of_1' } }),
      'GET /portal/home': () => json(200, home()),
      'GET /portal/appointments': () => json(200, { upcoming: [], past: [] }),
      'GET /portal/waitlist': () => json(200, { places: [], offers: [offer] }),
    });
    const close = await openPortal('/#/open/tok_offer');
    expect(location.href).not.toMatch(/tok_offer/);
    await until(() => expect(byTestId('offer-claim')).not.toBeNull());
    expect(location.pathname).toBe('/appointments/offers/of_1');
    await until(() => expect((document.activeElement as HTMLElement | null)?.dataset.offerId).toBe('of_1'));
    close();
  });

  it('says a spent or expired link is so, with a way to sign in', async () => {
    api({
      'POST /auth/refresh': () => json(401, {}),
      'POST /auth/open': () => spent(),
    });
    const close = await openPortal('/#/open/tok_old');
    await until(() =>
      expect(byTestId('open-expired')?.textContent).toMatch(/This link has expired or was already used/),
    );
    expect(location.href).not.toMatch(/tok_old/);
    byTestId('open-sign-in')?.click();
    await until(() => expect(byTestId('signin')).not.toBeNull());
    expect(location.pathname).toBe('/sign-in');
    close();
  });

  it("with someone else's live session: shows nothing of the message", async () => {
    const fake = api({
      'POST /auth/refresh': () => json(200, session('pt_rosa')),
      'POST /auth/open': () => json(200, opened('pt_stranger')),
      'GET /portal/home': () => json(200, home()),
    });
    const close = await openPortal('/#/open/tok_other');
    await until(() => expect(byTestId('open-elsewhere')).not.toBeNull());
    expect(fake.requests('GET /portal/threads/th_1')).toHaveLength(0);
    expect(sessionStorage.getItem('portico.actingFor')).toBeNull();
    close();
  });
});
