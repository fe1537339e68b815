// Component tests of the inbox rows: the patient's name from the row itself (no lookup per patient),
// and who wrote the newest shared message, when, and its first words (a note is never the preview:
// the server leaves notes out of `last_message`).
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json, type Route } from '../../shared/api/fake-api';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { StatusProvider } from '../../shared/ui/components';
import { type S, session } from '../api';
import { english, loadCatalog } from '../catalog';
import { SignedInStaff } from '../parts';
import { Inbox } from './Inbox';

const me: S['StaffMemberView'] = {
  staff_id: 'staff-ada',
  display_name: 'Ada',
  email: 'ada@riverside.example',
  roles: ['admin'],
  status: 'active',
  created_at: '2026-01-05T10:00:00Z',
};

const inboxRow = (
  thread_id: string,
  patient_id: string,
  extra: Partial<S['StaffThreadSummary']> = {},
): S['StaffThreadSummary'] => ({
  thread_id,
  patient_id,
  topic: 'clinical',
  subject: `Subject ${thread_id}`,
  status: 'open',
  assignee: null,
  last_activity_at: '2026-03-02T18:00:00Z',
  unread: 0,
  message_count: 2,
  last_message: null,
  patient: null,
  ...extra,
});

const rowOf = (id: string) => document.querySelector<HTMLElement>(`[data-testid="inbox-row"][data-thread-id="${id}"]`);
const inRow = (id: string, testid: string) => rowOf(id)?.querySelector<HTMLElement>(`[data-testid="${testid}"]`);

function openInbox(rows: S['StaffThreadSummary'][], more: Record<string, Route> = {}) {
  const api = fakeApi({
    'GET /staff/threads': () => json(200, { threads: rows, next_cursor: null }),
    'GET /staff/team': () => json(200, { staff: [me], next_cursor: null }),
    ...more,
  });
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/">
            <SignedInStaff.Provider value={me}>
              <Inbox />
            </SignedInStaff.Provider>
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return { api, close: () => act(() => root.unmount()) };
}

beforeEach(() => {
  vi.setSystemTime(new Date('2026-03-03T12:00:00Z'));
  session.start('h.e30.s', 300);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
});

describe('inbox rows', () => {
  it('say who wrote last, when, and how it began', async () => {
    const names = { given_name: 'Ann', family_name: 'Lee', preferred_name: null };
    const { close } = openInbox([
      inboxRow('th_1', 'pt_1', {
        patient: names,
        last_message: { from: 'patient', preview: 'Could you refill my inhaler?', at: '2026-02-10T15:00:00Z' },
      }),
      inboxRow('th_2', 'pt_1', {
        patient: names,
        last_message: { from: 'care_team', preview: '', at: '2026-02-09T15:00:00Z' },
      }),
      inboxRow('th_3', 'pt_1', { patient: names, last_message: null }),
    ]);
    await vi.waitFor(() => expect(rowOf('th_1')).not.toBeNull());

    expect(inRow('th_1', 'inbox-preview')?.textContent).toBe('Patient, Feb 10: Could you refill my inhaler?');
    expect(inRow('th_1', 'inbox-preview')?.querySelector('time')?.getAttribute('datetime')).toBe(
      '2026-02-10T15:00:00Z',
    );
    expect(inRow('th_2', 'inbox-preview')?.textContent).toBe('Care team, Feb 9: Files only, no text.');
    expect(inRow('th_3', 'inbox-preview')).toBeNull();
    close();
  });
});

describe('patient names on inbox rows', () => {
  it('come with the row: no patient is looked up', async () => {
    const { api, close } = openInbox([
      inboxRow('th_1', 'pt_1', { patient: { given_name: 'Ann', family_name: 'Lee', preferred_name: 'Annie' } }),
      inboxRow('th_2', 'pt_2', { patient: { given_name: 'Ben', family_name: 'Ortiz', preferred_name: null } }),
    ]);
    await vi.waitFor(() => expect(inRow('th_2', 'inbox-patient')?.textContent).toBe('Ben Ortiz'));
    expect(inRow('th_1', 'inbox-patient')?.textContent).toBe('Ann Lee (Annie)');
    expect(api.calls().filter((c) => c.startsWith('GET /staff/patients/'))).toEqual([]);
    close();
  });

  it('are looked up, once per patient, only for a row made before rows carried them', async () => {
    const patient = { patient_id: 'pt_3', given_name: 'Cara', family_name: 'Old', preferred_name: null };
    const { api, close } = openInbox(
      [
        inboxRow('th_1', 'pt_3'),
        inboxRow('th_2', 'pt_3'),
        inboxRow('th_3', 'pt_1', { patient: { given_name: 'Ann', family_name: 'Lee' } }),
      ],
      { 'GET /staff/patients/pt_3': () => json(200, patient) },
    );
    await vi.waitFor(() => expect(inRow('th_2', 'inbox-patient')?.textContent).toBe('Cara Old'));
    expect(inRow('th_3', 'inbox-patient')?.textContent).toBe('Ann Lee');
    expect(api.calls().filter((c) => c.startsWith('GET /staff/patients/'))).toEqual(['GET /staff/patients/pt_3']);
    close();
  });
});
