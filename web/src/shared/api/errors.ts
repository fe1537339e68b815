// What can go wrong talking to the API, as values the screens can tell apart.
import type { components } from './schema';

export type Problem = Partial<components['schemas']['Problem']>;
export type FieldError = components['schemas']['FieldError'];

/** An answer that was not a success: carries the problem document (RFC 9457). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  readonly retryAfter: number | null;
  constructor(status: number, problem: unknown, retryAfter: number | null) {
    super(`API answered ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem && typeof problem === 'object' ? (problem as Problem) : null;
    this.retryAfter = retryAfter;
  }
  get detail(): string {
    return typeof this.problem?.detail === 'string' ? this.problem.detail : '';
  }
  get requestId(): string {
    return typeof this.problem?.request_id === 'string' ? this.problem.request_id : '';
  }
  get fieldErrors(): FieldError[] {
    const errors = this.problem?.errors;
    return Array.isArray(errors)
      ? errors.filter((e): e is FieldError => typeof e?.field === 'string' && typeof e?.detail === 'string')
      : [];
  }
  /** The problem type's last path segment (`bad-credentials`, `unprocessable`, ...). */
  get kind(): string {
    const type = typeof this.problem?.type === 'string' ? this.problem.type : '';
    return type.slice(type.lastIndexOf('/') + 1);
  }
}

/** The network failed, or the server could not be reached. */
export class NetworkError extends Error {
  constructor() {
    super('network');
    this.name = 'NetworkError';
  }
}

/** The session ended (refresh refused) while a signed-in call was being made. */
export class SessionEndedError extends Error {
  constructor() {
    super('session ended');
    this.name = 'SessionEndedError';
  }
}

/** An upload was stopped on purpose (the file was removed). */
export class UploadAborted extends Error {
  constructor() {
    super('upload aborted');
    this.name = 'UploadAborted';
  }
}

/** A file could not be fetched from its download link (expired, refused, or not a link we follow). */
export class DownloadFailed extends Error {
  constructor() {
    super('download failed');
    this.name = 'DownloadFailed';
  }
}

/** Seconds to wait, from a Retry-After header (delta-seconds or an HTTP date). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(1, Math.ceil((at - now) / 1000));
}

/** The change needs a recent sign-in (`403 …/problems/recent-sign-in-required`). */
export function needsRecentSignIn(err: unknown): boolean {
  return err instanceof ApiError && err.status === 403 && err.kind === 'recent-sign-in-required';
}

/** A route this deployment does not have yet (see web/BACKEND-NEEDS.md): 404/405 from the gateway. */
export function isMissingRoute(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 404 || err.status === 405) && !err.problem?.type;
}
