// The portal's only door to the API: same-origin, relative URLs (the practice comes from the host name).
//
// The access token lives in this module's memory and nowhere else: never in localStorage,
// sessionStorage, cookies or the URL. The refresh token is an HttpOnly cookie that only the server
// sees; `refreshSession()` trades it for a new access token.

/** @type {{ accessToken: string, expiresAt: number } | null} */
let session = null;
/** @type {Promise<boolean> | null} */
let refreshing = null;
/** @type {(reason: string) => void} */
let onEnded = () => {};

/** An API answer that was not a success: carries the problem document (RFC 9457). */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {any} problem
   * @param {number | null} retryAfter seconds, from the Retry-After header
   */
  constructor(status, problem, retryAfter) {
    super(problemMessage(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.title = (problem && typeof problem.title === 'string') ? problem.title : '';
    this.detail = (problem && typeof problem.detail === 'string') ? problem.detail : '';
    this.requestId = (problem && typeof problem.request_id === 'string') ? problem.request_id : '';
    /** @type {{ field: string, detail: string }[]} */
    this.fieldErrors = (problem && Array.isArray(problem.errors))
      ? problem.errors.filter((e) => e && typeof e.field === 'string' && typeof e.detail === 'string')
      : [];
    this.retryAfter = retryAfter;
  }
}

/** The network failed, or the server could not be reached. */
export class NetworkError extends Error {
  constructor() {
    super('We could not reach the portal. Check your internet connection and try again.');
    this.name = 'NetworkError';
  }
}

/** The session ended (refresh refused) while a signed-in call was being made. */
export class SessionEndedError extends Error {
  constructor() {
    super('Your session has ended. Please sign in again.');
    this.name = 'SessionEndedError';
  }
}

function problemMessage(status, problem) {
  if (problem && typeof problem.detail === 'string' && problem.detail) return problem.detail;
  if (problem && typeof problem.title === 'string' && problem.title) return problem.title;
  if (status === 429) return 'Too many tries. Please wait a little and try again.';
  if (status >= 500) return 'Something went wrong on our side. Please try again.';
  return 'That did not work. Please try again.';
}

/** Seconds to wait, from a Retry-After header (delta-seconds or an HTTP date). */
function parseRetryAfter(value) {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(1, Math.ceil((at - Date.now()) / 1000));
}

/** Called with a reason ('expired') when the session ends underneath a signed-in call. */
export function setSessionEndedHandler(handler) {
  onEnded = handler;
}

export function isSignedIn() {
  return session !== null;
}

/** Keeps a session answer ({access_token, expires_in, ...}) in memory. */
export function adoptSession(body) {
  if (!body || typeof body.access_token !== 'string' || !body.access_token) {
    throw new ApiError(500, { detail: 'The sign-in answer was not understood. Please try again.' }, null);
  }
  const seconds = Number(body.expires_in) > 0 ? Number(body.expires_in) : 300;
  session = { accessToken: body.access_token, expiresAt: Date.now() + seconds * 1000 };
}

/** Forgets the session in memory (the server side is ended by `logout`). */
export function forgetSession() {
  session = null;
}

async function send(method, path, body, withToken) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (withToken && session) headers.Authorization = `Bearer ${session.accessToken}`;
  try {
    return await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new NetworkError();
  }
}

async function readBody(res) {
  if (res.status === 204) return null;
  const text = await res.text().catch(() => '');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function settle(res) {
  const body = await readBody(res);
  if (!res.ok) throw new ApiError(res.status, body, parseRetryAfter(res.headers.get('Retry-After')));
  return body;
}

/**
 * Trades the HttpOnly refresh cookie for a new access token. Resolves true on success, false when the
 * server refuses (no session); rejects with NetworkError when offline. One refresh at a time: the
 * refresh token rotates, so two concurrent refreshes could end the session.
 */
export function refreshSession() {
  if (!refreshing) {
    refreshing = (async () => {
      const res = await send('POST', '/auth/refresh', undefined, false);
      if (!res.ok) {
        await readBody(res);
        session = null;
        return false;
      }
      adoptSession(await readBody(res));
      return true;
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

/** A public call (sign-in): no token, no refresh. */
export async function publicCall(method, path, body) {
  return settle(await send(method, path, body, false));
}

/**
 * A signed-in call. Refreshes first when the token is about to expire, and once more (then retries)
 * when the server answers 401. If the refresh is refused the session has ended: the handler set with
 * `setSessionEndedHandler` runs and the call rejects with SessionEndedError.
 */
export async function call(method, path, body) {
  if (!session || session.expiresAt - Date.now() < 20_000) {
    if (!(await refreshSession())) return ended();
  }
  let res = await send(method, path, body, true);
  if (res.status === 401) {
    const problem = await readBody(res);
    // A wrong confirmation code is also a 401, but it says nothing about the session.
    if (isBadCredentials(problem)) throw new ApiError(401, problem, null);
    if (!(await refreshSession())) return ended();
    res = await send(method, path, body, true);
    if (res.status === 401) {
      const again = await readBody(res);
      if (isBadCredentials(again)) throw new ApiError(401, again, null);
      return ended();
    }
  }
  return settle(res);
}

/** The problem type of a wrong or expired code ("That did not work"), as opposed to a missing session. */
function isBadCredentials(problem) {
  return Boolean(problem && typeof problem.type === 'string' && /\/bad-credentials$/.test(problem.type));
}

function ended() {
  session = null;
  onEnded('expired');
  throw new SessionEndedError();
}

/** Ends the session on the server (best effort) and forgets it here. */
export async function logout() {
  const had = session;
  try {
    if (had) {
      const res = await send('POST', '/auth/logout', undefined, true);
      await readBody(res);
    }
  } catch {
    // Offline: the token is forgotten below and expires on its own.
  } finally {
    session = null;
  }
}

export const auth = {
  startCode: (channel, address) => publicCall('POST', '/auth/otp/start', { channel, address }),
  verifyCode: (challengeId, code) => publicCall('POST', '/auth/otp/verify', { challenge_id: challengeId, code }),
  redeemLink: (token) => publicCall('POST', '/auth/link', { token }),
};

/** An upload was stopped on purpose (the patient removed the file). */
export class UploadAborted extends Error {
  constructor() {
    super('The upload was cancelled.');
    this.name = 'UploadAborted';
  }
}

/**
 * The presigned upload URL, only if it is this portal (locally) or an https address (S3). Anything else
 * is refused rather than handed the patient's file.
 */
function uploadUrl(raw) {
  try {
    const url = new URL(String(raw || ''), location.origin);
    if (url.origin === location.origin || url.protocol === 'https:') return url.href;
  } catch {
    // Not a URL.
  }
  return null;
}

/**
 * Sends a file to the blob store with the presigned POST from `POST /portal/attachments`: every entry of
 * `upload.fields` as a form field, then the file, last, as `file` (S3's rule). No access token goes with
 * it: the signed policy is the permission. XMLHttpRequest rather than fetch for upload progress.
 * @param {{ url: string, fields: Record<string, string> }} upload
 * @param {File} file
 * @param {(fraction: number) => void} onProgress
 * @returns {{ done: Promise<void>, abort: () => void }}
 */
export function uploadFile(upload, file, onProgress) {
  const url = uploadUrl(upload && upload.url);
  if (!url) {
    return {
      done: Promise.reject(new ApiError(0, { detail: 'The upload address was not understood. Please try again.' }, null)),
      abort: () => {},
    };
  }
  const xhr = new XMLHttpRequest();
  const done = new Promise((resolve, reject) => {
    xhr.open('POST', url);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      // S3 answers 204 (or 200/201 when asked to); the local store 204. Anything else is a refusal.
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve();
        return;
      }
      const detail = xhr.status === 403 || xhr.status === 400
        ? 'The file storage refused the upload (the upload link may have expired). Please try again.'
        : 'The file could not be uploaded. Please try again.';
      reject(new ApiError(xhr.status, { detail }, null));
    });
    xhr.addEventListener('error', () => reject(new NetworkError()));
    xhr.addEventListener('timeout', () => reject(new NetworkError()));
    xhr.addEventListener('abort', () => reject(new UploadAborted()));
    const form = new FormData();
    for (const [name, value] of Object.entries((upload && upload.fields) || {})) form.append(name, String(value));
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

const seg = (id) => encodeURIComponent(String(id));

/** Secure messaging. Thread and attachment ids are opaque; no message text ever goes in a URL. */
export const messaging = {
  threads: () => call('GET', '/portal/threads'),
  startThread: ({ topic, subject, body, attachmentIds }) => call('POST', '/portal/threads', {
    topic, subject, body, attachment_ids: attachmentIds,
  }),
  thread: (id, before) => call('GET', `/portal/threads/${seg(id)}${before ? `?before=${encodeURIComponent(before)}` : ''}`),
  reply: (id, { body, attachmentIds }) => call('POST', `/portal/threads/${seg(id)}/messages`, { body, attachment_ids: attachmentIds }),
  markRead: (id) => call('POST', `/portal/threads/${seg(id)}/read`),
  startUpload: ({ fileName, contentType, size }) => call('POST', '/portal/attachments', {
    file_name: fileName, content_type: contentType, size,
  }),
  completeUpload: (id) => call('POST', `/portal/attachments/${seg(id)}/complete`),
  downloadLink: (id) => call('GET', `/portal/attachments/${seg(id)}`),
};

export const portal = {
  me: () => call('GET', '/portal/me'),
  updateMe: (patch) => call('PATCH', '/portal/me', patch),
  verifyContact: (challengeId, code) => call('POST', '/portal/me/contact/verify', { challenge_id: challengeId, code }),
  consents: () => call('GET', '/portal/consents'),
  decideConsent: (kind, version, decision) => call('PUT', '/portal/consents', { kind, version, decision }),
  preferences: () => call('GET', '/portal/preferences'),
  savePreferences: (prefs) => call('PUT', '/portal/preferences', prefs),
};
