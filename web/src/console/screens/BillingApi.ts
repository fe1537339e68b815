// The console's billing routes: a patient's ledger (admins and billing staff), charges, adjustments and
// write-offs, refunds, a dispute's evidence, and the practice's billing account (admins set it; billing
// staff read it). Who may do what comes from the API document's roles. Money is in minor units (cents)
// everywhere; what people type is read as text into whole cents, never through a float.
import { createApi, unwrap } from '../../shared/api/client';
import { ApiError } from '../../shared/api/errors';
import { operationRoles } from '../../shared/api/openapi-values';
import type { components } from '../../shared/api/schema';
import { session } from '../api';

export type S = components['schemas'];
export type Ledger = S['LedgerView'];

const api = createApi(session);
const seg = (id: string) => ({ path: { id } });

export const billing = {
  ledger: async (patient: string) => unwrap(await api.GET('/staff/patients/{id}/ledger', { params: seg(patient) })),
  /** Posts a charge; the same key on a retry posts nothing more (200 with what was posted). */
  charge: async (patient: string, body: S['ChargeRequest'], key: string) =>
    unwrap(
      await api.POST('/staff/patients/{id}/ledger/charges', {
        params: { ...seg(patient), header: { 'Idempotency-Key': key } },
        body,
      }),
    ),
  /** An adjustment or write-off. One key per submission, on every retry: the same key answers the same posting. */
  adjust: async (patient: string, body: S['AdjustmentRequest'], key: string) =>
    unwrap(
      await api.POST('/staff/patients/{id}/ledger/adjustments', {
        params: { ...seg(patient), header: { 'Idempotency-Key': key } },
        body,
      }),
    ),
  /** Asks for a refund (202): it succeeds when Stripe confirms it. One key per refund, on every retry. */
  refund: async (patient: string, body: S['RefundBody'], key: string) =>
    unwrap(
      await api.POST('/staff/patients/{id}/ledger/refunds', {
        params: { ...seg(patient), header: { 'Idempotency-Key': key } },
        body,
      }),
    ),
  /** What may be offered for a disputed payment: non-clinical facts, per section, with the exact text. */
  evidence: async (patient: string, dispute: string) =>
    unwrap(
      await api.GET('/staff/patients/{id}/ledger/disputes/{dispute_id}/evidence', {
        params: { path: { id: patient, dispute_id: dispute } },
      }),
    ),
  /** Sends the chosen sections to Stripe, once (final). `unsent` evidence: Stripe did not answer; send again. */
  sendEvidence: async (patient: string, dispute: string, body: S['EvidenceRequest']) =>
    unwrap(
      await api.POST('/staff/patients/{id}/ledger/disputes/{dispute_id}/evidence', {
        params: { path: { id: patient, dispute_id: dispute } },
        body,
      }),
    ),
  /** The practice's billing account; null while none is set up (404). */
  account: async (): Promise<S['AccountView'] | null> => {
    try {
      return unwrap(await api.GET('/staff/billing/account'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  },
  saveAccount: async (body: S['AccountUpdate']) => unwrap(await api.PUT('/staff/billing/account', { body })),
};

const OPERATIONS = {
  readLedger: 'GET /staff/patients/{id}/ledger',
  charge: 'POST /staff/patients/{id}/ledger/charges',
  adjust: 'POST /staff/patients/{id}/ledger/adjustments',
  refund: 'POST /staff/patients/{id}/ledger/refunds',
  readEvidence: 'GET /staff/patients/{id}/ledger/disputes/{dispute_id}/evidence',
  sendEvidence: 'POST /staff/patients/{id}/ledger/disputes/{dispute_id}/evidence',
  readAccount: 'GET /staff/billing/account',
  editAccount: 'PUT /staff/billing/account',
} as const;

/** What the signed-in roles may do with billing, by the operation's `x-roles` in the API document. */
export function mayBill(roles: readonly string[], operation: keyof typeof OPERATIONS): boolean {
  const allowed = operationRoles[OPERATIONS[operation]] ?? [];
  return roles.some((r) => allowed.includes(r));
}

/** How many digits after the point a currency has (2 for usd, 0 for jpy). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** An amount in minor units, as money in the reader's locale ("$12.50", "-$3.00"). */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  const negative = minor < 0;
  const whole = Math.abs(minor);
  const scale = 10 ** digits;
  // Whole and fractional parts are split as integers and joined as text: no float rounding.
  const text = digits ? `${Math.floor(whole / scale)}.${String(whole % scale).padStart(digits, '0')}` : String(whole);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: currency.toUpperCase(),
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(Number(`${negative ? '-' : ''}${text}`));
  } catch {
    return `${negative ? '-' : ''}${text} ${currency.toUpperCase()}`;
  }
}

/**
 * Money as typed ("12", "12.5", "12.50", "$1,234.56", "12,50") into whole minor units, read as text;
 * null when it is not an amount. A comma followed by exactly the currency's digits (or fewer) at the
 * end is the decimal mark; other commas group thousands.
 */
export function parseMoney(typed: string, currency = 'usd'): number | null {
  const digits = currencyDigits(currency);
  let text = typed.replace(/[\s\u00a0$€£]/g, '');
  if (!text) return null;
  const decimalComma = digits > 0 && new RegExp(`^[0-9.]*,[0-9]{1,${digits}}$`).test(text) && !text.includes('.');
  text = decimalComma ? text.replace(',', '.') : text.replace(/,(?=[0-9]{3}(\D|$))/g, '');
  const pattern = digits ? new RegExp(`^([0-9]+)(?:\\.([0-9]{1,${digits}}))?$`) : /^([0-9]+)()$/;
  const m = pattern.exec(text);
  if (!m) return null;
  const whole = m[1] ?? '0';
  const fraction = (m[2] ?? '').padEnd(digits, '0');
  if (whole.length > 12) return null;
  return Number(whole) * 10 ** digits + Number(fraction || '0');
}

/** Minor units as the text a money field starts with ("12.50"), in the form `parseMoney` reads. */
export function moneyInput(minor: number, currency = 'usd'): string {
  const digits = currencyDigits(currency);
  const whole = Math.abs(minor);
  const scale = 10 ** digits;
  const text = digits ? `${Math.floor(whole / scale)}.${String(whole % scale).padStart(digits, '0')}` : String(whole);
  return minor < 0 ? `-${text}` : text;
}

/**
 * The Idempotency-Key of one form: the same while the same request is sent again (a retry, a double
 * click), a new one once what is sent changes or after it went through.
 */
export class RequestKey {
  private key = '';
  private body = '';
  for(body: unknown): string {
    const text = JSON.stringify(body);
    if (!this.key || text !== this.body) {
      this.key = crypto.randomUUID();
      this.body = text;
    }
    return this.key;
  }
  done(): void {
    this.key = '';
    this.body = '';
  }
}
