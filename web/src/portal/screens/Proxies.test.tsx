// Component tests: Who can act for you. Ending someone's access asks first, then sends DELETE; a grant
// the practice made for a child says why it cannot be ended; an invitation shows its code once; a
// guarantor sees only billing; a pending invitation is cancelled after asking; too many invitations
// today is said plainly.
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
import { Proxies } from './Proxies';

const names = (given: string, family: string): S['PatientNames'] => ({
  given_name: given,
  family_name: family,
  preferred_name: null,
});
const grant = (over: Partial<S['GrantView']> = {}): S['GrantView'] => ({
  grant_id: 'gr_bo',
  patient_id: 'pt_ann',
  patient: names('Ann', 'Lee'),
  proxy_id: 'pt_bo',
  proxy: names('Bo', 'Lee'),
  relationship: 'caregiver',
  legal_basis: 'patient_authorization',
  scopes: ['messages'],
  standing: 'full',
  granted_by: 'patient',
  created_at: '2026-03-01T10:00:00Z',
  last_used_at: null,
  expires_at: null,
  ends_at: null,
  ...over,
});
const pending: S['PendingInvitation'] = {
  grant_id: 'gr_cy',
  given_name: 'Cy',
  family_name: 'Park',
  destination: 'c•••@example.com',
  relationship: 'family',
  scopes: ['messages', 'appointments'],
  expires_at: '2026-03-08T10:00:00Z',
};
const list = (over: Partial<S['ProxyList']> = {}): S['ProxyList'] => ({
  acting_for_you: [grant()],
  you_act_for: [],
  pending_invitations: [],
  ...over,
});

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const body = async (r: Request | undefined) => (r ? r.json() : undefined);

function render() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/profile/proxies">
            <StatusLine />
            <Proxies />
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

function api(routes: Record<string, Route>) {
  return fakeApi({ 'GET /portal/proxies': () => json(200, list()), ...routes });
}

function fill(testid: string, value: string) {
  const input = byTestId(testid) as HTMLInputElement | HTMLSelectElement;
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

beforeEach(() => session.start('h.e30.s', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
  localStorage.clear();
});

describe('ending access', () => {
  it('asks first, then sends DELETE for that grant and reads the list again', async () => {
    let ended = false;
    const fake = api({
      'GET /portal/proxies': () => json(200, ended ? list({ acting_for_you: [] }) : list()),
      'DELETE /portal/proxies/gr_bo': () => {
        ended = true;
        return new Response(null, { status: 204 });
      },
    });
    const close = render();
    await vi.waitFor(() => expect(byTestId('grant-revoke')).not.toBeNull());
    expect(byTestId('grant-name')?.textContent).toBe('Bo Lee');

    act(() => byTestId('grant-revoke')?.click());
    await vi.waitFor(() => expect(byTestId('grant-confirm')).not.toBeNull());
    expect(fake.requests('DELETE /portal/proxies/gr_bo')).toHaveLength(0);
    act(() => byTestId('grant-confirm-yes')?.click());

    await vi.waitFor(() => expect(byTestId('grant-confirm')).toBeNull());
    expect(fake.requests('DELETE /portal/proxies/gr_bo')).toHaveLength(1);
    expect(byTestId('app-status')?.textContent).toMatch(/Bo can no longer act for you\./);
    await vi.waitFor(() => expect(byTestId('proxies-for-you-empty')).not.toBeNull());
    close();
  });

  it("shows the server's reason when the practice's grant for a child is not the patient's to end", async () => {
    api({
      'GET /portal/proxies': () => json(200, list({ acting_for_you: [grant({ granted_by: 'staff' })] })),
      'DELETE /portal/proxies/gr_bo': () =>
        json(403, {
          type: 'https://portico.health/problems/forbidden',
          title: 'x',
          status: 403,
          detail: 'The practice set this access up for a child; only the practice can end it',
        }),
    });
    const close = render();
    await vi.waitFor(() => expect(byTestId('grant-revoke')).not.toBeNull());
    act(() => byTestId('grant-revoke')?.click());
    await vi.waitFor(() => expect(byTestId('grant-confirm')).not.toBeNull());
    act(() => byTestId('grant-confirm-yes')?.click());
    await vi.waitFor(() =>
      expect(byTestId('grant-error')?.textContent).toBe(
        'The practice set this access up for a child; only the practice can end it.',
      ),
    );
    expect(byTestId('grant-confirm')?.contains(byTestId('grant-error'))).toBe(true);
    close();
  });
});

describe('inviting someone', () => {
  it('sends what was filled in, then shows the code once; "Done" puts it away for good', async () => {
    const fake = api({
      'POST /portal/proxies/invitations': () =>
        json(201, {
          grant_id: 'gr_new',
          code: '482913',
          channel: 'email',
          destination: 'd•••@example.com',
          expires_at: '2026-03-08T10:00:00Z',
        }),
    });
    const close = render();
    await vi.waitFor(() => expect(byTestId('proxy-invite-form')).not.toBeNull());
    fill('proxy-given', 'Dee');
    fill('proxy-family', 'Park');
    fill('proxy-address', 'dee@example.com');
    act(() => byTestId('proxy-scope-appointments')?.click());
    act(() => byTestId('proxy-invite-send')?.click());

    await vi.waitFor(() => expect(byTestId('proxy-invite-code')?.textContent).toBe('482913'));
    expect(await body(fake.requests('POST /portal/proxies/invitations')[0])).toEqual({
      given_name: 'Dee',
      family_name: 'Park',
      email: 'dee@example.com',
      relationship: 'caregiver',
      scopes: ['messages', 'appointments'],
    });
    expect(byTestId('proxy-invite-instructions')?.textContent).toMatch(/d•••@example\.com/);
    expect(byTestId('proxy-invite-form')).toBeNull();

    act(() => byTestId('proxy-invite-done')?.click());
    await vi.waitFor(() => expect(byTestId('proxy-invite-form')).not.toBeNull());
    expect(document.body.textContent).not.toMatch(/482913/);
    close();
  });

  it('gives a guarantor billing only, whatever was ticked before', async () => {
    const fake = api({
      'POST /portal/proxies/invitations': () =>
        json(201, {
          grant_id: 'gr_new',
          code: '111222',
          channel: 'sms',
          destination: '•••• 0199',
          expires_at: '2026-03-08T10:00:00Z',
        }),
    });
    const close = render();
    await vi.waitFor(() => expect(byTestId('proxy-invite-form')).not.toBeNull());
    fill('proxy-given', 'Gil');
    fill('proxy-family', 'Park');
    act(() => byTestId('proxy-by-phone')?.click());
    fill('proxy-address', '+15555550199');
    fill('proxy-relationship', 'guarantor');

    const box = (scope: string) => byTestId(`proxy-scope-${scope}`) as HTMLInputElement;
    await vi.waitFor(() => expect(box('billing').checked).toBe(true));
    expect(box('messages').checked).toBe(false);
    expect(box('messages').disabled).toBe(true);
    expect(byTestId('proxy-scopes')?.textContent).toMatch(/sees the bills only/);

    act(() => byTestId('proxy-invite-send')?.click());
    await vi.waitFor(() => expect(byTestId('proxy-invite-code')).not.toBeNull());
    expect(await body(fake.requests('POST /portal/proxies/invitations')[0])).toEqual({
      given_name: 'Gil',
      family_name: 'Park',
      phone: '+15555550199',
      relationship: 'guarantor',
      scopes: ['billing'],
    });
    close();
  });

  it('says plainly when too many invitations went out today', async () => {
    api({
      'POST /portal/proxies/invitations': () =>
        json(429, {
          type: 'https://portico.health/problems/too-many-requests',
          title: 'x',
          status: 429,
          detail: 'Please wait 3600 seconds and try again.',
        }),
    });
    const close = render();
    await vi.waitFor(() => expect(byTestId('proxy-invite-form')).not.toBeNull());
    fill('proxy-given', 'Dee');
    fill('proxy-family', 'Park');
    fill('proxy-address', 'dee@example.com');
    act(() => byTestId('proxy-invite-send')?.click());
    await vi.waitFor(() => expect(byTestId('proxy-invite-error')?.textContent).toMatch(/Too many invitations/));
    expect(byTestId('proxy-invite-code')).toBeNull();
    close();
  });
});

describe('pending invitations', () => {
  it('are listed with where they went, and cancelled after asking (DELETE)', async () => {
    let cancelled = false;
    const fake = api({
      'GET /portal/proxies': () => json(200, list({ pending_invitations: cancelled ? [] : [pending] })),
      'DELETE /portal/proxies/gr_cy': () => {
        cancelled = true;
        return new Response(null, { status: 204 });
      },
    });
    const close = render();
    await vi.waitFor(() => expect(byTestId('pending')).not.toBeNull());
    expect(byTestId('pending-name')?.textContent).toBe('Cy Park');
    expect(byTestId('pending-destination')?.textContent).toBe('c•••@example.com');
    expect(byTestId('pending-scopes')?.textContent).toBe('Messages, Appointments');

    act(() => byTestId('pending-cancel')?.click());
    await vi.waitFor(() => expect(byTestId('pending-confirm')).not.toBeNull());
    // "Keep it" keeps it.
    act(() => byTestId('pending-confirm-no')?.click());
    await vi.waitFor(() => expect(byTestId('pending-confirm')).toBeNull());
    expect(fake.requests('DELETE /portal/proxies/gr_cy')).toHaveLength(0);

    act(() => byTestId('pending-cancel')?.click());
    await vi.waitFor(() => expect(byTestId('pending-confirm')).not.toBeNull());
    act(() => byTestId('pending-confirm-yes')?.click());
    await vi.waitFor(() => expect(byTestId('proxies-pending')).toBeNull());
    expect(fake.requests('DELETE /portal/proxies/gr_cy')).toHaveLength(1);
    expect(byTestId('app-status')?.textContent).toMatch(/The invitation for Cy is cancelled\./);
    close();
  });
});
