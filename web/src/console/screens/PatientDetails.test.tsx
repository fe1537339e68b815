// Component tests: correcting a patient's record from the chart (`PATCH /staff/patients/{id}`), for
// admins and the front desk only. Only what changed is sent, on the version read, an emptied optional
// field as null; a change of email or mobile asks first and says what follows; a refused field is
// named next to it (the server's words in English, the catalog's in Spanish); a 409 keeps the edits
// and Reload puts them on the record as it is now; after saving, the status line names what changed
// and the chart shows the answer.
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
import { changedFields, patientDraftOf, patientUpdateOf, rebasePatient } from '../patient-draft';
import { PatientChart } from './Patients';

const ann: S['PatientView'] = {
  patient_id: 'pt_1',
  given_name: 'Ann',
  family_name: 'Lee',
  preferred_name: null,
  pronouns: 'she/her',
  date_of_birth: '1984-07-02',
  email: 'ann@example.com',
  phone: '+15555550101',
  language: 'en',
  time_zone: 'America/New_York',
  status: 'active',
  invitation_sent: true,
  created_at: '2026-01-05T10:00:00Z',
  updated_at: '2026-01-05T10:00:00Z',
  version: 4,
};

const facts: S['PatientContactView'] = {
  consents: { consents: [], history: [] },
  preferences: {
    time_zone: 'America/New_York',
    email: { messages: true, appointment_reminders: true, billing: true, marketing: false },
    sms: { messages: true, appointment_reminders: true, billing: true, marketing: false },
    quiet_hours: null,
  },
  sms_opted_out: false,
  notices: { email: { reachable: true, blocked_by: null }, sms: { reachable: true, blocked_by: null } },
  recent_notifications: [],
};

const problem = (status: number, detail: string, errors?: S['FieldError'][]) =>
  json(status, {
    type: `https://portico.health/problems/${status === 409 ? 'conflict' : 'invalid-request'}`,
    title: status === 409 ? 'This changed since you last looked' : 'Your request could not be read',
    status,
    detail,
    instance: '/staff/patients/pt_1',
    request_id: 'req-1',
    ...(errors ? { errors } : {}),
  });

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);

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

function api(patch: Route, read: () => S['PatientView'] = () => ann) {
  return fakeApi({
    'GET /staff/patients/pt_1': () => json(200, read()),
    'GET /staff/patients/pt_1/contact': () => json(200, facts),
    'PATCH /staff/patients/pt_1': patch,
  });
}

/** Opens the form (loaded on demand) and waits for it. */
async function openForm() {
  await vi.waitFor(() => expect(byTestId('patient-edit-open')).not.toBeNull());
  act(() => byTestId('patient-edit-open')?.click());
  await vi.waitFor(() => expect(byTestId('patient-edit-form')).not.toBeNull(), { timeout: 5_000 });
}

function type(testid: string, value: string) {
  const input = byTestId(testid) as HTMLInputElement | HTMLSelectElement;
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

const save = () => act(() => byTestId('patient-edit-save')?.click());
const bodies = async (fake: ReturnType<typeof api>) =>
  Promise.all(fake.requests('PATCH /staff/patients/pt_1').map((r) => r.clone().json()));
/** The texts an input is described by: its hint and, when refused, its error. */
const describedBy = (testid: string) =>
  (byTestId(testid)?.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent);

beforeEach(() => session.start('staff-token', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
  localStorage.clear();
});

describe('the draft of a correction', () => {
  it('sends only what changed, on the version read; an emptied optional field is null, an emptied name is sent to be refused', () => {
    const draft = { ...patientDraftOf(ann), pronouns: '  ', given_name: ' Anne ', phone: '+15555550101 ' };
    expect(changedFields(draft, ann)).toEqual(['given_name', 'pronouns']);
    expect(patientUpdateOf(draft, ann)).toEqual({ version: 4, given_name: 'Anne', pronouns: null });
    expect(patientUpdateOf(patientDraftOf(ann), ann)).toBeNull();
    expect(patientUpdateOf({ ...patientDraftOf(ann), family_name: '' }, ann)).toEqual({ version: 4, family_name: '' });
  });
  it("keeps this staff member's changes on a colleague's newer record", () => {
    const newer = { ...ann, pronouns: 'they/them', phone: '+15555550199', version: 5 };
    const draft = { ...patientDraftOf(ann), email: 'ann.lee@example.com' };
    expect(rebasePatient(draft, ann, newer)).toEqual({
      ...patientDraftOf(newer),
      email: 'ann.lee@example.com',
    });
  });
});

describe("correcting a patient's record", () => {
  it('is offered to admins and the front desk, not to clinicians or billing', async () => {
    for (const [roles, offered] of [
      [['admin'], true],
      [['front-desk'], true],
      [['clinician'], false],
      [['billing'], false],
    ] as [S['Role'][], boolean][]) {
      api(() => json(500, {}));
      const close = render(roles);
      await vi.waitFor(() => expect(byTestId('chart-email')).not.toBeNull());
      expect(byTestId('patient-edit-open') !== null, roles.join()).toBe(offered);
      close();
      vi.unstubAllGlobals();
    }
  });

  it('sends only the changed fields with the version read, says what changed, and shows the answer on the chart', async () => {
    const fake = api(() =>
      json(200, {
        patient: { ...ann, preferred_name: 'Annie', pronouns: null, version: 5 },
        changed: ['preferred_name', 'pronouns'],
      }),
    );
    const close = render();
    await openForm();
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('patient-edit-title')));
    expect((byTestId('patient-edit-email') as HTMLInputElement).value).toBe('ann@example.com');
    type('patient-edit-preferred_name', 'Annie');
    type('patient-edit-pronouns', '');
    save();

    await vi.waitFor(() => expect(byTestId('patient-edit-form')).toBeNull());
    expect(await bodies(fake)).toEqual([{ version: 4, preferred_name: 'Annie', pronouns: null }]);
    expect(byTestId('patient-edit-confirm')).toBeNull();
    expect(byTestId('app-status')?.textContent).toMatch(
      /^The details of Ann Lee \(Annie\) are saved\. Changed: Preferred name, Pronouns\./,
    );
    expect(byTestId('chart-preferred-name')?.textContent).toBe('Annie');
    expect(byTestId('chart-pronouns')?.textContent).toBe('None');
    expect(byTestId('chart-name')?.textContent).toBe('Ann Lee (Annie)');
    // The facts are read again (how the patient is reached follows the record), and the focus is back.
    await vi.waitFor(() => expect(fake.requests('GET /staff/patients/pt_1/contact')).toHaveLength(2));
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('patient-edit-open')));
    close();
  });

  it('sends nothing when nothing changed, and says so', async () => {
    const fake = api(() => json(500, {}));
    const close = render();
    await openForm();
    type('patient-edit-given_name', ' Ann ');
    save();
    await vi.waitFor(() =>
      expect(byTestId('app-status')?.textContent).toMatch(/^Nothing was changed, so the patient was not told\./),
    );
    expect(fake.requests('PATCH /staff/patients/pt_1')).toHaveLength(0);
    close();
  });

  it('asks before a change of email or mobile, saying who is told and what ends; No sends nothing', async () => {
    const fake = api(() =>
      json(200, {
        patient: { ...ann, email: 'ann.lee@example.com', phone: null, version: 5 },
        changed: ['email', 'phone'],
      }),
    );
    const close = render();
    await openForm();
    type('patient-edit-email', 'ann.lee@example.com');
    type('patient-edit-phone', '');
    save();

    const dialog = byTestId('patient-edit-confirm') as HTMLElement;
    expect(dialog.querySelector('h2')?.textContent).toBe('Change how Ann Lee signs in?');
    expect(Array.from(dialog.querySelectorAll('p')).map((p) => p.textContent)).toEqual([
      'Ann Lee is told that the practice updated their record, without the details.',
      'ann@example.com is told that it no longer signs them in.',
      '+15555550101 is told that it no longer signs them in.',
      'Their current sessions end, and an invitation link they have not used stops working.',
      'ann.lee@example.com signs them in from now on: check it with them.',
    ]);
    act(() => byTestId('patient-edit-confirm-no')?.click());
    expect(byTestId('patient-edit-confirm')).toBeNull();
    expect(fake.requests('PATCH /staff/patients/pt_1')).toHaveLength(0);

    save();
    act(() => byTestId('patient-edit-confirm-yes')?.click());
    await vi.waitFor(() => expect(byTestId('patient-edit-form')).toBeNull());
    expect(await bodies(fake)).toEqual([{ version: 4, email: 'ann.lee@example.com', phone: null }]);
    expect(byTestId('chart-email')?.textContent).toBe('ann.lee@example.com');
    expect(byTestId('app-status')?.textContent).toMatch(/Changed: Email, Mobile\./);
    close();
  });

  it('says only that a new address signs them in when none is given up', async () => {
    api(
      () => json(500, {}),
      () => ({ ...ann, phone: null }),
    );
    const close = render();
    await openForm();
    type('patient-edit-phone', '+15555550123');
    save();
    const words = Array.from(byTestId('patient-edit-confirm')?.querySelectorAll('p') ?? []).map((p) => p.textContent);
    expect(words).toEqual([
      'Ann Lee is told that the practice updated their record, without the details.',
      '+15555550123 signs them in from now on: check it with them.',
    ]);
    close();
  });

  for (const [lang, emailError, alert] of [
    [
      'en',
      'Cannot be removed with the phone number: the patient needs one to sign in.',
      'The request has invalid fields.',
    ],
    [
      'es',
      'No podemos usar este correo electrónico. Revíselo o use otro.',
      'Eso no funcionó. Revise e inténtelo de nuevo.',
    ],
  ] as const) {
    it(`names a refused field next to it, after the confirmation closes (${lang})`, async () => {
      if (lang === 'es') localStorage.setItem('portico.language', 'es');
      api(() =>
        problem(400, 'The request has invalid fields.', [
          { field: 'email', detail: 'cannot be removed with the phone number: the patient needs one to sign in' },
        ]),
      );
      const close = render();
      await openForm();
      type('patient-edit-email', '');
      type('patient-edit-phone', '');
      save();
      act(() => byTestId('patient-edit-confirm-yes')?.click());

      const email = () => byTestId('patient-edit-email') as HTMLInputElement;
      await vi.waitFor(() => expect(email().getAttribute('aria-invalid')).toBe('true'));
      expect(byTestId('patient-edit-confirm')).toBeNull();
      expect(describedBy('patient-edit-email')).toContain(emailError);
      expect(byTestId('patient-edit-error')?.textContent).toBe(alert);
      expect(byTestId('patient-edit-phone')?.getAttribute('aria-invalid')).toBeNull();
      expect(email().value).toBe('');
      close();
    });
  }

  it("keeps the edits on a 409, says the server's reason, and Reload puts them on the record as it is now", async () => {
    let record = ann;
    let answer: () => Response = () =>
      problem(409, "The patient's record changed since you opened it; reload and try again.");
    const fake = api(
      () => answer(),
      () => record,
    );
    const close = render();
    await openForm();
    type('patient-edit-pronouns', 'they/them');
    // A colleague corrects the mobile number meanwhile.
    record = { ...ann, phone: '+15555550199', version: 5 };
    save();

    await vi.waitFor(() =>
      expect(byTestId('patient-edit-stale')?.textContent).toMatch(
        /^The patient's record changed since you opened it; reload and try again\.Your changes are still in the form\./,
      ),
    );
    expect((byTestId('patient-edit-pronouns') as HTMLInputElement).value).toBe('they/them');
    act(() => byTestId('patient-edit-reload')?.click());
    await vi.waitFor(() => expect((byTestId('patient-edit-phone') as HTMLInputElement).value).toBe('+15555550199'));
    expect((byTestId('patient-edit-pronouns') as HTMLInputElement).value).toBe('they/them');
    expect(byTestId('patient-edit-stale')).toBeNull();

    answer = () => json(200, { patient: { ...record, pronouns: 'they/them', version: 6 }, changed: ['pronouns'] });
    save();
    await vi.waitFor(() => expect(byTestId('patient-edit-form')).toBeNull());
    expect((await bodies(fake)).at(-1)).toEqual({ version: 5, pronouns: 'they/them' });
    expect(byTestId('chart-phone')?.textContent).toBe('+15555550199');
    close();
  });

  for (const [lang, words] of [
    ['en', 'Another patient of this practice already uses that email address.'],
    [
      'es',
      'No se guardaron estos datos: otra persona cambió el expediente después de que lo abriera, o la dirección es de otro paciente.',
    ],
  ] as const) {
    it(`says an address is another patient's in the server's words, the catalog's in Spanish (${lang})`, async () => {
      if (lang === 'es') localStorage.setItem('portico.language', 'es');
      api(() => problem(409, 'Another patient of this practice already uses that email address.'));
      const close = render();
      await openForm();
      type('patient-edit-email', 'ben@example.com');
      save();
      act(() => byTestId('patient-edit-confirm-yes')?.click());
      await vi.waitFor(() => expect(byTestId('patient-edit-stale')).not.toBeNull());
      expect(byTestId('patient-edit-stale')?.querySelector('p')?.textContent).toBe(words);
      expect(byTestId('patient-edit-confirm')).toBeNull();
      expect((byTestId('patient-edit-email') as HTMLInputElement).value).toBe('ben@example.com');
      close();
    });
  }

  it('asks in Spanish', async () => {
    localStorage.setItem('portico.language', 'es');
    api(() => json(500, {}));
    const close = render();
    await openForm();
    type('patient-edit-email', 'ann.lee@example.com');
    save();
    const dialog = byTestId('patient-edit-confirm') as HTMLElement;
    expect(dialog.querySelector('h2')?.textContent).toBe('¿Cambiar cómo inicia sesión Ann Lee?');
    expect(Array.from(dialog.querySelectorAll('p')).map((p) => p.textContent)).toEqual([
      'Se avisa a Ann Lee de que el consultorio actualizó su expediente, sin los detalles.',
      'Se avisa a ann@example.com de que ya no sirve para iniciar sesión.',
      'Sus sesiones actuales terminan, y un enlace de invitación que no haya usado deja de funcionar.',
      'ann.lee@example.com sirve para iniciar sesión desde ahora: confírmelo con el paciente.',
    ]);
    close();
  });
});
