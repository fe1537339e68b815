// Component tests: the bell's screen: unread items marked "New" in words as well as looks, each leading
// to its conversation and marked read as it is opened, "Mark all as read", older pages on request, the
// counts read again after marking, a kind the portal does not know, and Spanish.
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
import { Notifications } from './Notifications';

const item = (over: Partial<S['BellItem']>): S['BellItem'] => ({
  id: 'n_1',
  at: '2026-03-03T15:05:00Z',
  kind: 'new_message',
  title: 'Lab results',
  thread_id: 'th_1',
  read_at: null,
  ...over,
});

const PAGES: Record<string, S['Notifications']> = {
  '': {
    items: [
      item({ id: 'n_3', title: 'Lab results', thread_id: 'th_3' }),
      item({ id: 'n_2', title: 'Flu shot', thread_id: 'th_2', read_at: '2026-03-02T10:00:00Z' }),
    ],
    unread: 2,
    next_cursor: 'older-1',
  },
  'older-1': {
    items: [item({ id: 'n_1', kind: 'something_new' as S['BellKind'], title: null, thread_id: null })],
    unread: 2,
    next_cursor: null,
  },
};

const byTestId = (id: string, within: ParentNode = document) =>
  within.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const items = () => Array.from(document.querySelectorAll<HTMLElement>('[data-testid="notification"]'));

function render() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/notifications">
            <StatusLine />
            <Notifications />
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  return () => act(() => root.unmount());
}

function api() {
  return fakeApi({
    'GET /portal/notifications': (req) => json(200, PAGES[new URL(req.url).searchParams.get('cursor') ?? '']),
    'POST /portal/notifications/n_3/read': () => json(200, { marked: 1 }),
    'POST /portal/notifications/read-all': () => json(200, { marked: 2 }),
  });
}

beforeEach(() => {
  session.start('h.e30.s', 300);
  history.replaceState(null, '', '/notifications');
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
  localStorage.clear();
});

describe('notifications', () => {
  it('lists items newest first, unread ones marked "New", each leading to its conversation', async () => {
    api();
    const close = render();
    await vi.waitFor(() => expect(items()).toHaveLength(2));

    const [fresh, seen] = items() as [HTMLElement, HTMLElement];
    expect(byTestId('notifications-unread')?.textContent).toBe('2 unread.');
    expect(fresh.getAttribute('data-unread')).toBe('yes');
    expect(fresh.className).toContain('is-unread');
    expect(byTestId('notification-what', fresh)?.textContent).toBe('New A message from your care team');
    expect(byTestId('notification-open', fresh)?.textContent).toBe('Lab results');
    expect(byTestId('notification-open', fresh)?.getAttribute('href')).toBe('/messages/th_3');
    expect(byTestId('notification-when', fresh)?.getAttribute('datetime')).toBe('2026-03-03T15:05:00Z');
    expect(seen.getAttribute('data-unread')).toBe('no');
    expect(byTestId('notification-new', seen)).toBeNull();
    expect(byTestId('notification-open', seen)?.getAttribute('href')).toBe('/messages/th_2');
    close();
  });

  it('marks an item read as it is opened, and reads the counts again', async () => {
    const fake = api();
    const close = render();
    await vi.waitFor(() => expect(items()).toHaveLength(2));
    const before = fake.requests('GET /portal/notifications').length;

    act(() => byTestId('notification-open', items()[0])?.click());
    await vi.waitFor(() => expect(fake.requests('POST /portal/notifications/n_3/read')).toHaveLength(1));
    expect(window.location.pathname).toBe('/messages/th_3');
    await vi.waitFor(() => expect(fake.requests('GET /portal/notifications').length).toBeGreaterThan(before));

    // One already read is not marked again.
    act(() => byTestId('notification-open', items()[1])?.click());
    expect(fake.calls().filter((c) => c.startsWith('POST'))).toEqual(['POST /portal/notifications/n_3/read']);
    close();
  });

  it('marks all as read, says how many, and reads the list again', async () => {
    const fake = api();
    const close = render();
    await vi.waitFor(() => expect(items()).toHaveLength(2));
    const before = fake.requests('GET /portal/notifications').length;

    act(() => byTestId('notifications-read-all')?.click());
    await vi.waitFor(() => expect(byTestId('app-status')?.textContent).toMatch(/^2 notifications marked as read\./));
    expect(fake.requests('POST /portal/notifications/read-all')).toHaveLength(1);
    await vi.waitFor(() => expect(fake.requests('GET /portal/notifications').length).toBeGreaterThan(before));
    close();
  });

  it('shows earlier items on request, and one of a kind it does not know in general words', async () => {
    const fake = api();
    const close = render();
    await vi.waitFor(() => expect(byTestId('notifications-more')?.textContent).toBe('Show earlier'));

    act(() => byTestId('notifications-more')?.click());
    await vi.waitFor(() => expect(items()).toHaveLength(3));
    expect(fake.requests('GET /portal/notifications').map((r) => new URL(r.url).searchParams.get('cursor'))).toEqual([
      null,
      'older-1',
    ]);
    const other = items()[2] as HTMLElement;
    expect(byTestId('notification-what', other)?.textContent).toBe('New Something new from the practice');
    expect(byTestId('notification-open', other)).toBeNull();
    expect(byTestId('notifications-more')).toBeNull();
    close();
  });

  it('says what the practice did to an appointment, opens the appointments and marks it read; in Spanish too', async () => {
    const changed = (id: string, change: string, title: string) =>
      item({
        id,
        kind: 'appointment_changed',
        appointment_id: `ap_${id}`,
        appointment_change: change,
        title,
        thread_id: null,
      });
    const fake = fakeApi({
      'GET /portal/notifications': () =>
        json(200, {
          items: [
            changed('n_9', 'moved', 'Check-up'),
            changed('n_8', 'booked', 'Flu shot'),
            changed('n_7', 'cancelled', 'Physical'),
          ],
          unread: 3,
          next_cursor: null,
        }),
      'POST /portal/notifications/n_9/read': () => json(200, { marked: 1 }),
    });
    const close = render();
    await vi.waitFor(() => expect(items()).toHaveLength(3));
    expect(items().map((i) => byTestId('notification-what', i)?.textContent)).toEqual([
      'New The practice moved your Check-up appointment',
      'New The practice booked your Flu shot appointment',
      'New The practice cancelled your Physical appointment',
    ]);
    const open = byTestId('notification-open', items()[0]);
    expect(open?.getAttribute('href')).toBe('/appointments');
    expect(open?.textContent).toBe('See your appointments');
    act(() => open?.click());
    await vi.waitFor(() => expect(fake.requests('POST /portal/notifications/n_9/read')).toHaveLength(1));
    expect(window.location.pathname).toBe('/appointments');
    close();

    localStorage.setItem('portico.language', 'es');
    const again = render();
    await vi.waitFor(() =>
      expect(byTestId('notification-what', items()[0])?.textContent).toBe(
        'Nuevo La consulta cambió su cita de Check-up',
      ),
    );
    again();
  });

  it('says nothing is new when the list is empty, with no "Mark all as read"', async () => {
    fakeApi({ 'GET /portal/notifications': () => json(200, { items: [], unread: 0, next_cursor: null }) });
    const close = render();
    await vi.waitFor(() => expect(byTestId('notifications-empty')).not.toBeNull());
    expect(byTestId('notifications-empty')?.textContent).toBe(
      'Nothing yet. New messages from your care team will show here.',
    );
    expect(byTestId('notifications-read-all')).toBeNull();
    close();
  });

  it('says it in Spanish', async () => {
    localStorage.setItem('portico.language', 'es');
    api();
    const close = render();
    await vi.waitFor(() => expect(document.documentElement.lang).toBe('es'));
    await vi.waitFor(() =>
      expect(byTestId('notification-what', items()[0])?.textContent).toBe('Nuevo Un mensaje de su equipo de atención'),
    );
    expect(byTestId('notifications-unread')?.textContent).toBe('2 sin leer.');
    expect(byTestId('notifications-read-all')?.textContent).toBe('Marcar todos como leídos');
    expect(byTestId('notifications-more')?.textContent).toBe('Ver anteriores');
    close();
  });
});
