// Component tests: the appointment book reads one range per view, offers each role the moves its
// operations allow (confirm a request, arrived, cancel with a reason), sends them for the right
// patient, and books for a patient at one of the clinician's free times (from the server), saying when the time is
// taken (409) and reading the free times again.
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../shared/api/fake-api';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { StatusLine, StatusProvider } from '../../shared/ui/components';
import { session } from '../api';
import { english, loadCatalog } from '../catalog';
import { SignedInStaff } from '../parts';
import { Schedule } from './Schedule';
import type { S, StaffAppointment } from './ScheduleApi';

const member = (staff_id: string, display_name: string, roles: S['Role'][]): S['StaffMemberView'] => ({
  staff_id,
  display_name,
  email: `${staff_id}@riverside.example`,
  roles,
  status: 'active',
  created_at: '2026-01-05T10:00:00Z',
});
const desk = member('staff-dee', 'Dee', ['front-desk']);
const billing = member('staff-bo', 'Bo', ['billing']);
const rivera = member('staff-cl', 'Dr. Rivera', ['clinician']);

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const rows = () => Array.from(document.querySelectorAll<HTMLElement>('[data-testid="schedule-appointment"]'));
const rowOf = (id: string) => rows().find((r) => r.dataset.appointmentId === id);

// The page's clock is pinned to a weekday noon (and moves on from there), so the day the book shows and
// the visits' times are the same day whatever the hour the tests run at.
const NOW = new Date('2026-03-03T12:00:00Z');
const today = new Date(NOW);
today.setHours(10, 0, 0, 0);
const at = (hours: number) => new Date(today.getTime() + hours * 3_600_000).toISOString();
// A visit's window as the server gives it when the clinician joins: open now, whatever the clock says.
const fromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const appointment = (id: string, status: S['Status'], given: string): StaffAppointment => ({
  appointment_id: id,
  patient_id: `pt-${id}`,
  patient: { given_name: given, family_name: 'Lee', preferred_name: null },
  service_id: 'svc-1',
  service_name: 'Check-up',
  mode: 'in_person',
  clinician_id: rivera.staff_id,
  clinician_name: 'Dr. Rivera',
  start: at(0),
  end: at(0.5),
  time_zone: 'America/New_York',
  status,
  late_cancel: false,
  cancel_reason: null,
  confirmed_at: null,
  created_at: '2026-01-01T10:00:00Z',
  version: 1,
});

function render(me: S['StaffMemberView'], children: ReactNode) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/schedule">
            <SignedInStaff.Provider value={me}>
              <StatusLine />
              {children}
            </SignedInStaff.Provider>
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

const setValue = (el: HTMLElement | null, value: string) =>
  act(() => {
    if (!el) throw new Error('no such field');
    const proto = Object.getPrototypeOf(el);
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(NOW);
  session.start('h.e30.s', 300);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
});

describe('the schedule', () => {
  it('shows the day with names and statuses, and confirms, marks arrived and cancels with a reason', async () => {
    let book = [appointment('a1', 'requested', 'Ann'), appointment('a2', 'booked', 'Ben')];
    const api = fakeApi({
      'GET /staff/team': () => json(200, { staff: [desk, rivera], next_cursor: null }),
      'GET /staff/appointments': () => json(200, { appointments: book }),
      'POST /staff/appointments/a1/status': async (req) => {
        const body = await req.json();
        book = book.map((a) => (a.appointment_id === 'a1' ? { ...a, status: body.status } : a));
        return json(200, book[0]);
      },
      'POST /staff/appointments/a2/status': async (req) => {
        const body = await req.json();
        book = book.map((a) =>
          a.appointment_id === 'a2' ? { ...a, status: body.status, cancel_reason: body.reason } : a,
        );
        return json(200, book[1]);
      },
    });
    const unmount = render(desk, <Schedule />);
    await vi.waitFor(() => expect(rows()).toHaveLength(2));
    expect(api.requests('GET /staff/appointments')).toHaveLength(1);
    const query = new URL(api.requests('GET /staff/appointments')[0]?.url ?? '').searchParams;
    expect(Date.parse(query.get('to') ?? '') - Date.parse(query.get('from') ?? '')).toBeGreaterThanOrEqual(
      23 * 3_600_000,
    );
    const first = rowOf('a1') as HTMLElement;
    expect(byTestId('schedule-patient', first)?.textContent).toBe('Ann Lee');
    expect(byTestId('schedule-service', first)?.textContent).toBe('Check-up with Dr. Rivera');
    expect(byTestId('schedule-status', first)?.textContent).toBe('Requested');

    // Confirm the request.
    act(() => byTestId('schedule-move-booked', first)?.click());
    await vi.waitFor(() => expect(byTestId('schedule-status', rowOf('a1'))?.textContent).toBe('Booked'));
    expect(await api.requests('POST /staff/appointments/a1/status')[0]?.json()).toEqual({
      patient_id: 'pt-a1',
      status: 'booked',
    });
    expect(byTestId('app-status')?.textContent).toMatch(/^Ann Lee: now Booked\./);

    // Cancel the other, with a reason.
    act(() => byTestId('schedule-move-cancelled', rowOf('a2'))?.click());
    await vi.waitFor(() => expect(byTestId('schedule-cancel-dialog')).not.toBeNull());
    setValue(byTestId('schedule-cancel-reason'), 'Clinic closed');
    act(() => byTestId('schedule-cancel-dialog-yes')?.click());
    await vi.waitFor(() => expect(byTestId('schedule-status', rowOf('a2'))?.textContent).toBe('Cancelled'));
    expect(await api.requests('POST /staff/appointments/a2/status')[0]?.json()).toEqual({
      patient_id: 'pt-a2',
      status: 'cancelled',
      reason: 'Clinic closed',
    });

    // The week: one read for the seven days.
    act(() => byTestId('schedule-view-week')?.click());
    await vi.waitFor(() => expect(api.requests('GET /staff/appointments').length).toBeGreaterThanOrEqual(2));
    const week = new URL(api.requests('GET /staff/appointments').at(-1)?.url ?? '').searchParams;
    expect(Date.parse(week.get('to') ?? '') - Date.parse(week.get('from') ?? '')).toBeGreaterThanOrEqual(
      6.9 * 24 * 3_600_000,
    );
    unmount();
  });

  it('offers no moves to a role the API does not let make them', async () => {
    fakeApi({
      'GET /staff/team': () => json(200, { staff: [billing, rivera], next_cursor: null }),
      'GET /staff/appointments': () => json(200, { appointments: [appointment('a1', 'booked', 'Ann')] }),
    });
    const unmount = render(billing, <Schedule />);
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    expect(byTestId('schedule-move-arrived')).toBeNull();
    expect(byTestId('schedule-book-open')).toBeNull();
    unmount();
  });

  it('books for a patient at one of the clinician’s free times that day, and says when the time is taken', async () => {
    const service: S['Service'] = {
      service_id: 'svc-1',
      name: 'Check-up',
      duration_minutes: 30,
      buffer_before_minutes: 0,
      buffer_after_minutes: 0,
      mode: 'in_person',
      booking: 'patients',
      min_notice_minutes: 60,
      horizon_days: 60,
      cancel_notice_hours: 24,
      reschedule_notice_hours: 24,
      late_cancel: 'allow_as_late',
      waitlist: false,
      clinicians: [rivera.staff_id],
      active: true,
      version: 1,
    };
    const slot = (start: string, local: string): S['Slot'] => ({
      start,
      end: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
      clinician_id: rivera.staff_id,
      clinician_name: 'Dr. Rivera',
      clinician_time_zone: 'America/New_York',
      local_start: local,
    });
    // Free times as the server counts them: 9:00 and 9:30 on the 7th, and one late on the 6th there
    // (already the 7th in UTC), which is not that day on the clinician's clock.
    let free = [
      slot('2030-01-07T03:30:00Z', '2030-01-06T22:30:00-05:00'),
      slot('2030-01-07T14:00:00Z', '2030-01-07T09:00:00-05:00'),
      slot('2030-01-07T14:30:00Z', '2030-01-07T09:30:00-05:00'),
    ];
    const api = fakeApi({
      'GET /staff/team': () => json(200, { staff: [desk, rivera], next_cursor: null }),
      'GET /staff/appointments': () => json(200, { appointments: [] }),
      'GET /staff/patients': () =>
        json(200, {
          patients: [{ patient_id: 'pt-ann', given_name: 'Ann', family_name: 'Lee', date_of_birth: '1980-01-02' }],
          next_cursor: null,
        }),
      'GET /staff/services': () => json(200, { services: [service] }),
      'GET /staff/availability': () => json(200, { service_id: 'svc-1', time_zone: 'America/New_York', slots: free }),
      'POST /staff/appointments': () => {
        free = free.filter((s) => s.start !== '2030-01-07T14:30:00Z');
        return json(409, { status: 409, title: 'Conflict', detail: 'That time is taken' });
      },
    });
    const unmount = render(desk, <Schedule />);
    await vi.waitFor(() => expect(byTestId('schedule-book-open')).not.toBeNull());
    act(() => byTestId('schedule-book-open')?.click());
    setValue(byTestId('schedule-book-search'), 'Lee');
    act(() => byTestId('schedule-book-search-submit')?.click());
    await vi.waitFor(() => expect(byTestId('schedule-book-result')).not.toBeNull());
    act(() => byTestId('schedule-book-result')?.click());
    await vi.waitFor(() => expect(byTestId('schedule-book-service')?.querySelectorAll('option').length).toBe(2));
    setValue(byTestId('schedule-book-service'), 'svc-1');
    setValue(byTestId('schedule-book-clinician'), rivera.staff_id);
    setValue(byTestId('schedule-book-date'), '2030-01-07');
    const options = () =>
      Array.from(byTestId('schedule-book-time')?.querySelectorAll('option') ?? []).map((o) => o.textContent);
    await vi.waitFor(() => expect(options()).toEqual(['Choose…', '09:00', '09:30']));
    const asked = new URL(api.requests('GET /staff/availability').at(-1)?.url ?? '').searchParams;
    expect(asked.get('service')).toBe('svc-1');
    expect(asked.get('clinician')).toBe(rivera.staff_id);
    expect(Date.parse(asked.get('to') ?? '') - Date.parse(asked.get('from') ?? '')).toBeLessThanOrEqual(
      31 * 86_400_000,
    );
    setValue(byTestId('schedule-book-time'), '2030-01-07T14:30:00Z');
    act(() => byTestId('schedule-book-submit')?.click());
    await vi.waitFor(() => expect(byTestId('schedule-book-error')?.textContent).toBe('That time is taken.'));
    expect(await api.requests('POST /staff/appointments')[0]?.json()).toEqual({
      patient_id: 'pt-ann',
      service_id: 'svc-1',
      clinician_id: rivera.staff_id,
      start: '2030-01-07T14:30:00Z',
    });
    // The free times are read again, without the one taken.
    await vi.waitFor(() => expect(options()).toEqual(['Choose…', '09:00']));
    unmount();
  });
});

describe('video visits in the book', () => {
  const video = (id: string, clinician = rivera): StaffAppointment => ({
    ...appointment(id, 'booked', 'Ann'),
    mode: 'telehealth',
    clinician_id: clinician.staff_id,
    clinician_name: clinician.display_name,
  });
  const other = member('staff-ot', 'Dr. Other', ['clinician']);
  const forbidden = (type: string, detail: string, extra: Record<string, string> = {}) =>
    json(403, { type, title: 'Forbidden', status: 403, detail, ...extra });
  const book = (extra: Parameters<typeof fakeApi>[0] = {}) =>
    fakeApi({
      'GET /staff/team': () => json(200, { staff: [desk, rivera, other], next_cursor: null }),
      'GET /staff/appointments': () =>
        json(200, { appointments: [video('v1'), video('v2', other), appointment('p1', 'booked', 'Ben')] }),
      ...extra,
    });

  it('are marked, and only the visit’s own clinician is offered to join', async () => {
    book();
    let unmount = render(rivera, <Schedule />);
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    expect(byTestId('schedule-video', rowOf('v1'))?.textContent).toBe('Video visit');
    expect(byTestId('schedule-video', rowOf('v2'))?.textContent).toBe('Video visit');
    expect(byTestId('schedule-video', rowOf('p1'))).toBeNull();
    expect(byTestId('schedule-join-button', rowOf('v1'))?.textContent).toBe('Join video visit');
    expect(byTestId('schedule-join-button', rowOf('v2'))).toBeNull();
    expect(byTestId('schedule-join-button', rowOf('p1'))).toBeNull();
    unmount();

    // The front desk sees the mark, and no join.
    unmount = render(desk, <Schedule />);
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    expect(byTestId('schedule-video', rowOf('v1'))).not.toBeNull();
    expect(byTestId('schedule-join-button')).toBeNull();
    unmount();
  });

  it('joins: opens the video page in a new tab, with nothing added to its address', async () => {
    const url = 'http://riverside.localhost:3000/_local/video/m-1#attendee';
    const opened = vi.fn();
    vi.stubGlobal('open', opened);
    const api = book({
      'POST /staff/appointments/v1/join': () =>
        json(200, {
          appointment_id: 'v1',
          opens_at: fromNow(-0.25),
          closes_at: fromNow(1),
          meeting: { meeting_id: 'm-1' },
          attendee: { attendee_id: 'at-1', join_token: 'secret-token' },
          join_url: url,
        }),
    });
    const unmount = render(rivera, <Schedule />);
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    act(() => byTestId('schedule-join-button', rowOf('v1'))?.click());

    await vi.waitFor(() => expect(byTestId('schedule-join-link')).not.toBeNull());
    expect(opened).not.toHaveBeenCalled();
    expect(await api.requests('POST /staff/appointments/v1/join')[0]?.json()).toEqual({ patient_id: 'pt-v1' });
    expect(byTestId('schedule-join-opened')?.textContent).not.toMatch(/opened/);
    const link = byTestId('schedule-join-link');
    expect(link?.getAttribute('href')).toBe(url);
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(document.body.innerHTML).not.toContain('secret-token');
    // Once used, the link goes (the seat's token is not kept on the page).
    link?.addEventListener('click', (e) => e.preventDefault());
    act(() => link?.click());
    await vi.waitFor(() => expect(byTestId('schedule-join-link')).toBeNull());
    unmount();
  });

  it('without a video page (AWS), says the meeting is ready and the client is not in the console yet', async () => {
    const opened = vi.fn();
    vi.stubGlobal('open', opened);
    book({
      'POST /staff/appointments/v1/join': () =>
        json(200, {
          appointment_id: 'v1',
          opens_at: fromNow(-0.25),
          closes_at: fromNow(1),
          meeting: { meeting_id: 'm-1' },
          attendee: { attendee_id: 'at-1', join_token: 'secret-token' },
          join_url: null,
        }),
    });
    const unmount = render(rivera, <Schedule />);
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    act(() => byTestId('schedule-join-button', rowOf('v1'))?.click());
    await vi.waitFor(() =>
      expect(byTestId('schedule-join-ready')?.textContent).toBe(
        'The meeting is ready, but the video client is not part of this console yet.',
      ),
    );
    expect(opened).not.toHaveBeenCalled();
    unmount();
  });

  it('before its window, says when it opens and closes', async () => {
    book({
      'POST /staff/appointments/v1/join': () =>
        forbidden('https://portico.health/problems/not-open', 'The visit is not open yet.', {
          opens_at: at(-0.25),
          closes_at: at(1),
        }),
    });
    const unmount = render(rivera, <Schedule />);
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    act(() => byTestId('schedule-join-button', rowOf('v1'))?.click());
    const opens = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(at(-0.25)));
    const closes = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(new Date(at(1)));
    await vi.waitFor(() =>
      expect(byTestId('schedule-join-not-open')?.textContent).toBe(
        `This video visit is not open yet: it opens ${opens} and closes at ${closes}.`,
      ),
    );
    expect(byTestId('schedule-join-error')).toBeNull();
    unmount();
  });

  it('refused to anyone but the visit’s clinician, in the server’s words', async () => {
    book({
      'POST /staff/appointments/v1/join': () =>
        forbidden('https://portico.health/problems/forbidden', "Only the visit's clinician joins it."),
    });
    const unmount = render(rivera, <Schedule />);
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    act(() => byTestId('schedule-join-button', rowOf('v1'))?.click());
    await vi.waitFor(() =>
      expect(byTestId('schedule-join-error')?.textContent).toBe("Only the visit's clinician joins it."),
    );
    expect(byTestId('schedule-join-not-open')).toBeNull();
    unmount();
  });
});
