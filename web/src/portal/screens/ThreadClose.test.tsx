// Component tests: a patient closes a conversation they started (`POST /portal/threads/{id}/close`),
// after a confirmation that says the care team can still read it and that writing again reopens it; a
// conversation the care team started offers no Close (and the server's 409 is said in the dialog, in
// Spanish too); a closed conversation says so, in the list and in the thread, with "Write again to
// reopen".
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'preact/test-utils';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../shared/api/fake-api';
import { createQueryClient } from '../../shared/api/query';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { StatusLine, StatusProvider } from '../../shared/ui/components';
import { type S, session } from '../api';
import { english, loadCatalog } from '../catalog';
import { MessageList, Thread } from './Messages';

const summary = (over: Partial<S['ThreadSummary']> = {}): S['ThreadSummary'] => ({
  thread_id: 'th_1',
  subject: 'Knee',
  topic: 'clinical',
  status: 'open',
  last_activity_at: '2026-03-02T18:00:00Z',
  unread: 0,
  message_count: 1,
  last_message: null,
  opened_by_you: true,
  ...over,
});
const view = (over: Partial<S['ThreadSummary']> = {}): S['ThreadView'] => ({
  thread: summary(over),
  messages: [
    {
      message_id: 'm1',
      from: 'patient',
      body: 'My knee hurts.',
      attachments: [],
      created_at: '2026-03-02T18:00:00Z',
      deleted: false,
      via: 'portal',
    },
  ],
});
const NOT_YOURS = {
  type: 'https://portico.health/problems/conflict',
  title: 'This changed since you last looked',
  status: 409,
  detail: 'The care team started this conversation, so they close it. You can still reply.',
  instance: '/portal/threads/th_1/close',
  request_id: 'req-1',
};

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

function render(children: ReactNode, path = '/messages/th_1') {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path={path}>
            <StatusLine />
            {children}
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

beforeEach(() => session.start('h.e30.s', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
  localStorage.clear();
});

describe('closing a conversation', () => {
  it('asks first, saying the care team can still read it and that writing again reopens it; then closes it', async () => {
    let closed = false;
    const fake = fakeApi({
      'GET /portal/threads/th_1': () => json(200, view(closed ? { status: 'closed' } : {})),
      'POST /portal/threads/th_1/close': () => {
        closed = true;
        return json(200, summary({ status: 'closed' }));
      },
    });
    const close = render(<Thread threadId="th_1" />);
    await vi.waitFor(() => expect(byTestId('thread-close')).not.toBeNull());
    expect(byTestId('thread-closed-note')).toBeNull();

    act(() => byTestId('thread-close')?.click());
    const dialog = byTestId('thread-close-confirm');
    expect(dialog?.querySelector('h2')?.textContent).toBe('Close this conversation?');
    expect(Array.from(dialog?.querySelectorAll('p') ?? []).map((p) => p.textContent)).toEqual([
      'Your care team can still read it.',
      'If you write again, it reopens.',
    ]);
    expect(fake.requests('POST /portal/threads/th_1/close')).toHaveLength(0);
    act(() => byTestId('thread-close-confirm-yes')?.click());

    await vi.waitFor(() => expect(byTestId('thread-close-confirm')).toBeNull());
    expect(fake.requests('POST /portal/threads/th_1/close')).toHaveLength(1);
    expect(byTestId('thread-status')?.getAttribute('data-status')).toBe('closed');
    expect(byTestId('thread-closed-note')?.textContent).toBe('This conversation is closed. Write again to reopen it.');
    expect(byTestId('thread-close')).toBeNull();
    expect(document.getElementById('reply-title')?.textContent).toBe('Write again to reopen');
    expect(byTestId('app-status')?.textContent).toMatch(/^The conversation is closed\. Write again to reopen it\./);
    close();
  });

  it('changes nothing when the patient says no', async () => {
    const fake = fakeApi({ 'GET /portal/threads/th_1': () => json(200, view()) });
    const close = render(<Thread threadId="th_1" />);
    await vi.waitFor(() => expect(byTestId('thread-close')).not.toBeNull());
    act(() => byTestId('thread-close')?.click());
    act(() => byTestId('thread-close-confirm-no')?.click());
    expect(byTestId('thread-close-confirm')).toBeNull();
    expect(fake.requests('POST /portal/threads/th_1/close')).toHaveLength(0);
    close();
  });

  it('is not offered on a conversation the care team started, nor on a closed one', async () => {
    fakeApi({ 'GET /portal/threads/th_1': () => json(200, view({ opened_by_you: false })) });
    let close = render(<Thread threadId="th_1" />);
    await vi.waitFor(() => expect(byTestId('thread-subject')?.textContent).toBe('Knee'));
    expect(byTestId('thread-close')).toBeNull();
    close();

    fakeApi({ 'GET /portal/threads/th_1': () => json(200, view({ status: 'closed' })) });
    close = render(<Thread threadId="th_1" />);
    await vi.waitFor(() => expect(byTestId('thread-closed-note')).not.toBeNull());
    expect(byTestId('thread-close')).toBeNull();
    expect(byTestId('reply-form')).not.toBeNull();
    close();
  });

  for (const [lang, words] of [
    ['en', 'The care team started this conversation, so they close it. You can still reply.'],
    ['es', 'Su equipo de atención inició esta conversación, así que ellos la cierran. Usted todavía puede responder.'],
  ] as const) {
    it(`says a conversation is the care team's to close in the dialog (${lang})`, async () => {
      if (lang === 'es') localStorage.setItem('portico.language', 'es');
      fakeApi({
        'GET /portal/threads/th_1': () => json(200, view()),
        'POST /portal/threads/th_1/close': () => json(409, NOT_YOURS),
      });
      const close = render(<Thread threadId="th_1" />);
      await vi.waitFor(() => expect(byTestId('thread-close')).not.toBeNull());
      act(() => byTestId('thread-close')?.click());
      act(() => byTestId('thread-close-confirm-yes')?.click());

      await vi.waitFor(() => expect(byTestId('thread-close-error')?.textContent).toBe(words));
      expect(byTestId('thread-close-error')?.getAttribute('role')).toBe('alert');
      expect(byTestId('thread-close-confirm')).not.toBeNull();
      close();
    });
  }

  it('shows closed conversations as closed in the list', async () => {
    fakeApi({
      'GET /portal/threads': () =>
        json(200, {
          threads: [summary({ thread_id: 'th_1' }), summary({ thread_id: 'th_2', subject: 'Bill', status: 'closed' })],
          unread_total: 0,
        }),
    });
    const close = render(<MessageList />, '/messages');
    await vi.waitFor(() => expect(document.querySelector('[data-thread-id="th_2"]')).not.toBeNull());
    const closedTag = (id: string) =>
      document.querySelector(`[data-thread-id="${id}"] [data-testid="thread-closed"]`)?.textContent ?? null;
    expect(closedTag('th_2')).toBe('Closed');
    expect(closedTag('th_1')).toBeNull();
    close();
  });
});
