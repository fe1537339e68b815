// The console's scheduling routes: services, clinicians' weekly schedules, the appointment book and
// the desk's moves on an appointment. Who may do what comes from the API document's roles.
import { createApi, unwrap } from '../../shared/api/client';
import { operationRoles } from '../../shared/api/openapi-values';
import type { components } from '../../shared/api/schema';
import { session } from '../api';

export type S = components['schemas'];
export type StaffAppointment = S['StaffAppointmentView'];

const api = createApi(session);
const seg = (id: string) => ({ params: { path: { id } } });
const clinicianPath = (clinician: string) => ({ params: { path: { clinician } } });

export const scheduling = {
  services: async () => unwrap(await api.GET('/staff/services')),
  createService: async (body: S['ServiceInput']) => unwrap(await api.POST('/staff/services', { body })),
  updateService: async (id: string, body: S['ServiceInput']) =>
    unwrap(await api.PUT('/staff/services/{id}', { ...seg(id), body })),
  /** A clinician's weekly schedule; null when none was set yet (404). */
  schedule: async (clinician: string): Promise<S['Schedule'] | null> => {
    const result = await api.GET('/staff/schedule/{clinician}', clinicianPath(clinician));
    if (result.response.status === 404) return null;
    return unwrap(result);
  },
  saveSchedule: async (clinician: string, body: S['ScheduleInput']) =>
    unwrap(await api.PUT('/staff/schedule/{clinician}', { ...clinicianPath(clinician), body })),
  /** The book between two instants (at most 31 days), for one clinician or all. */
  appointments: async (from: string, to: string, clinician?: string) =>
    unwrap(
      await api.GET('/staff/appointments', {
        params: { query: { from, to, ...(clinician ? { clinician } : {}) } },
      }),
    ),
  /**
   * The free times of a service (at most 31 days), as the server counts them: bookings, holds, blocks
   * and buffers, without the online notice and horizon a patient has.
   */
  availability: async (query: { service: string; clinician?: string; from: string; to: string }) =>
    unwrap(await api.GET('/staff/availability', { params: { query } })),
  book: async (body: S['StaffBookRequest']) => unwrap(await api.POST('/staff/appointments', { body })),
  setStatus: async (id: string, body: S['StatusRequest']) =>
    unwrap(await api.POST('/staff/appointments/{id}/status', { ...seg(id), body })),
  /** The waiting lines (in offer order within each service) and the report over a period (at most 366 days). */
  waitlist: async (from: string, to: string) =>
    unwrap(await api.GET('/staff/appointments/waitlist', { params: { query: { from, to } } })),
  /** A waiting place's priority, on the version read (a change meanwhile answers 409). */
  setPriority: async (entryId: string, body: S['PriorityChange']) =>
    unwrap(
      await api.POST('/staff/appointments/waitlist/{entry_id}/priority', {
        params: { path: { entry_id: entryId } },
        body,
      }),
    ),
  /** The visit's clinician takes their seat in a video visit (403 outside its window, or for anyone else). */
  join: async (id: string, body: S['StaffJoinRequest']) =>
    unwrap(await api.POST('/staff/appointments/{id}/join', { ...seg(id), body })),
};

/** What the signed-in roles may do here, by the operation's `x-roles` in the API document. */
export function mayDo(roles: readonly string[], operation: keyof typeof OPERATIONS): boolean {
  const allowed = operationRoles[OPERATIONS[operation]] ?? [];
  return roles.some((r) => allowed.includes(r));
}
const OPERATIONS = {
  readSchedule: 'GET /staff/appointments',
  book: 'POST /staff/appointments',
  setStatus: 'POST /staff/appointments/{id}/status',
  readServices: 'GET /staff/services',
  editServices: 'POST /staff/services',
  readClinicianSchedule: 'GET /staff/schedule/{clinician}',
  editClinicianSchedule: 'PUT /staff/schedule/{clinician}',
  readWaitlist: 'GET /staff/appointments/waitlist',
  setPriority: 'POST /staff/appointments/waitlist/{entry_id}/priority',
  joinVideo: 'POST /staff/appointments/{id}/join',
} as const;

/** The query key prefix of the appointment book's reads. */
export const BOOK = 'staff-appointments';
/** The query key prefix of the waitlist's reads. */
export const WAITLIST = 'staff-waitlist';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

/** `YYYY-MM-DD` of an instant in a zone. */
export function dayIn(zone: string | undefined, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );
}

/** The day after (or `n` days after) a calendar date, as a calendar date. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const at = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + n));
  return at.toISOString().slice(0, 10);
}

/** Monday of the week a calendar date is in. */
export function mondayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const weekday = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

const minutesOf = (hhmm: string) => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};

/** Whether a text is a 24-hour `HH:MM` time. */
export function isTime(text: string): boolean {
  const m = minutesOf(text);
  return Number.isFinite(m) && m < 24 * 60;
}

/** Whether a text names a time zone this browser knows (IANA, `America/New_York`). */
export function isZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zones this browser knows, for a picker (an empty list where it cannot tell). */
export function knownZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  } catch {
    return [];
  }
}

/** An instant as a `datetime-local` value (`2026-12-01T09:00`) on a zone's clock. */
export function isoToWallClock(iso: string, zone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  try {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
        .formatToParts(at)
        .map((p) => [p.type, p.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
  } catch {
    return iso.slice(0, 16);
  }
}
