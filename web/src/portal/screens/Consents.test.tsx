// Component test: "No thanks" is offered for optional documents only, sends a decline, and the
// declined state shows (status, when, history) once the server has recorded it.
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
import { Consents } from './Consents';

const document_ = (kind: S['ConsentKind'], required: boolean, title: string): S['ConsentView'] => ({
  kind,
  title,
  summary: `${title}, in short.`,
  url: `https://riverside.example/legal/${kind}`,
  required,
  current_version: 1,
  status: 'not_given',
  decided_version: null,
  decided_at: null,
});

const before: S['ConsentsView'] = {
  consents: [document_('terms_of_use', true, 'Portal terms of use'), document_('telehealth', false, 'Telehealth')],
  history: [],
};
const declinedAt = '2026-03-02T15:04:00Z';
const after: S['ConsentsView'] = {
  consents: [
    before.consents[0] as S['ConsentView'],
    { ...(before.consents[1] as S['ConsentView']), status: 'declined', decided_version: 1, decided_at: declinedAt },
  ],
  history: [{ kind: 'telehealth', version: 1, decision: 'decline', at: declinedAt, actor: 'patient' }],
};

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

beforeEach(() => session.start('h.e30.s', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
});

describe('consents: no thanks', () => {
  it('is offered for the optional document only, and the declined state shows once recorded', async () => {
    const api = fakeApi({
      'GET /portal/consents': () => json(200, before),
      'PUT /portal/consents': () => json(200, after),
    });
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    act(() =>
      root.render(
        <QueryClientProvider client={createQueryClient()}>
          <I18nProvider load={loadCatalog} english={english}>
            <StatusProvider path="/consents">
              <StatusLine />
              <Consents />
            </StatusProvider>
          </I18nProvider>
        </QueryClientProvider>,
      ),
    );
    await vi.waitFor(() => expect(byTestId('consent-list')).not.toBeNull());
    expect(byTestId('consent-decline-terms_of_use')).toBeNull();
    expect(byTestId('consent-decline-telehealth')?.textContent).toBe('No thanks');
    expect(byTestId('consent-telehealth')?.textContent).toMatch(/Optional: agree, or say no thanks/);

    act(() => byTestId('consent-decline-telehealth')?.click());

    await vi.waitFor(() => expect(byTestId('consent-status-telehealth')?.getAttribute('data-status')).toBe('declined'));
    expect(await api.requests('PUT /portal/consents')[0]?.json()).toEqual({
      kind: 'telehealth',
      version: 1,
      decision: 'decline',
    });
    expect(byTestId('consent-status-telehealth')?.textContent).toBe('Your answer: You said no thanks');
    expect(byTestId('consent-decided-telehealth')?.textContent).toMatch(/^You said no thanks on .+ \(version 1\)\.$/);
    expect(byTestId('app-status')?.textContent).toMatch(/You said no thanks to “Telehealth”\./);
    // Declined, it can still be agreed to; no second "no thanks".
    expect(byTestId('consent-accept-telehealth')).not.toBeNull();
    expect(byTestId('consent-decline-telehealth')).toBeNull();
    expect(byTestId('consent-history')?.textContent).toMatch(/Said no thanks to “Telehealth” \(version 1\)/);
    act(() => root.unmount());
  });
});
