// Component and unit tests: the access log in the patient's words (English and Spanish, a general phrase
// for an action the portal does not know, the device a sign-in came from), older pages on request
// (short or empty ones too), and signing out everywhere else after a confirmation, with the result.
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../shared/api/fake-api';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { StatusLine, StatusProvider } from '../../shared/ui/components';
import { actionKey, deviceName, ROLE_KEYS, wordedActions } from '../access';
import { type S, session } from '../api';
import { english, loadCatalog } from '../catalog';
import enCatalog from '../messages/en.json';
import esCatalog from '../messages/es.json';
import { AccessLog } from './AccessLog';

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

const entry = (over: Partial<S['AccessEntry']>): S['AccessEntry'] => ({
  at: '2026-03-03T15:05:00Z',
  by: 'you',
  roles: [],
  action: 'auth.sign_in.code',
  succeeded: true,
  device: null,
  ip: null,
  ...over,
});

const FIRST: S['AccessLog'] = {
  entries: [
    entry({ at: '2026-03-03T15:05:04Z', action: 'auth.sign_in.code', device: CHROME_WINDOWS, ip: '203.0.113.7' }),
    entry({ at: '2026-03-03T15:05:03Z', by: 'staff', roles: ['front-desk'], action: 'patient.read' }),
    entry({ at: '2026-03-03T15:05:02Z', by: 'staff', roles: ['clinician', 'billing'], action: 'patient.x_ray' }),
    entry({ at: '2026-03-03T15:05:01Z', action: 'auth.sign_in.link', succeeded: false, device: 'curl/8.0', ip: '::1' }),
  ],
  next_cursor: 'older-1',
};
const PAGES: Record<string, S['AccessLog']> = {
  '': FIRST,
  'older-1': { entries: [], next_cursor: 'older-2' },
  'older-2': { entries: [entry({ at: '2026-03-01T10:00:00Z', action: 'auth.logout', device: SAFARI_IPHONE })] },
};

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const entries = () => Array.from(document.querySelectorAll<HTMLElement>('[data-testid="access-entry"]'));
const said = () => entries().map((e) => byTestId('access-what', e)?.textContent);

function render() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/profile/access-log">
            <StatusLine />
            <AccessLog />
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

function api(endOthers = () => json(200, { ended: 2 })) {
  return fakeApi({
    'GET /portal/access-log': (req) => json(200, PAGES[new URL(req.url).searchParams.get('cursor') ?? '']),
    'POST /portal/sessions/end-others': endOthers,
  });
}

beforeEach(() => session.start('h.e30.s', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
  localStorage.clear();
});

describe('the access log', () => {
  it("says what happened in the patient's words: who, what, when, and the device a sign-in came from", async () => {
    api();
    const close = render();
    await vi.waitFor(() => expect(entries()).toHaveLength(4));

    expect(said()).toEqual([
      'You signed in with a code',
      'Someone at the practice (front desk) opened your record',
      'Someone at the practice (clinician and billing) worked with your record',
      'You signed in with a link',
    ]);
    const [mine, , , failed] = entries();
    expect(byTestId('access-where', mine as HTMLElement)?.textContent).toBe(' · Chrome on Windows, from 203.0.113.7');
    expect(byTestId('access-when', mine as HTMLElement)?.getAttribute('datetime')).toBe('2026-03-03T15:05:04Z');
    expect(byTestId('access-where', entries()[1] as HTMLElement)).toBeNull();
    // A device it cannot name is shown as it came; a sign-in that did not go through says so.
    expect(byTestId('access-where', failed as HTMLElement)?.textContent).toBe(' · curl/8.0, from ::1');
    expect(byTestId('access-failed', failed as HTMLElement)?.textContent).toBe('Did not go through');
    expect(byTestId('access-failed', mine as HTMLElement)).toBeNull();
    close();
  });

  it('says it in Spanish', async () => {
    localStorage.setItem('portico.language', 'es');
    api();
    const close = render();
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    await vi.waitFor(() => expect(said()[0]).toBe('Usted inició sesión con un código'));
    expect(said()).toEqual([
      'Usted inició sesión con un código',
      'Alguien de la consulta (recepción) abrió su expediente',
      'Alguien de la consulta (personal clínico y facturación) trabajó con su expediente',
      'Usted inició sesión con un enlace',
    ]);
    expect(byTestId('access-where', entries()[0] as HTMLElement)?.textContent).toBe(
      ' · Chrome en Windows, desde 203.0.113.7',
    );
    close();
  });

  it('shows older entries on request, through short and empty pages, until there are no more', async () => {
    // The empty page is held back until the test lets it go, to see the button wait for it.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fake = fakeApi({
      'GET /portal/access-log': async (req) => {
        const cursor = new URL(req.url).searchParams.get('cursor') ?? '';
        if (cursor === 'older-1') await held;
        return json(200, PAGES[cursor]);
      },
    });
    const close = render();
    await vi.waitFor(() => expect(byTestId('access-more')).not.toBeNull());

    act(() => byTestId('access-more')?.click());
    await vi.waitFor(() => expect(byTestId('access-more')?.getAttribute('aria-busy')).toBe('true'));
    release();
    await vi.waitFor(() => expect(byTestId('access-more')?.getAttribute('aria-busy')).toBeNull());
    expect(entries()).toHaveLength(4);
    act(() => byTestId('access-more')?.click());
    await vi.waitFor(() => expect(entries()).toHaveLength(5));

    expect(fake.requests('GET /portal/access-log').map((r) => new URL(r.url).searchParams.get('cursor'))).toEqual([
      null,
      'older-1',
      'older-2',
    ]);
    expect(said()[4]).toBe('You signed out');
    expect(byTestId('access-where', entries()[4] as HTMLElement)?.textContent).toBe(' · Safari on iPhone');
    expect(byTestId('access-more')).toBeNull();
    close();
  });

  it('signs out everywhere else only once confirmed, and says how many', async () => {
    const fake = api();
    const close = render();
    await vi.waitFor(() => expect(entries()).toHaveLength(4));

    act(() => byTestId('access-end-others')?.click());
    await vi.waitFor(() => expect(byTestId('access-end-others-confirm')).not.toBeNull());
    const dialog = byTestId('access-end-others-confirm') as HTMLDialogElement;
    expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Every other browser and phone where you are signed in is signed out at once. You stay signed in here.',
    );
    expect(document.activeElement).toBe(byTestId('access-end-others-confirm-no'));
    act(() => byTestId('access-end-others-confirm-no')?.click());
    await vi.waitFor(() => expect(byTestId('access-end-others-confirm')).toBeNull());
    expect(fake.requests('POST /portal/sessions/end-others')).toHaveLength(0);

    act(() => byTestId('access-end-others')?.click());
    await vi.waitFor(() => expect(byTestId('access-end-others-confirm-yes')).not.toBeNull());
    act(() => byTestId('access-end-others-confirm-yes')?.click());

    await vi.waitFor(() => expect(byTestId('access-end-others-confirm')).toBeNull());
    expect(fake.requests('POST /portal/sessions/end-others')).toHaveLength(1);
    expect(byTestId('app-status')?.textContent).toMatch(/^You were signed out on 2 other devices\./);
    // The log is read again, to show it.
    await vi.waitFor(() => expect(fake.requests('GET /portal/access-log').length).toBeGreaterThan(1));
    close();
  });

  it('says when there was nowhere else to sign out, and keeps a refusal in the dialog', async () => {
    let answer = () => json(200, { ended: 0 });
    api(() => answer());
    const close = render();
    await vi.waitFor(() => expect(entries()).toHaveLength(4));
    act(() => byTestId('access-end-others')?.click());
    await vi.waitFor(() => expect(byTestId('access-end-others-confirm-yes')).not.toBeNull());
    act(() => byTestId('access-end-others-confirm-yes')?.click());
    await vi.waitFor(() =>
      expect(byTestId('app-status')?.textContent).toMatch(/^You were not signed in anywhere else\./),
    );

    answer = () =>
      json(409, {
        type: 'https://portico.health/problems/conflict',
        title: 'Conflict',
        status: 409,
        detail: 'Someone else changed this at the same time; read it again and retry.',
      });
    act(() => byTestId('access-end-others')?.click());
    await vi.waitFor(() => expect(byTestId('access-end-others-confirm-yes')).not.toBeNull());
    act(() => byTestId('access-end-others-confirm-yes')?.click());
    await vi.waitFor(() => expect(byTestId('access-end-others-error')).not.toBeNull());
    expect(byTestId('access-end-others-error')?.getAttribute('role')).toBe('alert');
    expect(byTestId('access-end-others-confirm')?.contains(byTestId('access-end-others-error'))).toBe(true);
    close();
  });
});

describe('what someone acting for you did', () => {
  it('is said as theirs, named from Who can act for you (one more read) when their access is listed', async () => {
    const fake = fakeApi({
      'GET /portal/access-log': () =>
        json(200, {
          entries: [
            entry({ at: '2026-03-03T15:05:02Z', by: 'proxy', grant_id: 'gr_bo', action: 'messages.thread.read' }),
            entry({ at: '2026-03-03T15:05:01Z', by: 'proxy', grant_id: 'gr_gone', action: 'messages.message.create' }),
          ],
        }),
      'GET /portal/proxies': () =>
        json(200, {
          acting_for_you: [
            {
              grant_id: 'gr_bo',
              patient_id: 'pt_1',
              patient: { given_name: 'Ann', family_name: 'Lee', preferred_name: null },
              proxy_id: 'pt_bo',
              proxy: { given_name: 'Robert', family_name: 'Lee', preferred_name: 'Bo' },
              relationship: 'caregiver',
              legal_basis: 'patient_authorization',
              scopes: ['messages'],
              standing: 'full',
              granted_by: 'patient',
              created_at: '2026-03-01T10:00:00Z',
            },
          ],
          you_act_for: [],
          pending_invitations: [],
        }),
    });
    const close = render();
    await vi.waitFor(() =>
      expect(said()).toEqual([
        'Bo, acting for you, read one of your conversations',
        'Someone acting for you wrote in one of your conversations',
      ]),
    );
    expect(fake.requests('GET /portal/proxies')).toHaveLength(1);
    expect(entries()[0]?.dataset.by).toBe('proxy');
    close();
  });

  it('needs no other read when nobody acted for you', async () => {
    const fake = api();
    const close = render();
    await vi.waitFor(() => expect(entries()).toHaveLength(4));
    expect(fake.requests('GET /portal/proxies')).toHaveLength(0);
    close();
  });
});

describe("the access log's words", () => {
  it('word every action and role the portal knows, in both languages', () => {
    const catalogs: Record<string, string>[] = [enCatalog, esCatalog];
    const keys = [
      ...Object.values(wordedActions.yours),
      ...Object.values(wordedActions.theirs),
      ...Object.values(wordedActions.proxies),
      ...Object.values(ROLE_KEYS),
      'portal.access.you.other',
      'portal.access.staff.other',
      'portal.access.proxy.other',
    ];
    for (const catalog of catalogs) for (const key of keys) expect(catalog[key], key).toBeTruthy();
    // Someone at the practice is named in each of their actions.
    for (const key of [...Object.values(wordedActions.theirs), ...Object.values(wordedActions.proxies)])
      expect(enCatalog[key as keyof typeof enCatalog]).toMatch(/\{who\}/);
  });

  it('fall back to general words for an action they do not know', () => {
    expect(actionKey({ by: 'you', action: 'auth.sign_in.passkey' })).toBe('portal.access.you.signIn');
    expect(actionKey({ by: 'you', action: 'profile.something' })).toBe('portal.access.you.other');
    expect(actionKey({ by: 'staff', action: 'patient.teleport' })).toBe('portal.access.staff.other');
    expect(actionKey({ by: 'staff', action: 'messages.attachment.complete' })).toBe(
      'portal.access.staff.attachmentUpload',
    );
  });

  it('name the browser and system a sign-in came from, or nothing when they cannot tell', () => {
    expect(deviceName(CHROME_WINDOWS)).toEqual({ browser: 'Chrome', system: 'Windows' });
    expect(deviceName(SAFARI_IPHONE)).toEqual({ browser: 'Safari', system: 'iPhone' });
    expect(
      deviceName(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36',
      ),
    ).toEqual({ browser: 'Chrome', system: 'Linux' });
    expect(
      deviceName('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36 Edg/124.0'),
    ).toEqual({ browser: 'Edge', system: 'Windows' });
    expect(deviceName('Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0')).toEqual({
      browser: 'Firefox',
      system: 'Android',
    });
    expect(
      deviceName(
        'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0 Mobile Safari/537.36',
      ),
    ).toEqual({ browser: 'Samsung Internet', system: 'Android' });
    expect(deviceName('curl/8.0')).toBeNull();
  });
});
