// The portal's appointment routes: services, free times, holds, booking and the patient's own moves.
// Through the same signed-in client as every portal read (it says whom the person acts for).
import { createApi, unwrap } from '../../shared/api/client';
import type { components } from '../../shared/api/schema';
import { actingFetch } from '../acting';
import { session } from '../api';

export type S = components['schemas'];
export type Appointment = S['AppointmentView'];

const api = createApi(session, actingFetch);
const path = (id: string) => ({ params: { path: { id } } });

export interface SlotQuery {
  service: string;
  clinician?: string;
  from?: string;
  to?: string;
}

export const appointments = {
  services: async () => unwrap(await api.GET('/portal/availability/services')),
  /** Free times for a service (at most 31 days; the server's default is the next 14). */
  availability: async (query: SlotQuery) => unwrap(await api.GET('/portal/availability', { params: { query } })),
  /** Keeps a time for the patient while they confirm (the answer says until when). */
  hold: async (body: S['HoldRequest']) => unwrap(await api.POST('/portal/holds', { body })),
  /** Gives the patient's held time back (another time chosen, or the booking left): best effort, never fails. */
  release: async (serviceId: string) => {
    try {
      await api.DELETE('/portal/holds/{service_id}', { params: { path: { service_id: serviceId } } });
    } catch {
      // The hold ends by itself at its expiry; nothing for the patient to do.
    }
  },
  /** Books (or asks for) a time; the same key and body again answer the same appointment. */
  book: async (body: S['BookRequest'], idempotencyKey: string) =>
    unwrap(await api.POST('/portal/appointments', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
  list: async () => unwrap(await api.GET('/portal/appointments')),
  cancel: async (id: string, reason: string) =>
    unwrap(await api.POST('/portal/appointments/{id}/cancel', { ...path(id), body: reason ? { reason } : {} })),
  reschedule: async (id: string, body: S['RescheduleRequest']) =>
    unwrap(await api.POST('/portal/appointments/{id}/reschedule', { ...path(id), body })),
  confirm: async (id: string) => unwrap(await api.POST('/portal/appointments/{id}/confirm', path(id))),
  /** A fresh seat in a video visit (403 `not-open` with `opens_at` outside its window). */
  join: async (id: string) => unwrap(await api.POST('/portal/appointments/{id}/join', path(id))),
};

/** The patient's waitlist places and the freed times offered to them. */
export const waitlist = {
  view: async () => unwrap(await api.GET('/portal/waitlist')),
  join: async (body: S['JoinWaitlist']) => unwrap(await api.POST('/portal/waitlist', { body })),
  leave: async (entryId: string) =>
    unwrap(await api.DELETE('/portal/waitlist/{entry_id}', { params: { path: { entry_id: entryId } } })),
  /** The first claim wins: it books the time (and cancels the appointment it replaces, in one step). */
  claim: async (offerId: string) =>
    unwrap(await api.POST('/portal/waitlist/offers/{offer_id}/claim', { params: { path: { offer_id: offerId } } })),
};

/** An offer the patient can still claim: offered, and its claim window not yet passed. */
export function liveOffer(o: Pick<S['OfferView'], 'status' | 'expires_at'>, now = Date.now()): boolean {
  return o.status === 'offered' && Date.parse(o.expires_at) > now;
}

/** The calendar day (`YYYY-MM-DD`) in a zone, `days` after the day it is there at `now`. */
export function dayAfter(days: number, zone: string | undefined, now = new Date()): string {
  let today: string;
  try {
    today = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  } catch {
    today = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/**
 * When a video visit can be joined, as the appointment states it (`join_opens_at`, `join_closes_at`; need
 * 35). The server decides at join time (a 403 `not-open` names the window).
 */
export function videoWindow(a: Pick<Appointment, 'start' | 'end' | 'join_opens_at' | 'join_closes_at'>): {
  opensAt: number;
  closesAt: number;
} {
  // The server states the window on every video visit; the rule is only a fallback for an older answer.
  const opensAt = a.join_opens_at ? Date.parse(a.join_opens_at) : Date.parse(a.start) - 15 * 60_000;
  const closesAt = a.join_closes_at ? Date.parse(a.join_closes_at) : Date.parse(a.end) + 30 * 60_000;
  return { opensAt, closesAt };
}

/** A new key for one booking attempt (kept for its retries). */
export function newAttemptKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * What cancelling now means for an appointment under its service's rules: `late` when it starts within
 * the cancellation notice and the practice counts it late, `blocked` when the practice does not take
 * cancellations that late online, `fine` otherwise (or when the service's rules are not known).
 */
export function cancelOutcome(
  a: Pick<Appointment, 'start'>,
  service: Pick<S['BookableService'], 'cancel_notice_hours' | 'late_cancel'> | undefined,
  now = Date.now(),
): 'fine' | 'late' | 'blocked' {
  if (!service) return 'fine';
  const within = Date.parse(a.start) - now < service.cancel_notice_hours * 3_600_000;
  if (!within || service.late_cancel === 'allow') return 'fine';
  return service.late_cancel === 'block' ? 'blocked' : 'late';
}

/** The date part of an RFC 3339 time as written (`2026-12-01T09:00:00-05:00` → `2026-12-01`). */
export function localDay(rfc3339: string): string {
  return rfc3339.slice(0, 10);
}

/** A time as a person reads it in one zone (`9:30 AM`), or with its date (`style: 'long'`). */
export function timeIn(locale: string, zone: string | undefined, iso: string, withDate = false): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = withDate
    ? { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: zone }
    : { hour: 'numeric', minute: '2-digit', timeZone: zone };
  try {
    return new Intl.DateTimeFormat(locale, options).format(at);
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: undefined }).format(at);
  }
}

/** A calendar day (`2026-12-01`) as a heading: "Tuesday, December 1". */
export function dayLabel(locale: string, day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  return new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    at,
  );
}

/** The short name of a zone at an instant (`EST`, `GMT-5`). */
export function zoneAbbr(locale: string, zone: string, iso: string): string {
  try {
    const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })
      .formatToParts(new Date(iso))
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? zone;
  } catch {
    return zone;
  }
}
