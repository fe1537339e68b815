// Component test: staff attach files to a reply with the portal's upload flow, through the staff
// routes for the patient (start, send to the blob store, check), and the checked files' ids go with
// the reply; a note says its files stay with the care team.
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
import { SignedInStaff } from '../parts';

// The blob store is not the API: the file "arrives" at once.
const sentToStore: string[] = [];
vi.mock('../../shared/api/uploads', async (original) => ({
  ...(await original<typeof import('../../shared/api/uploads')>()),
  uploadFile: (upload: S['PresignedPost'], file: File) => {
    sentToStore.push(`${upload.url} ${file.name}`);
    return { done: Promise.resolve(), abort: () => {} };
  },
}));

const { StaffThread } = await import('./Inbox');

const me: S['StaffMemberView'] = {
  staff_id: 'staff-ada',
  display_name: 'Ada',
  email: 'ada@riverside.example',
  roles: ['admin'],
  status: 'active',
  created_at: '2026-01-05T10:00:00Z',
};
const thread: S['StaffThreadView'] = {
  thread: {
    thread_id: 'th_1',
    patient_id: 'pt_1',
    topic: 'clinical',
    subject: 'Knee',
    status: 'open',
    assignee: null,
    last_activity_at: '2026-03-02T18:00:00Z',
    unread: 0,
    message_count: 0,
    last_message: null,
    patient: { given_name: 'Ann', family_name: 'Lee', preferred_name: null },
  },
  messages: [],
};
const attachment = (state: S['State']): S['AttachmentView'] => ({
  attachment_id: 'at_1',
  file_name: 'care-plan.pdf',
  content_type: 'application/pdf',
  state,
  created_at: '2026-03-02T18:00:00Z',
});

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

function api() {
  return fakeApi({
    'GET /staff/patients/pt_1/threads/th_1': () => json(200, thread),
    'GET /staff/team': () => json(200, { staff: [me], next_cursor: null }),
    'POST /staff/patients/pt_1/attachments': () =>
      json(201, {
        attachment: attachment('pending'),
        upload: { url: '/_local/blobs/upload', fields: { key: 'k' } },
        expires_at: '2026-03-02T18:05:00Z',
      } satisfies S['UploadStarted']),
    'POST /staff/patients/pt_1/attachments/at_1/complete': () => json(200, attachment('ready')),
    'POST /staff/patients/pt_1/threads/th_1/messages': async (req) => {
      const body = (await req.json()) as S['StaffMessageRequest'];
      return json(201, {
        message_id: 'ms_1',
        author: me.staff_id,
        via: 'portal',
        internal: body.internal ?? false,
        urgent: false,
        body: body.body ?? '',
        content_hash: 'x',
        attachments: [],
        created_at: '2026-03-02T18:01:00Z',
      } satisfies S['StaffMessageView']);
    },
  });
}

async function openThread() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <QueryClientProvider client={createQueryClient()}>
        <I18nProvider load={loadCatalog} english={english}>
          <StatusProvider path="/threads/pt_1/th_1">
            <SignedInStaff.Provider value={me}>
              <StaffThread patientId="pt_1" threadId="th_1" />
            </SignedInStaff.Provider>
          </StatusProvider>
        </I18nProvider>
      </QueryClientProvider>,
    ),
  );
  await vi.waitFor(() => expect(byTestId('staff-reply-files')).not.toBeNull());
  return () => act(() => root.unmount());
}

async function attach(name: string, bytes: string) {
  const input = byTestId('staff-reply-files') as HTMLInputElement;
  const file = new File([bytes], name, { type: 'application/pdf' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await vi.waitFor(() =>
    expect(document.querySelector('[data-testid="attachment-item"]')?.getAttribute('data-state')).toBe('ready'),
  );
}

function type(id: string, value: string) {
  const box = byTestId(id) as HTMLTextAreaElement;
  act(() => {
    box.value = value;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

beforeEach(() => session.start('h.e30.s', 300));
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
  session.forget();
  sentToStore.length = 0;
});

describe('a staff reply with files', () => {
  it('uploads through the staff routes for the patient and sends the checked file with the reply', async () => {
    const fake = api();
    const close = await openThread();

    await attach('care-plan.pdf', '%PDF-1.4 plan');
    expect(await fake.requests('POST /staff/patients/pt_1/attachments')[0]?.json()).toEqual({
      file_name: 'care-plan.pdf',
      content_type: 'application/pdf',
      size: 13,
    });
    expect(sentToStore).toEqual(['/_local/blobs/upload care-plan.pdf']);
    expect(fake.requests('POST /staff/patients/pt_1/attachments/at_1/complete')).toHaveLength(1);

    type('staff-reply-body', 'Here is your care plan.');
    act(() => (byTestId('staff-reply-form') as HTMLFormElement).requestSubmit());
    await vi.waitFor(() => expect(fake.requests('POST /staff/patients/pt_1/threads/th_1/messages')).toHaveLength(1));
    expect(await fake.requests('POST /staff/patients/pt_1/threads/th_1/messages')[0]?.json()).toEqual({
      body: 'Here is your care plan.',
      internal: false,
      urgent: false,
      attachment_ids: ['at_1'],
    });
    // Sent: the box and the files are cleared for the next one.
    await vi.waitFor(() => expect(document.querySelector('[data-testid="attachment-item"]')).toBeNull());
    close();
  });

  it('may be files alone; a note says its files stay with the care team', async () => {
    const fake = api();
    const close = await openThread();
    expect(byTestId('staff-note-files')).toBeNull();
    act(() => byTestId('staff-reply-internal')?.click());
    expect(byTestId('staff-note-files')?.textContent).toBe(
      'Files on a note stay with the care team: the patient never sees them.',
    );

    await attach('scan.pdf', '%PDF-1.4 scan');
    act(() => (byTestId('staff-reply-form') as HTMLFormElement).requestSubmit());
    await vi.waitFor(() => expect(fake.requests('POST /staff/patients/pt_1/threads/th_1/messages')).toHaveLength(1));
    expect(await fake.requests('POST /staff/patients/pt_1/threads/th_1/messages')[0]?.json()).toEqual({
      body: '',
      internal: true,
      urgent: false,
      attachment_ids: ['at_1'],
    });
    close();
  });

  it('is not sent empty', async () => {
    const fake = api();
    const close = await openThread();
    act(() => (byTestId('staff-reply-form') as HTMLFormElement).requestSubmit());
    await vi.waitFor(() => expect(byTestId('staff-reply-body')?.getAttribute('aria-invalid')).toBe('true'));
    expect(document.body.textContent).toMatch(/Please write something, or attach a file\./);
    expect(fake.requests('POST /staff/patients/pt_1/threads/th_1/messages')).toHaveLength(0);
    close();
  });
});
