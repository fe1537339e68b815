// Component tests: "Your activity" in the patient's words (messages both ways with the way to their
// conversation, consent decisions by the patient and recorded by the practice, sign-ins, appointments
// booked, moved and cancelled with the way to them, a kind the portal does not know), grouped by day in the patient's time zone, earlier pages on request, and Spanish.
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../shared/api/fake-api';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider, useI18n } from '../../shared/i18n/I18nProvider';
import { type S, session } from '../api';
import { english, loadCatalog } from '../catalog';
import { Activity } from './Activity';

const entry = (over: Partial<S['TimelineEntry']>): S['TimelineEntry'] => ({
  at: '2026-03-03T15:05:00Z',
  kind: 'signed_in',
  ...over,
});

// In Chicago: 03:30 UTC on March 4 is still the evening of March 3.
const PAGES: Record<string, S['Timeline']> = {
  '': {
    entries: [
      entry({ at: '2026-03-04T15:00:00Z', kind: 'message_from_care_team', title: 'Lab results', thread_id: 'th_1' }),
      entry({ at: '2026-03-04T03:30:00Z', kind: 'message_to_care_team', title: 'A question', thread_id: 'th_2' }),
      entry({
        at: '2026-03-03T20:00:00Z',
        kind: 'consent',
        consent_kind: 'sms_messages',
        decision: 'accept',
        by: 'patient',
      }),
      entry({
        at: '2026-03-03T19:00:00Z',
        kind: 'consent',
        consent_kind: 'sms_messages',
        decision: 'accept',
        by: 'staff',
      }),
      entry({
        at: '2026-03-03T18:00:00Z',
        kind: 'consent',
        consent_kind: 'telehealth',
        decision: 'decline',
        by: 'patient',
      }),
      entry({
        at: '2026-03-03T17:00:00Z',
        kind: 'consent',
        consent_kind: 'email_messages',
        decision: 'revoke',
        by: 'staff',
      }),
      entry({ at: '2026-03-03T15:05:00Z', kind: 'signed_in' }),
    ],
    next_cursor: 'older-1',
  },
  'older-1': {
    entries: [
      entry({
        at: '2026-03-01T15:00:00Z',
        kind: 'appointment_booked',
        by: 'patient',
        title: 'Check-up',
        appointment_id: 'ap_1',
        starts_at: '2026-03-09T15:00:00Z',
      }),
      entry({
        at: '2026-03-01T14:00:00Z',
        kind: 'appointment_moved',
        by: 'staff',
        title: 'Check-up',
        appointment_id: 'ap_1',
        starts_at: '2026-03-10T16:30:00Z',
      }),
      entry({
        at: '2026-03-01T13:00:00Z',
        kind: 'appointment_cancelled',
        by: 'staff',
        title: 'Flu shot',
        appointment_id: 'ap_2',
        starts_at: '2026-03-02T14:00:00Z',
      }),
      entry({
        at: '2026-03-01T12:40:00Z',
        kind: 'appointment_completed',
        by: 'staff',
        title: 'Check-up',
        appointment_id: 'ap_0',
        starts_at: '2026-03-01T12:00:00Z',
      }),
      entry({
        at: '2026-03-01T12:05:00Z',
        kind: 'appointment_arrived',
        by: 'staff',
        title: 'Check-up',
        appointment_id: 'ap_0',
        starts_at: '2026-03-01T12:00:00Z',
      }),
      entry({ at: '2026-03-01T12:00:00Z', kind: 'something_new' as S['TimelineKind'] }),
    ],
    next_cursor: null,
  },
};

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const all = (id: string) => Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
const said = () => all('activity-what').map((e) => e.textContent);

function InZone({ zone }: { zone: string }) {
  const { setTimeZone } = useI18n();
  useEffect(() => setTimeZone(zone), [zone, setTimeZone]);
  return null;
}

function render() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <InZone zone="America/Chicago" />
          <Activity />
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

function api() {
  return fakeApi({
    'GET /portal/timeline': (req) => json(200, PAGES[new URL(req.url).searchParams.get('cursor') ?? '']),
  });
}

beforeEach(() => session.start('h.e30.s', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
  localStorage.clear();
});

describe('your activity', () => {
  it("words every kind in the patient's words, with the way to each conversation", async () => {
    api();
    const close = render();
    await vi.waitFor(() => expect(all('activity-entry')).toHaveLength(7));

    expect(said()).toEqual([
      'Your care team wrote to you in “Lab results”',
      'You wrote to your care team in “A question”',
      'You agreed to Text messages',
      'The practice recorded that you agreed to Text messages',
      'You said no thanks to Telehealth',
      'The practice recorded that you withdrew your consent to Email messages',
      'You signed in',
    ]);
    const links = all('activity-open');
    expect(links.map((l) => l.getAttribute('href'))).toEqual(['/messages/th_1', '/messages/th_2']);
    expect(links[0]?.textContent).toBe('Open “Lab results”');
    expect(byTestId('activity-when')?.getAttribute('datetime')).toBe('2026-03-04T15:00:00Z');
    close();
  });

  it("groups by day in the patient's time zone", async () => {
    api();
    const close = render();
    await vi.waitFor(() => expect(all('activity-entry')).toHaveLength(7));

    expect(all('activity-day-heading').map((h) => h.textContent)).toEqual([
      'Wednesday, March 4, 2026',
      'Tuesday, March 3, 2026',
    ]);
    const days = all('activity-day');
    expect(days.map((d) => d.querySelectorAll('[data-testid="activity-entry"]').length)).toEqual([1, 6]);
    // 03:30 UTC on the 4th is 9:30 PM on the 3rd in Chicago.
    expect(byTestId('activity-when', days[1])?.textContent).toBe('9:30 PM');
    close();
  });

  it('shows earlier entries on request, and a kind it does not know in general words', async () => {
    const fake = api();
    const close = render();
    await vi.waitFor(() => expect(byTestId('activity-more')?.textContent).toBe('Show earlier'));

    act(() => byTestId('activity-more')?.click());
    await vi.waitFor(() => expect(all('activity-entry')).toHaveLength(13));
    expect(fake.requests('GET /portal/timeline').map((r) => new URL(r.url).searchParams.get('cursor'))).toEqual([
      null,
      'older-1',
    ]);
    // Appointment changes, by the patient or the practice, at the appointment's time in the patient's zone.
    expect(said().slice(7)).toEqual([
      'You booked your Check-up appointment for March 9, 2026 at 10:00 AM',
      'The practice moved your Check-up appointment to March 10, 2026 at 11:30 AM',
      'The practice cancelled your Flu shot appointment on March 2, 2026 at 8:00 AM',
      'Your Check-up appointment took place',
      'You checked in for your Check-up appointment',
      'Something happened',
    ]);
    expect(
      all('activity-open')
        .slice(2)
        .map((l) => [l.getAttribute('href'), l.textContent]),
    ).toEqual([
      ['/appointments', 'See your appointments'],
      ['/appointments', 'See your appointments'],
      ['/appointments', 'See your appointments'],
      ['/appointments', 'See your appointments'],
      ['/appointments', 'See your appointments'],
    ]);
    expect(all('activity-day-heading').at(-1)?.textContent).toBe('Sunday, March 1, 2026');
    expect(byTestId('activity-more')).toBeNull();
    close();
  });

  it('says when there is nothing yet', async () => {
    fakeApi({ 'GET /portal/timeline': () => json(200, { entries: [], next_cursor: null }) });
    const close = render();
    await vi.waitFor(() => expect(byTestId('activity-empty')?.textContent).toBe('Nothing to show yet.'));
    close();
  });

  it('says it in Spanish', async () => {
    localStorage.setItem('portico.language', 'es');
    api();
    const close = render();
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    await vi.waitFor(() => expect(said()[0]).toBe('Su equipo de atención le escribió en “Lab results”'));
    expect(said()).toEqual([
      'Su equipo de atención le escribió en “Lab results”',
      'Usted escribió a su equipo de atención en “A question”',
      'Usted aceptó Mensajes de texto',
      'La consulta registró que usted aceptó Mensajes de texto',
      'Usted dijo no, gracias a Telesalud',
      'La consulta registró que usted retiró su consentimiento a Mensajes por correo electrónico',
      'Usted inició sesión',
    ]);
    expect(all('activity-day-heading')[0]?.textContent).toBe('miércoles, 4 de marzo de 2026');
    expect(byTestId('activity-more')?.textContent).toBe('Ver anteriores');
    close();
  });
});
