// Saves an attachment under the name the app knows. The blob store's copy carries no file name (object
// metadata must not hold one), so the file is fetched from its short-lived link (no cookies, no token:
// the signature is the permission), read as a Blob, and handed to the browser through an object URL
// and an <a download> named from the message's attachment list.
import { DownloadFailed, NetworkError } from './errors';
import type { components } from './schema';
import { safeTransferUrl } from './uploads';

type DownloadLink = components['schemas']['DownloadLink'];

/** Some browsers (Safari) read the object URL after the click has returned: it is revoked later. */
export const REVOKE_AFTER_MS = 40_000;

export interface DownloadOptions {
  /** The size the app expects, for progress when the answer does not say. */
  size?: number;
  /** 0 to 1, as the file arrives (only when its size is known). */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  fetcher?: typeof fetch;
}

export async function saveAttachment(
  link: DownloadLink,
  fileName: string,
  { size = 0, onProgress, signal, fetcher = (input, init) => fetch(input, init) }: DownloadOptions = {},
): Promise<void> {
  const url = safeTransferUrl(link.url);
  if (!url) throw new DownloadFailed();
  let res: Response;
  try {
    res = await fetcher(url, {
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
      signal,
    });
  } catch {
    throw new NetworkError();
  }
  if (!res.ok) throw new DownloadFailed();
  const blob = await readBody(res, Number(res.headers.get('Content-Length')) || size, onProgress);
  // Stopped meanwhile (the page was left, or the person signed out): nothing is saved.
  signal?.throwIfAborted();
  saveBlob(blob, fileName);
}

async function readBody(res: Response, total: number, onProgress?: (fraction: number) => void): Promise<Blob> {
  const type = res.headers.get('Content-Type') ?? '';
  try {
    if (!res.body || !onProgress || total <= 0) return await res.blob();
    const reader = res.body.getReader();
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      loaded += value.byteLength;
      onProgress(Math.min(1, loaded / total));
    }
    return new Blob(parts, { type });
  } catch {
    throw new NetworkError();
  }
}

/**
 * Hands a file the page holds to the browser to save, under `fileName`, through an object URL: for a
 * signed-in download (fetched with the bearer token in a header, never in a URL) as for an attachment.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), REVOKE_AFTER_MS);
}

/**
 * The file name a `Content-Disposition: attachment` answer suggests (`filename*=UTF-8''…` first, then
 * `filename="…"`), without any folder in it; null when it names none.
 */
export function suggestedFileName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  let name: string | undefined;
  if (extended) {
    try {
      name = decodeURIComponent(extended.trim());
    } catch {
      name = undefined;
    }
  }
  name ??= /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header)?.[1]?.replace(/\\(.)/g, '$1');
  name ??= /filename\s*=\s*([^;\s]+)/i.exec(header)?.[1];
  const base = Array.from(name?.split(/[/\\]/).pop() ?? '')
    .filter((c) => c >= ' ' && c !== '\u007f')
    .join('')
    .trim();
  return base && base !== '.' && base !== '..' ? base : null;
}
