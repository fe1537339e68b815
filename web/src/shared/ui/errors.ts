import { ApiError, DownloadFailed, NetworkError } from '../api/errors';
import type { Translator } from '../i18n/i18n';

/**
 * What to tell a person about a failure, in their language. The server's own detail (English today;
 * need 12 asks for localised problems) is used in English; other languages get the catalog's words.
 */
export function describeError(tr: Translator, err: unknown): string {
  if (err instanceof NetworkError) return tr.t('common.error.network');
  if (err instanceof DownloadFailed) return tr.t('common.error.download');
  if (!(err instanceof ApiError)) return tr.t('common.error.unknown');
  if (tr.lang === 'en' && err.detail) return sentence(err.detail);
  if (err.status === 429) return tr.t('common.error.tooMany');
  if (err.status === 401 && err.kind === 'bad-credentials') return tr.t('common.error.badCode');
  if (err.status >= 500) return tr.t('common.error.server');
  if (err.status === 404) return tr.t('common.error.notFound');
  return tr.t('common.error.refused');
}

/** What the server said about one field of a refused request (`is not a phone number`), or ''. */
export function fieldDetail(err: unknown, field: string): string {
  return err instanceof ApiError ? (err.fieldErrors.find((f) => f.field === field)?.detail ?? '') : '';
}

/** The code the server gave a refused field (`final`, `processing`), or '' when it gave none. */
export function fieldCode(err: unknown, field: string): string {
  return err instanceof ApiError ? (err.fieldErrors.find((f) => f.field === field)?.code ?? '') : '';
}

/**
 * A field the server refused, in words, next to it. `what` names the field as a noun ("mobile
 * number"). English uses the server's own detail; other languages get the catalog's general words
 * until problems come in the reader's language (need 12).
 */
export function describeFieldError(tr: Translator, what: string, detail: string): string {
  return tr.lang === 'en' && detail
    ? tr.t('common.error.fieldBecause', { what, detail })
    : tr.t('common.error.field', { what });
}

/** The request reference to quote to the practice, for server failures. */
export function errorReference(err: unknown): string {
  return err instanceof ApiError && err.status >= 500 ? err.requestId : '';
}

export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** Characters as the server counts them: Unicode scalar values of the trimmed text. */
export function charCount(text: string): number {
  return Array.from(text.trim()).length;
}
