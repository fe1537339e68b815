// Component tests: the waitlist shows each service's line in the server's offer order (priority, then
// first come), each place with its patient (a link to the chart), what they can make in words (days,
// times of day, dates, clinicians by name) and whether they would move a booked appointment earlier;
// "Raise priority" is sent on the version read and the lines are read again; a change meanwhile (409)
// reads them again and says so; the report's figures and percentages follow the period chosen.
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json, type Route } from '../../shared/api/fake-api';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { StatusLine, StatusProvider } from '../../shared/ui/components';
import { session } from '../api';
import { english, loadCatalog } from '../catalog';
import { SignedInStaff } from '../parts';
import type { S } from './ScheduleApi';
import { byService, Waitlist } from './Waitlist';

type Place = S['StaffPlaceView'];
const member = (staff_id: string, display_name: string, roles: S['Role'][]): S['StaffMemberView'] => ({
  staff_id,
  display_name,
  email: `${staff_id}@riverside.example`,
  roles,
  status: 'active',
  created_at: '2026-01-05T10:00:00Z',
});
const desk = member('staff-dee', 'Dee', ['front-desk']);
const rivera = member('staff-cl', 'Dr. Rivera', ['clinician']);

const place = (entry_id: string, given: string, over: Partial<Place> = {}): Place => ({
  entry_id,
  patient_id: `pt-${entry_id}`,
  patient: { given_name: given, family_name: 'Lee', preferred_name: null },
  service_id: 'svc-checkup',
  service_name: 'Check-up',
  clinicians: [],
  days: [],
  parts_of_day: [],
  from: '2026-12-01',
  to: '2026-12-31',
  replaces: null,
  replaces_start: null,
  priority: 'normal',
  status: 'waiting',
  created_at: '2026-11-20T15:00:00Z',
  version: 1,
  ...over,
});

const report = (over: Partial<S['Report']> = {}): S['Report'] => ({
  openings: 8,
  offers: 20,
  filled: 6,
  accept_rate: 0.3,
  fill_rate: 0.75,
  days_gained: 42,
  average_days_gained: 7,
  ...over,
});

const PLACES: Place[] = [
  place('e1', 'Ann', {
    priority: 'high',
    days: ['fri', 'mon'],
    parts_of_day: ['morning'],
    clinicians: [rivera.staff_id],
    replaces: 'appt-9',
    replaces_start: '2026-12-20T15:00:00Z',
  }),
  place('e2', 'Ben', { service_id: 'svc-physio', service_name: 'Physio' }),
  place('e3', 'Cy'),
];

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const allByTestId = (id: string, within: ParentNode = document) =>
  Array.from(within.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
const placeOf = (entry: string) => allByTestId('waitlist-place').find((p) => p.dataset.entryId === entry);

function render(me: S['StaffMemberView']) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/waitlist">
            <SignedInStaff.Provider value={me}>
              <StatusLine />
              <Waitlist />
            </SignedInStaff.Provider>
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

function api(routes: Record<string, Route> = {}, places: () => Place[] = () => PLACES) {
  return fakeApi({
    'GET /staff/team': () => json(200, { staff: [desk, rivera], next_cursor: null }),
    'GET /staff/appointments/waitlist': (req) => {
      const q = new URL(req.url).searchParams;
      const days = Math.round((Date.parse(q.get('to') ?? '') - Date.parse(q.get('from') ?? '')) / 86_400_000);
      return json(200, {
        places: places(),
        report:
          days === 7 ? report({ openings: 2, offers: 4, filled: 1, accept_rate: 0.25, fill_rate: 0.5 }) : report(),
        from: q.get('from'),
        to: q.get('to'),
      });
    },
    ...routes,
  });
}

beforeEach(() => session.start('h.e30.s', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
});

describe('the waitlist', () => {
  it('groups places by service in the order the server gives, services as first met', () => {
    expect(byService(PLACES).map((l) => [l.name, l.places.map((p) => p.entry_id)])).toEqual([
      ['Check-up', ['e1', 'e3']],
      ['Physio', ['e2']],
    ]);
  });

  it('shows each line in offer order, with the patient, what they can make and what they want, in words', async () => {
    const fake = api();
    const close = render(desk);
    await vi.waitFor(() => expect(allByTestId('waitlist-place')).toHaveLength(3));
    // The last 30 days by default, in one read.
    const [read] = fake.requests('GET /staff/appointments/waitlist');
    const q = new URL(read?.url ?? '').searchParams;
    expect(Math.round((Date.parse(q.get('to') ?? '') - Date.parse(q.get('from') ?? '')) / 86_400_000)).toBe(30);

    const lines = allByTestId('waitlist-line');
    expect(lines.map((l) => l.querySelector('h2')?.textContent)).toEqual(['Check-up: 2 waiting', 'Physio: 1 waiting']);
    expect(allByTestId('waitlist-place', lines[0]).map((p) => p.dataset.entryId)).toEqual(['e1', 'e3']);

    const ann = placeOf('e1') as HTMLElement;
    expect(byTestId('waitlist-patient', ann)?.textContent).toBe('Ann Lee');
    expect(byTestId('waitlist-patient', ann)?.getAttribute('href')).toBe('/patients/pt-e1');
    expect(byTestId('waitlist-high', ann)?.textContent).toBe('High priority');
    // Days in the week's order, whatever order they came in.
    expect(byTestId('waitlist-days', ann)?.textContent).toBe('Monday, Friday');
    expect(byTestId('waitlist-parts', ann)?.textContent).toBe('Morning');
    expect(byTestId('waitlist-dates', ann)?.textContent).toBe('December 1, 2026 – December 31, 2026');
    await vi.waitFor(() => expect(byTestId('waitlist-clinicians', ann)?.textContent).toBe('Dr. Rivera'));
    expect(byTestId('waitlist-wants', ann)?.textContent).toMatch(
      /^To move the appointment on December 20, 2026 .+ earlier$/,
    );
    expect(byTestId('waitlist-priority', ann)?.textContent).toBe('Normal priority for Ann Lee');

    const cy = placeOf('e3') as HTMLElement;
    expect(byTestId('waitlist-high', cy)).toBeNull();
    expect(byTestId('waitlist-days', cy)?.textContent).toBe('Any');
    expect(byTestId('waitlist-clinicians', cy)?.textContent).toBe('Any clinician');
    expect(byTestId('waitlist-wants', cy)?.textContent).toBe('A new appointment');
    expect(byTestId('waitlist-priority', cy)?.textContent).toBe('Raise priority for Cy Lee');
    close();
  });

  it('raises a place’s priority on the version read, says so, and reads the lines again in their new order', async () => {
    let places = PLACES;
    const fake = api(
      {
        'POST /staff/appointments/waitlist/e3/priority': async (req) => {
          const body = await req.json();
          const raised = place('e3', 'Cy', { priority: body.priority, version: 2 });
          places = [raised, PLACES[0] as Place, PLACES[1] as Place];
          return json(200, raised);
        },
      },
      () => places,
    );
    const close = render(desk);
    await vi.waitFor(() => expect(allByTestId('waitlist-place')).toHaveLength(3));
    act(() => byTestId('waitlist-priority', placeOf('e3'))?.click());

    await vi.waitFor(() =>
      expect(byTestId('app-status')?.textContent).toMatch(/^Cy Lee: now high priority for Check-up\./),
    );
    expect(await fake.requests('POST /staff/appointments/waitlist/e3/priority')[0]?.json()).toEqual({
      patient_id: 'pt-e3',
      priority: 'high',
      version: 1,
    });
    await vi.waitFor(() =>
      expect(allByTestId('waitlist-place', allByTestId('waitlist-line')[0]).map((p) => p.dataset.entryId)).toEqual([
        'e3',
        'e1',
      ]),
    );
    expect(fake.requests('GET /staff/appointments/waitlist')).toHaveLength(2);
    // The focus stays on the same place's button, in its new position, now named for its new action.
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('waitlist-priority', placeOf('e3'))));
    expect(document.activeElement?.textContent).toBe('Normal priority for Cy Lee');
    close();
  });

  it('on a change meanwhile (409), reads the waitlist again and says so', async () => {
    let places = PLACES;
    const fake = api(
      {
        'POST /staff/appointments/waitlist/e3/priority': () => {
          places = PLACES.map((p) => (p.entry_id === 'e3' ? { ...p, priority: 'high' as const, version: 2 } : p));
          return json(409, {
            type: 'https://portico.health/problems/conflict',
            title: 'Conflict',
            status: 409,
            detail: 'The place changed meanwhile.',
          });
        },
      },
      () => places,
    );
    const close = render(desk);
    await vi.waitFor(() => expect(allByTestId('waitlist-place')).toHaveLength(3));
    act(() => byTestId('waitlist-priority', placeOf('e3'))?.click());

    await vi.waitFor(() =>
      expect(byTestId('waitlist-stale')?.textContent).toMatch(/Someone changed this place meanwhile/),
    );
    await vi.waitFor(() => expect(placeOf('e3')?.dataset.priority).toBe('high'));
    expect(fake.requests('GET /staff/appointments/waitlist')).toHaveLength(2);
    expect(byTestId('waitlist-priority', placeOf('e3'))?.textContent).toMatch(/^Normal priority for \S/);
    close();
  });

  it('shows the report as figures with percentages, for the period chosen', async () => {
    const fake = api();
    const close = render(desk);
    await vi.waitFor(() => expect(byTestId('waitlist-report-openings')?.textContent).toBe('8'));
    expect(byTestId('waitlist-report-offers')?.textContent).toBe('20');
    expect(byTestId('waitlist-report-filled')?.textContent).toBe('6 (75% of freed times)');
    expect(byTestId('waitlist-report-accept-rate')?.textContent).toBe('30%');
    expect(byTestId('waitlist-report-days-gained')?.textContent).toBe('42 in all, 7 on average');
    expect(byTestId('waitlist-period-30')?.getAttribute('aria-pressed')).toBe('true');

    act(() => byTestId('waitlist-period-7')?.click());
    await vi.waitFor(() => expect(byTestId('waitlist-report-filled')?.textContent).toBe('1 (50% of freed times)'));
    expect(byTestId('waitlist-report-accept-rate')?.textContent).toBe('25%');
    expect(byTestId('waitlist-period-7')?.getAttribute('aria-pressed')).toBe('true');
    const last = fake.requests('GET /staff/appointments/waitlist').at(-1);
    const q = new URL(last?.url ?? '').searchParams;
    expect(Math.round((Date.parse(q.get('to') ?? '') - Date.parse(q.get('from') ?? '')) / 86_400_000)).toBe(7);
    close();
  });

  it('says when no one is waiting', async () => {
    api({}, () => []);
    const close = render(desk);
    await vi.waitFor(() => expect(byTestId('waitlist-empty')?.textContent).toBe('No one is waiting.'));
    close();
  });
  it('speaks Spanish to a Spanish reader', async () => {
    localStorage.setItem('portico.language', 'es');
    api();
    const close = render(desk);
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    await vi.waitFor(() => expect(allByTestId('waitlist-place')).toHaveLength(3));
    const ann = placeOf('e1') as HTMLElement;
    expect(byTestId('waitlist-high', ann)?.textContent).toBe('Prioridad alta');
    expect(byTestId('waitlist-days', ann)?.textContent).toBe('Lunes, viernes');
    expect(byTestId('waitlist-parts', ann)?.textContent).toBe('Mañana');
    expect(byTestId('waitlist-priority', placeOf('e3'))?.textContent).toBe('Subir la prioridad de Cy Lee');
    expect(allByTestId('waitlist-line')[0]?.querySelector('h2')?.textContent).toBe('Check-up: 2 en espera');
    expect(byTestId('waitlist-report-accept-rate')?.textContent).toBe(
      new Intl.NumberFormat('es-US', { style: 'percent', maximumFractionDigits: 0 }).format(0.3),
    );
    close();
    localStorage.clear();
  });
});
