// Component tests: the chart's communication facts from `GET /staff/patients/{id}/contact` (need 10):
// plainly when a channel cannot reach the patient and why, the alert settings and text opt-out, the
// consents, and the latest notices with status and reason.
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../shared/api/fake-api';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { StatusProvider } from '../../shared/ui/components';
import { type S, session } from '../api';
import { english, loadCatalog } from '../catalog';
import { SignedInStaff } from '../parts';
import { PatientChart } from './Patients';

const patient: S['PatientView'] = {
  patient_id: 'pt_1',
  given_name: 'Ann',
  family_name: 'Lee',
  preferred_name: null,
  pronouns: null,
  date_of_birth: '1984-07-02',
  email: 'ann@example.com',
  phone: '+15555550101',
  language: 'en',
  time_zone: 'America/New_York',
  status: 'active',
  invitation_sent: false,
  created_at: '2026-01-05T10:00:00Z',
  updated_at: '2026-01-05T10:00:00Z',
};

const consent = (kind: S['ConsentKind'], title: string, status: S['ConsentStatus']): S['ConsentView'] => ({
  kind,
  title,
  summary: '',
  url: 'https://riverside.example/legal',
  required: kind === 'terms_of_use',
  current_version: 2,
  status,
  decided_version: status === 'not_given' ? null : 2,
  decided_at: status === 'not_given' ? null : '2026-03-03T15:05:00Z',
});

const facts = (over: Partial<S['PatientContactView']> = {}): S['PatientContactView'] => ({
  consents: {
    consents: [
      consent('terms_of_use', 'Portal terms of use', 'accepted'),
      consent('sms_messages', 'Text messages', 'revoked'),
      consent('telehealth', 'Telehealth', 'not_given'),
    ],
    history: [],
  },
  preferences: {
    time_zone: 'America/New_York',
    email: { messages: true, appointment_reminders: true, billing: true, marketing: false },
    sms: { messages: true, appointment_reminders: true, billing: true, marketing: false },
    quiet_hours: { start: '21:00', end: '08:00' },
  },
  sms_opted_out: true,
  notices: { email: { reachable: true, blocked_by: null }, sms: { reachable: false, blocked_by: 'opted_out' } },
  recent_notifications: [
    { notification_id: 'n3', channel: 'email', status: 'delivered', reason: null, at: '2026-03-04T15:05:00Z' },
    {
      notification_id: 'n2',
      channel: 'sms',
      status: 'skipped',
      reason: 'the patient texted STOP',
      at: '2026-03-03T15:05:00Z',
    },
    { notification_id: 'n1', channel: null, status: 'parked', reason: null, at: '2026-03-02T15:05:00Z' },
  ],
  ...over,
});

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const allByTestId = (id: string) => Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));

function render() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/patients/pt_1">
            <SignedInStaff.Provider
              value={{
                staff_id: 'staff-dee',
                display_name: 'Dee',
                email: 'dee@riverside.example',
                roles: ['front-desk'],
                status: 'active',
                created_at: '2026-01-05T10:00:00Z',
              }}
            >
              <PatientChart patientId="pt_1" />
            </SignedInStaff.Provider>
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

function api(contact: S['PatientContactView'] | (() => Response)) {
  return fakeApi({
    'GET /staff/patients/pt_1': () => json(200, patient),
    'GET /staff/patients/pt_1/contact': typeof contact === 'function' ? contact : () => json(200, contact),
  });
}

beforeEach(() => session.start('staff-token', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
  localStorage.clear();
});

describe("the chart's communication facts", () => {
  it('say plainly which channel cannot reach the patient and why, with the settings, consents and latest notices', async () => {
    const fake = api(facts());
    const close = render();
    await vi.waitFor(() => expect(byTestId('chart-reach-sms')).not.toBeNull());

    expect(fake.requests('GET /staff/patients/pt_1/contact')).toHaveLength(1);
    const email = byTestId('chart-reach-email') as HTMLElement;
    expect(email.textContent).toBe('Email: Can be notified');
    const sms = byTestId('chart-reach-sms') as HTMLElement;
    expect(sms.dataset.reachable).toBe('no');
    expect(byTestId('chart-reach-state', sms)?.textContent).toBe('Cannot be notified');
    expect(byTestId('chart-reach-why', sms)?.textContent).toBe(
      'They replied STOP to the practice’s texts (START turns them back on).',
    );
    // One channel still reaches them: no warning that none does.
    expect(byTestId('chart-unreachable')).toBeNull();

    expect(byTestId('chart-alerts-email')?.textContent).toBe('On');
    expect(byTestId('chart-quiet-hours')?.textContent).toBe('21:00 to 08:00 (America/New York time)');
    expect(byTestId('chart-opted-out')?.textContent).toBe('Replied STOP to texts');
    expect(byTestId('chart-consent-terms_of_use')?.textContent).toMatch(/^Portal terms of useAgreed \(version 2\) on /);
    expect(byTestId('chart-consent-telehealth')?.textContent).toBe('TelehealthNot answered');

    const notices = allByTestId('chart-notice');
    expect(notices.map((n) => byTestId('chart-notice-status', n)?.textContent)).toEqual([
      'Delivered',
      'Not sent',
      'parked', // a status the console has no words for is shown as the server names it
    ]);
    expect(notices.map((n) => byTestId('chart-notice-channel', n)?.textContent)).toEqual([
      'Email',
      'Text',
      'No channel',
    ]);
    expect(byTestId('chart-notice-reason', notices[1])?.textContent).toBe('Why: the patient texted STOP');
    expect(byTestId('chart-notice-reason', notices[0])).toBeNull();
    expect(notices[0]?.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-04T15:05:00Z');
    close();
  });

  it('warn when no channel reaches the patient at all, each with its reason', async () => {
    api(
      facts({
        notices: {
          email: { reachable: false, blocked_by: 'no_address' },
          sms: { reachable: false, blocked_by: 'country_not_served' },
        },
        recent_notifications: [],
      }),
    );
    const close = render();
    await vi.waitFor(() => expect(byTestId('chart-unreachable')).not.toBeNull());

    expect(byTestId('chart-unreachable')?.textContent).toMatch(/cannot be told of a new message by email or by text/);
    expect(byTestId('chart-reach-why', byTestId('chart-reach-email') as HTMLElement)?.textContent).toBe(
      'No email address on file.',
    );
    expect(byTestId('chart-reach-why', byTestId('chart-reach-sms') as HTMLElement)?.textContent).toBe(
      'The mobile number is in a country the practice does not text.',
    );
    expect(byTestId('chart-notices-none')?.textContent).toBe('No notices sent yet.');
    close();
  });

  it('word each reason for the channel it is about, in Spanish too', async () => {
    localStorage.setItem('portico.language', 'es');
    api(
      facts({
        notices: {
          email: { reachable: false, blocked_by: 'suppressed' },
          sms: { reachable: false, blocked_by: 'no_consent' },
        },
      }),
    );
    const close = render();
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    await vi.waitFor(() => expect(byTestId('chart-reach-sms')).not.toBeNull());
    expect(byTestId('chart-reach-why', byTestId('chart-reach-email') as HTMLElement)?.textContent).toBe(
      'La dirección está bloqueada tras rebotes o quejas.',
    );
    expect(byTestId('chart-reach-why', byTestId('chart-reach-sms') as HTMLElement)?.textContent).toBe(
      'No ha aceptado recibir textos.',
    );
    expect(byTestId('chart-notice-status')?.textContent).toBe('Entregado');
    close();
  });

  it('show a failed read as an error, never as "not available"', async () => {
    api(() =>
      json(500, {
        type: 'about:blank',
        title: 'Internal error',
        status: 500,
        request_id: 'req-123',
      }),
    );
    const close = render();
    await vi.waitFor(() => expect(byTestId('chart-communication-error')).not.toBeNull(), { timeout: 10_000 });
    expect(byTestId('chart-communication-error')?.getAttribute('role')).toBe('alert');
    expect(byTestId('chart-communication')?.textContent).not.toMatch(/not available/i);
    close();
  });
});
