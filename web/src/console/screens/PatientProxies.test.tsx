// Component tests: the chart's Proxies section. Adding someone found with the patient search posts the
// grant's body (a guarantor's scopes are billing only); ending a grant asks first and sends DELETE
// from the patient whose grant it is; roles the API document does not admit see neither.
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
import { PatientProxies } from './PatientProxies';

const names = (given: string, family: string): S['PatientNames'] => ({
  given_name: given,
  family_name: family,
  preferred_name: null,
});
const grant: S['GrantView'] = {
  grant_id: 'gr_1',
  patient_id: 'pt_kid',
  patient: names('Kim', 'Lee'),
  proxy_id: 'pt_mum',
  proxy: names('Mia', 'Lee'),
  relationship: 'parent',
  legal_basis: 'parental_responsibility',
  scopes: ['messages'],
  standing: 'full',
  granted_by: 'staff',
  created_at: '2026-03-01T10:00:00Z',
  last_used_at: null,
  expires_at: null,
  ends_at: '2034-05-01T00:00:00Z',
};

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const body = async (r: Request | undefined) => (r ? r.json() : undefined);

function render(roles: S['Role'][] = ['admin']) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/patients/pt_kid">
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
              <PatientProxies patientId="pt_kid" patientName="Kim Lee" />
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
    'GET /staff/patients/pt_kid/proxies': () => json(200, { acting_for_patient: [], patient_acts_for: [] }),
    'GET /staff/patients': () =>
      json(200, {
        patients: [
          {
            patient_id: 'pt_kid',
            given_name: 'Kim',
            family_name: 'Lee',
            date_of_birth: '2016-05-01',
            status: 'active',
          },
          {
            patient_id: 'pt_mum',
            given_name: 'Mia',
            family_name: 'Lee',
            date_of_birth: '1985-02-03',
            status: 'active',
          },
        ],
      }),
    ...routes,
  });
}

function fill(testid: string, value: string) {
  const input = byTestId(testid) as HTMLInputElement | HTMLSelectElement;
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

beforeEach(() => session.start('staff-token', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
  localStorage.clear();
});

describe("the chart's Proxies section", () => {
  it('adds someone found by search: the grant goes with the right body, and the list is read again', async () => {
    let added = false;
    const fake = api({
      'GET /staff/patients/pt_kid/proxies': () =>
        json(200, { acting_for_patient: added ? [grant] : [], patient_acts_for: [] }),
      'POST /staff/patients/pt_kid/proxies': () => {
        added = true;
        return json(201, grant);
      },
    });
    const close = render();
    await vi.waitFor(() => expect(byTestId('proxies-for-patient-empty')).not.toBeNull());
    act(() => byTestId('proxy-add-open')?.click());
    fill('proxy-search', 'Lee');
    act(() => byTestId('proxy-search-submit')?.click());
    await vi.waitFor(() => expect(byTestId('proxy-search-result')).not.toBeNull());
    // The patient is not offered as their own proxy.
    const offered = Array.from(document.querySelectorAll('[data-testid="proxy-search-result"]'));
    expect(offered.map((b) => b.textContent)).toEqual(['Choose Mia Lee']);
    act(() => (offered[0] as HTMLElement).click());
    await vi.waitFor(() => expect(byTestId('proxy-add-form')).not.toBeNull());
    act(() => byTestId('proxy-scope-appointments')?.click());
    fill('proxy-expires', '2030-01-31');
    act(() => byTestId('proxy-add-save')?.click());

    await vi.waitFor(() => expect(fake.requests('POST /staff/patients/pt_kid/proxies')).toHaveLength(1));
    expect(await body(fake.requests('POST /staff/patients/pt_kid/proxies')[0])).toEqual({
      proxy_id: 'pt_mum',
      relationship: 'parent',
      legal_basis: 'parental_responsibility',
      scopes: ['messages', 'appointments'],
      expires_on: '2030-01-31',
    });
    await vi.waitFor(() => expect(byTestId('proxy-grant-name')?.textContent).toBe('Mia Lee'));
    expect(byTestId('app-status')?.textContent).toMatch(/Mia Lee can now act for Kim Lee\./);
    close();
  });

  it('gives a guarantor billing only', async () => {
    const fake = api({ 'POST /staff/patients/pt_kid/proxies': () => json(201, grant) });
    const close = render();
    await vi.waitFor(() => expect(byTestId('proxy-add-open')).not.toBeNull());
    act(() => byTestId('proxy-add-open')?.click());
    fill('proxy-search', 'Mia');
    act(() => byTestId('proxy-search-submit')?.click());
    await vi.waitFor(() => expect(byTestId('proxy-search-result')).not.toBeNull());
    act(() => byTestId('proxy-search-result')?.click());
    await vi.waitFor(() => expect(byTestId('proxy-add-form')).not.toBeNull());
    fill('proxy-relationship', 'guarantor');
    fill('proxy-basis', 'financial_responsibility');
    act(() => byTestId('proxy-add-save')?.click());
    await vi.waitFor(() => expect(fake.requests('POST /staff/patients/pt_kid/proxies')).toHaveLength(1));
    expect(await body(fake.requests('POST /staff/patients/pt_kid/proxies')[0])).toEqual({
      proxy_id: 'pt_mum',
      relationship: 'guarantor',
      legal_basis: 'financial_responsibility',
      scopes: ['billing'],
    });
    close();
  });

  it('ends a grant after asking, from the patient whose grant it is', async () => {
    let ended = false;
    const fake = api({
      'GET /staff/patients/pt_kid/proxies': () =>
        json(200, { acting_for_patient: ended ? [] : [grant], patient_acts_for: [] }),
      'DELETE /staff/patients/pt_kid/proxies/gr_1': () => {
        ended = true;
        return new Response(null, { status: 204 });
      },
    });
    const close = render(['front-desk']);
    await vi.waitFor(() => expect(byTestId('proxy-grant-end')).not.toBeNull());
    act(() => byTestId('proxy-grant-end')?.click());
    await vi.waitFor(() => expect(byTestId('proxy-end-confirm')).not.toBeNull());
    expect(fake.requests('DELETE /staff/patients/pt_kid/proxies/gr_1')).toHaveLength(0);
    act(() => byTestId('proxy-end-confirm-yes')?.click());
    await vi.waitFor(() => expect(byTestId('proxy-end-confirm')).toBeNull());
    expect(fake.requests('DELETE /staff/patients/pt_kid/proxies/gr_1')).toHaveLength(1);
    await vi.waitFor(() => expect(byTestId('proxies-for-patient-empty')).not.toBeNull());
    expect(byTestId('app-status')?.textContent).toMatch(/The access was ended\./);
    close();
  });

  it('offers neither adding nor ending to a role the API document does not admit', async () => {
    api({
      'GET /staff/patients/pt_kid/proxies': () => json(200, { acting_for_patient: [grant], patient_acts_for: [] }),
    });
    const close = render(['billing']);
    await vi.waitFor(() => expect(byTestId('proxy-grant-name')).not.toBeNull());
    expect(byTestId('proxy-grant-end')).toBeNull();
    expect(byTestId('proxy-add-open')).toBeNull();
    close();
  });
});
