// Component tests: an administrator adds a service with every field; what the server refuses shows
// next to its field; a change someone else made meanwhile (409) asks to reload; other roles only read.
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
import type { S } from './ScheduleApi';
import { Services } from './Services';

const member = (staff_id: string, display_name: string, roles: S['Role'][]): S['StaffMemberView'] => ({
  staff_id,
  display_name,
  email: `${staff_id}@riverside.example`,
  roles,
  status: 'active',
  created_at: '2026-01-05T10:00:00Z',
});
const admin = member('staff-ada', 'Ada', ['admin']);
const desk = member('staff-dee', 'Dee', ['front-desk']);
const rivera = member('staff-cl', 'Dr. Rivera', ['clinician']);
const existing: S['Service'] = {
  service_id: 'svc-1',
  name: 'Check-up',
  duration_minutes: 30,
  buffer_before_minutes: 0,
  buffer_after_minutes: 5,
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
  version: 3,
};

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const setValue = (el: HTMLElement | null, value: string) =>
  act(() => {
    if (!el) throw new Error('no such field');
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  });
/** The error shown next to a field: the Field's own error paragraph. */
const errorNextTo = (testid: string) => byTestId(testid)?.closest('.field')?.querySelector('.field-error')?.textContent;

function render(me: S['StaffMemberView'], children: ReactNode) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/services">
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

beforeEach(() => session.start('h.e30.s', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
});

describe('services', () => {
  it('adds a service; the server’s field errors show next to their fields', async () => {
    let attempts = 0;
    const api = fakeApi({
      'GET /staff/team': () => json(200, { staff: [admin, rivera], next_cursor: null }),
      'GET /staff/services': () => json(200, { services: [existing] }),
      'POST /staff/services': async (req) => {
        attempts += 1;
        if (attempts === 1)
          return json(400, {
            status: 400,
            title: 'Bad request',
            errors: [
              { field: 'duration_minutes', detail: 'must be between 5 and 480' },
              { field: 'clinicians[0]', detail: 'is not a clinician of the practice' },
            ],
          });
        return json(201, { ...(await req.json()), service_id: 'svc-2', version: 1 });
      },
    });
    const unmount = render(admin, <Services />);
    await vi.waitFor(() => expect(byTestId('service-new')).not.toBeNull());
    expect(byTestId('service-row')?.textContent).toMatch(/Seen by Dr\. Rivera/);
    act(() => byTestId('service-new')?.click());

    // Nothing is sent while the form itself can tell what is missing.
    act(() => byTestId('service-save')?.click());
    expect(errorNextTo('service-field-name')).toBe('Enter a name.');
    expect(api.requests('POST /staff/services')).toHaveLength(0);

    setValue(byTestId('service-field-name'), 'Video follow-up');
    setValue(byTestId('service-field-duration_minutes'), '1');
    setValue(byTestId('service-field-mode'), 'telehealth');
    setValue(byTestId('service-field-booking'), 'request_only');
    setValue(byTestId('service-field-late_cancel'), 'block');
    await vi.waitFor(() => expect(byTestId('service-clinician')).not.toBeNull());
    act(() => byTestId('service-clinician')?.click());
    act(() => byTestId('service-field-waitlist')?.click());
    act(() => byTestId('service-field-confidential')?.click());
    act(() => byTestId('service-save')?.click());

    await vi.waitFor(() => expect(errorNextTo('service-field-duration_minutes')).toBe('Must be between 5 and 480.'));
    expect(byTestId('service-field-duration_minutes')?.getAttribute('aria-invalid')).toBe('true');
    expect(byTestId('service-error-clinicians')?.textContent).toBe('Is not a clinician of the practice.');
    expect(await api.requests('POST /staff/services')[0]?.json()).toEqual({
      name: 'Video follow-up',
      duration_minutes: 1,
      buffer_before_minutes: 0,
      buffer_after_minutes: 0,
      mode: 'telehealth',
      booking: 'request_only',
      min_notice_minutes: 60,
      horizon_days: 60,
      cancel_notice_hours: 24,
      reschedule_notice_hours: 24,
      late_cancel: 'block',
      waitlist: true,
      confidential: true,
      clinicians: [rivera.staff_id],
      active: true,
    });

    setValue(byTestId('service-field-duration_minutes'), '20');
    act(() => byTestId('service-save')?.click());
    await vi.waitFor(() => expect(byTestId('app-status')?.textContent).toMatch(/“Video follow-up” was added\./));
    expect(byTestId('service-form')).toBeNull();
    unmount();
  });

  it('sends the version read when editing, and asks to reload when someone changed it meanwhile', async () => {
    const api = fakeApi({
      'GET /staff/team': () => json(200, { staff: [admin, rivera], next_cursor: null }),
      'GET /staff/services': () => json(200, { services: [existing] }),
      'PUT /staff/services/svc-1': () => json(409, { status: 409, title: 'Conflict', detail: 'Changed since read' }),
    });
    const unmount = render(admin, <Services />);
    await vi.waitFor(() => expect(byTestId('service-edit')).not.toBeNull());
    act(() => byTestId('service-edit')?.click());
    expect((byTestId('service-field-buffer_after_minutes') as HTMLInputElement).value).toBe('5');
    setValue(byTestId('service-field-name'), 'Annual check-up');
    act(() => byTestId('service-save')?.click());
    await vi.waitFor(() => expect(byTestId('service-stale')).not.toBeNull());
    const sent = await api.requests('PUT /staff/services/svc-1')[0]?.json();
    expect(sent.version).toBe(3);
    expect(sent.name).toBe('Annual check-up');
    const reads = api.requests('GET /staff/services').length;
    act(() => byTestId('service-reload')?.click());
    await vi.waitFor(() => expect(api.requests('GET /staff/services').length).toBeGreaterThan(reads));
    expect(byTestId('service-form')).toBeNull();
    unmount();
  });

  it('lists services without editing for a role that may not change them', async () => {
    fakeApi({
      'GET /staff/team': () => json(200, { staff: [desk, rivera], next_cursor: null }),
      'GET /staff/services': () => json(200, { services: [existing] }),
    });
    const unmount = render(desk, <Services />);
    await vi.waitFor(() => expect(byTestId('service-row')).not.toBeNull());
    expect(byTestId('service-new')).toBeNull();
    expect(byTestId('service-edit')).toBeNull();
    unmount();
  });
  it('shows which services keep a waitlist, and turns one on or off with what it means said next to it', async () => {
    let services = [{ ...existing, waitlist: true }];
    const api = fakeApi({
      'GET /staff/team': () => json(200, { staff: [admin, rivera], next_cursor: null }),
      'GET /staff/services': () => json(200, { services }),
      'PUT /staff/services/svc-1': async (req) => {
        const body = await req.json();
        services = [{ ...existing, ...body, version: 4 }];
        return json(200, services[0]);
      },
    });
    const unmount = render(admin, <Services />);
    await vi.waitFor(() => expect(byTestId('service-waitlist')?.textContent).toBe('Waitlist'));
    act(() => byTestId('service-edit')?.click());
    const box = byTestId('service-field-waitlist') as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Patients may join a waitlist for this service; when a time frees up, it is offered to them.',
    );
    act(() => box.click());
    act(() => byTestId('service-save')?.click());
    await vi.waitFor(() => expect(api.requests('PUT /staff/services/svc-1')).toHaveLength(1));
    expect(await api.requests('PUT /staff/services/svc-1')[0]?.json()).toMatchObject({ waitlist: false, version: 3 });
    await vi.waitFor(() => expect(byTestId('service-form')).toBeNull());
    await vi.waitFor(() => expect(byTestId('service-waitlist')).toBeNull());
    unmount();
  });
});
