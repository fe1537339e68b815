// Component tests: the Templates screen shows each template in English and in Spanish (need 14), and an
// admin rewords one language without touching the other (`PUT /staff/templates/{kind}?language=es`).
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../shared/api/fake-api';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { StatusLine, StatusProvider } from '../../shared/ui/components';
import { type S, session } from '../api';
import { english, loadCatalog } from '../catalog';
import { SignedInStaff } from '../parts';
import { byKind, Templates } from './Templates';

type Template = S['TemplateView'];
const template = (kind: S['TemplateKind'], language: S['Lang'], sms: string, customised = false): Template => ({
  kind,
  language,
  sms,
  customised,
  email_subject: null,
  email_body: null,
  placeholders: ['{practice_name}', '{practice_phone}', '{portal_link}'],
});
const TEMPLATES = [
  template('message_waiting', 'en', '{practice_name}: you have a new message. {portal_link}'),
  template('message_waiting', 'es', '{practice_name}: tiene un mensaje nuevo. {portal_link}'),
  template('help_reply', 'en', '{practice_name}: call {practice_phone}.', true),
  template('help_reply', 'es', '{practice_name}: llame al {practice_phone}.'),
];
const staffMember = (roles: S['Role'][]): S['StaffMemberView'] => ({
  staff_id: 'staff-ada',
  display_name: 'Ada',
  email: 'ada@riverside.example',
  roles,
  status: 'active',
  created_at: '2026-01-05T10:00:00Z',
});

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);

function render(roles: S['Role'][]) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/templates">
            <SignedInStaff.Provider value={staffMember(roles)}>
              <StatusLine />
              <Templates />
            </SignedInStaff.Provider>
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

function api() {
  return fakeApi({
    'GET /staff/templates': () => json(200, TEMPLATES),
    'PUT /staff/templates/help_reply': async (req) => {
      const language = new URL(req.url).searchParams.get('language') as S['Lang'];
      const body = (await req.json()) as S['TemplateUpdate'];
      return json(200, { ...template('help_reply', language, body.sms, true) });
    },
  });
}

beforeEach(() => session.start('staff-token', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
  localStorage.clear();
});

describe('the Templates screen', () => {
  it('shows every template in English and in Spanish, each wording marked with its language', async () => {
    api();
    const close = render(['front-desk']);
    await vi.waitFor(() => expect(byTestId('template-help_reply-es')).not.toBeNull());

    expect(byKind(TEMPLATES).map(([kind, ws]) => [kind, ws.map((w) => w.language)])).toEqual([
      ['message_waiting', ['en', 'es']],
      ['help_reply', ['en', 'es']],
    ]);
    const spanish = byTestId('template-message_waiting-es') as HTMLElement;
    expect(spanish.querySelector('h3')?.textContent).toBe('Spanish Portico default');
    expect(byTestId('template-sms-text', spanish)?.textContent).toBe(
      '{practice_name}: tiene un mensaje nuevo. {portal_link}',
    );
    expect(byTestId('template-sms-text', spanish)?.getAttribute('lang')).toBe('es');
    expect(byTestId('template-help_reply-en')?.querySelector('h3')?.textContent).toBe('English Practice wording');
    expect(byTestId('templates-languages')?.textContent).not.toMatch(/not available/);
    // The front desk reads them; only admins reword (the operation's x-roles).
    expect(byTestId('template-edit')).toBeNull();
    close();
  });

  it('lets an admin reword the Spanish text alone: sent for language=es, shown at once, English untouched', async () => {
    const fake = api();
    const close = render(['admin']);
    await vi.waitFor(() => expect(byTestId('template-help_reply-es')).not.toBeNull());
    const spanish = byTestId('template-help_reply-es') as HTMLElement;
    const edit = byTestId('template-edit', spanish) as HTMLButtonElement;
    expect(edit.textContent).toBe('Edit the Spanish wording');
    expect(document.getElementById(edit.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Help reply (HELP)');

    act(() => edit.click());
    const box = byTestId('template-sms-input', spanish) as HTMLTextAreaElement;
    await vi.waitFor(() => expect(document.activeElement).toBe(box));
    expect(box.getAttribute('lang')).toBe('es');
    expect(box.labels?.[0]?.textContent).toBe('Text message in Spanish');
    box.value = '{practice_name}: llámenos al {practice_phone}.';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    act(() => byTestId('template-save', spanish)?.click());

    await vi.waitFor(() =>
      expect(byTestId('template-sms-text', spanish)?.textContent).toBe(
        '{practice_name}: llámenos al {practice_phone}.',
      ),
    );
    const [sent] = fake.requests('PUT /staff/templates/help_reply');
    expect(new URL(sent?.url ?? '').searchParams.get('language')).toBe('es');
    expect(await sent?.json()).toEqual({
      sms: '{practice_name}: llámenos al {practice_phone}.',
      email_subject: null,
      email_body: null,
    });
    expect(byTestId('template-help_reply-es')?.dataset.customised).toBe('yes');
    expect(byTestId('template-sms-text', byTestId('template-help_reply-en') as HTMLElement)?.textContent).toBe(
      '{practice_name}: call {practice_phone}.',
    );
    expect(byTestId('app-status')?.textContent).toMatch(/The Spanish wording was saved\./);
    await vi.waitFor(() => expect(document.activeElement).toBe(byTestId('template-edit', spanish)));
    close();
  });

  it('words the languages in Spanish for a Spanish reader', async () => {
    localStorage.setItem('portico.language', 'es');
    api();
    const close = render(['admin']);
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    await vi.waitFor(() => expect(byTestId('template-help_reply-es')).not.toBeNull());
    const english = byTestId('template-help_reply-en') as HTMLElement;
    expect(english.querySelector('h3')?.textContent).toBe('Inglés Texto de la consulta');
    expect(byTestId('template-edit', english)?.textContent).toBe('Editar el texto en inglés');
    close();
  });
  it('names the appointment and waitlist templates, in English and in Spanish', async () => {
    const kinds: S['TemplateKind'][] = ['appointment_confirmed', 'confirm_in_portal', 'waitlist_offer'];
    fakeApi({
      'GET /staff/templates': () =>
        json(
          200,
          kinds.flatMap((kind) => [
            template(kind, 'en', '{practice_name}: {portal_link}'),
            template(kind, 'es', '{practice_name}: {portal_link}'),
          ]),
        ),
    });
    const heading = (kind: string) => byTestId(`template-${kind}`)?.querySelector('h2')?.textContent;
    let close = render(['front-desk']);
    await vi.waitFor(() => expect(byTestId('template-waitlist_offer')).not.toBeNull());
    expect(kinds.map(heading)).toEqual([
      'Appointment confirmed (answer to a "C" text)',
      'Confirm in the portal (a "C" that matched no single appointment)',
      'Waitlist offer (an earlier time)',
    ]);
    close();

    localStorage.setItem('portico.language', 'es');
    close = render(['front-desk']);
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    await vi.waitFor(() =>
      expect(heading('waitlist_offer')).toBe('Oferta de la lista de espera (una hora más temprana)'),
    );
    expect(heading('appointment_confirmed')).toBe('Cita confirmada (respuesta a un texto «C»)');
    expect(heading('confirm_in_portal')).toBe('Confirmar en el portal (una «C» que no corresponde a una sola cita)');
    close();
  });
});
