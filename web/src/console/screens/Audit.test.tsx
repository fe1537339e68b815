// Component tests: the audit trail (need 10's review, issue 10 item 5): the last day's events on
// arrival, read as a table; filters sent in the API call's query (never the page's address); pages
// that are short or empty while more follow, with "Load more"; a refused filter named next to its
// field; the file saved through the page, the token in a header, named as the server says; and, when
// the direct export refuses the range, a file prepared instead, with its link while it works.
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
import { Audit, fileRequest, filtersFrom } from './Audit';

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
    // The name comes from the team's list, which may arrive after the trail.
    await vi.waitFor(() => expect(byTestId('audit-actor', staffRead)?.textContent).toBe('Staff Deestaff-dee'));
    expect(byTestId('audit-action', staffRead)?.textContent).toBe('patient.read');
    expect(byTestId('audit-patient', staffRead)?.textContent).toBe('pt_1');
    expect(byTestId('audit-outcome', staffRead)?.textContent).toBe('Succeeded');
    expect(byTestId('audit-actor', signIn)?.textContent).toBe('Patientpt_1');
    expect(byTestId('audit-outcome', signIn)?.textContent).toBe('Denied');
    expect(byTestId('audit-status', signIn)?.textContent).toBe('401');
    expect(staffRead?.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-03T22:05:09Z');
    // A gateway without the practice's settings: times in this device's zone, and it says so.
    await vi.waitFor(() =>
      expect(byTestId('audit-zone')?.textContent).toMatch(
        /^Times are in this device’s time zone \(.+\): the practice’s is not known here\.$/,
      ),
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

/** The direct export's refusal of a range with too many events (the server's words and field). */
const TOO_MANY = () =>
  json(400, {
    type: 'https://portico.health/problems/invalid-request',
    title: 'Your request could not be read',
    status: 400,
    detail: 'The request has invalid fields.',
    instance: '/staff/audit/export',
    request_id: 'req-1',
    errors: [
      {
        field: 'from',
        detail:
          'the range holds more than 10000 events: ask for it as a file (POST /staff/audit/exports), or export a shorter one',
      },
    ],
  });

const SERVED = 'Tue, 03 Mar 2026 22:00:00 GMT';
/** An export file's answer, its link working `seconds` after the server's `Date`. */
const fileAnswer = (seconds: number, name = 'audit-20260301-20260303.csv') =>
  new Response(
    JSON.stringify({
      url: `/_local/blobs/download?key=exports%2Fpr_1%2Fr-${name}&sig=s`,
      expires_at: new Date(Date.parse(SERVED) + seconds * 1000).toISOString(),
      file_name: name,
      events: 12_345,
      bytes: 1_258_291,
    }),
    { status: 200, headers: { 'Content-Type': 'application/json', Date: SERVED } },
  );

/** The trail with a direct export that refuses, and an export file route answering `file`. */
function withFile(file: (req: Request) => Response) {
  const fake = api();
  fake.routes['GET /staff/audit/export'] = TOO_MANY;
  fake.routes['POST /staff/audit/exports'] = file;
  return fake;
}

async function refuseDirect() {
  await vi.waitFor(() => expect(rows()).toHaveLength(2));
  type('audit-filter-from', '2026-03-01T00:00');
  type('audit-filter-to', '2026-03-03T00:00');
  type('audit-filter-action', 'patient.read');
  act(() => byTestId('audit-search')?.click());
  act(() => byTestId('audit-download')?.click());
  await vi.waitFor(() => expect(byTestId('audit-file-offer')).not.toBeNull());
}

describe('a file for a range too large to download directly', () => {
  it('is offered when the direct export refuses the range, and asks for that range and filters as a file', async () => {
    const fake = withFile(() => fileAnswer(300));
    const close = render();
    await refuseDirect();
    expect(byTestId('audit-file-offer')?.textContent).toBe(
      'This range cannot be downloaded directly. It can be prepared as a file instead, with a link to download it.',
    );
    // The refusal is also said next to "From".
    expect(byTestId('audit-filter-from')?.getAttribute('aria-invalid')).toBe('true');
    expect(fake.requests('POST /staff/audit/exports')).toHaveLength(0);

    act(() => byTestId('audit-file-prepare')?.click());

    await vi.waitFor(() => expect(byTestId('audit-file-link')).not.toBeNull());
    const [asked] = fake.requests('POST /staff/audit/exports');
    expect(await asked?.json()).toEqual({
      from: new Date('2026-03-01T00:00').toISOString(),
      to: new Date('2026-03-03T00:00').toISOString(),
      action: 'patient.read',
      format: 'csv',
    });
    expect(asked?.headers.get('Authorization')).toBe('Bearer staff-token');
    const link = byTestId('audit-file-link') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe(
      `${location.origin}/_local/blobs/download?key=exports%2Fpr_1%2Fr-audit-20260301-20260303.csv&sig=s`,
    );
    expect(link.getAttribute('download')).toBe('audit-20260301-20260303.csv');
    expect(link.getAttribute('rel')).toBe('noreferrer');
    expect(link.textContent).toBe('Download');
    expect(link.getAttribute('aria-label')).toBe('Download audit-20260301-20260303.csv');
    expect(document.activeElement).toBe(link);
    expect(byTestId('audit-file-summary')?.textContent).toBe('audit-20260301-20260303.csv: 12,345 events, 1.2 MB.');
    expect(byTestId('audit-file-expiry')?.textContent).toMatch(
      /^The link works for 5 minutes, until .+\. After that, prepare the file again\.$/,
    );
    expect(byTestId('app-status')?.textContent).toMatch(/^audit-20260301-20260303\.csv is ready to download\./);
    expect(location.href).not.toMatch(/exports/);
    close();
  });

  it("fills an empty end of the range as the direct export's documented defaults do", () => {
    const now = new Date('2026-03-03T12:00:00Z');
    expect(fileRequest({ patient_id: 'pt_1' }, 'jsonl', now)).toEqual({
      from: '2026-03-02T12:00:00.000Z',
      to: '2026-03-03T12:00:00.000Z',
      patient_id: 'pt_1',
      format: 'jsonl',
    });
    expect(fileRequest({ to: '2026-03-01T00:00:00.000Z' }, 'csv', now).from).toBe('2026-02-28T00:00:00.000Z');
  });

  it('says when the link has expired, and prepares the file again', async () => {
    let n = 0;
    const fake = withFile(() => {
      n += 1;
      return fileAnswer(n === 1 ? 1 : 300, `audit-${n}.csv`);
    });
    const close = render();
    await refuseDirect();
    act(() => byTestId('audit-file-prepare')?.click());
    // The first link works for one second: only its end is waited for (a slow machine may render the
    // link after it has already expired; the link itself is the 300-second test's).
    await vi.waitFor(() => expect(byTestId('audit-file-expired')?.textContent).toBe('The link has expired.'));
    expect(byTestId('audit-file-link')).toBeNull();
    act(() => byTestId('audit-file-again')?.click());

    await vi.waitFor(() => expect(byTestId('audit-file-link')?.getAttribute('download')).toBe('audit-2.csv'));
    expect(fake.requests('POST /staff/audit/exports')).toHaveLength(2);
    expect(byTestId('audit-file-expired')).toBeNull();
    close();
  });

  it('is not offered for a refusal that is not about the range, and a file refused is named by its field', async () => {
    const fake = api();
    fake.routes['GET /staff/audit/export'] = () => json(503, { type: 'x', title: 'Down', status: 503, detail: 'Down' });
    const close = render();
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    act(() => byTestId('audit-download')?.click());
    await vi.waitFor(() => expect(byTestId('audit-export-error')).not.toBeNull());
    expect(byTestId('audit-file-offer')).toBeNull();
    close();

    withFile(() =>
      json(400, {
        type: 'https://portico.health/problems/invalid-request',
        title: 'Your request could not be read',
        status: 400,
        detail: 'The request has invalid fields.',
        errors: [{ field: 'from', detail: 'the range holds more than 250000 events; export a shorter one' }],
      }),
    );
    const again = render();
    await refuseDirect();
    act(() => byTestId('audit-file-prepare')?.click());
    await vi.waitFor(() => expect(byTestId('audit-file-error')).not.toBeNull());
    expect(byTestId('audit-file-link')).toBeNull();
    // The direct export's refusal names "From" first; the file's is in its own alert.
    expect(byTestId('audit-file-error')?.textContent).toBe('The request has invalid fields.');
    again();
  });

  it('says it in Spanish', async () => {
    localStorage.setItem('portico.language', 'es');
    withFile(() => fileAnswer(300));
    const close = render();
    await refuseDirect();
    expect(byTestId('audit-file-offer')?.textContent).toBe(
      'Este período no se puede descargar directamente. Se puede preparar como un archivo, con un enlace para descargarlo.',
    );
    act(() => byTestId('audit-file-prepare')?.click());
    await vi.waitFor(() => expect(byTestId('audit-file-link')?.textContent).toBe('Descargar'));
    expect(byTestId('audit-file-summary')?.textContent).toMatch(
      /^audit-20260301-20260303\.csv: 12\D345 eventos, 1\D2 MB\.$/,
    );
    expect(byTestId('audit-file-expiry')?.textContent).toMatch(/^El enlace funciona durante 5 minutos, hasta las .+\./);
    close();
  });
});
