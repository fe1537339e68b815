// Component test: a reply sends what the box holds when it is sent, even when the patient types and
// presses Enter within one frame (the keyboard-only path of the browser suite lost its last letters:
// the mutation read the text from options an effect hands over a frame after the render).
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { StatusProvider } from '../../shared/ui/components';
import type { S } from '../api';
import { english, loadCatalog } from '../catalog';
import { clearDrafts } from '../drafts';

const view: S['ThreadView'] = {
  thread: {
    thread_id: 'th_1',
    subject: 'Knee',
    topic: 'clinical',
    status: 'open',
    unread: 0,
    message_count: 0,
    last_activity_at: '2026-01-01T00:00:00Z',
  } as S['ThreadSummary'],
  messages: [],
};

const sent: S['NewMessageRequest'][] = [];
vi.mock('../api', async (original) => {
  const real = await original<typeof import('../api')>();
  const never = () => new Promise<never>(() => {});
  return {
    ...real,
    // What the notice after a send reads: not needed here, and no network in a unit test.
    portal: { ...real.portal, me: never, consents: never, preferences: never },
    messaging: {
      ...real.messaging,
      thread: async () => view,
      threads: async () => ({ threads: [], unread_total: 0 }),
      markRead: async () => ({}),
      reply: async (_id: string, body: S['NewMessageRequest']) => {
        sent.push(body);
        return {
          message_id: `m${sent.length}`,
          from: 'patient',
          body: body.body,
          attachments: [],
          created_at: '2026-01-01T00:00:00Z',
          deleted: false,
          via: 'portal',
        } satisfies S['MessageView'];
      },
    },
  };
});

const { Thread } = await import('./Messages');

afterEach(() => {
  document.body.replaceChildren();
  clearDrafts();
  sent.length = 0;
});

describe('Thread reply', () => {
  it('sends the text as it is when sent, not as the last effect saw it', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    act(() => {
      root.render(
        <QueryClientProvider client={createQueryClient()}>
          <I18nProvider load={loadCatalog} english={english}>
            <StatusProvider path="/messages/th_1">
              <Thread threadId="th_1" />
            </StatusProvider>
          </I18nProvider>
        </QueryClientProvider>,
      );
    });
    await vi.waitFor(() => expect(host.querySelector('[data-testid="reply-body"]')).not.toBeNull());
    const box = host.querySelector('[data-testid="reply-body"]') as HTMLTextAreaElement;
    const form = host.querySelector('[data-testid="reply-form"]') as HTMLFormElement;
    // Key by key, each rendered (a microtask) but with no frame for effects in between, then Enter.
    const text = 'Sent with the keyboard.';
    for (let i = 1; i <= text.length; i += 1) {
      box.value = text.slice(0, i);
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await Promise.resolve();
    }
    form.requestSubmit();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.body).toBe(text);
    act(() => root.unmount());
  });
});
