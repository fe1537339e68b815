// Sends a file to the blob store with the presigned POST from `POST /portal/attachments`: every
// entry of `upload.fields` as a form field, then the file, last, as `file` (S3's rule). No access
// token goes with it: the signed policy is the permission. XMLHttpRequest rather than fetch, for
// upload progress.
import { ApiError, NetworkError, UploadAborted } from './errors';
import type { components } from './schema';

type PresignedPost = components['schemas']['PresignedPost'];

/** The upload URL, only if it is this origin (locally) or https (S3); anything else is refused. */
export function safeTransferUrl(raw: unknown, origin = location.origin): string | null {
  try {
    const url = new URL(String(raw ?? ''), origin);
    if (url.origin === origin || url.protocol === 'https:') return url.href;
  } catch {
    // Not a URL.
  }
  return null;
}

export function uploadFile(
  upload: PresignedPost,
  file: File,
  onProgress: (fraction: number) => void,
): { done: Promise<void>; abort: () => void } {
  const url = safeTransferUrl(upload.url);
  if (!url) return { done: Promise.reject(new ApiError(0, null, null)), abort: () => {} };
  const xhr = new XMLHttpRequest();
  const done = new Promise<void>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else reject(new ApiError(xhr.status, null, null));
    });
    xhr.addEventListener('error', () => reject(new NetworkError()));
    xhr.addEventListener('timeout', () => reject(new NetworkError()));
    xhr.addEventListener('abort', () => reject(new UploadAborted()));
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields ?? {})) form.append(name, String(value));
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
