// The portal's billing routes, money as the patient reads and types it, and the little of Stripe.js the
// Billing screen uses (loaded only when the patient pays: no Stripe package, no script before then).
import { createApi, unwrap } from '../../shared/api/client';
import { suggestedFileName } from '../../shared/api/downloads';
import type { components } from '../../shared/api/schema';
import { actingFetch } from '../acting';
import { session } from '../api';

export type S = components['schemas'];
export type Billing = S['BillingView'];
export type Payment = S['PaymentView'];
export type Autopay = S['AutopayView'];

const api = createApi(session, actingFetch);

export const billing = {
  /** What is owed, the open bills, every entry and payment (newest first). */
  view: async () => unwrap(await api.GET('/portal/billing')),
  /**
   * Starts a payment: the server makes the PaymentIntent and answers what Stripe.js confirms it with.
   * One Idempotency-Key per attempt: the same key and body again answer the same payment.
   */
  pay: async (body: S['PayRequest'], idempotencyKey: string) =>
    unwrap(
      await api.POST('/portal/billing/payments', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }),
    ),
  /** One payment, as the server knows it (`processing` until Stripe's event has posted it). */
  /**
   * A month's statement (`YYYY-MM`) as a PDF, fetched with the token in its header (never in a URL) and
   * named as the server suggests.
   */
  statementPdf: async (month: string) => {
    const result = await api.GET('/portal/billing/statements/{month}', {
      params: { path: { month }, query: { format: 'pdf' } },
      parseAs: 'blob',
      headers: { Accept: 'application/pdf, application/problem+json' },
    });
    const file = unwrap(result) as unknown as Blob;
    return {
      file,
      name: suggestedFileName(result.response.headers.get('Content-Disposition')) ?? `statement-${month}.pdf`,
    };
  },
  payment: async (id: string) => unwrap(await api.GET('/portal/billing/payments/{id}', { params: { path: { id } } })),
  /**
   * Starts saving a card for autopay (a SetupIntent Stripe.js confirms; nothing is charged). One
   * Idempotency-Key per card being saved: a retry after no answer sends the same one.
   */
  autopaySetup: async (idempotencyKey: string) =>
    unwrap(
      await api.POST('/portal/billing/autopay/setup', { params: { header: { 'Idempotency-Key': idempotencyKey } } }),
    ),
  /** Turns autopay on with the card a confirmed SetupIntent saved, the limit, and the patient's consent. */
  autopayOn: async (body: S['AutopayRequest']) => unwrap(await api.PUT('/portal/billing/autopay', { body })),
  /** Turns autopay off (204). */
  autopayOff: async () => {
    unwrap(await api.DELETE('/portal/billing/autopay'));
  },
};

// ------------------------------------------------------------------------------------------------
// Money: integer minor units (cents) everywhere; text only at the edges.

/** How many digits a currency's minor unit has (2 for dollars, 0 for yen). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "$120.00" (or "120,00 US$"...) from minor units, in the reader's locale. */
export function formatMoney(locale: string, currency: string, minor: number, signed = false): string {
  const digits = minorDigits(currency);
  const value = minor / 10 ** digits;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
    }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${currency.toUpperCase()}`;
  }
}

/** Minor units as the amount field shows them: "120.00" (no symbol, no grouping, a point). */
export function amountText(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const whole = Math.abs(minor);
  if (digits === 0) return `${sign}${whole}`;
  const unit = 10 ** digits;
  return `${sign}${Math.floor(whole / unit)}.${String(whole % unit).padStart(digits, '0')}`;
}

/**
 * What the patient typed ("120", "120.5", "$1,200.00", "120,50") as integer minor units, read from the
 * text itself (no floating point); null when it is not an amount (letters, more digits after the point
 * than the currency has, a minus sign).
 */
export function parseAmount(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const s = text
    .trim()
    .replace(/[\s\u00a0]/g, '')
    .replace(/^(?:US)?\$/i, '');
  let whole: string;
  let fraction = '';
  let m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(s);
  if (m) {
    whole = (m[1] ?? '').replace(/,/g, '');
    fraction = m[2] ?? '';
  } else {
    // A decimal comma, as many write it in Spanish: "120,50" (a comma before three digits groups them).
    m = /^(\d+),(\d{1,2})$/.exec(s);
    if (!m) return null;
    whole = m[1] ?? '';
    fraction = m[2] ?? '';
  }
  if (fraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Why an amount cannot be paid (the server's rules, checked first here; the server decides). */
export type AmountProblem = 'format' | 'zero' | 'over' | 'under';

export function amountProblem(minor: number | null, view: Pick<Billing, 'balance' | 'pay'>): AmountProblem | null {
  if (minor === null) return 'format';
  if (minor <= 0) return 'zero';
  if (!view.pay.allow_prepayment && minor > Math.max(0, view.balance)) return 'over';
  if (minor < view.pay.minimum_payment && minor !== view.balance) return 'under';
  return null;
}

/** "March 2026" for `2026-03` (a calendar month: no zone drift). */
export function monthName(locale: string, month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15));
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** A new payment attempt's Idempotency-Key. */
export function newPaymentKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

// ------------------------------------------------------------------------------------------------
// Stripe.js: the few calls the Payment Element needs, typed here (no @stripe packages).

export interface StripeError {
  type?: string;
  code?: string;
  message?: string;
}
export interface StripePaymentElement {
  mount: (target: HTMLElement) => void;
  destroy?: () => void;
  on?: (event: string, handler: (e: unknown) => void) => unknown;
}
export interface StripeElements {
  create: (kind: 'payment') => StripePaymentElement;
}
export interface StripeClient {
  /** `locale`: the Payment Element's language (and its error messages'). */
  elements: (options: { clientSecret: string; locale?: string }) => StripeElements;
  confirmPayment: (options: {
    elements: StripeElements;
    redirect: 'if_required';
  }) => Promise<{ error?: StripeError; paymentIntent?: { id: string; status: string } }>;
  /** Saves the card of a SetupIntent (autopay): nothing is charged. */
  confirmSetup: (options: {
    elements: StripeElements;
    redirect: 'if_required';
  }) => Promise<{ error?: StripeError; setupIntent?: { id: string; status: string } }>;
}
export type StripeFactory = (publishableKey: string, options: { stripeAccount: string }) => StripeClient;

declare global {
  interface Window {
    Stripe?: StripeFactory;
  }
}

const loading = new Map<string, Promise<StripeFactory>>();

/**
 * Where Stripe.js may come from: Stripe's own host, or a path on this site (the local stand-in's
 * `/_local/stripe/v3.js`). Anything else the server might answer is not loaded.
 */
export function stripeSourceAllowed(src: string): boolean {
  if (src.startsWith('https://js.stripe.com/')) return true;
  return src.startsWith('/') && !src.startsWith('//') && !src.includes('\\');
}

/** Stripe.js from where the server says (a `<script src>` added once per address), then `window.Stripe`. */
export function loadStripe(src: string): Promise<StripeFactory> {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  if (!stripeSourceAllowed(src)) return Promise.reject(new Error('stripe source'));
  const known = loading.get(src);
  if (known) return known;
  const promise = new Promise<StripeFactory>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    // A failed load leaves no element behind: a retry adds a new one and loads again.
    const failed = () => {
      script.remove();
      reject(new Error('stripe'));
    };
    script.addEventListener('load', () => (window.Stripe ? resolve(window.Stripe) : failed()));
    script.addEventListener('error', failed);
    document.head.append(script);
  });
  // A failed load may be tried again (a new script element).
  promise.catch(() => loading.delete(src));
  loading.set(src, promise);
  return promise;
}
