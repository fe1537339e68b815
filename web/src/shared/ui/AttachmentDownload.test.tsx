// Component test: the download button says what it is doing, to sighted and screen reader users,
// and why when it fails; the file is saved under the name from the message.
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../api/fake-api';
import { I18nProvider } from '../i18n/I18nProvider';
import type { Catalog } from '../i18n/i18n';
import english from '../messages/en.json';
import { AttachmentDownload } from './AttachmentDownload';
import { StatusProvider } from './components';

const file = { attachment_id: 'at_1', file_name: 'Lab results.pdf', content_type: 'application/pdf', size: 5 };
const catalog: Catalog = english;

let saved: string[];
beforeEach(() => {
  saved = [];
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

function mount() {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() =>
    root.render(
      <I18nProvider load={async () => catalog} english={catalog}>
        <StatusProvider path="/">
          <AttachmentDownload
            file={file}
            label="Download Lab results.pdf"
            link={async () => ({ url: '/files/at_1', expires_at: '2026-03-01T09:01:00Z' })}
          />
        </StatusProvider>
      </I18nProvider>,
    ),
  );
  const button = host.querySelector<HTMLButtonElement>('[data-testid="attachment-download"]');
  const status = host.querySelector<HTMLElement>('[data-testid="attachment-download-status"]');
  return { host, button, status, unmount: () => act(() => root.unmount()) };
}

describe('AttachmentDownload', () => {
  it('announces the download and saves the file under its own name', async () => {
    let arrive: (r: Response) => void = () => {};
    fakeApi({ 'GET /files/at_1': () => new Promise<Response>((r) => (arrive = r)) });
    const { button, status, unmount } = mount();

    button?.click();

    await vi.waitFor(() => expect(status?.textContent).toBe('Downloading Lab results.pdf.'));
    expect(status?.getAttribute('role')).toBe('status');
    expect(button?.getAttribute('aria-busy')).toBe('true');
    arrive(new Response('%PDF-', { headers: { 'Content-Length': '5' } }));
    await vi.waitFor(() => expect(status?.textContent).toBe('Lab results.pdf downloaded.'));
    expect(saved).toEqual(['Lab results.pdf']);
    expect(button?.textContent).toBe('Download Lab results.pdf');
    unmount();
  });

  it('says in an alert that the file could not be downloaded, and can be asked again', async () => {
    fakeApi({ 'GET /files/at_1': () => new Response(null, { status: 403 }) });
    const { host, button, status, unmount } = mount();

    button?.click();

    await vi.waitFor(() => expect(host.querySelector('[data-testid="download-error"]')).not.toBeNull());
    const alert = host.querySelector('[data-testid="download-error"]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toMatch(/The file could not be downloaded/);
    expect(status?.textContent).toBe('');
    expect(button?.disabled).toBe(false);
    expect(saved).toEqual([]);
    unmount();
  });

  it('saves nothing when the page is left before the file arrives', async () => {
    let arrive: (r: Response) => void = () => {};
    fakeApi({ 'GET /files/at_1': () => new Promise<Response>((r) => (arrive = r)) });
    const { button, status, unmount } = mount();
    button?.click();
    await vi.waitFor(() => expect(status?.textContent).toBe('Downloading Lab results.pdf.'));

    unmount();
    arrive(new Response('%PDF-'));
    await new Promise((r) => setTimeout(r, 10));

    expect(saved).toEqual([]);
  });
});
