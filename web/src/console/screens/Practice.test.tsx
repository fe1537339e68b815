// Component tests: the practice's settings (admins). The form shows the settings as read and saves
// them on that version; a colleague who saved first (409) is said plainly, the edits stay, and a reload
// keeps them on top of the colleague's version; a field the server refuses is named next to it; a new
// consent version is published only after a confirmation that says what it does to patients; and the
// history says who changed which settings, when.
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json, type Route } from '../../shared/api/fake-api';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { limits } from '../../shared/limits';
import { StatusLine, StatusProvider } from '../../shared/ui/components';
import { type S, session } from '../api';
import { english, loadCatalog } from '../catalog';
import { SignedInStaff } from '../parts';
import { draftOf, rebase, updateOf, WAITLIST_BATCH } from '../settings-draft';
import { Practice } from './Practice';

type View = S['PracticeSettingsView'];
const member = (
  staff_id: string,
  display_name: string,
  status: S['AccountStatus'] = 'active',
): S['StaffMemberView'] => ({
  staff_id,
  display_name,
  email: `${display_name.toLowerCase()}@riverside.example`,
  roles: ['admin'],
  status,
  created_at: '2026-01-05T10:00:00Z',
});
const ada = member('staff-ada', 'Ada');
const cy = member('staff-cy', 'Cy');
const bo = member('staff-bo', 'Bo', 'disabled');

const documents: S['ConsentDocument'][] = [
  {
    kind: 'terms_of_use',
    version: 1,
    title: 'Portal terms of use',
    summary: 'How the portal may be used.',
    url: 'https://riverside.example/legal/terms',
    required: true,
  },
  {
    kind: 'sms_messages',
    version: 1,
    title: 'Text messages',
    summary: 'We may text you.',
    url: 'https://riverside.example/legal/sms',
    required: false,
  },
  {
    kind: 'telehealth',
    version: 2,
    title: 'Telehealth',
    summary: 'Care by secure video.',
    url: 'https://riverside.example/legal/telehealth',
    required: false,
  },
];

const settings = (over: Partial<View> = {}): View => ({
  practice_id: 'pr_1',
  name: 'Riverside Family Practice',
  slug: 'riverside',
  version: 4,
  custom_domains: [],
  sms_numbers: ['+15555554203'],
  country: 'US',
  contact_phone: '+15555554203',
  contact_email: 'frontdesk@riverside.example',
  logo_url: null,
  invite_ttl_hours: 24,
  message_retention_days: 2557,
  allowed_origins: ['http://crm.riverside.localhost:5173'],
  default_time_zone: 'America/New_York',
  care_teams: { clinical: ['staff-bo'] },
  sign_in_codes_per_hour: 300,
  sms_countries: [],
  consent_documents: documents,
  proxy_age_rules: { limited_from: 12, adult_at: 18, confidential_topics: ['clinical'] },
  appointment_reminder_hours: [48, 2],
  waitlist_batch: 3,
  ...over,
});

const history: S['SettingsHistory'] = {
  changes: [
    { version: 4, changed_by: 'staff-cy', at: '2026-03-03T22:05:00Z', fields: ['contact_phone', 'care_teams'] },
    { version: 3, changed_by: 'staff-ada', at: '2026-03-02T15:00:00Z', fields: ['consent_documents', 'brand_new'] },
  ],
  next_cursor: null,
};

const problem = (status: number, detail: string, errors?: S['FieldError'][]) =>
  json(status, {
    type: `https://portico.health/problems/${status === 409 ? 'conflict' : 'invalid-request'}`,
    title: 'Refused',
    status,
    detail,
    ...(errors ? { errors } : {}),
  });

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const allByTestId = (id: string) => Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
const field = (name: string) => byTestId(`practice-${name}`) as HTMLInputElement;
/** The words a control is described by (its hint and its error). */
const describedBy = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .filter(Boolean);
const sent = async (request: Request | undefined) => (request ? JSON.parse(await request.clone().text()) : null);

function render() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/practice">
            <SignedInStaff.Provider value={ada}>
              <StatusLine />
              <Practice />
            </SignedInStaff.Provider>
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

function api(routes: Record<string, Route> = {}) {
  return fakeApi({
    'GET /staff/practice': () => json(200, settings()),
    'GET /staff/practice/history': () => json(200, history),
    'GET /staff/team': () => json(200, { staff: [ada, cy, bo], next_cursor: null }),
    'PUT /staff/practice': async (req) => {
      const body = await req.json();
      return json(200, settings({ ...body, version: body.version + 1 }));
    },
    ...routes,
  });
}

async function open() {
  const close = render();
  await vi.waitFor(() => expect(field('invite_ttl_hours')?.value).toBe('24'));
  await vi.waitFor(() => expect(allByTestId('practice-care-member').length).toBeGreaterThan(0));
  return close;
}

function type(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

const careMember = (topic: string, id: string) =>
  byTestId(`practice-care-team-${topic}`)?.querySelector<HTMLInputElement>(`[data-staff-id="${id}"]`) ?? null;

beforeEach(() => session.start('staff-token', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
  localStorage.clear();
});

describe('the practice settings', () => {
  it("show the settings as read, the operator's own, the limits from the API document, and care teams from the active staff", async () => {
    api();
    const close = await open();

    expect(field('contact_phone').value).toBe('+15555554203');
    expect(field('allowed_origins').value).toBe('http://crm.riverside.localhost:5173');
    expect(field('default_time_zone').value).toBe('America/New_York');
    expect(byTestId('practice-version')?.textContent).toBe('Version 4');
    expect(byTestId('practice-sms-numbers')?.textContent).toBe('+15555554203');
    expect(byTestId('practice-domains')?.textContent).toBe('None');
    const { min, max } = limits.practice.inviteHours;
    expect(describedBy(field('invite_ttl_hours'))).toEqual([
      `How long an invitation link works: ${min} to ${max} hours.`,
    ]);
    expect(describedBy(field('message_retention_days'))[0]).toContain(
      `at least ${limits.practice.retentionMinDays} days`,
    );
    // Every label names its control.
    for (const control of document.querySelectorAll('[data-testid="practice-form"] :is(input, select, textarea)')) {
      const label = control.id ? document.querySelector(`label[for="${control.id}"]`) : null;
      expect(label?.textContent, control.outerHTML).toBeTruthy();
    }
    // Active staff to choose from, and a disabled member the team still holds, to take off.
    const clinical = byTestId('practice-care-team-clinical') as HTMLElement;
    expect(Array.from(clinical.querySelectorAll('label')).map((l) => l.textContent)).toEqual([
      'Ada',
      'Cy',
      'Bo (account disabled)',
    ]);
    expect(careMember('clinical', 'staff-bo')?.checked).toBe(true);
    expect(careMember('billing', 'staff-bo')).toBeNull();
    close();
  });

  it('save on the version read: numbers as numbers, lists split, blanks as null, care teams as chosen; then say so and read the history again', async () => {
    const fake = api();
    const close = await open();
    await vi.waitFor(() => expect(allByTestId('practice-change')).toHaveLength(2));

    type(field('invite_ttl_hours'), ' 48 ');
    type(field('contact_email'), '  ');
    type(field('sms_countries'), 'us, ca');
    type(field('allowed_origins'), 'https://crm.example.com\n\nhttps://billing.example.com');
    type(field('default_time_zone'), 'America/Chicago');
    act(() => careMember('clinical', 'staff-bo')?.click());
    act(() => careMember('scheduling', 'staff-cy')?.click());
    act(() => byTestId('practice-save')?.click());

    await vi.waitFor(() =>
      expect(byTestId('app-status')?.textContent).toMatch(/The settings were saved \(version 5\)\./),
    );
    const [put] = fake.requests('PUT /staff/practice');
    expect(await sent(put)).toEqual({
      version: 4,
      contact_phone: '+15555554203',
      contact_email: null,
      logo_url: null,
      invite_ttl_hours: 48,
      sign_in_codes_per_hour: 300,
      message_retention_days: 2557,
      default_time_zone: 'America/Chicago',
      sms_countries: ['US', 'CA'],
      allowed_origins: ['https://crm.example.com', 'https://billing.example.com'],
      care_teams: { scheduling: ['staff-cy'] },
    });
    expect(byTestId('practice-version')?.textContent).toBe('Version 5');
    await vi.waitFor(() => expect(fake.requests('GET /staff/practice/history')).toHaveLength(2));
    close();
  });

  it('say when nothing changed, and send nothing', async () => {
    const fake = api();
    const close = await open();
    act(() => byTestId('practice-save')?.click());
    await vi.waitFor(() => expect(byTestId('app-status')?.textContent).toMatch(/Nothing has changed/));
    expect(fake.requests('PUT /staff/practice')).toHaveLength(0);
    close();
  });

  it('say plainly when a colleague saved first, keep the edits, and on reload keep them on top of the colleague’s version', async () => {
    // A colleague saves version 5, with a new contact phone, while this admin edits version 4.
    let colleagueSaved = false;
    const fake = api({
      'GET /staff/practice': () =>
        json(200, colleagueSaved ? settings({ version: 5, contact_phone: '+15555550199' }) : settings()),
      'PUT /staff/practice': async (req) => {
        const body = await req.json();
        if (body.version < 5) return problem(409, 'The settings changed since you read them; reload and try again.');
        return json(200, settings({ ...body, version: 6 }));
      },
    });
    const close = await open();
    colleagueSaved = true;

    type(field('invite_ttl_hours'), '72');
    act(() => byTestId('practice-save')?.click());

    await vi.waitFor(() => expect(byTestId('practice-stale')).not.toBeNull());
    const stale = byTestId('practice-stale') as HTMLElement;
    expect(stale.getAttribute('role')).toBe('alert');
    expect(stale.textContent).toMatch(
      /^Someone else saved the settings after you opened them, so yours were not saved\./,
    );
    expect(document.activeElement).toBe(stale);
    expect(field('invite_ttl_hours').value).toBe('72');

    act(() => byTestId('practice-reload')?.click());

    await vi.waitFor(() => expect(byTestId('practice-version')?.textContent).toBe('Version 5'));
    expect(field('contact_phone').value).toBe('+15555550199'); // theirs
    expect(field('invite_ttl_hours').value).toBe('72'); // ours
    expect(byTestId('practice-stale')).toBeNull();
    expect(byTestId('app-status')?.textContent).toMatch(/reloaded \(version 5\); anything you had changed is kept/);

    act(() => byTestId('practice-save')?.click());
    await vi.waitFor(() => expect(byTestId('practice-version')?.textContent).toBe('Version 6'));
    const last = await sent(fake.requests('PUT /staff/practice').at(-1));
    expect(last).toMatchObject({ version: 5, invite_ttl_hours: 72, contact_phone: '+15555550199' });
    close();
  });

  it('name a field the server refuses next to it, and a whole number the form cannot read before any request', async () => {
    const fake = api({
      'PUT /staff/practice': () =>
        problem(400, 'The request has invalid fields.', [
          { field: 'invite_ttl_hours', detail: 'must be 1 to 168 hours' },
        ]),
    });
    const close = await open();

    type(field('sign_in_codes_per_hour'), 'lots');
    act(() => byTestId('practice-save')?.click());
    await vi.waitFor(() => expect(field('sign_in_codes_per_hour').getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(field('sign_in_codes_per_hour'))).toContain('Enter a whole number.');
    expect(byTestId('practice-error')?.textContent).toBe('Please check the highlighted answers.');
    expect(fake.requests('PUT /staff/practice')).toHaveLength(0);

    type(field('sign_in_codes_per_hour'), '300');
    type(field('invite_ttl_hours'), '500');
    act(() => byTestId('practice-save')?.click());

    await vi.waitFor(() => expect(field('invite_ttl_hours').getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(field('invite_ttl_hours'))).toContain('Must be 1 to 168 hours.');
    expect(field('sign_in_codes_per_hour').getAttribute('aria-invalid')).toBeNull();
    expect(byTestId('practice-error')?.getAttribute('role')).toBe('alert');
    expect(byTestId('practice-error')?.textContent).toBe('The request has invalid fields.');
    close();
  });

  it('edit the appointment reminder hours: shown as read, refused before any request when out of range or too many, sent as numbers only once changed', async () => {
    const fake = api();
    const close = await open();
    const hours = field('appointment_reminder_hours');
    expect(hours.value).toBe('48, 2');
    const { max, minHours, maxHours } = limits.practice.reminderHours;
    expect(describedBy(hours)[0]).toContain(`At most ${max}, each from ${minHours} to ${maxHours}.`);

    type(hours, '24, 200');
    act(() => byTestId('practice-save')?.click());
    await vi.waitFor(() => expect(hours.getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(hours)).toContain(
      `Enter at most ${max} whole numbers of hours, each from ${minHours} to ${maxHours}, separated by commas.`,
    );
    type(hours, '1, 2, 3, 4, 5, 6, 7');
    act(() => byTestId('practice-save')?.click());
    await vi.waitFor(() => expect(byTestId('practice-error')).not.toBeNull());
    expect(fake.requests('PUT /staff/practice')).toHaveLength(0);

    type(hours, '72, 24 3');
    act(() => byTestId('practice-save')?.click());
    await vi.waitFor(() => expect(fake.requests('PUT /staff/practice')).toHaveLength(1));
    expect(await sent(fake.requests('PUT /staff/practice')[0])).toMatchObject({
      appointment_reminder_hours: [72, 24, 3],
    });
    close();
  });

  it('edit how many waitlisted patients each freed time is offered to: shown as read, with the bounds from the API document, refused before any request outside them, sent only once changed', async () => {
    const fake = api();
    const close = await open();
    const batch = field('waitlist_batch');
    expect(batch.value).toBe('3');
    expect(batch.labels?.[0]?.textContent).toBe('Waitlist: patients offered each freed time');
    const { min, max } = WAITLIST_BATCH;
    expect([min, max]).toEqual([1, 10]);
    expect(describedBy(batch)[0]).toBe(
      'When a time frees up, it is offered to this many waitlisted patients at once (the first to claim it gets it). From 1 to 10.',
    );

    for (const wrong of ['0', '11', '2.5', 'three']) {
      type(batch, wrong);
      act(() => byTestId('practice-save')?.click());
      await vi.waitFor(() => expect(batch.getAttribute('aria-invalid')).toBe('true'));
      expect(describedBy(batch)).toContain('Enter a whole number from 1 to 10.');
    }
    expect(fake.requests('PUT /staff/practice')).toHaveLength(0);

    type(batch, ' 5 ');
    act(() => byTestId('practice-save')?.click());
    await vi.waitFor(() => expect(fake.requests('PUT /staff/practice')).toHaveLength(1));
    expect(await sent(fake.requests('PUT /staff/practice')[0])).toMatchObject({ version: 4, waitlist_batch: 5 });
    await vi.waitFor(() => expect(field('waitlist_batch').value).toBe('5'));
    expect(field('waitlist_batch').getAttribute('aria-invalid')).toBeNull();
    close();
  });

  it('name a refused care team by the care teams, and a refused field in Spanish with the catalog’s words', async () => {
    localStorage.setItem('portico.language', 'es');
    api({
      'PUT /staff/practice': () =>
        problem(400, 'The request has invalid fields.', [
          { field: 'care_teams', detail: 'staff-bo is not an active staff member of the practice' },
        ]),
    });
    const close = await open();
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    type(field('invite_ttl_hours'), '25');
    act(() => byTestId('practice-save')?.click());
    await vi.waitFor(() =>
      expect(byTestId('practice-care-teams-error')?.textContent).toBe(
        'No podemos usar este equipos de atención. Revíselo o use otro.',
      ),
    );
    expect(describedBy(byTestId('practice-care-teams') as HTMLElement)).toContain(
      'No podemos usar este equipos de atención. Revíselo o use otro.',
    );
    close();
  });

  it('list who changed which settings, when, by name and in the practice’s zone; a setting without words is named as sent', async () => {
    api();
    const close = render();
    await vi.waitFor(() => expect(allByTestId('practice-change')).toHaveLength(2));
    const [latest, earlier] = allByTestId('practice-change');
    expect(byTestId('practice-change-who', latest as HTMLElement)?.textContent).toBe('Cy');
    expect(byTestId('practice-change-fields', latest as HTMLElement)?.textContent).toBe(
      'Changed: Contact phone, Care teams',
    );
    expect(latest?.querySelector('time')?.textContent).toMatch(/^March 3, 2026 at 5:05\sPM$/);
    expect(byTestId('practice-change-who', earlier as HTMLElement)?.textContent).toBe('You');
    expect(byTestId('practice-change-fields', earlier as HTMLElement)?.textContent).toBe(
      'Changed: Consent documents, brand_new',
    );
    close();
  });

  it('say "not available yet" where the gateway has no settings route', async () => {
    api({ 'GET /staff/practice': () => new Response(null, { status: 404 }) });
    const close = render();
    await vi.waitFor(() => expect(byTestId('practice-unavailable')).not.toBeNull());
    expect(byTestId('practice-form')).toBeNull();
    close();
  });

  it('show a failed read as an error with Try again', async () => {
    api({ 'GET /staff/practice': () => problem(403, 'Your role does not allow this.') });
    const close = render();
    await vi.waitFor(() => expect(byTestId('load-error')?.textContent).toBe('Your role does not allow this.'));
    expect(byTestId('retry')).not.toBeNull();
    close();
  });
});

describe('publishing a consent version', () => {
  const publishApi = (publish?: Route) =>
    api({
      'POST /staff/practice/consents':
        publish ??
        (async (req) => {
          const body = await req.json();
          const consent_documents = documents.map((d) =>
            d.kind === body.kind ? { ...d, ...body, version: d.version + 1 } : d,
          );
          return json(201, settings({ version: body.version + 1, consent_documents }));
        }),
    });

  async function askToPublish(kind: S['ConsentKind'], edit: (form: HTMLElement) => void = () => {}) {
    type(byTestId('publish-kind') as HTMLSelectElement, kind);
    edit(byTestId('publish-form') as HTMLElement);
    // As a person presses it: focused, then pressed.
    byTestId('publish-open')?.focus();
    act(() => byTestId('publish-open')?.click());
    await vi.waitFor(() => expect(byTestId('publish-confirm')).not.toBeNull());
    const dialog = byTestId('publish-confirm') as HTMLDialogElement;
    return {
      dialog,
      title: document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent,
      body: document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
    };
  }

  it('of a required document says first that every patient is asked again at their next sign-in; publishes only when confirmed', async () => {
    const fake = publishApi();
    const close = await open();
    expect(allByTestId('practice-consent').map((d) => d.dataset.kind)).toEqual([
      'terms_of_use',
      'sms_messages',
      'telehealth',
    ]);

    const { dialog, title, body } = await askToPublish('terms_of_use', () =>
      type(byTestId('publish-summary') as HTMLTextAreaElement, 'How the portal may be used, revised.'),
    );
    expect(title).toBe('Publish version 2 of “Portal terms of use”?');
    expect(body).toMatch(/It is required: every patient is asked to accept it again at their next sign-in\./);
    expect(body).not.toMatch(/Texts to patients stop/);
    expect(byTestId('publish-confirm-yes')?.className).toMatch(/danger/);
    expect(document.activeElement).toBe(byTestId('publish-confirm-no'));
    expect(dialog.open).toBe(true);
    expect(fake.requests('POST /staff/practice/consents')).toHaveLength(0);

    act(() => byTestId('publish-confirm-yes')?.click());

    await vi.waitFor(() => expect(byTestId('publish-confirm')).toBeNull());
    expect(await sent(fake.requests('POST /staff/practice/consents')[0])).toEqual({
      version: 4,
      kind: 'terms_of_use',
      title: 'Portal terms of use',
      summary: 'How the portal may be used, revised.',
      url: 'https://riverside.example/legal/terms',
      required: true,
    });
    expect(byTestId('app-status')?.textContent).toMatch(/Version 2 of “Portal terms of use” is published\./);
    const terms = allByTestId('practice-consent').find((d) => d.dataset.kind === 'terms_of_use') as HTMLElement;
    expect(byTestId('practice-consent-version', terms)?.textContent).toBe('Version 2');
    // The settings' version moved on with it: a save now sends the new one.
    expect(byTestId('practice-version')?.textContent).toBe('Version 5');
    await vi.waitFor(() => expect(fake.requests('GET /staff/practice/history')).toHaveLength(2));
    close();
  });

  it('of an optional one says patients may go on without answering; of the text-message consent, that texts stop', async () => {
    const fake = publishApi();
    const close = await open();
    const tele = await askToPublish('telehealth');
    expect(tele.title).toBe('Publish version 3 of “Telehealth”?');
    expect(tele.body).toMatch(/It is optional: patients who answered an earlier version are offered the new one/);
    act(() => byTestId('publish-confirm-no')?.click());
    await vi.waitFor(() => expect(byTestId('publish-confirm')).toBeNull());
    expect(document.activeElement).toBe(byTestId('publish-open'));

    const texts = await askToPublish('sms_messages');
    expect(texts.body).toMatch(/Texts to patients stop until each of them agrees to the new version\./);
    // Made required: the required words, whatever the document was.
    act(() => byTestId('publish-confirm-no')?.click());
    await vi.waitFor(() => expect(byTestId('publish-confirm')).toBeNull());
    const required = await askToPublish('telehealth', () => act(() => byTestId('publish-required')?.click()));
    expect(required.body).toMatch(/It is required: every patient is asked to accept it again/);
    act(() => byTestId('publish-confirm-no')?.click());
    expect(fake.requests('POST /staff/practice/consents')).toHaveLength(0);
    close();
  });

  it('after a colleague saved first, says so by the form and keeps what was typed; a refused field is named next to it', async () => {
    let answer: Response = problem(409, 'The settings changed since you read them; reload and try again.');
    publishApi(() => answer);
    const close = await open();
    await askToPublish('telehealth', () => type(byTestId('publish-title') as HTMLInputElement, 'Video visits'));
    act(() => byTestId('publish-confirm-yes')?.click());

    await vi.waitFor(() => expect(byTestId('publish-stale')).not.toBeNull());
    expect(byTestId('publish-confirm')).toBeNull();
    expect(byTestId('publish-stale')?.textContent).toMatch(/Someone else changed the practice’s settings/);
    expect((byTestId('publish-title') as HTMLInputElement).value).toBe('Video visits');
    expect(byTestId('publish-reload')).not.toBeNull();

    answer = problem(400, 'The request has invalid fields.', [{ field: 'url', detail: 'must be an https URL' }]);
    act(() => byTestId('publish-open')?.click());
    await vi.waitFor(() => expect(byTestId('publish-confirm')).not.toBeNull());
    act(() => byTestId('publish-confirm-yes')?.click());
    const url = byTestId('publish-url') as HTMLInputElement;
    await vi.waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(url)).toContain('Must be an https URL.');
    expect(byTestId('publish-confirm')).toBeNull();
    expect(byTestId('publish-error')?.getAttribute('role')).toBe('alert');
    close();
  });
});

describe('the settings draft', () => {
  it('keeps what the admin changed on newer settings, and takes the rest from them', () => {
    const read = settings();
    const draft = {
      ...draftOf(read),
      invite_ttl_hours: '72',
      care_teams: { ...draftOf(read).care_teams, other: ['staff-cy'] },
    };
    const newer = settings({
      version: 9,
      contact_phone: '+15555550199',
      invite_ttl_hours: 12,
      care_teams: { billing: ['staff-ada'] },
    });
    const rebased = rebase(draft, read, newer);
    expect(rebased.invite_ttl_hours).toBe('72');
    expect(rebased.contact_phone).toBe('+15555550199');
    expect(rebased.care_teams).toEqual({ clinical: [], scheduling: [], billing: ['staff-ada'], other: ['staff-cy'] });
    // Reminder hours left as read are not sent (absent: unchanged), like the age rules.
    expect(updateOf(draftOf(read), read.version, read).update).not.toHaveProperty('appointment_reminder_hours');
    // So is the waitlist batch; an older server's settings without one show it empty and send none.
    expect(updateOf(draftOf(read), read.version, read).update).not.toHaveProperty('waitlist_batch');
    const older = { ...read, waitlist_batch: undefined } as unknown as View;
    expect(draftOf(older).waitlist_batch).toBe('');
    expect(updateOf({ ...draftOf(older), invite_ttl_hours: '48' }, older.version, older).update).not.toHaveProperty(
      'waitlist_batch',
    );
    expect(updateOf({ ...draft, message_retention_days: '7.5' }, 9)).toEqual({
      update: null,
      notNumbers: ['message_retention_days'],
    });
  });
});
