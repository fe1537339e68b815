// Component tests of the sign-in page: the practice named in the header and in the help for a code
// that does not arrive (its number a link a phone can dial), from `GET /auth/practice`; "send a new
// code" held back for the server's `resend_after`.
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../shared/api/fake-api';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { StatusProvider } from '../../shared/ui/components';
import type { S } from '../api';
import { english, loadCatalog } from '../catalog';
import { clearChallenge, saveChallenge } from '../challenge';
import { Header } from '../parts/Header';
import { SignIn } from './SignIn';

const riverside: S['PracticeInfo'] = {
  name: 'Riverside Family Practice',
  logo_url: null,
  phone: '+15555554203',
  email: 'frontdesk@riverside.example',
};

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

/** The sign-in page at its code step (a challenge waiting, as after a reload), under the header. */
function openCodeStep(resendAt = 0) {
  saveChallenge({
    challengeId: 'ch_1',
    channel: 'email',
    masked: 'a•••@example.com',
    expiresAt: Date.now() + 600_000,
    resendAt,
  });
  return openSignIn();
}

function openSignIn() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/sign-in">
            <Header signedIn={false} checking={false} onSignOut={() => {}} />
            <SignIn notice={null} onSignedIn={() => {}} />
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

afterEach(() => {
  vi.unstubAllGlobals();
  clearChallenge();
  document.body.replaceChildren();
});

describe('the practice on the sign-in page', () => {
  it('names the practice in the header and says to call it at its number, as a tel: link', async () => {
    const api = fakeApi({ 'GET /auth/practice': () => json(200, riverside) });
    const close = openCodeStep();

    await vi.waitFor(() =>
      expect(byTestId('signin-help-call')?.textContent).toBe(
        'Still nothing? Call Riverside Family Practice at (555) 555-4203: they can check the address they have on file.',
      ),
    );
    expect(byTestId('signin-help-phone')?.getAttribute('href')).toBe('tel:+15555554203');
    expect(byTestId('brand-name')?.textContent).toBe('Riverside Family Practice');
    // One read serves both.
    expect(api.calls().filter((c) => c === 'GET /auth/practice')).toHaveLength(1);
    close();
  });

  it('names the practice without a number when it has none, and falls back to "your practice" without an answer', async () => {
    fakeApi({ 'GET /auth/practice': () => json(200, { ...riverside, phone: null }) });
    let close = openCodeStep();
    await vi.waitFor(() =>
      expect(byTestId('signin-help-call')?.textContent).toBe(
        'Still nothing? Call Riverside Family Practice: they can check the address they have on file.',
      ),
    );
    expect(byTestId('signin-help-phone')).toBeNull();
    close();
    document.body.replaceChildren();

    fakeApi({
      'GET /auth/practice': () => json(404, { type: 'https://portico.health/problems/not-found', status: 404 }),
    });
    close = openCodeStep();
    await vi.waitFor(() => expect(byTestId('brand-name')?.textContent).toBe('Patient portal'));
    expect(byTestId('signin-help-call')?.textContent).toMatch(/^Still nothing\? Call your practice/);
    close();
  });
});

describe('sending a new code', () => {
  // The page's clock stands still, so the countdown reads the same whenever the test looks at it.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-03T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());
  const sent: S['CodeSentResponse'] = { challenge_id: 'ch_2', channel: 'email', expires_in: 600, resend_after: 40 };

  it('waits for the resend_after of the code just sent, counting down on the button', async () => {
    const api = fakeApi({ 'POST /auth/otp/start': () => json(202, sent) });
    const close = openSignIn();
    await vi.waitFor(() => expect(byTestId('signin-address')).not.toBeNull());
    const address = byTestId('signin-address') as HTMLInputElement;
    act(() => {
      address.value = 'ann@example.com';
      address.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => byTestId('signin-send')?.click());

    await vi.waitFor(() => expect(byTestId('signin-resend')?.textContent).toBe('Send a new code (wait 40 s)'));
    expect(byTestId('signin-resend')?.hasAttribute('disabled')).toBe(true);
    // A countdown on the button, not a message: nothing was refused.
    expect(byTestId('signin-wait')).toBeNull();
    byTestId('signin-resend')?.click();
    expect(api.requests('POST /auth/otp/start')).toHaveLength(1);
    close();
  });

  it('keeps counting down after a reload, and offers a new code once the wait is over', async () => {
    fakeApi({});
    let close = openCodeStep(Date.now() + 25_000);
    await vi.waitFor(() => expect(byTestId('signin-resend')?.textContent).toBe('Send a new code (wait 25 s)'));
    expect(byTestId('signin-resend')?.hasAttribute('disabled')).toBe(true);
    close();
    document.body.replaceChildren();

    close = openCodeStep(Date.now() - 1_000);
    await vi.waitFor(() => expect(byTestId('signin-resend')?.textContent).toBe('Send a new code'));
    expect(byTestId('signin-resend')?.hasAttribute('disabled')).toBe(false);
    close();
  });
});
