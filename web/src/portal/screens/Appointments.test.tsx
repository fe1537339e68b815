// Component tests: booking holds the time picked, then books it with an Idempotency-Key (a time taken
// meanwhile refreshes the free times and says so; a retry after a lost answer sends the same key);
// cancelling says plainly when it was late; rescheduling sends the new time and goes back to the list.
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
import { Appointments, AppointmentsBook, AppointmentsReschedule } from './Appointments';
import type { Appointment, S } from './AppointmentsApi';

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const allByTestId = (id: string) => Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));

const service: S['BookableService'] = {
  service_id: 'svc-1',
  name: 'Check-up',
  duration_minutes: 30,
  mode: 'in_person',
  booking: 'patients',
  clinicians: [{ clinician_id: 'cl-1', name: 'Dr. Rivera' }],
  horizon_days: 60,
  min_notice_minutes: 60,
  cancel_notice_hours: 24,
  reschedule_notice_hours: 24,
  late_cancel: 'allow_as_late',
  waitlist: false,
};
const requestOnly: S['BookableService'] = { ...service, service_id: 'svc-2', name: 'Consult', booking: 'request_only' };
const slot = (start: string, local: string): S['Slot'] => ({
  start,
  end: new Date(Date.parse(start) + 30 * 60_000).toISOString().replace('.000', ''),
  clinician_id: 'cl-1',
  clinician_name: 'Dr. Rivera',
  clinician_time_zone: 'America/New_York',
  local_start: local,
});
const nine = slot('2030-01-07T14:00:00Z', '2030-01-07T09:00:00-05:00');
const ten = slot('2030-01-07T15:00:00Z', '2030-01-07T10:00:00-05:00');
const appointment = (over: Partial<Appointment> = {}): Appointment => ({
  appointment_id: 'ap-1',
  service_id: 'svc-1',
  service_name: 'Check-up',
  mode: 'in_person',
  clinician_id: 'cl-1',
  clinician_name: 'Dr. Rivera',
  start: nine.start,
  end: nine.end,
  time_zone: 'America/New_York',
  status: 'booked',
  late_cancel: false,
  cancel_reason: null,
  confirmed_at: null,
  created_at: '2029-12-01T10:00:00Z',
  version: 1,
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

beforeEach(() => session.start('h.e30.s', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
});

async function pickService(id: string) {
  await vi.waitFor(() => expect(allByTestId('service-option').length).toBeGreaterThan(0));
  const option = allByTestId('service-option').find((o) => o.dataset.serviceId === id);
  act(() => option?.click());
  await vi.waitFor(() => expect(allByTestId('slot').length).toBeGreaterThan(0));
}
const slotAt = (start: string) => allByTestId('slot').find((s) => s.dataset.start === start);

describe('booking', () => {
  it('holds the time, books it with an Idempotency-Key, and refreshes the times when one was taken', async () => {
    let free = [nine, ten];
    let bookings = 0;
    const api = fakeApi({
      'GET /portal/availability/services': () => json(200, { services: [service, requestOnly] }),
      'GET /portal/availability': () => json(200, { service_id: 'svc-1', time_zone: 'America/New_York', slots: free }),
      'POST /portal/holds': async (req) => {
        const body = await req.json();
        return json(201, { ...body, expires_at: '2030-01-01T15:05:00Z' });
      },
      'POST /portal/appointments': () => {
        bookings += 1;
        if (bookings === 1) {
          free = [ten];
          return json(409, { status: 409, title: 'Conflict', detail: 'That time was just taken.' });
        }
        if (bookings === 2) throw new TypeError('network down');
        return json(201, appointment({ start: ten.start, end: ten.end }));
      },
      'GET /portal/appointments': () => json(200, { upcoming: [], past: [] }),
    });
    const unmount = render(<AppointmentsBook />, '/appointments/book');
    await pickService('svc-1');
    expect(byTestId('slot-days')?.textContent).toMatch(/Monday, January 7/);

    act(() => slotAt(nine.start)?.click());
    await vi.waitFor(() => expect(byTestId('booking-confirm')).not.toBeNull());
    expect(await api.requests('POST /portal/holds')[0]?.json()).toEqual({
      service_id: 'svc-1',
      clinician_id: 'cl-1',
      start: nine.start,
    });
    expect(byTestId('hold-until')?.textContent).toBe('This time is held for you until 10:05 AM.');
    expect(document.activeElement?.id).toBe('booking-confirm-title');

    // Taken meanwhile: the times are read again, without it, and the page says why.
    const readsBefore = api.requests('GET /portal/availability').length;
    act(() => byTestId('booking-submit')?.click());
    await vi.waitFor(() =>
      expect(byTestId('slot-taken')?.textContent).toBe('That time was just taken. Please choose another.'),
    );
    await vi.waitFor(() => expect(api.requests('GET /portal/availability').length).toBeGreaterThan(readsBefore));
    await vi.waitFor(() => expect(slotAt(nine.start)).toBeUndefined());

    // Another time: a new attempt (a new key); the answer is lost, and trying again sends the same key.
    act(() => slotAt(ten.start)?.click());
    await vi.waitFor(() => expect(byTestId('booking-confirm')).not.toBeNull());
    act(() => byTestId('booking-submit')?.click());
    await vi.waitFor(() => expect(byTestId('booking-error')?.textContent).toMatch(/connection|network|reach/i));
    act(() => byTestId('booking-submit')?.click());
    await vi.waitFor(() => expect(byTestId('booking-done')).not.toBeNull());

    const keys = api.requests('POST /portal/appointments').map((r) => r.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(3);
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBeTruthy();
    expect(keys[1]).not.toBe(keys[0]);
    expect(keys[2]).toBe(keys[1]);
    expect(await api.requests('POST /portal/appointments')[2]?.json()).toEqual({
      service_id: 'svc-1',
      clinician_id: 'cl-1',
      start: ten.start,
    });
    expect(byTestId('booking-done-title')?.textContent).toBe('Booked');
    unmount();
  });

  it('gives the held time back when another time is chosen, and when the booking is left', async () => {
    const api = fakeApi({
      'GET /portal/availability/services': () => json(200, { services: [service] }),
      'GET /portal/availability': () =>
        json(200, { service_id: 'svc-1', time_zone: 'America/New_York', slots: [nine, ten] }),
      'POST /portal/holds': async (req) => json(201, { ...(await req.json()), expires_at: '2030-01-01T15:05:00Z' }),
      'DELETE /portal/holds/svc-1': () => new Response(null, { status: 404 }),
    });
    const unmount = render(<AppointmentsBook />, '/appointments/book');
    await pickService('svc-1');
    act(() => slotAt(nine.start)?.click());
    await vi.waitFor(() => expect(byTestId('booking-other-time')).not.toBeNull());

    // A 404 (the hold already ended) is not the patient's concern: the times are shown again.
    act(() => byTestId('booking-other-time')?.click());
    await vi.waitFor(() => expect(api.requests('DELETE /portal/holds/svc-1')).toHaveLength(1));
    await vi.waitFor(() => expect(slotAt(ten.start)).toBeDefined());
    expect(byTestId('hold-error')).toBeNull();

    act(() => slotAt(ten.start)?.click());
    await vi.waitFor(() => expect(byTestId('booking-confirm')).not.toBeNull());
    unmount();
    await vi.waitFor(() => expect(api.requests('DELETE /portal/holds/svc-1')).toHaveLength(2));
  });

  it('offers no week past how far ahead the service can be booked online', async () => {
    const api = fakeApi({
      'GET /portal/availability/services': () => json(200, { services: [{ ...service, horizon_days: 10 }] }),
      'GET /portal/availability': () =>
        json(200, { service_id: 'svc-1', time_zone: 'America/New_York', slots: [nine] }),
    });
    const unmount = render(<AppointmentsBook />, '/appointments/book');
    await pickService('svc-1');
    const next = () => byTestId('slot-week-next') as HTMLButtonElement;
    expect(next().disabled).toBe(false);
    expect(byTestId('slot-horizon')).toBeNull();
    act(() => next().click());
    await vi.waitFor(() => expect(api.requests('GET /portal/availability')).toHaveLength(2));
    await vi.waitFor(() => expect(next().disabled).toBe(true));
    expect(byTestId('slot-horizon')?.textContent).toBe('Times can be booked online up to 10 days ahead.');
    // The second week is asked only up to the horizon.
    const url = new URL(api.requests('GET /portal/availability')[1]?.url ?? '');
    const from = Date.parse(url.searchParams.get('from') ?? '');
    const to = Date.parse(url.searchParams.get('to') ?? '');
    expect(Math.round((to - from) / 86_400_000)).toBe(3);
    unmount();
  });

  it('says a request-only service is a request, and that the practice will confirm', async () => {
    fakeApi({
      'GET /portal/availability/services': () => json(200, { services: [service, requestOnly] }),
      'GET /portal/availability': () =>
        json(200, { service_id: 'svc-2', time_zone: 'America/New_York', slots: [nine] }),
      'POST /portal/holds': () =>
        json(201, { service_id: 'svc-2', clinician_id: 'cl-1', start: nine.start, expires_at: '2030-01-01T15:05:00Z' }),
      'POST /portal/appointments': () =>
        json(201, appointment({ service_id: 'svc-2', service_name: 'Consult', status: 'requested' })),
    });
    const unmount = render(<AppointmentsBook />, '/appointments/book');
    await vi.waitFor(() => expect(byTestId('service-request-only')?.textContent).toBe('Request'));
    await pickService('svc-2');
    act(() => slotAt(nine.start)?.click());
    await vi.waitFor(() => expect(byTestId('booking-submit')?.textContent).toBe('Send the request'));
    act(() => byTestId('booking-submit')?.click());
    await vi.waitFor(() =>
      expect(byTestId('booking-done-title')?.textContent).toBe('Requested — the practice will confirm'),
    );
    unmount();
  });
});

describe('upcoming appointments', () => {
  it('cancels with a reason, and says plainly when the cancellation was late', async () => {
    let cancelled = false;
    const api = fakeApi({
      'GET /portal/appointments': () =>
        json(
          200,
          cancelled
            ? { upcoming: [], past: [appointment({ status: 'cancelled', late_cancel: true })] }
            : { upcoming: [appointment()], past: [] },
        ),
      'POST /portal/appointments/ap-1/cancel': () => {
        cancelled = true;
        return json(200, appointment({ status: 'cancelled', late_cancel: true, cancel_reason: 'Sick' }));
      },
    });
    const unmount = render(<Appointments />);
    await vi.waitFor(() => expect(byTestId('appointment')).not.toBeNull());
    expect(byTestId('appointment-status')?.textContent).toBe('Booked');
    expect(byTestId('appointment-confirm')).not.toBeNull();

    act(() => byTestId('appointment-cancel')?.click());
    await vi.waitFor(() => expect(byTestId('appointment-cancel-dialog')).not.toBeNull());
    const reason = byTestId('appointment-cancel-reason') as HTMLTextAreaElement;
    act(() => {
      const set = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
      set?.call(reason, 'Sick');
      reason.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => byTestId('appointment-cancel-dialog-yes')?.click());
    await vi.waitFor(() => expect(byTestId('app-status')?.textContent).toMatch(/This was a late cancellation/));
    expect(await api.requests('POST /portal/appointments/ap-1/cancel')[0]?.json()).toEqual({ reason: 'Sick' });
    await vi.waitFor(() => expect(byTestId('appointments-none')).not.toBeNull());
    expect(byTestId('appointments-past')?.textContent).toMatch(/Cancelled late/);
    unmount();
  });

  it('warns before a cancellation within the notice that it will be recorded as late', async () => {
    const soon = new Date(Date.now() + 3 * 3_600_000).toISOString();
    fakeApi({
      'GET /portal/appointments': () => json(200, { upcoming: [appointment({ start: soon })], past: [] }),
      'GET /portal/availability/services': () => json(200, { services: [service] }),
    });
    const unmount = render(<Appointments />);
    await vi.waitFor(() => expect(byTestId('appointment-cancel')).not.toBeNull());
    act(() => byTestId('appointment-cancel')?.click());
    await vi.waitFor(() =>
      expect(byTestId('appointment-cancel-dialog')?.textContent).toMatch(
        /within the practice's cancellation notice, so it will be recorded as a late cancellation/,
      ),
    );
    expect(byTestId('appointment-cancel-dialog-yes')).not.toBeNull();
    unmount();
  });

  it('says to call the practice when a cancellation that late is not taken online', async () => {
    const soon = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const api = fakeApi({
      'GET /portal/appointments': () => json(200, { upcoming: [appointment({ start: soon })], past: [] }),
      'GET /portal/availability/services': () => json(200, { services: [{ ...service, late_cancel: 'block' }] }),
    });
    const unmount = render(<Appointments />);
    await vi.waitFor(() => expect(byTestId('appointment-cancel')).not.toBeNull());
    act(() => byTestId('appointment-cancel')?.click());
    await vi.waitFor(() =>
      expect(byTestId('appointment-cancel-dialog')?.textContent).toMatch(
        /too soon to cancel online.*please call the practice/,
      ),
    );
    expect(byTestId('appointment-cancel-dialog-yes')).toBeNull();
    expect(byTestId('appointment-cancel-reason')).toBeNull();
    expect(api.requests('POST /portal/appointments/ap-1/cancel')).toHaveLength(0);
    unmount();
  });

  it('confirms a booked appointment', async () => {
    let confirmed = false;
    fakeApi({
      'GET /portal/appointments': () =>
        json(200, { upcoming: [appointment(confirmed ? { confirmed_at: '2030-01-01T10:00:00Z' } : {})], past: [] }),
      'POST /portal/appointments/ap-1/confirm': () => {
        confirmed = true;
        return json(200, appointment({ confirmed_at: '2030-01-01T10:00:00Z' }));
      },
    });
    const unmount = render(<Appointments />);
    await vi.waitFor(() => expect(byTestId('appointment-confirm')).not.toBeNull());
    act(() => byTestId('appointment-confirm')?.click());
    await vi.waitFor(() => expect(byTestId('appointment-status')?.textContent).toBe('Confirmed'));
    expect(byTestId('appointment-confirm')).toBeNull();
    unmount();
  });

  it('reschedules to a new free time of the same service', async () => {
    const api = fakeApi({
      'GET /portal/appointments': () => json(200, { upcoming: [appointment()], past: [] }),
      'GET /portal/availability/services': () => json(200, { services: [service] }),
      'GET /portal/availability': () => json(200, { service_id: 'svc-1', time_zone: 'America/New_York', slots: [ten] }),
      'POST /portal/appointments/ap-1/reschedule': () =>
        json(200, appointment({ start: ten.start, end: ten.end, version: 2 })),
    });
    const unmount = render(<AppointmentsReschedule appointmentId="ap-1" />, '/appointments/ap-1/reschedule');
    await vi.waitFor(() => expect(slotAt(ten.start)).toBeDefined());
    expect(new URL(api.requests('GET /portal/availability')[0]?.url ?? '').searchParams.get('clinician')).toBe('cl-1');
    act(() => slotAt(ten.start)?.click());
    await vi.waitFor(() => expect(byTestId('reschedule-confirm')).not.toBeNull());
    act(() => byTestId('reschedule-submit')?.click());
    await vi.waitFor(() => expect(location.pathname).toBe('/appointments'));
    expect(await api.requests('POST /portal/appointments/ap-1/reschedule')[0]?.json()).toEqual({ start: ten.start });
    unmount();
  });

  it('keeps the appointment when the new time is refused, and says so', async () => {
    fakeApi({
      'GET /portal/appointments': () => json(200, { upcoming: [appointment()], past: [] }),
      'GET /portal/availability/services': () => json(200, { services: [service] }),
      'GET /portal/availability': () => json(200, { service_id: 'svc-1', time_zone: 'America/New_York', slots: [ten] }),
      'POST /portal/appointments/ap-1/reschedule': () =>
        json(409, { status: 409, title: 'Conflict', detail: 'That time was just taken' }),
    });
    const unmount = render(<AppointmentsReschedule appointmentId="ap-1" />, '/appointments/ap-1/reschedule');
    await vi.waitFor(() => expect(slotAt(ten.start)).toBeDefined());
    act(() => slotAt(ten.start)?.click());
    await vi.waitFor(() => expect(byTestId('reschedule-submit')).not.toBeNull());
    act(() => byTestId('reschedule-submit')?.click());
    await vi.waitFor(() =>
      expect(byTestId('reschedule-error')?.textContent).toMatch(/not moved: nothing changed\..*just taken/),
    );
    expect(byTestId('slot-picker')).not.toBeNull();
    unmount();
  });
});
