// Component tests: joining a waitlist (the form's own checks, a refused field by its field, the five
// places refusal in the server's words, "Get an earlier time" with the appointment it replaces), the
// offers (a live one with its deadline, a claim that lands and says the later appointment was
// cancelled, a claim someone else won, which keeps the place), leaving (asked first), and joining a
// video visit before and inside its window.
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
import { Appointments, AppointmentsBook } from './Appointments';
import { type Appointment, dayAfter, type S } from './AppointmentsApi';
import { video } from './VideoVisit';

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const allByTestId = (id: string) => Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));

const service: S['BookableService'] = {
  service_id: 'svc-1',
  name: 'Check-up',
  duration_minutes: 30,
  mode: 'in_person',
  booking: 'patients',
  clinicians: [
    { clinician_id: 'cl-1', name: 'Dr. Rivera' },
    { clinician_id: 'cl-2', name: 'Dr. Chen' },
  ],
  horizon_days: 60,
  min_notice_minutes: 60,
  cancel_notice_hours: 24,
  reschedule_notice_hours: 24,
  late_cancel: 'allow_as_late',
  waitlist: true,
};
const appointment = (over: Partial<Appointment> = {}): Appointment => ({
  appointment_id: 'ap-1',
  service_id: 'svc-1',
  service_name: 'Check-up',
  mode: 'in_person',
  clinician_id: 'cl-1',
  clinician_name: 'Dr. Rivera',
  start: '2030-02-07T14:00:00Z',
  end: '2030-02-07T14:30:00Z',
  time_zone: 'America/New_York',
  status: 'booked',
  late_cancel: false,
  cancel_reason: null,
  confirmed_at: null,
  created_at: '2029-12-01T10:00:00Z',
  version: 1,
  ...over,
});
const place = (over: Partial<S['PlaceView']> = {}): S['PlaceView'] => ({
  entry_id: 'wl-1',
  service_id: 'svc-1',
  service_name: 'Check-up',
  clinicians: ['cl-2'],
  days: ['mon', 'wed'],
  parts_of_day: ['morning'],
  from: '2030-01-01',
  to: '2030-01-15',
  replaces: null,
  replaces_start: null,
  priority: 'normal' as S['PlaceView']['priority'],
  status: 'waiting' as S['PlaceView']['status'],
  created_at: '2029-12-01T10:00:00Z',
  version: 1,
  ...over,
});
const inMinutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
const offer = (over: Partial<S['OfferView']> = {}): S['OfferView'] => ({
  offer_id: 'of-1',
  entry_id: 'wl-1',
  service_id: 'svc-1',
  service_name: 'Check-up',
  clinician_id: 'cl-2',
  clinician_name: 'Dr. Chen',
  start: '2030-01-07T14:00:00Z',
  end: '2030-01-07T14:30:00Z',
  time_zone: 'America/Los_Angeles',
  expires_at: inMinutes(20),
  status: 'offered',
  replaces: null,
  ...over,
});

function render(children: ReactNode, path = '/appointments') {
  history.replaceState(null, '', path);
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/appointments">
            <StatusLine />
            {children}
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

function type(testid: string, value: string) {
  const input = byTestId(testid) as HTMLInputElement;
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const check = (testid: string, value: string) =>
  act(() =>
    allByTestId(testid)
      .find((x) => (x as HTMLInputElement).value === value)
      ?.click(),
  );

beforeEach(() => session.start('h.e30.s', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  localStorage.clear();
  document.body.replaceChildren();
  session.forget();
});

describe('joining a waitlist', () => {
  // The form's first day is today: the clock is pinned to noon (and moves on from there), so the
  // days the test expects are the form's whatever the hour the tests run at.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-03-03T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('from the booking page: checks the dates, names a refused field by its field, then joins', async () => {
    let answers = 0;
    const api = fakeApi({
      'GET /portal/availability/services': () => json(200, { services: [service] }),
      'GET /portal/availability': () => json(200, { service_id: 'svc-1', time_zone: 'America/New_York', slots: [] }),
      'POST /portal/waitlist': async (req) => {
        answers += 1;
        if (answers === 1)
          return json(422, {
            status: 422,
            title: 'Unprocessable',
            detail: 'Some fields are not acceptable',
            errors: [{ field: 'to', detail: 'is further ahead than the service can be booked' }],
          });
        const body = await req.json();
        return json(201, place({ ...body, entry_id: 'wl-9' }));
      },
    });
    const unmount = render(<AppointmentsBook />, '/appointments/book');
    await vi.waitFor(() => expect(byTestId('service-option')).not.toBeNull());
    act(() => byTestId('service-option')?.click());
    await vi.waitFor(() => expect(byTestId('slot-empty')).not.toBeNull());
    act(() => byTestId('waitlist-join')?.click());
    await vi.waitFor(() => expect(byTestId('waitlist-form')).not.toBeNull());
    expect(document.activeElement?.id).toBe('waitlist-form-title');

    // Today to two weeks ahead, by default.
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect((byTestId('waitlist-from') as HTMLInputElement).value).toBe(dayAfter(0, zone));
    expect((byTestId('waitlist-to') as HTMLInputElement).value).toBe(dayAfter(14, zone));

    // The last day before the first: said next to it, nothing sent.
    type('waitlist-to', dayAfter(-1, zone));
    act(() => byTestId('waitlist-submit')?.click());
    await vi.waitFor(() => expect(byTestId('waitlist-form-invalid')).not.toBeNull());
    const to = byTestId('waitlist-to') as HTMLInputElement;
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(to.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'The last day cannot be before the first.',
    );
    expect(api.requests('POST /portal/waitlist')).toHaveLength(0);

    // Past the horizon: said by the form too.
    type('waitlist-to', dayAfter(61, zone));
    act(() => byTestId('waitlist-submit')?.click());
    await vi.waitFor(() => expect(to.getAttribute('aria-describedby')).toBeTruthy());
    expect(document.getElementById(to.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/up to 60 days/);

    // The server refuses a field: named next to it, in its words.
    type('waitlist-to', dayAfter(10, zone));
    check('waitlist-day', 'mon');
    check('waitlist-part', 'morning');
    check('waitlist-clinician', 'cl-2');
    act(() => byTestId('waitlist-submit')?.click());
    await vi.waitFor(() => expect(byTestId('waitlist-join-error')).not.toBeNull());
    expect(document.getElementById(to.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /further ahead than the service can be booked/,
    );

    act(() => byTestId('waitlist-submit')?.click());
    await vi.waitFor(() => expect(location.pathname).toBe('/appointments'));
    expect(await api.requests('POST /portal/waitlist')[1]?.json()).toEqual({
      service_id: 'svc-1',
      from: dayAfter(0, zone),
      to: dayAfter(10, zone),
      days: ['mon'],
      parts_of_day: ['morning'],
      clinicians: ['cl-2'],
    });
    unmount();
  });

  it('says in the server words when the patient already has five places', async () => {
    fakeApi({
      'GET /portal/availability/services': () => json(200, { services: [service] }),
      'GET /portal/availability': () => json(200, { service_id: 'svc-1', time_zone: 'America/New_York', slots: [] }),
      'POST /portal/waitlist': () =>
        json(409, { status: 409, title: 'Conflict', detail: 'You already have five waitlist places' }),
    });
    const unmount = render(<AppointmentsBook />, '/appointments/book');
    await vi.waitFor(() => expect(byTestId('service-option')).not.toBeNull());
    act(() => byTestId('service-option')?.click());
    await vi.waitFor(() => expect(byTestId('waitlist-join')).not.toBeNull());
    act(() => byTestId('waitlist-join')?.click());
    await vi.waitFor(() => expect(byTestId('waitlist-submit')).not.toBeNull());
    act(() => byTestId('waitlist-submit')?.click());
    await vi.waitFor(() =>
      expect(byTestId('waitlist-join-error')?.textContent).toBe('You already have five waitlist places.'),
    );
    unmount();
  });

  it('offers no waitlist for a service without one', async () => {
    fakeApi({
      'GET /portal/availability/services': () => json(200, { services: [{ ...service, waitlist: false }] }),
      'GET /portal/availability': () => json(200, { service_id: 'svc-1', time_zone: 'America/New_York', slots: [] }),
    });
    const unmount = render(<AppointmentsBook />, '/appointments/book');
    await vi.waitFor(() => expect(byTestId('service-option')).not.toBeNull());
    act(() => byTestId('service-option')?.click());
    await vi.waitFor(() => expect(byTestId('slot-empty')).not.toBeNull());
    expect(byTestId('waitlist-join')).toBeNull();
    unmount();
  });

  it('"Get an earlier time" joins with the appointment it would replace, and says so', async () => {
    let joined = false;
    const api = fakeApi({
      'GET /portal/appointments': () => json(200, { upcoming: [appointment()], past: [] }),
      'GET /portal/availability/services': () => json(200, { services: [service] }),
      'GET /portal/waitlist': () =>
        json(200, {
          places: joined ? [place({ replaces: 'ap-1', replaces_start: appointment().start })] : [],
          offers: [],
        }),
      'POST /portal/waitlist': () => {
        joined = true;
        return json(201, place({ replaces: 'ap-1', replaces_start: appointment().start }));
      },
    });
    const unmount = render(<Appointments />);
    await vi.waitFor(() => expect(byTestId('appointment-earlier')).not.toBeNull());
    act(() => byTestId('appointment-earlier')?.click());
    await vi.waitFor(() => expect(byTestId('waitlist-replaces')?.textContent).toMatch(/cancelled in the same step/));
    act(() => byTestId('waitlist-submit')?.click());
    await vi.waitFor(() => expect(byTestId('appointment-waiting')).not.toBeNull());
    const sent = (await api.requests('POST /portal/waitlist')[0]?.json()) as S['JoinWaitlist'] | undefined;
    expect(sent?.replaces).toBe('ap-1');
    expect(byTestId('appointment-earlier')).toBeNull();
    expect(byTestId('app-status')?.textContent).toMatch(/waitlist for an earlier Check-up time/);
    expect(byTestId('waitlist-place-replaces')).not.toBeNull();
    unmount();
  });
});

describe('offers and places', () => {
  it('shows a live offer with its deadline and both zones, claims it, and says the later one was cancelled', async () => {
    let claimed = false;
    const api = fakeApi({
      'GET /portal/appointments': () => json(200, { upcoming: [], past: [] }),
      'GET /portal/waitlist': () =>
        json(200, {
          places: claimed ? [] : [place()],
          offers: [
            offer({ replaces: 'ap-0', ...(claimed ? { status: 'claimed' } : {}) }),
            offer({ offer_id: 'of-0', status: 'gone', start: '2030-01-06T14:00:00Z' }),
          ],
        }),
      'POST /portal/waitlist/offers/of-1/claim': () => {
        claimed = true;
        return json(201, {
          appointment: appointment({
            appointment_id: 'ap-2',
            start: '2030-01-07T14:00:00Z',
            clinician_name: 'Dr. Chen',
          }),
          replaced_appointment_id: 'ap-0',
        });
      },
    });
    const unmount = render(<Appointments />);
    await vi.waitFor(() => expect(byTestId('offer-claim')).not.toBeNull());
    const live = allByTestId('waitlist-offer').find((o) => o.dataset.status === 'offered');
    expect(live?.textContent).toMatch(/A time freed up: Check-up/);
    expect(live?.textContent).toMatch(/With Dr\. Chen/);
    expect(byTestId('offer-deadline')?.textContent).toMatch(/Claim by .* \((19|20) minutes left\)/);
    expect(byTestId('offer-their-time')?.textContent).toMatch(/where the clinician is, (PST|GMT-8)\)/);
    expect(allByTestId('waitlist-offer').find((o) => o.dataset.status === 'gone')?.textContent).toMatch(
      /someone else claimed it first/,
    );

    act(() => byTestId('offer-claim')?.click());
    await vi.waitFor(() => expect(byTestId('offer-claimed')).not.toBeNull());
    expect(api.requests('POST /portal/waitlist/offers/of-1/claim')).toHaveLength(1);
    expect(byTestId('offer-claimed-appointment')?.textContent).toMatch(/Check-up on .*, with Dr\. Chen\./);
    expect(byTestId('offer-claimed-replaced')?.textContent).toBe(
      'Your later appointment for this visit was cancelled.',
    );
    await vi.waitFor(() => expect(byTestId('offer-claim')).toBeNull());
    unmount();
  });

  it('a claim someone else won shows the server words and keeps the place', async () => {
    let refused = false;
    fakeApi({
      'GET /portal/appointments': () => json(200, { upcoming: [], past: [] }),
      'GET /portal/waitlist': () =>
        json(200, { places: [place()], offers: [offer(refused ? { status: 'gone' } : {})] }),
      'POST /portal/waitlist/offers/of-1/claim': () => {
        refused = true;
        return json(409, { status: 409, title: 'Conflict', detail: 'Someone else claimed this time first' });
      },
    });
    const unmount = render(<Appointments />);
    await vi.waitFor(() => expect(byTestId('offer-claim')).not.toBeNull());
    act(() => byTestId('offer-claim')?.click());
    await vi.waitFor(() =>
      expect(byTestId('offer-claim-error')?.textContent).toBe('Someone else claimed this time first.'),
    );
    expect(byTestId('offer-keep-place')?.textContent).toBe('You keep your place on the waitlist.');
    expect(byTestId('waitlist-place')).not.toBeNull();
    // Read again, the offer is shown quietly as gone, and the refusal stays said.
    await vi.waitFor(() => expect(byTestId('offer-claim')).toBeNull());
    expect(byTestId('waitlist-offers-past')?.textContent).toMatch(/someone else claimed it first/);
    expect(byTestId('offer-claim-error')?.textContent).toBe('Someone else claimed this time first.');
    unmount();
  });

  it('says it in Spanish, a refused claim in the catalog words', async () => {
    localStorage.setItem('portico.language', 'es');
    fakeApi({
      'GET /portal/appointments': () => json(200, { upcoming: [], past: [] }),
      'GET /portal/waitlist': () => json(200, { places: [place()], offers: [offer()] }),
      'POST /portal/waitlist/offers/of-1/claim': () =>
        json(409, { status: 409, title: 'Conflict', detail: 'Someone else claimed this time first' }),
    });
    const unmount = render(<Appointments />);
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    await vi.waitFor(() => expect(byTestId('offer-claim')?.textContent).toBe('Reservar esta hora'));
    expect(byTestId('waitlist-offers')?.textContent).toMatch(/Se liberó una hora: Check-up/);
    expect(byTestId('offer-deadline')?.textContent).toMatch(/^Resérvela hasta: .* \(quedan (19|20) minutos\)/);
    expect(byTestId('waitlist-place')?.textContent).toMatch(/Lunes, miércoles/);
    act(() => byTestId('offer-claim')?.click());
    await vi.waitFor(() =>
      expect(byTestId('offer-claim-error')?.textContent).toBe('Alguien la reservó antes, o la hora ya no está libre.'),
    );
    expect(byTestId('offer-keep-place')?.textContent).toBe('Conserva su lugar en la lista de espera.');
    unmount();
  });

  it('an offer past its claim window is shown quietly, without Claim', async () => {
    fakeApi({
      'GET /portal/appointments': () => json(200, { upcoming: [], past: [] }),
      'GET /portal/waitlist': () => json(200, { places: [], offers: [offer({ expires_at: inMinutes(-1) })] }),
    });
    const unmount = render(<Appointments />);
    await vi.waitFor(() => expect(byTestId('waitlist-offers-past')).not.toBeNull());
    expect(byTestId('waitlist-offers-past')?.textContent).toMatch(/the time to claim it has passed/);
    expect(byTestId('offer-claim')).toBeNull();
    unmount();
  });

  it('focuses the offer a notice named', async () => {
    fakeApi({
      'GET /portal/appointments': () => json(200, { upcoming: [], past: [] }),
      'GET /portal/waitlist': () => json(200, { places: [place()], offers: [offer()] }),
    });
    const unmount = render(<Appointments focusOffer="of-1" />, '/appointments/offers/of-1');
    await vi.waitFor(() => expect((document.activeElement as HTMLElement | null)?.dataset.offerId).toBe('of-1'));
    unmount();
  });

  it('leaves a place after asking, and lists what it is waiting for', async () => {
    let left = false;
    const api = fakeApi({
      'GET /portal/appointments': () => json(200, { upcoming: [], past: [] }),
      'GET /portal/availability/services': () => json(200, { services: [service] }),
      'GET /portal/waitlist': () => json(200, { places: left ? [] : [place()], offers: [] }),
      'DELETE /portal/waitlist/wl-1': () => {
        left = true;
        return new Response(null, { status: 204 });
      },
    });
    const unmount = render(<Appointments />);
    await vi.waitFor(() => expect(byTestId('waitlist-place')).not.toBeNull());
    expect(byTestId('waitlist-place')?.textContent).toMatch(/Monday, Wednesday/);
    expect(byTestId('waitlist-place')?.textContent).toMatch(/Morning/);

    act(() => byTestId('waitlist-leave')?.click());
    await vi.waitFor(() => expect(byTestId('waitlist-leave-dialog')).not.toBeNull());
    expect(api.requests('DELETE /portal/waitlist/wl-1')).toHaveLength(0);
    act(() => byTestId('waitlist-leave-dialog-yes')?.click());
    await vi.waitFor(() =>
      expect(byTestId('app-status')?.textContent).toMatch(/^You left the waitlist for Check-up\./),
    );
    expect(api.requests('DELETE /portal/waitlist/wl-1')).toHaveLength(1);
    await vi.waitFor(() => expect(byTestId('waitlist-place')).toBeNull());
    // The dialog closed, no place remains: the focus is on the appointments' heading, not lost.
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('appointments-upcoming-title'));
    unmount();
  });

  it('after leaving one place of two, focuses the places heading', async () => {
    let left = false;
    fakeApi({
      'GET /portal/appointments': () => json(200, { upcoming: [], past: [] }),
      'GET /portal/availability/services': () => json(200, { services: [service] }),
      'GET /portal/waitlist': () =>
        json(200, {
          places: left ? [place({ entry_id: 'wl-2' })] : [place(), place({ entry_id: 'wl-2' })],
          offers: [],
        }),
      'DELETE /portal/waitlist/wl-1': () => {
        left = true;
        return new Response(null, { status: 204 });
      },
    });
    const unmount = render(<Appointments />);
    await vi.waitFor(() => expect(document.querySelectorAll('[data-testid="waitlist-place"]')).toHaveLength(2));
    act(() => byTestId('waitlist-leave')?.click());
    await vi.waitFor(() => expect(byTestId('waitlist-leave-dialog')).not.toBeNull());
    act(() => byTestId('waitlist-leave-dialog-yes')?.click());
    await vi.waitFor(() => expect(document.querySelectorAll('[data-testid="waitlist-place"]')).toHaveLength(1));
    await vi.waitFor(() => expect(byTestId('waitlist-leave-dialog')).toBeNull());
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('waitlist-places-title'));
    unmount();
  });
});

describe('a video visit', () => {
  const telehealth = (startIn: number) =>
    appointment({ mode: 'telehealth', start: inMinutes(startIn), end: inMinutes(startIn + 30) });
  const routes = (a: Appointment, join: () => Response) => ({
    'GET /portal/appointments': () => json(200, { upcoming: [a], past: [] }),
    'GET /portal/waitlist': () => json(200, { places: [], offers: [] }),
    'POST /portal/appointments/ap-1/join': join,
  });
  const seat = (url: string | null): S['JoinView'] => ({
    appointment_id: 'ap-1',
    opens_at: inMinutes(-10),
    closes_at: inMinutes(60),
    meeting: {} as S['JoinView']['meeting'],
    attendee: {} as S['JoinView']['attendee'],
    join_url: url,
  });

  it('before its window: the button says when it opens and cannot be pressed', async () => {
    const api = fakeApi(routes(telehealth(120), () => json(200, seat(null))));
    const unmount = render(<Appointments />);
    await vi.waitFor(() => expect(byTestId('video-join')).not.toBeNull());
    const button = byTestId('video-join') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toMatch(/^Join video visit \(opens at .+\)$/);
    expect(byTestId('video-opens')?.textContent).toMatch(/You can join from .*15 minutes before/);
    expect(api.requests('POST /portal/appointments/ap-1/join')).toHaveLength(0);
    unmount();
  });

  it('a refusal as not open yet says when it opens, from the server', async () => {
    const opens = inMinutes(3);
    fakeApi(
      routes(telehealth(5), () =>
        json(403, {
          type: 'https://portico.health/problems/not-open',
          title: 'Not open',
          status: 403,
          detail: 'The video visit is not open yet',
          opens_at: opens,
          closes_at: inMinutes(65),
        }),
      ),
    );
    const unmount = render(<Appointments />);
    await vi.waitFor(() => expect((byTestId('video-join') as HTMLButtonElement | null)?.disabled).toBe(false));
    act(() => byTestId('video-join')?.click());
    await vi.waitFor(() => expect(byTestId('video-not-open')?.textContent).toMatch(/not open yet. You can join from/));
    expect((byTestId('video-join') as HTMLButtonElement).disabled).toBe(true);
    unmount();
  });

  it('inside its window: opens the video page, or says plainly where to join when the portal cannot', async () => {
    const open = vi.spyOn(video, 'open').mockImplementation(() => {});
    fakeApi(routes(telehealth(5), () => json(200, seat('/_local/video/mt-1#attendee'))));
    let unmount = render(<Appointments />);
    await vi.waitFor(() => expect((byTestId('video-join') as HTMLButtonElement | null)?.disabled).toBe(false));
    expect(byTestId('video-join')?.textContent).toBe('Join video visit');
    act(() => byTestId('video-join')?.click());
    await vi.waitFor(() => expect(open).toHaveBeenCalledWith('/_local/video/mt-1#attendee'));
    unmount();
    document.body.replaceChildren();

    fakeApi(routes(telehealth(5), () => json(200, seat(null))));
    unmount = render(<Appointments />);
    await vi.waitFor(() => expect((byTestId('video-join') as HTMLButtonElement | null)?.disabled).toBe(false));
    act(() => byTestId('video-join')?.click());
    await vi.waitFor(() =>
      expect(byTestId('video-ready')?.textContent).toMatch(/ready, but it cannot be opened from the portal yet/),
    );
    expect(open).toHaveBeenCalledTimes(1);
    unmount();
  });
  it('offers Join on an arrived visit, and on a past one still inside its window', async () => {
    fakeApi(routes({ ...telehealth(5), status: 'arrived' }, () => json(200, seat(null))));
    let unmount = render(<Appointments />);
    await vi.waitFor(() => expect(byTestId('video-join')?.textContent).toBe('Join video visit'));
    unmount();
    document.body.replaceChildren();

    const started = { ...telehealth(-20), join_closes_at: inMinutes(40) };
    fakeApi({
      'GET /portal/appointments': () => json(200, { upcoming: [], past: [started] }),
      'GET /portal/waitlist': () => json(200, { places: [], offers: [] }),
    });
    unmount = render(<Appointments />);
    await vi.waitFor(() => expect(byTestId('video-join')?.textContent).toBe('Join video visit'));
    unmount();
    document.body.replaceChildren();

    const over = { ...telehealth(-90), join_closes_at: inMinutes(-30) };
    fakeApi({
      'GET /portal/appointments': () => json(200, { upcoming: [], past: [over] }),
      'GET /portal/waitlist': () => json(200, { places: [], offers: [] }),
    });
    unmount = render(<Appointments />);
    await vi.waitFor(() => expect(byTestId('appointment-past')).not.toBeNull());
    expect(byTestId('video-join')).toBeNull();
    unmount();
  });
});
