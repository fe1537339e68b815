// Component tests: the audit trail (need 10's review, issue 10 item 5): the last day's events on
// arrival, read as a table; filters sent in the API call's query (never the page's address); pages
// that are short or empty while more follow, with "Load more"; a refused filter named next to its
// field; and the file saved through the page, the token in a header, named as the server says.
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../shared/api/fake-api';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { StatusLine, StatusProvider } from '../../shared/ui/components';
import { type S, session } from '../api';
import { english, loadCatalog } from '../catalog';
import { SignedInStaff } from '../parts';
import { Audit, filtersFrom } from './Audit';

const ada: S['StaffMemberView'] = {
  staff_id: 'staff-ada',
  display_name: 'Ada',
  email: 'ada@riverside.example',
  roles: ['admin'],
  status: 'active',
  created_at: '2026-01-05T10:00:00Z',
};
const dee: S['StaffMemberView'] = { ...ada, staff_id: 'staff-dee', display_name: 'Dee', roles: ['front-desk'] };

const event = (over: Partial<S['AuditEventView']>): S['AuditEventView'] => ({
  at: '2026-03-03T22:05:09Z',
  actor_kind: 'staff',
  actor_id: 'staff-dee',
  action: 'patient.read',
  object_kind: 'patient',
  object_id: 'pt_1',
  patient_id: 'pt_1',
  outcome: 'success',
  status: 200,
  request_id: `req-${Math.random()}`,
  ip: '127.0.0.1',
  user_agent: 'test',
  ...over,
});

/** Three pages: two events, then an empty page that is not the end, then the last one. */
const PAGES: Record<string, S['AuditSearchPage']> = {
  '': {
    events: [
      event({ action: 'patient.read' }),
      event({
        actor_kind: 'patient',
        actor_id: 'pt_1',
        action: 'auth.sign_in.code',
        outcome: 'denied',
        status: 401,
      }),
    ],
    next_cursor: 'day-2',
  },
  'day-2': { events: [], next_cursor: 'day-3' },
  'day-3': { events: [event({ actor_kind: 'system', actor_id: null, action: 'audit.redb', patient_id: null })] },
};

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const rows = () => Array.from(document.querySelectorAll<HTMLElement>('[data-testid="audit-row"]'));

function render() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/audit">
            <SignedInStaff.Provider value={ada}>
              <StatusLine />
              <Audit />
            </SignedInStaff.Provider>
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

function withPracticeZone(zone: string) {
  return {
    'GET /staff/practice': () =>
      json(200, { practice_id: 'pr_1', name: 'Riverside', default_time_zone: zone, version: 3 }),
  };
}

function api(
  search: (req: Request) => Response | Promise<Response> = (req) =>
    json(200, PAGES[new URL(req.url).searchParams.get('cursor') ?? '']),
  more: Record<string, (req: Request) => Response> = {},
) {
  return fakeApi({
    ...more,
    'GET /staff/audit': search,
    'GET /staff/team': () => json(200, { staff: [ada, dee], next_cursor: null }),
    'GET /staff/audit/export': () =>
      new Response('{"action":"patient.read"}\n', {
        status: 200,
        headers: {
          'Content-Type': 'application/x-ndjson',
          'Content-Disposition': 'attachment; filename="audit-20260302-20260303.jsonl"',
        },
      }),
  });
}

function type(testid: string, value: string) {
  const input = byTestId(testid) as HTMLInputElement;
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

beforeEach(() => {
  session.start('staff-token', 300);
  history.replaceState(null, '', '/console/audit');
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.replaceChildren();
  session.forget();
  localStorage.clear();
});

describe('the audit trail', () => {
  it("reads the last day's events on arrival, as a table: time, who, action, patient, outcome, status", async () => {
    const fake = api();
    const close = render();
    await vi.waitFor(() => expect(rows()).toHaveLength(2));

    const [sent] = fake.requests('GET /staff/audit');
    expect([...new URL(sent?.url ?? '').searchParams.keys()]).toEqual([]);
    const [staffRead, signIn] = rows();
    expect(byTestId('audit-actor', staffRead)?.textContent).toBe('Staff Deestaff-dee');
    expect(byTestId('audit-action', staffRead)?.textContent).toBe('patient.read');
    expect(byTestId('audit-patient', staffRead)?.textContent).toBe('pt_1');
    expect(byTestId('audit-outcome', staffRead)?.textContent).toBe('Succeeded');
    expect(byTestId('audit-actor', signIn)?.textContent).toBe('Patientpt_1');
    expect(byTestId('audit-outcome', signIn)?.textContent).toBe('Denied');
    expect(byTestId('audit-status', signIn)?.textContent).toBe('401');
    expect(staffRead?.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-03T22:05:09Z');
    // A gateway without the practice's settings: times in this device's zone, and it says so.
    expect(byTestId('audit-zone')?.textContent).toMatch(
      /^Times are in this device’s time zone \(.+\): the practice’s is not known here\.$/,
    );
    close();
  });

  it("shows times in the practice's zone and reads the filters' times in it", async () => {
    const fake = api(undefined, withPracticeZone('America/New_York'));
    const close = render();
    await vi.waitFor(() => expect(rows()).toHaveLength(2));

    expect(byTestId('audit-zone')?.textContent).toBe('Times are in the practice’s time zone (America/New York).');
    expect(rows()[0]?.querySelector('time')?.textContent).toMatch(/^Mar 3, 2026, 5:05:09\sPM$/);
    type('audit-filter-from', '2026-03-01T08:30');
    act(() => byTestId('audit-search')?.click());
    await vi.waitFor(() => expect(fake.requests('GET /staff/audit')).toHaveLength(2));
    expect(new URL(fake.requests('GET /staff/audit')[1]?.url ?? '').searchParams.get('from')).toBe(
      '2026-03-01T13:30:00.000Z',
    );
    close();
  });

  it('offers "Load more" while the server gives a cursor, through short and empty pages, to the end', async () => {
    // The empty page is held back until the test lets it go, to see the button wait for it.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fake = api(async (req) => {
      const cursor = new URL(req.url).searchParams.get('cursor') ?? '';
      if (cursor === 'day-2') await held;
      return json(200, PAGES[cursor]);
    });
    const close = render();
    await vi.waitFor(() => expect(byTestId('audit-more')).not.toBeNull());

    act(() => byTestId('audit-more')?.click());
    await vi.waitFor(() => expect(byTestId('audit-more')?.getAttribute('aria-busy')).toBe('true'));
    expect(byTestId('audit-more')?.hasAttribute('disabled')).toBe(true);
    release();
    // An empty page that is not the end: nothing new, and more may follow.
    await vi.waitFor(() => expect(byTestId('audit-more')?.getAttribute('aria-busy')).toBeNull());
    expect(rows()).toHaveLength(2);
    act(() => byTestId('audit-more')?.click());
    await vi.waitFor(() => expect(rows()).toHaveLength(3));

    expect(fake.requests('GET /staff/audit').map((r) => new URL(r.url).searchParams.get('cursor'))).toEqual([
      null,
      'day-2',
      'day-3',
    ]);
    expect(byTestId('audit-more')).toBeNull();
    expect(byTestId('audit-end')?.textContent).toBe('That is every event these filters match.');
    expect(byTestId('audit-actor', rows()[2])?.textContent).toBe('System');
    close();
  });

  it('reads again for each search, the same filters included', async () => {
    const fake = api();
    const close = render();
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    act(() => byTestId('audit-search')?.click());
    await vi.waitFor(() => expect(fake.requests('GET /staff/audit')).toHaveLength(2));
    act(() => byTestId('audit-clear')?.click());
    await vi.waitFor(() => expect(fake.requests('GET /staff/audit')).toHaveLength(3));
    close();
  });

  it('says when a page is empty but more may follow', async () => {
    api(() => json(200, { events: [], next_cursor: 'day-2' }));
    const close = render();
    await vi.waitFor(() =>
      expect(byTestId('audit-empty')?.textContent).toBe('No events found so far; earlier ones may follow.'),
    );
    expect(byTestId('audit-more')).not.toBeNull();
    close();
  });

  it('sends the filters in the API call, never in the page address', async () => {
    const fake = api();
    const close = render();
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    type('audit-filter-from', '2026-03-01T08:30');
    type('audit-filter-patient-id', ' pt_01SECRET ');
    type('audit-filter-actor-id', 'staff-dee');
    type('audit-filter-action', 'patient.read');

    act(() => byTestId('audit-search')?.click());

    await vi.waitFor(() => expect(fake.requests('GET /staff/audit')).toHaveLength(2));
    const query = new URL(fake.requests('GET /staff/audit')[1]?.url ?? '').searchParams;
    expect(query.get('from')).toBe(new Date('2026-03-01T08:30').toISOString());
    expect(query.get('to')).toBeNull();
    expect(query.get('patient_id')).toBe('pt_01SECRET');
    expect(query.get('actor_id')).toBe('staff-dee');
    expect(query.get('action')).toBe('patient.read');
    expect(location.href).not.toMatch(/SECRET/);
    expect(location.pathname).toBe('/console/audit');
    expect(filtersFrom({ from: '', to: 'not a time', patient_id: ' ', actor_id: '', action: '' })).toEqual({});
    close();
  });

  it('names a refused filter next to its field', async () => {
    api((req) =>
      new URL(req.url).searchParams.get('from')
        ? json(400, {
            type: 'https://portico.health/problems/invalid-request',
            title: 'Your request could not be read',
            status: 400,
            detail: 'The request has invalid fields.',
            errors: [{ field: 'from', detail: 'is after `to`' }],
          })
        : json(200, PAGES['']),
    );
    const close = render();
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    type('audit-filter-from', '2026-03-09T08:30');
    act(() => byTestId('audit-search')?.click());

    const from = byTestId('audit-filter-from') as HTMLInputElement;
    await vi.waitFor(() => expect(from.getAttribute('aria-invalid')).toBe('true'));
    const described = (from.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id));
    expect(described.map((el) => el?.textContent)).toContain('Is after `to`.');
    expect(byTestId('load-error')?.getAttribute('role')).toBe('alert');
    close();
  });

  it('saves the file through the page (the token in a header, not the address), named as the server says', async () => {
    const fake = api();
    const saved: { name: string; href: string }[] = [];
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:audit');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, href: this.href });
    });
    const close = render();
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    type('audit-filter-action', 'patient.read');
    act(() => byTestId('audit-search')?.click());
    await vi.waitFor(() => expect(fake.requests('GET /staff/audit')).toHaveLength(2));
    const format = byTestId('audit-format') as HTMLSelectElement;
    act(() => {
      format.value = 'jsonl';
      format.dispatchEvent(new Event('change', { bubbles: true }));
    });

    act(() => byTestId('audit-download')?.click());

    await vi.waitFor(() => expect(saved).toEqual([{ name: 'audit-20260302-20260303.jsonl', href: 'blob:audit' }]));
    const [asked] = fake.requests('GET /staff/audit/export');
    const url = new URL(asked?.url ?? '');
    expect(url.searchParams.get('format')).toBe('jsonl');
    expect(url.searchParams.get('action')).toBe('patient.read');
    expect(asked?.url).not.toMatch(/token/i);
    expect(asked?.headers.get('Authorization')).toBe('Bearer staff-token');
    expect(byTestId('app-status')?.textContent).toMatch(/audit-20260302-20260303\.jsonl downloaded\./);
    close();
  });
});
