import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REVOKE_AFTER_MS, saveAttachment, saveBlob, suggestedFileName } from './downloads';
import { DownloadFailed, NetworkError } from './errors';

const link = (url: string) => ({ url, expires_at: '2026-03-01T09:01:00Z' });
const pdf = new TextEncoder().encode('%PDF-1.4 a small file');

/** An answer that arrives in two pieces, as a slow network would give it. */
function inTwoPieces(bytes: Uint8Array, headers: Record<string, string> = {}) {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.slice(0, 10));
      controller.enqueue(bytes.slice(10));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'application/pdf', ...headers } });
}

let saved: { name: string; href: string }[];
let created: Blob[];
let revoke: ReturnType<typeof vi.fn<(url: string) => void>>;

beforeEach(() => {
  vi.useFakeTimers();
  saved = [];
  created = [];
  revoke = vi.fn<(url: string) => void>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    created.push(blob as Blob);
    return `blob:${location.origin}/${created.length}`;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(revoke);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, href: this.href });
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('saveAttachment', () => {
  it('fetches the file without credentials and saves it under the name the app knows', async () => {
    const fetcher = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
      inTwoPieces(pdf, { 'Content-Length': String(pdf.length) }),
    );
    const progress: number[] = [];

    await saveAttachment(link('https://files.example.com/o/at_1?X-Amz-Signature=abc'), 'Lab results.pdf', {
      onProgress: (f) => progress.push(f),
      fetcher: fetcher as unknown as typeof fetch,
    });

    const [url, init] = fetcher.mock.calls[0] ?? [];
    expect(url).toBe('https://files.example.com/o/at_1?X-Amz-Signature=abc');
    expect(init?.credentials).toBe('omit');
    expect(new Headers(init?.headers).get('Authorization')).toBeNull();
    expect(saved).toEqual([{ name: 'Lab results.pdf', href: `blob:${location.origin}/1` }]);
    expect(new Uint8Array(await (created[0] as Blob).arrayBuffer())).toEqual(pdf);
    expect(created[0]?.type).toBe('application/pdf');
    expect(progress).toEqual([10 / pdf.length, 1]);
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('revokes the object URL once the browser has had time to read it', async () => {
    const fetcher = async () => inTwoPieces(pdf);
    await saveAttachment(link('/local/at_1'), 'scan.pdf', { fetcher: fetcher as unknown as typeof fetch });
    expect(revoke).not.toHaveBeenCalled();
    vi.advanceTimersByTime(REVOKE_AFTER_MS);
    expect(revoke).toHaveBeenCalledWith(`blob:${location.origin}/1`);
  });

  it('reports progress from the size the app expects when the answer does not say', async () => {
    const progress: number[] = [];
    const fetcher = async () => inTwoPieces(pdf);
    await saveAttachment(link('/local/at_1'), 'scan.pdf', {
      size: pdf.length,
      onProgress: (f) => progress.push(f),
      fetcher: fetcher as unknown as typeof fetch,
    });
    expect(progress.at(-1)).toBe(1);
  });

  it.each([
    ['a link to somewhere not https', 'http://files.example.com/o/at_1'],
    ['a script link', 'javascript:alert(1)'],
  ])('refuses %s and fetches nothing', async (_, url) => {
    const fetcher = vi.fn();
    await expect(
      saveAttachment(link(url), 'x.pdf', { fetcher: fetcher as unknown as typeof fetch }),
    ).rejects.toBeInstanceOf(DownloadFailed);
    expect(fetcher).not.toHaveBeenCalled();
    expect(saved).toEqual([]);
  });

  it('saves nothing when the link has expired or is refused', async () => {
    const fetcher = async () => new Response('<Error><Code>AccessDenied</Code></Error>', { status: 403 });
    await expect(
      saveAttachment(link('/local/at_1'), 'x.pdf', { fetcher: fetcher as unknown as typeof fetch }),
    ).rejects.toBeInstanceOf(DownloadFailed);
    expect(created).toEqual([]);
    expect(saved).toEqual([]);
  });

  it('tells a network failure apart', async () => {
    const fetcher = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(
      saveAttachment(link('/local/at_1'), 'x.pdf', { fetcher: fetcher as unknown as typeof fetch }),
    ).rejects.toBeInstanceOf(NetworkError);
    expect(saved).toEqual([]);
  });

  it('saves nothing once stopped (the page was left, or the person signed out)', async () => {
    const stop = new AbortController();
    const fetcher = async () => {
      stop.abort();
      return inTwoPieces(pdf);
    };
    await expect(
      saveAttachment(link('/local/at_1'), 'x.pdf', {
        signal: stop.signal,
        fetcher: fetcher as unknown as typeof fetch,
      }),
    ).rejects.toThrow();
    expect(saved).toEqual([]);
  });
});

describe('a file the page already holds', () => {
  it('is saved under the name given, through an object URL revoked later', () => {
    saveBlob(new Blob(['at,actor\n'], { type: 'text/csv' }), 'audit-20261128-20261129.csv');
    expect(saved).toEqual([{ name: 'audit-20261128-20261129.csv', href: `blob:${location.origin}/1` }]);
    vi.advanceTimersByTime(REVOKE_AFTER_MS);
    expect(revoke).toHaveBeenCalledWith(`blob:${location.origin}/1`);
  });
  it('takes its name from Content-Disposition, never with a folder in it', () => {
    expect(suggestedFileName('attachment; filename="audit-20261128-20261129.csv"')).toBe('audit-20261128-20261129.csv');
    expect(suggestedFileName("attachment; filename*=UTF-8''informe%20de%20auditor%C3%ADa.jsonl")).toBe(
      'informe de auditoría.jsonl',
    );
    expect(suggestedFileName('attachment; filename=audit.csv')).toBe('audit.csv');
    expect(suggestedFileName('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(suggestedFileName('attachment; filename=".."')).toBeNull();
    expect(suggestedFileName('attachment')).toBeNull();
    expect(suggestedFileName(null)).toBeNull();
  });
});
