// Component test: each task names its patient from the task itself (`patient`), with no lookup per
// patient, and opens the conversation it is about; a payment dispute opens the patient's Billing tab
// for those who may read it.
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
import { Tasks } from './Tasks';

const me: S['StaffMemberView'] = {
  staff_id: 'staff-ada',
  display_name: 'Ada',
  email: 'ada@riverside.example',
  roles: ['admin'],
  status: 'active',
  created_at: '2026-01-05T10:00:00Z',
};

const task = (task_id: string, patient: S['PatientNames']): S['TaskView'] => ({
  task_id,
  kind: 'respond_to_message',
  status: 'open',
  patient_id: `pt_${task_id}`,
  patient,
  subject: `th_${task_id}`,
  team: 'clinical',
  assignee: null,
  due_at: '2099-01-01T00:00:00Z',
  created_at: '2026-03-01T00:00:00Z',
});

beforeEach(() => session.start('h.e30.s', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
});

describe('tasks', () => {
  it('name the patient from the task, with no lookup', async () => {
    const api = fakeApi({
      'GET /staff/tasks': () =>
        json(200, {
          tasks: [
            task('1', { given_name: 'Ann', family_name: 'Lee', preferred_name: null }),
            task('2', { given_name: 'Benjamin', family_name: 'Ortiz', preferred_name: 'Ben' }),
          ],
          next_cursor: null,
        }),
      'GET /staff/team': () => json(200, { staff: [me], next_cursor: null }),
    });
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    act(() =>
      root.render(
        <QueryClientProvider client={createQueryClient()}>
          <I18nProvider load={loadCatalog} english={english}>
            <StatusProvider path="/tasks">
              <SignedInStaff.Provider value={me}>
                <Tasks />
              </SignedInStaff.Provider>
            </StatusProvider>
          </I18nProvider>
        </QueryClientProvider>,
      ),
    );
    await vi.waitFor(() => expect(document.querySelectorAll('[data-testid="task-row"]')).toHaveLength(2));
    const names = Array.from(document.querySelectorAll('[data-testid="task-patient"]')).map((n) => n.textContent);
    expect(names).toEqual(['Ann Lee', 'Benjamin Ortiz (Ben)']);
    expect(document.querySelector('[data-testid="task-open"]')?.getAttribute('href')).toBe('/threads/pt_1/th_1');
    expect(api.calls().filter((c) => c.startsWith('GET /staff/patients/'))).toEqual([]);
    act(() => root.unmount());
  });

  it('call a payment dispute so and open the patient’s Billing tab, only for those who may read it', async () => {
    const dispute: S['TaskView'] = {
      ...task('3', { given_name: 'Ann', family_name: 'Lee', preferred_name: null }),
      kind: 'payment_dispute',
      subject: 'dp_1Abc',
      team: 'billing',
    };
    fakeApi({
      'GET /staff/tasks': () => json(200, { tasks: [dispute], next_cursor: null }),
      'GET /staff/team': () => json(200, { staff: [me], next_cursor: null }),
    });
    for (const roles of [['billing'], ['front-desk']] as S['Role'][][]) {
      const host = document.createElement('div');
      document.body.append(host);
      const root = createRoot(host);
      act(() =>
        root.render(
          <QueryClientProvider client={createQueryClient()}>
            <I18nProvider load={loadCatalog} english={english}>
              <StatusProvider path="/tasks">
                <SignedInStaff.Provider value={{ ...me, roles }}>
                  <Tasks />
                </SignedInStaff.Provider>
              </StatusProvider>
            </I18nProvider>
          </QueryClientProvider>,
        ),
      );
      await vi.waitFor(() =>
        expect(host.querySelector('[data-testid="task-row"] strong')?.textContent).toBe('Payment dispute'),
      );
      const open = host.querySelector('[data-testid="task-open"]');
      if (roles[0] === 'billing') expect(open?.getAttribute('href')).toBe('/patients/pt_3/billing');
      else expect(open).toBeNull();
      act(() => root.unmount());
      host.remove();
    }
  });
});
