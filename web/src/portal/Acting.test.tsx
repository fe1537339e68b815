// Component tests: acting for someone. The switcher lists the people home names; choosing one sends
// `Portico-Acting-For` on every request, shows the banner and hides what the grant does not allow; a
// refusal (`…/problems/acting-refused`) returns to one's own account and says why. Accepting an
// invitation asks for one's own date of birth when the server says so.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../shared/api/fake-api';
import type { S } from './api';

const session: S['SessionResponse'] = {
  access_token: 'h.e30.s',
  expires_in: 600,
  patient_id: 'pt_rosa',
  token_type: 'Bearer',
  idle_timeout_seconds: 1800,
  language: 'en',
};
const base: S['HomeView'] = {
  profile: { given_name: 'Rosa', preferred_name: null, language: 'en', time_zone: 'America/Chicago' },
  practice: { name: 'Riverside Family Practice', logo_url: null, phone: '+15555554203', email: null },
  unread_total: 0,
  latest_unread: null,
  consents_needing_decision: 0,
  notifications_unread: 1,
  person: { patient_id: 'pt_rosa', given_name: 'Rosa', preferred_name: null, proxy_only: false },
  people: [{ patient_id: 'pt_leo', given_name: 'Leo', preferred_name: null, relationship: 'parent' }],
  acting_for: null,
};
const forLeo: S['HomeView'] = {
  ...base,
  profile: { given_name: 'Leo', preferred_name: null, language: 'en', time_zone: 'America/Chicago' },
  notifications_unread: 0,
  acting_for: { patient_id: 'pt_leo', grant_id: 'gr_1', relationship: 'parent', scopes: ['messages'], limited: true },
};
const refused = () =>
  json(403, {
    type: 'https://portico.health/problems/acting-refused',
    title: 'No access',
    status: 403,
    detail: 'Ya no puede actuar por esta persona.',
  });
/** Outside the grant's scopes: refused, but the grant lives on. */
const forbidden = () =>
  json(403, {
    type: 'https://portico.health/problems/forbidden',
    title: 'x',
    status: 403,
    detail: 'You cannot act for this person.',
  });

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

async function openPortal(path = '/home') {
  history.replaceState(null, '', path);
  vi.resetModules();
  const { act } = await import('preact/test-utils');
  const { createRoot } = await import('react-dom/client');
  const { App } = await import('./App');
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => root.render(<App />));
  return { act, close: () => act(() => root.unmount()) };
}

function choose(value: string) {
  const select = byTestId('person-switcher') as HTMLSelectElement;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  sessionStorage.clear();
});

describe('acting for someone', () => {
  it('switches to Leo: the header goes with every request, the banner says so, and the nav follows the scopes', async () => {
    let leo = false;
    const api = fakeApi({
      'POST /auth/refresh': () => json(200, session),
      'GET /portal/home': (r) => {
        leo = r.headers.get('Portico-Acting-For') === 'pt_leo';
        return json(200, leo ? forLeo : base);
      },
      'GET /portal/threads': () => json(200, { threads: [], unread_total: 0 }),
    });
    const { close } = await openPortal();
    await vi.waitFor(() => expect(byTestId('home-greeting')?.textContent).toBe('Hello, Rosa'));
    await vi.waitFor(() => expect(byTestId('person-switcher')).not.toBeNull());
    const options = [...(byTestId('person-switcher') as HTMLSelectElement).options].map((o) => o.text);
    expect(options).toEqual(['You (Rosa)', 'Leo']);
    expect(byTestId('acting-banner')).toBeNull();
    expect(byTestId('bell')).not.toBeNull();

    choose('pt_leo');
    await vi.waitFor(() => expect(byTestId('acting-banner')?.textContent).toMatch(/You're viewing Leo's account\./));
    expect(byTestId('acting-limited')?.textContent).toBe("Limited: some of Leo's messages are private.");
    expect(sessionStorage.getItem('portico.actingFor')).toBe('pt_leo');
    // Messages only: no profile screens, and no bell for a teen's parent.
    expect(byTestId('nav-messages')).not.toBeNull();
    expect(byTestId('nav-more')).toBeNull();
    expect(byTestId('bell')).toBeNull();
    expect(byTestId('home-profile')).toBeNull();
    // Every request after the switch named Leo.
    const after = api.requests('GET /portal/home').slice(1);
    expect(after.length).toBeGreaterThan(0);
    for (const r of after) expect(r.headers.get('Portico-Acting-For')).toBe('pt_leo');

    choose('pt_rosa');
    await vi.waitFor(() => expect(byTestId('acting-banner')).toBeNull());
    expect(sessionStorage.getItem('portico.actingFor')).toBeNull();
    expect(api.requests('GET /portal/home').at(-1)?.headers.get('Portico-Acting-For')).toBeNull();
    close();
  });

  it('goes back to your own account and says why when the access has ended', async () => {
    sessionStorage.setItem('portico.actingFor', 'pt_leo');
    let ended = false;
    fakeApi({
      'POST /auth/refresh': () => json(200, session),
      'GET /portal/home': (r) => {
        if (r.headers.get('Portico-Acting-For') === 'pt_leo') return ended ? refused() : json(200, forLeo);
        return json(200, base);
      },
      'GET /portal/threads': (r) =>
        r.headers.get('Portico-Acting-For') && ended ? refused() : json(200, { threads: [], unread_total: 0 }),
    });
    const { close } = await openPortal('/home');
    await vi.waitFor(() => expect(byTestId('acting-banner')).not.toBeNull());
    // The next read for Leo is refused (the parent's access was ended meanwhile).
    ended = true;
    const { messaging } = await import('./api');
    await expect(messaging.threads()).rejects.toThrow();
    await vi.waitFor(() => expect(byTestId('acting-ended')?.textContent).toMatch(/access to Leo's account has ended/));
    await vi.waitFor(() => expect(byTestId('acting-banner')).toBeNull());
    expect(sessionStorage.getItem('portico.actingFor')).toBeNull();
    close();
  });

  it('sends no acting header when the answer refuses: the fetch notices the refusal by itself', async () => {
    vi.resetModules();
    sessionStorage.setItem('portico.actingFor', 'pt_leo');
    const api = fakeApi({ 'GET /portal/threads': () => refused() });
    const { acting, actingFetch } = await import('./acting');
    const res = await actingFetch('http://localhost/portal/threads');
    expect(res.status).toBe(403);
    expect(api.requests('GET /portal/threads')[0]?.headers.get('Portico-Acting-For')).toBe('pt_leo');
    expect(acting.current()).toBeNull();
    expect(acting.ended()).toBe('pt_leo');
  });

  it('stays acting on any other refusal, whatever its words', async () => {
    vi.resetModules();
    sessionStorage.setItem('portico.actingFor', 'pt_leo');
    fakeApi({ 'GET /portal/threads': () => forbidden() });
    const { acting, actingFetch } = await import('./acting');
    const res = await actingFetch('http://localhost/portal/threads');
    expect(res.status).toBe(403);
    expect(acting.current()).toBe('pt_leo');
    expect(acting.ended()).toBeNull();
  });
});

describe('an account made only to act for others', () => {
  const helper: S['HomeView'] = {
    ...base,
    unread_total: 0,
    notifications_unread: 0,
    person: { ...base.person, proxy_only: true },
    people: [{ patient_id: 'pt_leo', given_name: 'Leo', preferred_name: null, relationship: 'caregiver' }],
  };

  it('opens on the first person it acts for; itself, chosen, says what it is for and shows no patient screens', async () => {
    const api = fakeApi({
      'POST /auth/refresh': () => json(200, session),
      'GET /portal/home': (r) =>
        json(200, r.headers.get('Portico-Acting-For') === 'pt_leo' ? { ...forLeo, person: helper.person } : helper),
      'GET /portal/threads': () => json(200, { threads: [], unread_total: 0 }),
    });
    const { close } = await openPortal('/home');
    await vi.waitFor(() => expect(byTestId('acting-banner')?.textContent).toMatch(/You're viewing Leo's account\./));
    expect(sessionStorage.getItem('portico.actingFor')).toBe('pt_leo');
    const options = [...(byTestId('person-switcher') as HTMLSelectElement).options].map((o) => o.text);
    expect(options).toEqual(['Your account (Rosa)', 'Leo']);

    choose('pt_rosa');
    await vi.waitFor(() => expect(byTestId('home-proxy-only')).not.toBeNull());
    expect(byTestId('home-proxy-only-people')?.textContent).toBe('Leo');
    expect(byTestId('nav-messages')).toBeNull();
    expect(byTestId('nav-more')).toBeNull();
    expect(byTestId('home-messages')).toBeNull();
    // Chosen: it stays on the account.
    expect(api.requests('GET /portal/home').at(-1)?.headers.get('Portico-Acting-For')).toBeNull();
    expect(byTestId('acting-banner')).toBeNull();
    expect(sessionStorage.getItem('portico.actingFor')).toBeNull();
    close();
  });

  it('says the access ended, and how to get it back, when nobody is left', async () => {
    fakeApi({
      'POST /auth/refresh': () => json(200, session),
      'GET /portal/home': () => json(200, { ...helper, people: [] }),
    });
    const { close } = await openPortal('/home');
    await vi.waitFor(() => expect(byTestId('home-proxy-only-none')?.textContent).toMatch(/has ended/));
    expect(byTestId('home-proxy-only-none')?.textContent).toMatch(/invite you again/);
    expect(byTestId('person-switcher')).toBeNull();
    expect(byTestId('acting-banner')).toBeNull();
    close();
  });
});

describe('accepting an invitation', () => {
  it('asks for your own date of birth when the server says you have no account yet, then says how to sign in', async () => {
    const api = fakeApi({
      'POST /auth/refresh': () => json(401, {}),
      'GET /auth/practice': () => json(200, base.practice),
      'POST /portal/proxies/accept': async (r) => {
        const body = await r.json();
        if (!body.your_date_of_birth)
          return json(400, {
            type: 'https://portico/problems/invalid',
            title: 'x',
            status: 400,
            detail: 'Tell us your date of birth.',
            errors: [{ field: 'your_date_of_birth', detail: 'is required for a new account' }],
          });
        return json(200, {
          patient_given_name: 'Ann',
          new_account: true,
          channel: 'email',
          destination: 'd***@example.com',
        });
      },
    });
    const { close } = await openPortal('/#/proxy-invitation/tok_123');
    await vi.waitFor(() => expect(byTestId('accept')).not.toBeNull());
    expect(location.pathname).toBe('/proxy-invitation');
    const fill = (id: string, value: string) => {
      const input = byTestId(id) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    };
    fill('accept-code', '123456');
    fill('accept-patient-dob', '1984-07-02');
    byTestId('accept-submit')?.click();
    await vi.waitFor(() => expect(byTestId('accept-your-dob')).not.toBeNull());
    expect(byTestId('accept-needs-yours')).not.toBeNull();
    fill('accept-your-dob', '1960-01-01');
    await new Promise((r) => setTimeout(r, 20));
    byTestId('accept-submit')?.click();
    await vi.waitFor(() =>
      expect(byTestId('accept-done-body')?.textContent).toBe('You can now act for Ann. Sign in with d***@example.com.'),
    );
    const sent = await Promise.all(api.requests('POST /portal/proxies/accept').map((r) => r.json()));
    expect(sent.at(-1)).toEqual({
      token: 'tok_123',
      code: '123456',
      patient_date_of_birth: '1984-07-02',
      your_date_of_birth: '1960-01-01',
    });
    byTestId('accept-sign-in')?.click();
    await vi.waitFor(() => expect(location.pathname).toBe('/sign-in'));
    close();
  });
});
