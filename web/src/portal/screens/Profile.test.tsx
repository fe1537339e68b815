// Component test: changing a sign-in address after the sign-in has aged. The server asks for a recent
// sign-in; the patient confirms it is them with a code sent to an address already on file, the fresh
// session replaces the old one, and the change goes through without being asked for again.
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
import { Profile } from './Profile';

const profile: S['ProfileView'] = {
  patient_id: 'pt_1',
  given_name: 'Ann',
  family_name: 'Example',
  date_of_birth: '1984-02-03',
  email: 'ann@example.com',
  phone: '+15555550101',
  language: 'en',
  time_zone: 'America/New_York',
};
const recentSignInRequired = {
  type: 'https://portico.health/problems/recent-sign-in-required',
  title: 'Sign in again to change this',
  status: 403,
};
const pending: S['PendingVerification'] = {
  challenge_id: 'cv_1',
  channel: 'email',
  destination: 'n•••@example.com',
  expires_in: 600,
  resend_after: 45,
};

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

/** Types into a field and lets the page render what was typed, as a person's next tap would. */
function type(id: string, value: string) {
  const input = byTestId(id) as HTMLInputElement;
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** The profile page, signed in since long enough for the server to want a new sign-in. */
function api(freshFor = 'pt_1') {
  return fakeApi({
    'GET /portal/me': () => json(200, profile),
    'PATCH /portal/me': (req) =>
      req.headers.get('Authorization') === 'Bearer fresh'
        ? json(200, { profile, verification: pending })
        : json(403, recentSignInRequired),
    'POST /auth/otp/start': () =>
      json(200, {
        challenge_id: 'ch_1',
        channel: 'sms',
        expires_in: 600,
        resend_after: 30,
      } satisfies S['CodeSentResponse']),
    'POST /auth/otp/verify': () =>
      json(200, { access_token: 'fresh', expires_in: 300, patient_id: freshFor, token_type: 'Bearer' }),
  });
}

async function openContactChange() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/profile">
            <Profile />
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  await vi.waitFor(() => expect(byTestId('contact-change-email')).not.toBeNull());
  byTestId('contact-change-email')?.click();
  await vi.waitFor(() => expect(byTestId('contact-input-email')).not.toBeNull());
  type('contact-input-email', 'new@example.com');
  byTestId('contact-send')?.click();
  await vi.waitFor(() => expect(byTestId('reauth')).not.toBeNull());
  return () => act(() => root.unmount());
}

beforeEach(() => {
  session.start('old', 300);
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
});

describe('changing a sign-in address with an aged sign-in', () => {
  it('asks the patient to confirm it is them, in a dialog that explains why', async () => {
    api();
    const close = await openContactChange();

    const dialog = byTestId('reauth') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    const title = document.getElementById(dialog.getAttribute('aria-labelledby') ?? '');
    expect(title?.textContent).toBe('For your security, confirm it’s you');
    expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /needs a recent sign-in/,
    );
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(byTestId('reauth-send-email')?.textContent).toBe('Email a code to a•••@example.com');
    expect(byTestId('reauth-send-sms')?.textContent).toBe('Text a code to •••• 0101');
    expect(byTestId('contact-error')).toBeNull();
    close();
  });

  it('signs in again with a code to the address on file, adopts the new token and retries the change', async () => {
    const fake = api();
    const close = await openContactChange();

    byTestId('reauth-send-sms')?.click();
    await vi.waitFor(() => expect(byTestId('reauth-code')).not.toBeNull());
    expect(document.activeElement).toBe(byTestId('reauth-code'));
    // Another code only once the server's resend_after has passed: the button counts down from it.
    expect(byTestId('reauth-resend')?.hasAttribute('disabled')).toBe(true);
    expect(byTestId('reauth-resend')?.textContent).toBe('Send a new code (wait 30 s)');
    expect(byTestId('reauth-wait')).toBeNull();
    expect(await fake.requests('POST /auth/otp/start')[0]?.json()).toEqual({
      channel: 'sms',
      address: '+15555550101',
    });
    type('reauth-code', '123456');
    byTestId('reauth-verify')?.click();

    await vi.waitFor(() => expect(byTestId('contact-code')).not.toBeNull());
    expect(byTestId('reauth')).toBeNull();
    expect(session.accessToken).toBe('fresh');
    expect(await fake.requests('POST /auth/otp/verify')[0]?.json()).toEqual({ challenge_id: 'ch_1', code: '123456' });
    const patches = fake.requests('PATCH /portal/me');
    expect(patches.map((r) => r.headers.get('Authorization'))).toEqual(['Bearer old', 'Bearer fresh']);
    expect(await patches[1]?.json()).toEqual({ email: 'new@example.com' });
    // What follows promises nothing: the new address may not be able to receive a code.
    expect(byTestId('contact-dest')?.textContent).toMatch(/^If n•••@example\.com can receive messages, a 6-digit code/);
    // Asking for another waits for the server's resend_after, counted down on the button, not as a message.
    expect(byTestId('contact-resend')?.hasAttribute('disabled')).toBe(true);
    expect(byTestId('contact-resend')?.textContent).toBe('Send a new code (wait 45 s)');
    expect(byTestId('contact-wait')).toBeNull();
    close();
  });

  it('goes back to the form, with the focus in it, when the patient cancels', async () => {
    const fake = api();
    const close = await openContactChange();

    byTestId('reauth-cancel')?.click();

    await vi.waitFor(() => expect(byTestId('reauth')).toBeNull());
    expect(document.activeElement).toBe(byTestId('contact-input-email'));
    expect((byTestId('contact-input-email') as HTMLInputElement).value).toBe('new@example.com');
    expect(fake.requests('PATCH /portal/me')).toHaveLength(1);
    expect(session.accessToken).toBe('old');
    close();
  });

  it('ends the session rather than show anything of someone else, should the code sign in another patient', async () => {
    const fake = api('pt_2');
    const ended = vi.fn();
    session.onEnded(ended);
    const close = await openContactChange();

    byTestId('reauth-send-email')?.click();
    await vi.waitFor(() => expect(byTestId('reauth-code')).not.toBeNull());
    type('reauth-code', '123456');
    byTestId('reauth-verify')?.click();

    await vi.waitFor(() => expect(ended).toHaveBeenCalledOnce());
    expect(session.signedIn).toBe(false);
    expect(fake.requests('PATCH /portal/me')).toHaveLength(1);
    session.onEnded(() => {});
    close();
  });
});

describe('after asking for a new address', () => {
  it('offers a different address, which starts again from an empty field', async () => {
    session.start('fresh', 300);
    api();
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    act(() =>
      root.render(
        <QueryClientProvider client={createQueryClient()}>
          <I18nProvider load={loadCatalog} english={english}>
            <StatusProvider path="/profile">
              <Profile />
            </StatusProvider>
          </I18nProvider>
        </QueryClientProvider>,
      ),
    );
    await vi.waitFor(() => expect(byTestId('contact-change-email')).not.toBeNull());
    byTestId('contact-change-email')?.click();
    await vi.waitFor(() => expect(byTestId('contact-input-email')).not.toBeNull());
    type('contact-input-email', 'new@example.com');
    byTestId('contact-send')?.click();
    await vi.waitFor(() => expect(byTestId('contact-code')).not.toBeNull());

    expect(byTestId('contact-different')?.textContent).toBe('Use a different email address');
    byTestId('contact-different')?.click();

    await vi.waitFor(() => expect(byTestId('contact-input-email')).not.toBeNull());
    expect((byTestId('contact-input-email') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(byTestId('contact-input-email'));
    act(() => root.unmount());
  });
});

describe('a new number the practice cannot text', () => {
  const abroad = {
    type: 'https://portico.health/problems/unprocessable',
    title: 'The request cannot be applied',
    status: 422,
    detail: 'Your practice cannot text numbers in that country. Use another number, or sign in by email.',
    errors: [{ field: 'phone', detail: 'is in a country the practice does not text' }],
  };

  async function askForAbroad(lang = 'en') {
    session.start('fresh', 300);
    const fake = fakeApi({
      'GET /portal/me': () => json(200, profile),
      'PATCH /portal/me': () => json(422, abroad),
    });
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    act(() =>
      root.render(
        <QueryClientProvider client={createQueryClient()}>
          <I18nProvider load={loadCatalog} english={english}>
            <StatusProvider path="/profile">
              <Profile />
            </StatusProvider>
          </I18nProvider>
        </QueryClientProvider>,
      ),
    );
    await vi.waitFor(() => expect(byTestId('contact-change-sms')).not.toBeNull());
    await vi.waitFor(() => expect(document.documentElement.lang).toBe(lang));
    byTestId('contact-change-sms')?.click();
    await vi.waitFor(() => expect(byTestId('contact-input-sms')).not.toBeNull());
    type('contact-input-sms', '+447700900123');
    byTestId('contact-send')?.click();
    await vi.waitFor(() => expect(byTestId('contact-input-sms')?.getAttribute('aria-invalid')).toBe('true'));
    const input = byTestId('contact-input-sms') as HTMLInputElement;
    const described = (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id));
    return {
      fake,
      input,
      fieldError: described.find((el) => el?.classList.contains('field-error'))?.textContent,
      close: () => act(() => root.unmount()),
    };
  }

  afterEach(() => localStorage.clear());

  it('says so next to the number, keeps what was typed, and puts the focus back there', async () => {
    const { fake, input, fieldError, close } = await askForAbroad();
    expect(fieldError).toBe('This mobile number is in a country the practice does not text.');
    expect(byTestId('contact-error')?.getAttribute('role')).toBe('alert');
    expect(byTestId('contact-error')?.textContent).toMatch(/cannot text numbers in that country/);
    expect(input.value).toBe('+447700900123');
    expect(document.activeElement).toBe(input);
    expect(byTestId('contact-code')).toBeNull();
    expect(await fake.requests('PATCH /portal/me')[0]?.json()).toEqual({ phone: '+447700900123' });
    close();
  });

  it('says it in Spanish with the catalog’s words (the server’s detail is English)', async () => {
    localStorage.setItem('portico.language', 'es');
    const { fieldError, close } = await askForAbroad('es');
    expect(fieldError).toBe('No podemos usar este número de celular. Revíselo o use otro.');
    close();
  });
});
