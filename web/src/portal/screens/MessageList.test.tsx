// Component test: each conversation says who wrote last ("You: …" / "Care team: …"), how it began,
// and when, from the row's `last_message`; a row without one (its newest message was removed) shows
// neither.
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
import { MessageList } from './Messages';

const row = (thread_id: string, subject: string, last_message: S['LastMessageView'] | null): S['ThreadSummary'] => ({
  thread_id,
  subject,
  topic: 'clinical',
  status: 'open',
  last_activity_at: '2026-03-02T18:00:00Z',
  unread: 0,
  message_count: 2,
  last_message,
  opened_by_you: true,
});

const list: S['ThreadList'] = {
  threads: [
    row('th_1', 'Knee', { from: 'care_team', preview: 'Please book a visit this week.', at: '2026-02-11T15:00:00Z' }),
    row('th_2', 'Refill', { from: 'patient', preview: 'Could you refill my inhaler?', at: '2026-02-10T15:00:00Z' }),
    row('th_3', 'Scan', { from: 'care_team', preview: '', at: '2026-02-09T15:00:00Z' }),
    row('th_4', 'Old', null),
  ],
  unread_total: 0,
};

const rowOf = (id: string) => document.querySelector<HTMLElement>(`[data-thread-id="${id}"]`);
const inRow = (id: string, testid: string) => rowOf(id)?.querySelector<HTMLElement>(`[data-testid="${testid}"]`);

beforeEach(() => {
  vi.setSystemTime(new Date('2026-03-03T12:00:00Z'));
  session.start('h.e30.s', 300);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
});

describe('the conversation list', () => {
  it('shows who wrote last, the first words and the time of the newest message', async () => {
    fakeApi({ 'GET /portal/threads': () => json(200, list) });
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    act(() =>
      root.render(
        <QueryClientProvider client={createQueryClient()}>
          <I18nProvider load={loadCatalog} english={english}>
            <StatusProvider path="/messages">
              <MessageList />
            </StatusProvider>
          </I18nProvider>
        </QueryClientProvider>,
      ),
    );
    await vi.waitFor(() => expect(rowOf('th_1')).not.toBeNull());

    expect(inRow('th_1', 'thread-preview')?.textContent).toBe('Care team: Please book a visit this week.');
    expect(inRow('th_2', 'thread-preview')?.textContent).toBe('You: Could you refill my inhaler?');
    expect(inRow('th_3', 'thread-preview')?.textContent).toBe('Care team: Sent files, no text.');
    expect(inRow('th_4', 'thread-preview')).toBeNull();
    // The time is the newest message's; without one, the conversation's last activity.
    expect(inRow('th_1', 'thread-date')?.getAttribute('datetime')).toBe('2026-02-11T15:00:00Z');
    expect(inRow('th_1', 'thread-date')?.textContent).toBe('Feb 11');
    expect(inRow('th_4', 'thread-date')?.getAttribute('datetime')).toBe('2026-03-02T18:00:00Z');
    act(() => root.unmount());
  });
});
