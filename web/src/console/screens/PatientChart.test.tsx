// Component tests: the chart's communication facts from `GET /staff/patients/{id}/contact` (need 10):
// plainly when a channel cannot reach the patient and why, the alert settings and text opt-out, the
// consents, and the latest notices with status and reason; and what staff do there, each asked first
// and followed by a fresh read of the facts: record a text consent the patient gave them (with how),
// lift an email block for a reason from the list, and turn a disabled portal account back on.
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json, type Route } from '../../shared/api/fake-api';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { StatusLine, StatusProvider } from '../../shared/ui/components';
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
  version: 1,
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

function render(roles: S['Role'][] = ['front-desk']) {
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
                roles,
                status: 'active',
                created_at: '2026-01-05T10:00:00Z',
              }}
            >
              <StatusLine />
              <PatientChart patientId="pt_1" />
            </SignedInStaff.Provider>
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

function api(contact: S['PatientContactView'] | (() => Response), more: Record<string, Route> = {}) {
  return fakeApi({
    'GET /staff/patients/pt_1': () => json(200, patient),
    'GET /staff/patients/pt_1/contact': typeof contact === 'function' ? contact : () => json(200, contact),
    ...more,
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

const problem = (status: number, detail: string, errors?: S['FieldError'][]) =>
  json(status, {
    type: 'https://portico.health/problems/invalid-request',
    title: 'Refused',
    status,
    detail,
    ...(errors ? { errors } : {}),
  });
const body = async (request: Request | undefined) => (request ? JSON.parse(await request.clone().text()) : null);
const dialogText = (testid: string) => {
  const dialog = byTestId(testid) as HTMLDialogElement;
  return {
    title: document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent,
    body: document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent,
  };
};
/** Presses a button as a person does: focused, then pressed. */
function press(testid: string) {
  const button = byTestId(testid);
  button?.focus();
  act(() => button?.click());
}

describe('a text consent recorded by staff', () => {
  it('asks what the patient said and how, confirms what it records and does, sends it, and reads the facts again', async () => {
    const fake = api(facts(), { 'POST /staff/patients/pt_1/sms-consent': () => json(200, facts().consents) });
    const close = render();
    await vi.waitFor(() => expect(byTestId('sms-consent-form')).not.toBeNull());

    // Nothing chosen: each question says so, and nothing is sent.
    press('sms-consent-record');
    await vi.waitFor(() =>
      expect(byTestId('sms-consent-decision')?.querySelector('.field-error')?.textContent).toBe('Choose one.'),
    );
    expect(byTestId('sms-consent-method')?.querySelector('.field-error')?.textContent).toBe('Choose one.');
    expect(byTestId('sms-consent-confirm')).toBeNull();

    act(() => byTestId('sms-consent-decision-accept')?.click());
    act(() => byTestId('sms-consent-method-verbal')?.click());
    press('sms-consent-record');
    await vi.waitFor(() => expect(byTestId('sms-consent-confirm')).not.toBeNull());
    expect(dialogText('sms-consent-confirm')).toEqual({
      title: 'Record that Ann Lee agreed to texts?',
      body:
        'It is kept as their own decision, given verbally, with the time.' +
        'The practice may text them from now on, unless their number or settings stop it.',
    });
    expect(fake.requests('POST /staff/patients/pt_1/sms-consent')).toHaveLength(0);

    act(() => byTestId('sms-consent-confirm-yes')?.click());

    await vi.waitFor(() => expect(byTestId('sms-consent-confirm')).toBeNull());
    expect(await body(fake.requests('POST /staff/patients/pt_1/sms-consent')[0])).toEqual({
      decision: 'accept',
      method: 'verbal',
    });
    expect(byTestId('app-status')?.textContent).toMatch(/Recorded: Ann Lee agreed to texts\./);
    await vi.waitFor(() => expect(fake.requests('GET /staff/patients/pt_1/contact')).toHaveLength(2));
    expect((byTestId('sms-consent-decision-accept') as HTMLInputElement).checked).toBe(false);
    close();
  });

  it('words a withdrawal, and names a field the server refuses next to it', async () => {
    api(facts(), {
      'POST /staff/patients/pt_1/sms-consent': () =>
        problem(400, 'The request has invalid fields.', [{ field: 'method', detail: 'is not a method we record' }]),
    });
    const close = render();
    await vi.waitFor(() => expect(byTestId('sms-consent-form')).not.toBeNull());
    act(() => byTestId('sms-consent-decision-revoke')?.click());
    act(() => byTestId('sms-consent-method-written')?.click());
    press('sms-consent-record');
    await vi.waitFor(() => expect(byTestId('sms-consent-confirm')).not.toBeNull());
    expect(dialogText('sms-consent-confirm')).toEqual({
      title: 'Record that Ann Lee withdrew their agreement to texts?',
      body: 'It is kept as their own decision, given in writing, with the time.Texts to them stop at once.',
    });
    act(() => byTestId('sms-consent-confirm-yes')?.click());

    await vi.waitFor(() =>
      expect(byTestId('sms-consent-method')?.querySelector('.field-error')?.textContent).toBe(
        'Is not a method we record.',
      ),
    );
    expect(byTestId('sms-consent-confirm')).toBeNull();
    const group = byTestId('sms-consent-method') as HTMLElement;
    expect(document.getElementById(group.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Is not a method we record.',
    );
    expect(byTestId('sms-consent-error')?.getAttribute('role')).toBe('alert');
    close();
  });

  it('is offered to the roles the route admits only', async () => {
    api(
      facts({
        notices: { email: { reachable: false, blocked_by: 'suppressed' }, sms: { reachable: true, blocked_by: null } },
      }),
    );
    const close = render(['clinician', 'billing']);
    await vi.waitFor(() => expect(byTestId('chart-consents')).not.toBeNull());
    expect(byTestId('sms-consent')).toBeNull();
    expect(byTestId('unblock')).toBeNull();
    expect(byTestId('enable-open')).toBeNull();
    close();
  });
});

describe('an email block lifted by staff', () => {
  const blocked = () =>
    facts({
      notices: { email: { reachable: false, blocked_by: 'suppressed' }, sms: { reachable: true, blocked_by: null } },
    });

  it('is offered only when the address is blocked', async () => {
    api(facts());
    const close = render();
    await vi.waitFor(() => expect(byTestId('chart-reach-email')).not.toBeNull());
    expect(byTestId('unblock')).toBeNull();
    close();
  });

  it('asks why (from the fixed list), confirms, sends the reason, says what changed and reads the facts again', async () => {
    let lifted = false;
    const fake = api(() => json(200, lifted ? facts() : blocked()), {
      'POST /staff/patients/pt_1/email-suppression/clear': () => {
        lifted = true;
        return json(200, { cleared: true });
      },
    });
    const close = render();
    await vi.waitFor(() => expect(byTestId('unblock-form')).not.toBeNull());
    const reasons = Array.from(byTestId('unblock-reason')?.querySelectorAll('input') ?? []).map((i) => i.value);
    expect(reasons).toEqual(['patient_confirmed_address', 'provider_error']);

    press('unblock-open');
    await vi.waitFor(() =>
      expect(byTestId('unblock-reason')?.querySelector('.field-error')?.textContent).toBe('Choose one.'),
    );
    act(() => byTestId('unblock-reason-provider_error')?.click());
    press('unblock-open');
    await vi.waitFor(() => expect(byTestId('unblock-confirm')).not.toBeNull());
    expect(dialogText('unblock-confirm')).toEqual({
      title: 'Email Ann Lee again?',
      body: 'Notices go to their address again.Why: The mail provider made an error, now fixed',
    });
    expect(fake.requests('POST /staff/patients/pt_1/email-suppression/clear')).toHaveLength(0);
    act(() => byTestId('unblock-confirm-yes')?.click());

    await vi.waitFor(() =>
      expect(byTestId('app-status')?.textContent).toMatch(
        /The block is lifted: notices can be emailed to Ann Lee again\./,
      ),
    );
    expect(await body(fake.requests('POST /staff/patients/pt_1/email-suppression/clear')[0])).toEqual({
      reason: 'provider_error',
    });
    await vi.waitFor(() => expect(byTestId('chart-reach-email')?.dataset.reachable).toBe('yes'));
    expect(byTestId('unblock')).toBeNull();
    close();
  });

  it('says so when the address was not blocked after all', async () => {
    api(blocked(), { 'POST /staff/patients/pt_1/email-suppression/clear': () => json(200, { cleared: false }) });
    const close = render();
    await vi.waitFor(() => expect(byTestId('unblock-form')).not.toBeNull());
    act(() => byTestId('unblock-reason-patient_confirmed_address')?.click());
    press('unblock-open');
    await vi.waitFor(() => expect(byTestId('unblock-confirm')).not.toBeNull());
    act(() => byTestId('unblock-confirm-yes')?.click());
    await vi.waitFor(() =>
      expect(byTestId('app-status')?.textContent).toMatch(/The address of Ann Lee was not blocked: nothing changed\./),
    );
    close();
  });
});

describe('a disabled portal account', () => {
  it('is turned back on by an admin after asking; the chart and the status line follow', async () => {
    const fake = fakeApi({
      'GET /staff/patients/pt_1': () => json(200, { ...patient, status: 'disabled' }),
      'GET /staff/patients/pt_1/contact': () => json(200, facts()),
      'POST /staff/patients/pt_1/enable': () => json(200, { ...patient, status: 'active', version: 2 }),
    });
    const close = render(['admin']);
    await vi.waitFor(() => expect(byTestId('enable-open')).not.toBeNull());
    expect(byTestId('disable-open')).toBeNull();
    press('enable-open');
    await vi.waitFor(() => expect(byTestId('enable-confirm')).not.toBeNull());
    expect(dialogText('enable-confirm')).toEqual({
      title: 'Turn the portal account of Ann Lee back on?',
      body: 'They can sign in again.',
    });
    expect(byTestId('enable-confirm-yes')?.className).not.toMatch(/danger/);
    expect(fake.requests('POST /staff/patients/pt_1/enable')).toHaveLength(0);

    act(() => byTestId('enable-confirm-yes')?.click());

    await vi.waitFor(() => expect(byTestId('enable-confirm')).toBeNull());
    expect(fake.requests('POST /staff/patients/pt_1/enable')).toHaveLength(1);
    expect(byTestId('enable-open')).toBeNull();
    expect(byTestId('disable-open')).not.toBeNull();
    expect(byTestId('app-status')?.textContent).toMatch(
      /The portal account of Ann Lee is active again: they can sign in\./,
    );
    await vi.waitFor(() => expect(fake.requests('GET /staff/patients/pt_1/contact')).toHaveLength(2));
    close();
  });
});
