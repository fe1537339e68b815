// Component tests: the Team screen (who is on the staff and when they last signed in; an admin invites
// a staff member, changes a member's roles (asked first when a role is taken away, which signs them out
// at once), disables a colleague, or turns a disabled one back on, after a confirmation that says what
// it does; refusals shown in the dialog as alerts, fields the server refuses next to them) and
// colleagues' names wherever the console names an assignee or author (the team list, loaded once).
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json, type Route } from '../../shared/api/fake-api';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { StatusLine, StatusProvider } from '../../shared/ui/components';
import { type S, session } from '../api';
import { english, loadCatalog } from '../catalog';
import { SignedInStaff, useStaffLabel } from '../parts';
import { Team } from './Team';

type Member = S['StaffMemberView'];
const member = (
  staff_id: string,
  display_name: string,
  roles: S['Role'][],
  status: S['AccountStatus'] = 'active',
): Member => ({
  staff_id,
  display_name,
  email: `${display_name.toLowerCase()}@riverside.example`,
  roles,
  status,
  created_at: '2026-01-05T10:00:00Z',
});
const ada = { ...member('staff-ada', 'Ada', ['admin']), last_sign_in_at: '2026-03-03T15:05:00Z' };
const dee = member('staff-dee', 'Dee', ['front-desk']);
const bo = member('staff-bo', 'Bo', ['billing'], 'disabled');
const cy = member('staff-cy', 'Cy', ['clinician']);

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const rowOf = (id: string) =>
  Array.from(document.querySelectorAll<HTMLElement>('[data-testid="team-row"]')).find((r) => r.dataset.staffId === id);

function render(me: Member, children: ReactNode) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/team">
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

function api(
  disable: Route = (req) => json(200, { ...dee, status: 'disabled', staff_id: idOf(req) }),
  enable: Route = () => json(200, { ...bo, status: 'active' }),
  more: Record<string, Route> = {},
) {
  return fakeApi({
    'GET /staff/team': () => json(200, { staff: [ada, dee, bo], next_cursor: null }),
    'POST /staff/team/staff-dee/disable': disable,
    'POST /staff/team/staff-bo/enable': enable,
    ...more,
  });
}
const idOf = (req: Request) => new URL(req.url).pathname.split('/')[3] ?? '';

async function openTeam(me: Member = ada) {
  const close = render(me, <Team />);
  await vi.waitFor(() => expect(document.querySelectorAll('[data-testid="team-row"]')).toHaveLength(3));
  return close;
}

async function askToDisableDee() {
  byTestId('team-disable', rowOf('staff-dee'))?.click();
  await vi.waitFor(() => expect(byTestId('team-disable-confirm')).not.toBeNull());
  return byTestId('team-disable-confirm') as HTMLDialogElement;
}

beforeEach(() => {
  session.start('staff-token', 300);
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
  localStorage.clear();
});

describe('the Team screen', () => {
  it('lists each member with name, email, roles and account status; an admin may disable others, never themselves', async () => {
    api();
    const close = await openTeam();

    const dees = rowOf('staff-dee') as HTMLElement;
    expect(byTestId('team-name', dees)?.textContent).toBe('Dee');
    expect(byTestId('team-email', dees)?.textContent).toBe('dee@riverside.example');
    expect(byTestId('team-roles', dees)?.textContent).toBe('Front desk');
    expect(byTestId('team-status', dees)?.textContent).toBe('Active');
    expect(byTestId('team-status', rowOf('staff-bo'))?.textContent).toBe('Disabled');
    expect(byTestId('team-name', rowOf('staff-ada'))?.textContent).toBe('Ada (You)');
    // Only an active colleague can be disabled: not oneself, not someone already disabled.
    const buttons = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="team-disable"]'));
    expect(buttons.map((b) => b.closest('tr')?.dataset.staffId)).toEqual(['staff-dee']);
    expect(buttons[0]?.getAttribute('aria-label')).toBe('Disable Dee');
    // A disabled colleague can be turned back on.
    const enables = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="team-enable"]'));
    expect(enables.map((b) => b.closest('tr')?.dataset.staffId)).toEqual(['staff-bo']);
    expect(enables[0]?.getAttribute('aria-label')).toBe('Turn Bo back on');
    close();
  });

  it('offers no disabling to a member who is not an admin', async () => {
    api();
    const close = await openTeam(dee);
    expect(byTestId('team-disable')).toBeNull();
    expect(byTestId('team-enable')).toBeNull();
    expect(byTestId('invite-open')).toBeNull();
    expect(byTestId('team-roles-edit')).toBeNull();
    // Name, email, roles, account and last sign-in: no actions column.
    expect(document.querySelectorAll('thead th')).toHaveLength(5);
    close();
  });

  it('asks first, saying the colleague is signed out everywhere at once and cannot sign in; then disables, updates the row and says so', async () => {
    const fake = api();
    const close = await openTeam();

    const dialog = await askToDisableDee();
    expect(dialog.open).toBe(true);
    expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(
      'Disable the account of Dee?',
    );
    expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /Dee is signed out everywhere at once, on every device, and cannot sign in\./,
    );
    expect(document.activeElement).toBe(byTestId('team-disable-confirm-no'));
    expect(fake.requests('POST /staff/team/staff-dee/disable')).toHaveLength(0);

    byTestId('team-disable-confirm-yes')?.click();

    await vi.waitFor(() => expect(byTestId('team-disable-confirm')).toBeNull());
    expect(fake.requests('POST /staff/team/staff-dee/disable')).toHaveLength(1);
    expect(rowOf('staff-dee')?.dataset.status).toBe('disabled');
    expect(byTestId('team-disable')).toBeNull();
    expect(byTestId('app-status')?.textContent).toMatch(
      /The account of Dee is disabled: they were signed out everywhere\./,
    );
    await vi.waitFor(() => expect(document.activeElement).toBe(rowOf('staff-dee')?.querySelector('th')));
    close();
  });

  it('turns a disabled colleague back on after asking, saying they can sign in again; the row and the status line follow', async () => {
    const fake = api();
    const close = await openTeam();

    byTestId('team-enable', rowOf('staff-bo'))?.click();
    await vi.waitFor(() => expect(byTestId('team-enable-confirm')).not.toBeNull());
    const dialog = byTestId('team-enable-confirm') as HTMLDialogElement;
    expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(
      'Turn the account of Bo back on?',
    );
    expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Bo can sign in again, with the roles the account had.',
    );
    expect(byTestId('team-enable-confirm-yes')?.className).not.toMatch(/danger/);
    expect(document.activeElement).toBe(byTestId('team-enable-confirm-no'));
    expect(fake.requests('POST /staff/team/staff-bo/enable')).toHaveLength(0);

    byTestId('team-enable-confirm-yes')?.click();

    await vi.waitFor(() => expect(byTestId('team-enable-confirm')).toBeNull());
    expect(fake.requests('POST /staff/team/staff-bo/enable')).toHaveLength(1);
    expect(rowOf('staff-bo')?.dataset.status).toBe('active');
    expect(byTestId('team-status', rowOf('staff-bo'))?.textContent).toBe('Active');
    expect(byTestId('team-disable', rowOf('staff-bo'))).not.toBeNull();
    expect(byTestId('app-status')?.textContent).toMatch(/The account of Bo is active again: they can sign in\./);
    await vi.waitFor(() => expect(document.activeElement).toBe(rowOf('staff-bo')?.querySelector('th')));
    close();
  });

  it('says an admin can turn a disabled account back on, and words a refusal to do so', async () => {
    api(undefined, () =>
      json(403, { type: 'https://portico.health/problems/forbidden', title: 'Forbidden', status: 403 }),
    );
    const close = await openTeam();
    const dialog = await askToDisableDee();
    expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /An admin can turn the account back on later\.$/,
    );
    byTestId('team-disable-confirm-no')?.click();
    await vi.waitFor(() => expect(byTestId('team-disable-confirm')).toBeNull());

    byTestId('team-enable', rowOf('staff-bo'))?.click();
    await vi.waitFor(() => expect(byTestId('team-enable-confirm')).not.toBeNull());
    byTestId('team-enable-confirm-yes')?.click();
    await vi.waitFor(() =>
      expect(byTestId('team-enable-error')?.textContent).toBe('Only an admin can turn an account back on.'),
    );
    expect(rowOf('staff-bo')?.dataset.status).toBe('disabled');
    close();
  });

  it('keeps the dialog open with the refusal as an alert when the server says no, and cancelling goes back to the button', async () => {
    const fake = api(() =>
      json(409, {
        type: 'https://portico.health/problems/conflict',
        title: 'This changed since you last looked',
        status: 409,
        detail: 'You cannot disable your own account; ask another administrator.',
      }),
    );
    const close = await openTeam();
    await askToDisableDee();

    byTestId('team-disable-confirm-yes')?.click();

    await vi.waitFor(() => expect(byTestId('team-disable-error')).not.toBeNull());
    const alert = byTestId('team-disable-error') as HTMLElement;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe('You cannot disable your own account. Ask another admin.');
    expect(byTestId('team-disable-confirm')?.contains(alert)).toBe(true);
    expect(document.activeElement).toBe(alert);
    expect(rowOf('staff-dee')?.dataset.status).toBe('active');
    expect(fake.requests('POST /staff/team/staff-dee/disable')).toHaveLength(1);

    byTestId('team-disable-confirm-no')?.click();
    await vi.waitFor(() => expect(byTestId('team-disable-confirm')).toBeNull());
    expect(document.activeElement).toBe(byTestId('team-disable', rowOf('staff-dee')));
    close();
  });

  it('words a refusal in Spanish', async () => {
    localStorage.setItem('portico.language', 'es');
    api(() =>
      json(403, {
        type: 'https://portico.health/problems/forbidden',
        title: 'Forbidden',
        status: 403,
        detail: 'Your role does not allow this.',
      }),
    );
    const close = await openTeam();
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    const dialog = await askToDisableDee();
    expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(
      '¿Desactivar la cuenta de Dee?',
    );

    byTestId('team-disable-confirm-yes')?.click();

    await vi.waitFor(() =>
      expect(byTestId('team-disable-error')?.textContent).toBe('Solo un administrador puede desactivar una cuenta.'),
    );
    close();
  });
});

const problem = (status: number, detail: string, errors?: S['FieldError'][]) =>
  json(status, {
    type: `https://portico.health/problems/${status === 409 ? 'conflict' : status === 403 ? 'forbidden' : 'invalid-request'}`,
    title: 'Refused',
    status,
    detail,
    ...(errors ? { errors } : {}),
  });
const body = async (request: Request | undefined) => (request ? JSON.parse(await request.clone().text()) : null);
const described = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .filter(Boolean);
function type(testid: string, value: string) {
  const input = byTestId(testid) as HTMLInputElement;
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
/** Presses a button as a person does: focused, then pressed. */
function press(button: HTMLElement | null | undefined) {
  button?.focus();
  act(() => button?.click());
}

describe('inviting a staff member', () => {
  const invited = (req: Request) =>
    req
      .json()
      .then((b) =>
        json(201, { ...member('staff-new', b.display_name, b.roles), email: b.email, last_sign_in_at: null }),
      );

  it('sends the email, name and roles; the member is on the list at once, not signed in yet, and the status line says so', async () => {
    const fake = api(undefined, undefined, { 'POST /staff/team': invited });
    const close = await openTeam();
    expect(byTestId('team-last-sign-in', rowOf('staff-ada'))?.textContent).toMatch(/^March 3, 2026 at/);
    expect(byTestId('team-last-sign-in', rowOf('staff-dee'))?.textContent).toBe('Not yet');

    press(byTestId('invite-open'));
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('invite-title'));
    type('invite-email', ' eve@riverside.example ');
    type('invite-name', 'Eve');
    // Chosen in any order, sent in the document's order.
    act(() => byTestId('invite-role-billing')?.click());
    act(() => byTestId('invite-role-front-desk')?.click());
    act(() => byTestId('invite-send')?.click());

    await vi.waitFor(() => expect(rowOf('staff-new')).toBeDefined());
    expect(await body(fake.requests('POST /staff/team')[0])).toEqual({
      email: 'eve@riverside.example',
      display_name: 'Eve',
      roles: ['front-desk', 'billing'],
    });
    expect(byTestId('team-roles', rowOf('staff-new'))?.textContent).toBe('Front desk, Billing');
    expect(byTestId('team-last-sign-in', rowOf('staff-new'))?.textContent).toBe('Not yet');
    expect(byTestId('app-status')?.textContent).toMatch(
      /Eve is invited: an email with a temporary password is on its way to eve@riverside\.example\./,
    );
    expect(byTestId('invite-form')).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(rowOf('staff-new')?.querySelector('th')));
    close();
  });

  it('names a field the server refuses next to it, says an address already on the staff in the server’s words, and Cancel goes back', async () => {
    let answer = problem(400, 'The request has invalid fields.', [
      { field: 'email', detail: 'is not an email address' },
    ]);
    const fake = api(undefined, undefined, { 'POST /staff/team': () => answer });
    const close = await openTeam();
    press(byTestId('invite-open'));
    await vi.waitFor(() => expect(byTestId('invite-form')).not.toBeNull());
    type('invite-email', 'eve');
    act(() => byTestId('invite-send')?.click());

    const email = byTestId('invite-email') as HTMLInputElement;
    await vi.waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(described(email)).toContain('Is not an email address.');
    expect(byTestId('invite-error')?.getAttribute('role')).toBe('alert');

    answer = problem(409, 'That email already has a staff account.');
    act(() => byTestId('invite-send')?.click());
    await vi.waitFor(() =>
      expect(byTestId('invite-error')?.textContent).toBe('That email already has a staff account.'),
    );
    expect(email.getAttribute('aria-invalid')).toBeNull();
    expect(fake.requests('POST /staff/team')).toHaveLength(2);

    act(() => byTestId('invite-cancel')?.click());
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('invite-open')));
    expect(document.querySelectorAll('[data-testid="team-row"]')).toHaveLength(3);
    close();
  });

  it('words the refusals in Spanish', async () => {
    localStorage.setItem('portico.language', 'es');
    api(undefined, undefined, { 'POST /staff/team': () => problem(409, 'That email already has a staff account.') });
    const close = await openTeam();
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    press(byTestId('invite-open'));
    await vi.waitFor(() => expect(byTestId('invite-form')).not.toBeNull());
    act(() => byTestId('invite-send')?.click());
    await vi.waitFor(() =>
      expect(byTestId('invite-error')?.textContent).toBe('Ese correo ya tiene una cuenta del personal.'),
    );
    close();
  });
});

describe("changing a member's roles", () => {
  const setRoles = (who: Member) => async (req: Request) => json(200, { ...who, roles: (await req.json()).roles });
  async function editRolesOf(id: string) {
    press(byTestId('team-roles-edit', rowOf(id)));
    await vi.waitFor(() => expect(byTestId('roles-editor', rowOf(id))).not.toBeNull());
    return rowOf(id) as HTMLElement;
  }

  it('adds a role without asking (nobody is signed out), says before saving that taking one away signs them out, and updates the row', async () => {
    const fake = api(undefined, undefined, { 'PUT /staff/team/staff-dee/roles': setRoles(dee) });
    const close = await openTeam();
    expect(byTestId('team-roles-edit', rowOf('staff-dee'))?.getAttribute('aria-label')).toBe('Change roles for Dee');
    const row = await editRolesOf('staff-dee');
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('roles-admin', row)));
    expect(byTestId('roles-hint', row)?.textContent).toBe('Taking a role away signs Dee out at once, on every device.');
    expect(described(row.querySelector('fieldset') as HTMLElement)).toContain(
      'Taking a role away signs Dee out at once, on every device.',
    );
    expect((byTestId('roles-front-desk', row) as HTMLInputElement).checked).toBe(true);

    act(() => byTestId('roles-billing', row)?.click());
    act(() => byTestId('roles-save', row)?.click());

    await vi.waitFor(() => expect(byTestId('team-roles', rowOf('staff-dee'))?.textContent).toBe('Front desk, Billing'));
    expect(byTestId('roles-confirm')).toBeNull();
    expect(await body(fake.requests('PUT /staff/team/staff-dee/roles')[0])).toEqual({
      roles: ['front-desk', 'billing'],
    });
    expect(byTestId('app-status')?.textContent).toMatch(/The roles of Dee are now: Front desk, Billing\./);
    await vi.waitFor(() => expect(document.activeElement).toBe(rowOf('staff-dee')?.querySelector('th')));
    close();
  });

  it('asks first when a role is taken away, saying they are signed out at once; saves only when confirmed', async () => {
    const both = { ...dee, roles: ['front-desk', 'billing'] as S['Role'][] };
    const fake = fakeApi({
      'GET /staff/team': () => json(200, { staff: [ada, both, bo], next_cursor: null }),
      'PUT /staff/team/staff-dee/roles': setRoles(both),
    });
    const close = await openTeam();
    const row = await editRolesOf('staff-dee');
    act(() => byTestId('roles-front-desk', row)?.click());
    press(byTestId('roles-save', row));

    await vi.waitFor(() => expect(byTestId('roles-confirm')).not.toBeNull());
    const dialog = byTestId('roles-confirm') as HTMLDialogElement;
    expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(
      'Take Front desk away from Dee?',
    );
    expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Dee is signed out at once, on every device.They sign in again with: Billing.',
    );
    expect(document.activeElement).toBe(byTestId('roles-confirm-no'));
    expect(fake.requests('PUT /staff/team/staff-dee/roles')).toHaveLength(0);

    // Cancelled: nothing sent, the choice still there to change.
    act(() => byTestId('roles-confirm-no')?.click());
    await vi.waitFor(() => expect(byTestId('roles-confirm')).toBeNull());
    expect(fake.requests('PUT /staff/team/staff-dee/roles')).toHaveLength(0);
    expect(document.activeElement).toBe(byTestId('roles-save', row));

    press(byTestId('roles-save', row));
    await vi.waitFor(() => expect(byTestId('roles-confirm')).not.toBeNull());
    act(() => byTestId('roles-confirm-yes')?.click());

    await vi.waitFor(() => expect(byTestId('roles-confirm')).toBeNull());
    expect(await body(fake.requests('PUT /staff/team/staff-dee/roles')[0])).toEqual({ roles: ['billing'] });
    expect(byTestId('team-roles', rowOf('staff-dee'))?.textContent).toBe('Billing');
    expect(byTestId('app-status')?.textContent).toMatch(
      /The roles of Dee are now: Billing\. They were signed out, and sign in again with these\./,
    );
    close();
  });

  it('shows the server’s answer when an admin takes away their own admin role (in Spanish, the catalog’s words)', async () => {
    const refusal = () => problem(409, 'You cannot remove your own admin role; ask another administrator.');
    const fake = api(undefined, undefined, { 'PUT /staff/team/staff-ada/roles': refusal });
    const close = await openTeam();
    const row = await editRolesOf('staff-ada');
    expect(byTestId('roles-hint', row)?.textContent).toBe('Taking a role away signs you out at once, on every device.');
    act(() => byTestId('roles-clinician', row)?.click());
    act(() => byTestId('roles-admin', row)?.click());
    press(byTestId('roles-save', row));
    await vi.waitFor(() => expect(byTestId('roles-confirm')).not.toBeNull());
    const dialog = byTestId('roles-confirm') as HTMLDialogElement;
    expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(
      'Take Admin away from your account?',
    );
    act(() => byTestId('roles-confirm-yes')?.click());

    await vi.waitFor(() => expect(byTestId('roles-error')).not.toBeNull());
    const alert = byTestId('roles-error') as HTMLElement;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe('You cannot remove your own admin role; ask another administrator.');
    expect(dialog.contains(alert)).toBe(true);
    expect(document.activeElement).toBe(alert);
    expect(fake.requests('PUT /staff/team/staff-ada/roles')).toHaveLength(1);
    close();

    localStorage.setItem('portico.language', 'es');
    api(undefined, undefined, { 'PUT /staff/team/staff-ada/roles': refusal });
    const again = await openTeam();
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    const mine = await editRolesOf('staff-ada');
    act(() => byTestId('roles-admin', mine)?.click());
    act(() => byTestId('roles-clinician', mine)?.click());
    press(byTestId('roles-save', mine));
    await vi.waitFor(() => expect(byTestId('roles-confirm')).not.toBeNull());
    act(() => byTestId('roles-confirm-yes')?.click());
    await vi.waitFor(() =>
      expect(byTestId('roles-error')?.textContent).toBe(
        'No puede quitarse su propia función de administración. Pídaselo a otro administrador.',
      ),
    );
    again();
  });

  it('names a refused choice next to the roles, and Cancel goes back to the Change roles button', async () => {
    api(undefined, undefined, {
      'PUT /staff/team/staff-dee/roles': () =>
        problem(400, 'The request has invalid fields.', [{ field: 'roles', detail: 'give at least one role' }]),
    });
    const close = await openTeam();
    const row = await editRolesOf('staff-dee');
    act(() => byTestId('roles-front-desk', row)?.click());
    press(byTestId('roles-save', row));
    await vi.waitFor(() => expect(byTestId('roles-confirm')).not.toBeNull());
    // Nothing left to sign in with: the dialog says only that they are signed out.
    expect(byTestId('roles-confirm')?.textContent).not.toMatch(/sign in again with/);
    act(() => byTestId('roles-confirm-yes')?.click());

    await vi.waitFor(() => expect(byTestId('roles-field-error', row)?.textContent).toBe('Give at least one role.'));
    expect(byTestId('roles-confirm')).toBeNull();
    expect(described(row.querySelector('fieldset') as HTMLElement)).toContain('Give at least one role.');
    expect(byTestId('roles-admin', row)?.getAttribute('aria-invalid')).toBe('true');

    act(() => byTestId('roles-cancel', row)?.click());
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('team-roles-edit', rowOf('staff-dee'))));
    expect(byTestId('team-roles', rowOf('staff-dee'))?.textContent).toBe('Front desk');
    close();
  });
});

function Labels({ ids }: { ids: (string | null)[] }) {
  const who = useStaffLabel();
  return (
    <ul>
      {ids.map((id) => (
        <li key={String(id)} data-testid="label">
          {who(id)}
        </li>
      ))}
    </ul>
  );
}

describe("colleagues' names", () => {
  const labels = () => Array.from(document.querySelectorAll('[data-testid="label"]')).map((el) => el.textContent);

  it('come from the team list, read once, every page of it, for every place that names someone', async () => {
    const fake = fakeApi({
      'GET /staff/team': (req) =>
        new URL(req.url).searchParams.get('cursor') === 'page-2'
          ? json(200, { staff: [cy], next_cursor: null })
          : json(200, { staff: [ada, dee], next_cursor: 'page-2' }),
    });
    const close = render(
      ada,
      <>
        <Labels ids={['staff-dee', 'staff-cy', 'staff-ada', null, 'staff-gone']} />
        <Labels ids={['staff-dee']} />
      </>,
    );

    await vi.waitFor(() => expect(labels()).toEqual(['Dee', 'Cy', 'You', 'Unassigned', 'Colleague staff-gone', 'Dee']));
    expect(fake.requests('GET /staff/team')).toHaveLength(2);
    close();
  });
});
